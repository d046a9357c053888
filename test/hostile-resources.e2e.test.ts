/**
 * Inputs made to exhaust memory or time that the first round of limits missed (issue 18), through
 * the CLI in a child process with a timeout and a memory cap.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCli, type Finished, runCli } from './cli-process.js';
import { tempDir } from './helpers.js';

let cli: ReturnType<typeof compileCli>;
beforeAll(() => {
  cli = compileCli();
});
afterAll(() => cli?.remove());

const chart = '# Team\n\n| Activity | Lead | Dev |\n|---|---|---|\n| Ship the release | A/R | C |\n';

function expectCleanEnd(r: Finished): void {
  expect(r.timedOut, 'timed out').toBe(false);
  expect(r.signal, 'killed by a signal (out of memory?)').toBeNull();
  expect(r.stderr).not.toMatch(
    /internal error|heap out of memory|Maximum call stack|\n\s+at .+:\d+:\d+\)?$/mu,
  );
}

describe('diff of a revision with a huge blob', () => {
  it('never reads a blob above the hard limit: 100 MB with a 200 MB heap', async () => {
    const dir = tempDir('rolemark-blob-');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir });
    git('init', '-q');
    mkdirSync(join(dir, 'content'));
    writeFileSync(join(dir, 'content/team.md'), chart);
    writeFileSync(
      join(dir, 'content/huge.md'),
      `${chart}\n${'Lorem ipsum dolor sit amet. '.repeat(3_800_000)}`,
    );
    git('add', '.');
    git('commit', '-qm', 'huge');
    const r = await runCli(cli.bin, ['diff', 'HEAD'], {
      cwd: dir,
      timeout: 90_000,
      maxOldSpace: 200,
    });
    expectCleanEnd(r);
    expect(r.code, r.stderr).toBeLessThanOrEqual(1);
  });
});
