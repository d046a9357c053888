/**
 * The output folder against a hostile or unlucky workspace, through the CLI in a child process
 * (with a timeout and a memory cap): a read-only previous output, an output restored from a CI
 * cache whose files link to a FIFO or `/dev/zero`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

/** Permissions do not hold for root: the tests that need them run the CLI as `nobody`. */
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function project(): string {
  const dir = tempDir('rolemark-out-');
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content/team.md'), chart);
  chownAll(dir);
  return dir;
}

function chownAll(dir: string): void {
  if (asUser.uid === undefined) return;
  chownSync(dir, asUser.uid, asUser.gid);
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }))
    chownSync(join(dir, f), asUser.uid, asUser.gid);
}

const build = (dir: string, ...args: string[]): Promise<Finished> =>
  runCli(cli.bin, ['build', 'content', '--out', 'out', '--format', 'md,json', ...args], {
    cwd: dir,
    timeout: 60_000,
    maxOldSpace: 512,
    ...asUser,
  });

function expectOneLine(r: Finished): void {
  expect(r.timedOut, 'timed out').toBe(false);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /u);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('a previous output that cannot be replaced', () => {
  it('read-only: refused before the swap, exit 2, out/ intact, and the next build recovers', async () => {
    const dir = project();
    expect((await build(dir)).code).toBe(0);
    chmodSync(join(dir, 'out'), 0o555);
    const before = snapshot(join(dir, 'out'));
    for (let i = 0; i < 2; i++) {
      const r = await build(dir, '--force');
      expectOneLine(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /Cannot replace `out`: its folder `out` is read-only \(EACCES\).*chmod -R u\+w out/u,
      );
      expect(snapshot(join(dir, 'out'))).toEqual(before);
      expect(readdirSync(dir).sort()).toEqual(['content', 'out']);
    }
    chmodSync(join(dir, 'out'), 0o755);
    const r = await build(dir, '--force');
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['content', 'out']);
  });

  it('a read-only parent folder: says so and where, exit 2', async () => {
    const dir = project();
    mkdirSync(join(dir, 'locked'));
    chownAll(dir);
    chmodSync(join(dir, 'locked'), 0o555);
    const r = await runCli(cli.bin, ['build', 'content', '--out', 'locked/out', '--format', 'json'], {
      cwd: dir,
      timeout: 60_000,
      ...asUser,
    });
    expectOneLine(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /Cannot write the output `locked\/out`: permission denied \(EACCES\) at `locked\//u,
    );
  });
});

describe('an output restored from a CI cache, with links in it', () => {
  it.each(['fifo', '/dev/zero'])('an output linked to %s: refused at once, never read', async (target) => {
    const dir = project();
    expect((await build(dir)).code).toBe(0);
    const linked = join(dir, 'out/model.json');
    rmSync(linked);
    if (target === 'fifo') {
      execFileSync('mkfifo', [join(dir, 'pipe')]);
      symlinkSync(join(dir, 'pipe'), linked);
    } else symlinkSync(target, linked);
    const r = await build(dir);
    expectOneLine(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '`model.json` is not a regular file (a symbolic link?), which rolemark never writes',
    );
  });
});
