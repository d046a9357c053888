/**
 * Inputs made to exhaust memory or time that the first round of limits missed (issue 18), through
 * the CLI in a child process with a timeout and a memory cap.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCli, type Finished, runCli, snapshot } from './cli-process.js';
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

/**
 * Inputs that take minutes once whoever runs the build raised the limits: one in the reader
 * (micromark's emphasis resolution is cubic), one in the PDF writer (a word of 64,000 characters).
 */
const RUNAWAYS = {
  reading: {
    config: 'limits:\n  emphasis: 10000000\n  wordLength: 10000000\n',
    text: () => `# Marks\n\n${'*a **a '.repeat(60_000)}b${' a** a*'.repeat(60_000)}\n\n${chart}`,
  },
  rendering: {
    config: 'limits:\n  wordLength: 100000\n',
    text: () => `# Blob\n\nData: ${'QUJD'.repeat(16_000)} end.\n\n${chart}`,
  },
};

describe('SIGTERM on a build that runs away, whatever --jobs says', () => {
  // Before, the main thread read, composed, and with --jobs 1 rendered: a signal handler waits for
  // it, so SIGTERM was answered only by the out-of-memory crash minutes later.
  const cases = Object.keys(RUNAWAYS).flatMap((phase) =>
    [[], ['--jobs', '1']].map((jobs) => ({ phase: phase as keyof typeof RUNAWAYS, jobs })),
  );
  it.each(cases)(
    'while $phase, with $jobs: exit 143, out/ as it was, nothing left beside it',
    async ({ phase, jobs }) => {
      const dir = tempDir('rolemark-runaway-');
      mkdirSync(join(dir, 'content'));
      writeFileSync(join(dir, 'content/team.md'), chart);
      const first = await runCli(cli.bin, ['build', 'content', '--out', 'out', '--format', 'json'], {
        cwd: dir,
      });
      expect(first.code, first.stderr).toBe(0);
      const before = snapshot(join(dir, 'out'));
      writeFileSync(join(dir, 'rolemark.config.yaml'), RUNAWAYS[phase].config);
      writeFileSync(join(dir, 'content/runaway.md'), RUNAWAYS[phase].text());
      let signalled = false;
      const r = await runCli(cli.bin, ['build', 'content', '--out', 'out', '--format', 'pdf,json', ...jobs], {
        cwd: dir,
        // Without the fix this ends only by this timeout (or out of memory, minutes later).
        timeout: 60_000,
        maxOldSpace: 1024,
        started: (child) => {
          // Well into the reading (or the render: the staging folder is made before the first output).
          const wait = () =>
            phase === 'reading' || readdirSync(dir).some((f) => f.includes('rolemark-staging'));
          const poll = setInterval(() => {
            if (!wait()) return;
            clearInterval(poll);
            setTimeout(() => {
              signalled = child.kill('SIGTERM');
            }, 3000);
          }, 20);
          child.on('close', () => clearInterval(poll));
        },
      });
      expect(signalled, 'the signal came before the build ended').toBe(true);
      expectCleanEnd(r);
      expect(r.code, r.stderr).toBe(143);
      expect(r.stderr).toContain('build stopped by SIGTERM; nothing was written, out/ is as it was');
      expect(snapshot(join(dir, 'out'))).toEqual(before);
      expect(readdirSync(dir).sort()).toEqual(['content', 'out', 'rolemark.config.yaml']);
    },
  );
});

describe("slow within the reader's limits", () => {
  it('2,079 roles in tables of 20 columns: the matrix is cut to limits.cells, and the build ends in bounded time and memory', async () => {
    const dir = tempDir('rolemark-roles-');
    mkdirSync(join(dir, 'content'));
    const roles = Array.from({ length: 2079 }, (_, i) => `Role ${i}`);
    let text = `# Roles\n\n## Roles\n${roles.map((r) => `### ${r}\nPurpose of ${r}.\n`).join('\n')}\n## Responsibilities\n\n`;
    for (let t = 0; t * 20 < roles.length; t++) {
      const part = roles.slice(t * 20, (t + 1) * 20);
      text += `### Area ${t}\n\n| Activity | ${part.join(' | ')} |\n|---|${part.map(() => '---').join('|')}|\n`;
      for (let a = 0; a < part.length; a++)
        text += `| Task ${t}.${a} | ${part.map((_, i) => (i === a ? 'A/R' : '')).join(' | ')} |\n`;
      text += '\n';
    }
    writeFileSync(join(dir, 'content/roles.md'), text);
    writeFileSync(join(dir, 'rolemark.config.yaml'), 'rules:\n  input-limit: warning\n');
    // Before the limit, the team charter's DOCX ran out of memory at 4.3 GB after 6 minutes.
    const r = await runCli(
      cli.bin,
      ['build', 'content', '--out', 'out', '--format', 'docx,pdf', '--template', 'team-charter'],
      // Generous: a shared 2-core CI machine; the point is that it ends, within the heap.
      { cwd: dir, timeout: 300_000, maxOldSpace: 1024 },
    );
    expectCleanEnd(r);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Unexpected matrix of 2,079 activities × 2,079 roles');
  }, 360_000);
});
