import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.js';
import { tempDir } from './helpers.js';

describe('--help', () => {
  it('lists every command, with examples', async () => {
    const r = await cli('--help');
    for (const command of ['init', 'build', 'check', 'diff', 'export', 'import', 'rules']) {
      expect(r.stdout).toContain(`rolemark ${command}`);
    }
    expect(r.stdout).toContain('Examples:');
  });

  it.each(['init', 'build', 'check', 'diff', 'export', 'import', 'rules'])(
    '%s --help shows examples',
    async (command) => {
      const r = await cli(command, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Examples:');
    },
  );
});

describe('--version', () => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

  it("prints package.json's version, in-process and from the installed bundle", async () => {
    const r = await cli('--version');
    expect([r.code, r.stdout]).toEqual([0, `${version}\n`]);
    // The bundle has no package.json beside it: yargs alone printed `unknown`.
    const bundled = execFileSync(process.execPath, ['dist/bundle/rolemark.js', '-v'], { encoding: 'utf8' });
    expect(bundled).toBe(`${version}\n`);
  });

  it('the bundle looks for package.json from its own folder, not the current one and its parents', () => {
    const dir = tempDir('rolemark-cwd-');
    const cwd = join(dir, 'content', 'team');
    mkdirSync(cwd, { recursive: true });
    // Records every folder listed (yargs' search for its host's package.json lists each one).
    const listed = join(dir, 'listed.txt');
    const hook = join(dir, 'hook.cjs');
    writeFileSync(
      hook,
      [
        "const fs = require('node:fs');",
        'const list = fs.readdirSync;',
        `fs.readdirSync = function (p, ...rest) { fs.appendFileSync(${JSON.stringify(listed)}, String(p) + '\\n'); return list.call(this, p, ...rest); };`,
      ].join('\n'),
    );
    writeFileSync(listed, '');
    const bin = resolve('dist/bundle/rolemark.js');
    const out = execFileSync(process.execPath, ['--require', hook, bin, '-v'], { cwd, encoding: 'utf8' });
    expect(out).toBe(`${version}\n`);
    const folders = readFileSync(listed, 'utf8').split('\n').filter(Boolean);
    // Before: the current folder, each of its parents up to the root (in /tmp, all of /tmp's entries).
    expect(folders.filter((f) => !`${f}${sep}`.startsWith(`${resolve('.')}${sep}`))).toEqual([]);
  });
});
