import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.js';

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
});
