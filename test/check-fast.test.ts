import { describe, expect, it } from 'vitest';
import { fastCheck, plainCheckArgs } from '../src/cli/check-fast.js';
import { CHECK_OPTIONS } from '../src/cli/commands/check.js';
import { captured, cli } from './cli-helpers.js';

/** `fastCheck` with what it prints captured, as `cli` does for the full CLI. */
const fast = (...argv: string[]) => captured((io) => fastCheck(argv, io));

describe('rolemark check without yargs (the fast path)', () => {
  it('reads a plain command line as yargs does', () => {
    const plain = { quiet: false, fix: false };
    expect(plainCheckArgs([])).toEqual({ inputs: [], format: 'pretty', maxWarnings: '-1', ...plain });
    expect(
      plainCheckArgs(['a.md', '-r', 'json', 'teams', '--max-warnings', '0', '-c', 'x.yaml', '--no-color']),
    ).toEqual({
      inputs: ['a.md', 'teams'],
      format: 'json',
      maxWarnings: '0',
      config: 'x.yaml',
      color: false,
      ...plain,
    });
    expect(plainCheckArgs(['-f', 'sarif', '-q'])).toMatchObject({ format: 'sarif', quiet: true });
    expect(plainCheckArgs(['--reporter=github', '--color'])).toMatchObject({
      format: 'github',
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
      ['-r', 'json', '--format', 'plain'],
      ['--fix'],
      ['-o', 'report.txt'],
      ['--stdin-filename', 'x.md'],
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
      ['test/fixtures/rules', '-f', 'sarif', '-q'],
      ['test/fixtures/rules', '--format', 'junit'],
      ['test/fixtures/errors', '--reporter', 'unix', '--no-color'],
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

describe('the fast path reads check’s own option list (CHECK_OPTIONS)', () => {
  const VALUES: Record<string, string> = { format: 'json', 'max-warnings': '3', config: 'x.yaml' };
  for (const [name, option] of Object.entries(CHECK_OPTIONS)) {
    const spellings = [name, ...[option.alias ?? []].flat()].map((s) =>
      s.length === 1 ? `-${s}` : `--${s}`,
    );
    for (const flag of spellings) {
      const argv = option.type === 'boolean' ? [flag] : [flag, VALUES[name] ?? 'x'];
      it(`${option.fast === false ? 'leaves to yargs' : 'takes'} ${argv.join(' ')}`, () => {
        if (option.fast === false) expect(plainCheckArgs(argv)).toBeUndefined();
        else expect(plainCheckArgs(argv)).toBeDefined();
      });
    }
  }
});
