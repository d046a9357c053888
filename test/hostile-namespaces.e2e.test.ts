/**
 * Two builds into one workspace from two PID namespaces (two containers sharing a volume), for
 * real, with `unshare` (root only; skipped elsewhere). A process id means nothing across them:
 * before the lock and leases (issue 18), the second build took the first's staging folder for a
 * dead build's (`kill(pid, 0)` in its own namespace: no such process) and deleted it mid-build;
 * the first recreated folders, exited 0, and out/ lacked files that model.json listed.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCli } from './cli-process.js';
import { tempDir } from './helpers.js';

/** Whether this process may make PID namespaces (root, and `unshare` installed). */
const canUnshare = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('unshare', ['-p', '-f', '--mount-proc', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let cli: ReturnType<typeof compileCli>;
beforeAll(() => {
  if (canUnshare) cli = compileCli();
});
afterAll(() => cli?.remove());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The process id the build had in its own namespace. */
  pid: string;
}

/**
 * `rolemark build` as the only program of a new PID namespace (with its own /proc), after `spawned`
 * other processes there, so that the two builds have different ids, each unknown to the other.
 */
function buildInNamespace(cwd: string, spawned: number, args: string[]): Promise<Run> {
  const before = Array.from({ length: spawned }, () => '/bin/true;').join(' ');
  const script = `${before} "$0" "$@" & echo "pid $!" >&2; wait $!`;
  const child = spawn(
    'unshare',
    ['-p', '-f', '--mount-proc', 'sh', '-c', script, process.execPath, cli.bin, 'build', ...args],
    { cwd, env: { ...process.env, NO_COLOR: '1', CI: '1', SOURCE_DATE_EPOCH: '1780000000' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
  return new Promise((done) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, pid: /pid (\d+)/u.exec(stderr)?.[1] ?? '' });
    }),
  );
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.skipIf(!canUnshare)('two builds in two PID namespaces, one workspace', () => {
  it("neither deletes the other's staging folder; both exit 0 and out/ is complete", async () => {
    const dir = tempDir('rolemark-ns-');
    // Enough roles that each build renders for several seconds: the second starts mid-way.
    const roles = Array.from({ length: 10 }, (_, i) => `Role ${i + 1}`);
    const rows = roles.map(
      (_, r) =>
        `| Task ${r + 1} | ${roles.map((_, i) => (i === r ? 'A/R' : i % 4 === r % 4 ? 'C' : '')).join(' | ')} |`,
    );
    mkdirSync(join(dir, 'content'));
    writeFileSync(
      join(dir, 'content/team.md'),
      `# Team\n\n| Activity | ${roles.join(' | ')} |\n|---|${roles.map(() => '---').join('|')}|\n${rows.join('\n')}\n`,
    );
    const args = ['content', '--out', 'out', '--force', '--format', 'pdf,docx,json'];
    const first = buildInNamespace(dir, 0, args);
    // The second starts once the first is writing its staging folder.
    const staged = () => readdirSync(dir).some((f) => f.includes('rolemark-staging'));
    for (let waited = 0; !staged() && waited < 120_000; waited += 20) await sleep(20);
    expect(staged(), 'the first build made its staging folder').toBe(true);
    const second = buildInNamespace(dir, 5, args);
    const [a, b] = await Promise.all([first, second]);
    // Different ids, each unknown in the other's namespace: `kill(pid, 0)` would say "gone".
    expect(a.pid).not.toBe(b.pid);
    for (const r of [a, b]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Built 23 files into out\//mu);
    }
    // out/ holds every file model.json lists, and the manifest lists exactly what out/ holds.
    const model = JSON.parse(readFileSync(join(dir, 'out/model.json'), 'utf8'));
    const listed = model.outputs.map((o: { path: string }) => o.path) as string[];
    expect(listed).toHaveLength(22);
    for (const path of listed) expect(existsSync(join(dir, 'out', path)), path).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'out/.rolemark-cache.json'), 'utf8'));
    expect(Object.keys(manifest.outputs).sort()).toEqual([...listed, 'model.json'].sort());
    // Nothing left beside out/: each build removed its own staging folder and the lock.
    expect(readdirSync(dir).sort()).toEqual(['content', 'out']);
  }, 300_000);
});
