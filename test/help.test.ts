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
