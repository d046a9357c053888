/**
 * Outputs that cannot be half-written: a failed or aborted build leaves the previous output as it
 * was, the next build cleans up after a killed one, and rolemark never writes outside `--out` nor
 * replaces a folder it did not write. Builds killed by real signals: hostile-process.e2e.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RolemarkError } from '../src/errors.js';
import { assertOutputPath, assertSafeOutDir } from '../src/output-paths.js';
import { abandonOutput, recoverOutput, writeAtomically } from '../src/outputs.js';
import { NAMESPACE } from '../src/workflow/lock.js';
import { cli } from './cli-helpers.js';
import { snapshot } from './cli-process.js';
import { tempDir } from './helpers.js';

async function* filesOf(list: [string, string][], fail?: { after: number; error: Error }) {
  let n = 0;
  for (const [path, data] of list) {
    if (fail && n++ === fail.after) throw fail.error;
    yield { path, data };
  }
}

/** A folder holding a previous output (with the marker a build writes), and its parent. */
function previousOutput(): { parent: string; out: string; before: Record<string, string> } {
  const parent = tempDir();
  const out = join(parent, 'out');
  writeOutput(out, { 'roles/lead.pdf': 'previous lead', 'model.json': '{"previous":true}' });
  return { parent, out, before: snapshot(out) };
}

/** An output folder as a build leaves it: its files, and the manifest that lists them. */
function writeOutput(out: string, files: Record<string, string>): void {
  const outputs: Record<string, { key: string; sha256: string }> = {};
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), data);
    outputs[path] = { key: 'k', sha256: createHash('sha256').update(data).digest('hex') };
  }
  writeFileSync(join(out, '.rolemark-cache.json'), JSON.stringify({ version: 1, outputs }));
}

const MARKER = { marker: '.rolemark-cache.json' };

describe('writeAtomically', () => {
  it('swaps the new output in whole, and leaves nothing beside it', async () => {
    const { parent, out } = previousOutput();
    await writeAtomically(
      out,
      filesOf([
        ['roles/dev.pdf', 'dev'],
        ['.rolemark-cache.json', '{}'],
      ]),
      MARKER,
    );
    expect(Object.keys(snapshot(out))).toEqual(['.rolemark-cache.json', 'roles/dev.pdf']);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('leaves the previous output untouched when an exception stops the build half-way', async () => {
    const { parent, out, before } = previousOutput();
    const files = filesOf(
      [
        ['roles/dev.pdf', 'dev'],
        ['roles/qa.pdf', 'qa'],
        ['model.json', '{}'],
      ],
      { after: 2, error: new Error('the writer crashed') },
    );
    await expect(writeAtomically(out, files, MARKER)).rejects.toThrow('the writer crashed');
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('stops between two files when its signal is aborted, leaving the previous output', async () => {
    const { parent, out, before } = previousOutput();
    const stop = new AbortController();
    async function* slow() {
      yield { path: 'roles/dev.pdf', data: 'dev' };
      stop.abort(new RolemarkError('stopped', 130));
      yield { path: 'roles/qa.pdf', data: 'qa' };
    }
    await expect(writeAtomically(out, slow(), { ...MARKER, signal: stop.signal })).rejects.toThrow('stopped');
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it.each([
    '../escape.pdf',
    'roles/../../escape.pdf',
    '/etc/passwd',
    'C:/Windows/x.pdf',
    'roles\\x.pdf',
    'roles//x.pdf',
    './x.pdf',
    'roles/CON.pdf',
    'aux',
    'nul.txt/x.pdf',
    'x.pdf.',
    'roles/a\u0000b.pdf',
    '',
  ])('refuses the output path %j, writing nothing', async (path) => {
    expect(() => assertOutputPath(path)).toThrow(RolemarkError);
    const { parent, out, before } = previousOutput();
    await expect(writeAtomically(out, filesOf([[path, 'x']]), MARKER)).rejects.toThrow(
      'Unexpected output path',
    );
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('refuses two outputs that are one file where case or accents are ignored', async () => {
    const { out, before } = previousOutput();
    const files = filesOf([
      ['roles/zoe.pdf', 'a'],
      ['roles/ZOE.pdf', 'b'],
    ]);
    await expect(writeAtomically(out, files, MARKER)).rejects.toThrow('the same file');
    expect(snapshot(out)).toEqual(before);
    const nfc = filesOf([
      ['roles/zo\u00eb.pdf', 'a'],
      ['roles/zoe\u0308.pdf', 'b'],
    ]);
    await expect(writeAtomically(out, nfc)).rejects.toThrow('the same file');
  });

  it('refuses to replace a folder rolemark did not write, or a file', async () => {
    const parent = tempDir();
    const docs = join(parent, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'handbook.md'), 'hand-written');
    await expect(writeAtomically(docs, filesOf([['a.pdf', 'x']]), MARKER)).rejects.toThrow(
      'it holds files rolemark did not write',
    );
    expect(readFileSync(join(docs, 'handbook.md'), 'utf8')).toBe('hand-written');
    const file = join(parent, 'out.pdf');
    writeFileSync(file, 'a file');
    await expect(writeAtomically(file, filesOf([['a.pdf', 'x']]), MARKER)).rejects.toThrow('it is a file');
    expect(readFileSync(file, 'utf8')).toBe('a file');
    expect(readdirSync(parent).sort()).toEqual(['docs', 'out.pdf']);
  });

  it('replaces an empty folder, or one with only placeholders such as .gitkeep', async () => {
    const parent = tempDir();
    mkdirSync(join(parent, 'empty'));
    mkdirSync(join(parent, 'kept'));
    writeFileSync(join(parent, 'kept/.gitkeep'), '');
    for (const name of ['empty', 'kept']) {
      await writeAtomically(join(parent, name), filesOf([['a.pdf', 'x']]), MARKER);
      expect(readdirSync(join(parent, name))).toEqual(['a.pdf']);
    }
  });
});

/** The pid of a process that has ended: its leftovers are a dead build's. */
function deadPid(): number {
  return Number(
    execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }),
  );
}

describe('recoverOutput: after a build was killed', () => {
  it('puts back the previous output a build killed between its two renames left, and removes its staging', async () => {
    const parent = tempDir();
    const pid = deadPid();
    const previous = join(parent, `.out.rolemark-previous-${pid}-m0-${NAMESPACE}`);
    mkdirSync(join(previous, 'roles'), { recursive: true });
    writeFileSync(join(previous, 'roles/lead.pdf'), 'previous');
    mkdirSync(join(parent, `.out.rolemark-staging-${pid}-m0-${NAMESPACE}`));
    mkdirSync(join(parent, `.out.rolemark-staging-${pid}-m1-${NAMESPACE}`));
    const done = await recoverOutput(join(parent, 'out'));
    expect(done).toHaveLength(3);
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readFileSync(join(parent, 'out/roles/lead.pdf'), 'utf8')).toBe('previous');
  });

  it('leaves alone the folders of a build that is still running, and of other output folders', async () => {
    const parent = tempDir();
    const running = `.out.rolemark-staging-${process.pid}-m0-${NAMESPACE}`;
    const other = `.dist.rolemark-staging-${deadPid()}-m0-${NAMESPACE}`;
    mkdirSync(join(parent, running));
    mkdirSync(join(parent, other));
    expect(await recoverOutput(join(parent, 'out'))).toEqual([]);
    expect(readdirSync(parent).sort()).toEqual([running, other].sort());
  });
});

describe('abandonOutput: a build thread ended wherever it was', () => {
  const ours = (kind: string, parent: string, time: string) =>
    join(parent, `.out.rolemark-${kind}-${process.pid}-${time}-${NAMESPACE}`);

  it('undoes a swap cut between its two renames: the previous output becomes out again', () => {
    const parent = tempDir();
    mkdirSync(join(ours('previous', parent, 'm0'), 'roles'), { recursive: true });
    writeFileSync(join(ours('previous', parent, 'm0'), 'roles/lead.pdf'), 'previous');
    mkdirSync(ours('staging', parent, 'm0'));
    writeFileSync(join(ours('staging', parent, 'm0'), 'half.pdf'), 'new');
    writeFileSync(join(parent, '.out.rolemark-lock'), JSON.stringify({ pid: process.pid, ns: NAMESPACE }));
    abandonOutput(join(parent, 'out'));
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readFileSync(join(parent, 'out/roles/lead.pdf'), 'utf8')).toBe('previous');
  });

  it('after a finished swap, removes the previous output and keeps out; leaves other builds alone', () => {
    const parent = tempDir();
    mkdirSync(join(parent, 'out'));
    writeFileSync(join(parent, 'out/new.pdf'), 'new');
    mkdirSync(ours('previous', parent, 'm0'));
    const other = `.out.rolemark-staging-${process.pid}-m0-00000000`;
    mkdirSync(join(parent, other));
    abandonOutput(join(parent, 'out'));
    expect(readdirSync(parent).sort()).toEqual([other, 'out']);
    expect(readFileSync(join(parent, 'out/new.pdf'), 'utf8')).toBe('new');
  });
});

describe('assertSafeOutDir', () => {
  it.each([
    ['/', 'the root of the file system'],
    [homedir(), 'your home folder'],
    ['.', 'the current folder'],
    ['..', 'it holds the current folder'],
    ['content', 'it holds the input'],
    ['content/out', 'it is inside the input'],
    ['test', 'it holds the input'],
  ])('refuses %s (%s)', (out, why) => {
    expect(() => assertSafeOutDir(out, ['content', 'test/fixtures/hostile/names'])).toThrow(why);
  });

  it('sees through symbolic links', () => {
    const dir = tempDir();
    symlinkSync(homedir(), join(dir, 'home-link'));
    expect(() => assertSafeOutDir(join(dir, 'home-link'), [])).toThrow('your home folder');
    symlinkSync(join(process.cwd(), 'content'), join(dir, 'content-link'));
    expect(() => assertSafeOutDir(join(dir, 'content-link'), ['content'])).toThrow('holds the input');
    expect(() => assertSafeOutDir(join(dir, 'out'), ['content'])).not.toThrow();
  });

  it('is what `rolemark build` checks, with exit code 2 and one line', async () => {
    for (const out of ['/', homedir(), '..', 'content']) {
      const r = await cli('build', 'content', '--out', out, '--format', 'json');
      expect(r.code, out).toBe(2);
      expect(r.stderr.trim().split('\n'), out).toHaveLength(1);
      expect(r.stderr).toContain('Refusing to build into');
    }
  });
});
