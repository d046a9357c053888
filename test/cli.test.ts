import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const ERRORS = 'test/fixtures/errors/two-accountable.md';

describe('rolemark check', () => {
  it('exits 0 on the example content, with nothing to report', async () => {
    const r = await cli('check', 'content');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ No problems (1 file checked)\n');
    expect(r.stderr).toBe('');
  });

  it('--reporter plain prints file:line:col  severity  message  rule-id and exits 1 on errors', async () => {
    const r = await cli('check', ERRORS, '--reporter', 'plain');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      `${ERRORS}:10:1  error  Unexpected 2 accountable roles (Developer, Tester) on "Ship the release", expected exactly 1  accountable-multiple`,
      `${ERRORS}:11:1  error  Missing accountable role (A) on "Test the release", expected exactly 1  accountable-missing`,
      `${ERRORS}:12:1  error  Missing accountable role (A) on "Write the docs", expected exactly 1  accountable-missing`,
      `${ERRORS}:12:20  error  Unexpected \`Q\` for Developer on "Write the docs", expected one of R, A, C, I (RACI)  unknown-code`,
    ]);
  });

  it('exits 2 with a clear message when an input cannot be read', async () => {
    const r = await cli('check', 'no/such/file.md');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rolemark: Cannot read input `no/such/file.md`: no such file or folder\n');
  });

  it('exits 2 on bad usage', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('check', '--no-such-flag')).code).toBe(2);
    expect((await cli()).code).toBe(2);
  });

  it('prints help and version', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('rolemark build');
    const version = await cli('--version');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('rolemark build', () => {
  it('writes only the formats asked for', async () => {
    const out = join(tempDir(), 'out');
    const r = await cli('build', 'content', '--out', out, '--format', 'md,json');
    expect(r.code).toBe(0);
    // The build cache's manifest is a dot file beside them.
    expect(readdirSync(out).sort()).toEqual(['.rolemark-cache.json', 'matrix.md', 'model.json']);
  });

  it('rejects an unknown format with exit 2', async () => {
    const r = await cli('build', 'content', '--out', join(tempDir(), 'out'), '--format', 'pdf,html');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown format html');
  });

  it('fails on errors without touching the previous output, and leaves no staging folder', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    mkdirSync(out);
    // A previous build's output (its manifest says rolemark wrote it; another folder is refused
    // before anything else: test/build-out-early.test.ts).
    writeFileSync(join(out, '.rolemark-cache.json'), '{}');
    writeFileSync(join(out, 'previous.txt'), 'good');
    const r = await cli('build', ERRORS, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Build failed: 4 errors');
    expect(readFileSync(join(out, 'previous.txt'), 'utf8')).toBe('good');
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('replaces the previous output whole on success', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    // A previous build's output, with a file the next build does not write (test/outputs.test.ts
    // and test/hostile-outputs.test.ts have the folders a build refuses to replace).
    expect((await cli('build', 'content', '--out', out, '--format', 'json,md')).code).toBe(0);
    expect(existsSync(join(out, 'matrix.md'))).toBe(true);
    const r = await cli('build', 'content', '--out', out, '--format', 'json');
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'matrix.md'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('refuses to build into the content folder or the current folder', async () => {
    expect((await cli('build', 'content', '--out', 'content')).code).toBe(2);
    expect((await cli('build', 'content', '--out', '.')).code).toBe(2);
  });
});
