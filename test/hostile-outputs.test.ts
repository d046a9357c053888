/**
 * The output folder against what an unlucky or hostile setup does to it (issue 18): a planted
 * marker, a build in another container sharing the workspace, a staging folder removed mid-build,
 * a format list with nothing in it, an `out` restored from a CI cache with links in it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/build.js';
import { loadText } from '../src/index.js';
import { recoverOutput, writeAtomically } from '../src/outputs.js';
import { checkOutput } from '../src/workflow/cache.js';
import { NAMESPACE, STAGING_LEASE_MS, withLock } from '../src/workflow/lock.js';
import { cli } from './cli-helpers.js';
import { snapshot } from './cli-process.js';
import { tempDir } from './helpers.js';

const MARKER = { marker: '.rolemark-cache.json' };
const hash = (data: string) => createHash('sha256').update(data).digest('hex');

async function* filesOf(list: [string, string][], between?: (i: number) => void) {
  for (const [i, [path, data]] of list.entries()) {
    between?.(i);
    yield { path, data };
  }
  between?.(list.length);
}

/** An output folder as a build leaves it, with `manifest` its manifest (every file by default). */
function output(out: string, files: Record<string, string>, manifest?: string): Record<string, string> {
  const outputs: Record<string, { key: string; sha256: string }> = {};
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), data);
    outputs[path] = { key: 'k', sha256: hash(data) };
  }
  writeFileSync(join(out, '.rolemark-cache.json'), manifest ?? JSON.stringify({ version: 1, outputs }));
  return snapshot(out);
}

const deadPid = () =>
  Number(
    execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }),
  );

describe('a marker must prove that rolemark wrote the folder', () => {
  const docs = () => join(tempDir(), 'docs');

  it('refuses a planted `{}` marker: the README stays', async () => {
    const out = docs();
    mkdirSync(out);
    writeFileSync(join(out, 'README.md'), 'hand-written');
    writeFileSync(join(out, '.rolemark-cache.json'), '{}');
    await expect(writeAtomically(out, filesOf([['a.pdf', 'x']]), MARKER)).rejects.toThrow(
      'its .rolemark-cache.json is not a manifest rolemark wrote',
    );
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('hand-written');
  });

  it.each([
    [
      'a file the manifest does not list',
      (out: string) => writeFileSync(join(out, 'README.md'), 'mine'),
      'it holds `README.md`, which its .rolemark-cache.json does not list',
    ],
    [
      'an output edited by hand',
      (out: string) => writeFileSync(join(out, 'team.md'), 'edited'),
      '`team.md` changed since rolemark wrote it',
    ],
    [
      'a folder the manifest does not list',
      (out: string) => mkdirSync(join(out, 'notes')),
      'it holds a folder `notes`',
    ],
    [
      'a symbolic link in place of an output',
      (out: string) => {
        rmSync(join(out, 'team.md'));
        symlinkSync('/dev/zero', join(out, 'team.md'));
      },
      '`team.md` is not a regular file',
    ],
  ])('refuses a folder with %s', async (_what, change, message) => {
    const out = docs();
    output(out, { 'team.md': 'team', 'roles/lead.pdf': 'lead' });
    change(out);
    const before = snapshot(out);
    await expect(writeAtomically(out, filesOf([['a.pdf', 'x']]), MARKER)).rejects.toThrow(message);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(dirname(out))).toEqual(['docs']);
  });

  it('replaces a folder whose manifest lists what it holds (an output deleted by hand is no loss)', async () => {
    const out = docs();
    output(out, { 'team.md': 'team', 'roles/lead.pdf': 'lead' });
    writeFileSync(join(out, '.gitkeep'), '');
    rmSync(join(out, 'roles/lead.pdf'));
    await writeAtomically(out, filesOf([['a.pdf', 'x']]), MARKER);
    expect(readdirSync(out)).toEqual(['a.pdf']);
  });

  it('a file deleted by hand: the folder is still ours, the build says which file and writes it again', async () => {
    const out = docs();
    const first = await cli('build', 'content', '--out', out, '--format', 'md,json');
    expect(first.code, first.stderr).toBe(0);
    const before = snapshot(out);
    rmSync(join(out, 'matrix.md'));
    expect(await checkOutput(out)).toEqual({ refused: null, missing: ['matrix.md'] });
    const again = await cli('build', 'content', '--out', out, '--format', 'md,json');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(
      `rolemark: ${out}/ lacks a file its .rolemark-cache.json lists (\`matrix.md\`), deleted since the last build`,
    );
    expect(snapshot(out)).toEqual(before);
  });

  it('a file deleted by hand and one added: refused, and what was added stays', async () => {
    const out = docs();
    output(out, { 'team.md': 'team', 'roles/lead.pdf': 'lead' });
    rmSync(join(out, 'roles/lead.pdf'));
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const before = snapshot(out);
    const r = await cli('build', 'content', '--out', out, '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it holds `notes.txt`, which its .rolemark-cache.json does not list');
    expect(snapshot(out)).toEqual(before);
  });

  it('`rolemark build --out docs` leaves a folder with a planted marker as it was, exit 2', async () => {
    const out = docs();
    mkdirSync(out);
    writeFileSync(join(out, 'README.md'), 'hand-written');
    writeFileSync(join(out, '.rolemark-cache.json'), '{}');
    const r = await cli('build', 'content', '--out', out, '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Refusing to build into');
    expect(readdirSync(out).sort()).toEqual(['.rolemark-cache.json', 'README.md']);
  });
});

describe('builds sharing a workspace from other PID namespaces or hosts', () => {
  it('never removes a staging folder of another namespace while its lease runs, whatever its pid', async () => {
    const parent = tempDir();
    // Another container's build: its pid means nothing here (here it is a dead process's).
    const foreign = `.out.rolemark-staging-${deadPid()}-m0-0badc0de`;
    mkdirSync(join(parent, foreign, 'roles'), { recursive: true });
    writeFileSync(join(parent, foreign, 'roles/lead.pdf'), 'theirs');
    expect(await recoverOutput(join(parent, 'out'))).toEqual([]);
    await writeAtomically(join(parent, 'out'), filesOf([['a.pdf', 'x']]), MARKER);
    expect(readFileSync(join(parent, foreign, 'roles/lead.pdf'), 'utf8')).toBe('theirs');
    // Its lease ran out: it is a dead build's, and goes.
    const old = new Date(Date.now() - STAGING_LEASE_MS - 60_000);
    utimesSync(join(parent, foreign), old, old);
    expect(await recoverOutput(join(parent, 'out'))).toEqual([`removed ${foreign}`]);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('removes at once the leftovers of a dead build of its own namespace', async () => {
    const parent = tempDir();
    const mine = `.out.rolemark-staging-${deadPid()}-m0-${NAMESPACE}`;
    mkdirSync(join(parent, mine));
    expect(await recoverOutput(join(parent, 'out'))).toEqual([`removed ${mine}`]);
  });

  it.each([
    // `roles/` is made again for `roles/b.pdf`: only the check before the swap sees the loss.
    [1, /changed while the build wrote it \(`roles\/a.pdf` is missing\)/u],
    [2, /a file or folder went missing \(ENOENT\) at `\/.*staging.*model.json`; nothing was written/u],
    [3, /changed while the build wrote it \(`.` is gone\)/u],
  ])(
    'never swaps in a staging folder another process removed mid-build (after file %d): out/ stays, exit code 2',
    async (at, message) => {
      const parent = tempDir();
      const out = join(parent, 'out');
      const before = output(out, { 'model.json': '{}' });
      const files = filesOf(
        [
          ['roles/a.pdf', 'a'],
          ['roles/b.pdf', 'b'],
          ['model.json', '{"new":true}'],
        ],
        (i) => {
          // What a build in another container did to it, before the lock and leases.
          if (i !== at) return;
          const staging = readdirSync(parent).find((f) => f.includes('staging')) as string;
          rmSync(join(parent, staging), { recursive: true, force: true });
        },
      );
      const error = await writeAtomically(out, files, MARKER).catch((e: unknown) => e);
      expect(error).toMatchObject({ exitCode: 2 });
      expect(String(error)).toMatch(message);
      expect(snapshot(out)).toEqual(before);
      expect(readdirSync(parent)).toEqual(['out']);
    },
  );

  it('takes turns on the lock file; takes over a lock whose lease ran out', async () => {
    const lock = join(tempDir(), '.out.rolemark-lock');
    const order: string[] = [];
    let release: () => void = () => {};
    const first = withLock(lock, async () => {
      order.push('first in');
      await new Promise<void>((done) => {
        release = done;
      });
      order.push('first out');
    });
    await new Promise((done) => setTimeout(done, 50));
    const second = withLock(lock, async () => {
      order.push('second');
    });
    await new Promise((done) => setTimeout(done, 100));
    expect(order).toEqual(['first in']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second']);
    expect(existsSync(lock)).toBe(false);
    // A lock left by a build in another container that died: fresh, it is waited for...
    writeFileSync(lock, JSON.stringify({ pid: 1, ns: 'ffffffff', host: 'elsewhere' }));
    await expect(withLock(lock, async () => 'x', 200)).rejects.toThrow(
      'Another build is writing the same output folder (process 1 on elsewhere)',
    );
    // ...and once its lease ran out, taken over.
    const old = new Date(Date.now() - 120_000);
    utimesSync(lock, old, old);
    expect(await withLock(lock, async () => 'taken', 200)).toBe('taken');
  });
});

describe('formats', () => {
  it.each([[''], [','], ['pdf,html']])('refuses --format %j, leaving out/ as it was', async (format) => {
    const out = join(tempDir(), 'out');
    const before = output(out, { 'model.json': '{}' });
    const r = await cli('build', 'content', '--out', out, '--format', format);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/format/u);
    expect(snapshot(out)).toEqual(before);
  });

  it('refuses an empty or unknown list through the API too', async () => {
    const model = loadText([{ file: 'team.md', text: '| Activity | Lead |\n|---|---|\n| Ship | A/R |\n' }]);
    const out = join(tempDir(), 'out');
    await expect(buildModel(model, { out, formats: [] })).rejects.toThrow('No format to build');
    await expect(buildModel(model, { out, formats: ['html' as 'pdf'] })).rejects.toThrow(
      'Unknown format `html` to build',
    );
    expect(existsSync(out)).toBe(false);
  });
});
