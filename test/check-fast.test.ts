import { describe, expect, it } from 'vitest';
import { fastCheck, plainCheckArgs } from '../src/cli/check-fast.js';
import { cli } from './cli-helpers.js';

/** `fastCheck` with what it prints captured, as `cli` does for the full CLI. */
async function fast(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await fastCheck(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describe('rolemark check without yargs (the fast path)', () => {
  it('reads a plain command line as yargs does', () => {
    expect(plainCheckArgs([])).toEqual({ inputs: [], reporter: 'pretty', 'max-warnings': -1 });
    expect(
      plainCheckArgs(['a.md', '-r', 'json', 'teams', '--max-warnings', '0', '-c', 'x.yaml', '--no-color']),
    ).toEqual({
      inputs: ['a.md', 'teams'],
      reporter: 'json',
      'max-warnings': 0,
      config: 'x.yaml',
      color: false,
    });
    expect(plainCheckArgs(['--reporter=github', '--color'])).toMatchObject({
      reporter: 'github',
      color: true,
    });
  });

  it('leaves everything else to yargs: help, unknown, repeated or invalid options, `--`', () => {
    for (const argv of [
      ['--help'],
      ['-h'],
      ['--version'],
      ['--bogus'],
      ['-r', 'nope'],
      ['-r', 'json', '-r', 'plain'],
      ['--color', '--no-color'],
      ['--max-warnings', 'ten'],
      ['--max-warnings', '0x10'],
      ['--maxWarnings', '3'],
      ['--max-warnings', '-2'],
      ['--config='],
      ['--', '-file.md'],
      ['-'],
    ]) {
      expect(plainCheckArgs(argv), argv.join(' ')).toBeUndefined();
    }
  });

  it('prints and exits exactly as the full CLI does', async () => {
    for (const argv of [
      ['content'],
      ['content', '--reporter', 'json'],
      ['content', '-r', 'plain', '--no-color'],
      ['test/fixtures/rules', '--reporter', 'plain', '--no-color'],
      ['test/fixtures/rules', '-r', 'json', '--max-warnings', '0'],
      ['test/fixtures/errors', '-r', 'github'],
      ['no-such-folder'],
      ['content', '--max-warnings=-2'],
      ['content', '-c', 'no-such-config.yaml'],
    ]) {
      const ours = await fast(...argv);
      expect(ours.code, argv.join(' ')).not.toBeUndefined();
      expect(ours, argv.join(' ')).toEqual(await cli('check', ...argv));
    }
  });

  it('returns undefined, printing nothing, for what it leaves to yargs', async () => {
    expect(await fast('--bogus')).toEqual({ code: undefined, stdout: '', stderr: '' });
  });
});
