import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { RolemarkError } from '../src/errors.js';
import * as optionsModule from '../src/options.js';
import { type Options, resolveOptions } from '../src/options.js';
import { cli } from './cli-helpers.js';

/**
 * One resolveOptions for every command (issue 17): the command line over the configuration over
 * the defaults, the same for check, build, export, fmt, explain, diff and templates.
 */

const CONFIG = [
  'content: [teams]',
  'out: dist',
  'ignores: [teams/draft.md]',
  'lang: fr',
  'theme: print-mono',
  'rules:',
  '  role-overloaded: off',
  '  accountable-missing: error',
  '  too-many-responsible: { severity: info, max: 2 }',
  '',
].join('\n');

// Ship has no A (accountable-missing, an error by the configuration); draft.md is ignored.
const TEAM = '# Team\n\n| Activity | Dev | Ops |\n|---|---|---|\n| Ship | R | R |\n| Run | A | R |\n';
const DRAFT = '# Draft\n\n| Activity | Dev |\n|---|---|\n| Plan | R |\n';

let dir: string;
const cwd = process.cwd();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rolemark-options-'));
  mkdirSync(join(dir, 'teams'));
  mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
  mkdirSync(join(dir, 'templates'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'rolemark.config.yaml'), CONFIG);
  writeFileSync(join(dir, 'teams', 'team.md'), TEAM);
  writeFileSync(join(dir, 'teams', 'draft.md'), DRAFT);
  writeFileSync(
    join(dir, 'templates', 'one-pager.md'),
    '---\nper: document\ndescription: The project’s own\n---\n# {{document.title}}\n',
  );
});

afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  process.chdir(cwd);
  vi.restoreAllMocks();
});

describe('resolveOptions', () => {
  it('takes the command line over the configuration over the defaults', async () => {
    process.chdir(dir);
    const config = await loadConfig();
    const none = resolveOptions({}, config);
    expect(none).toMatchObject({
      inputs: ['teams'],
      inputsDefaulted: true,
      inputsFrom: 'configuration',
      out: 'dist',
      ignores: ['teams/draft.md'],
      lang: 'fr',
      theme: 'print-mono',
      templateRoot: resolve(dir),
      root: resolve(dir),
      rules: {
        'role-overloaded': { severity: 'off' },
        'accountable-missing': { severity: 'error' },
        'too-many-responsible': { severity: 'info', options: { max: 2 } },
      },
    });
    const flags = resolveOptions(
      {
        inputs: ['teams/team.md'],
        out: 'elsewhere',
        lang: 'de',
        theme: 'default',
        template: ['handout,role-charter'],
        rule: [
          'accountable-missing=warning',
          'role-overloaded=info,unknown-role=off',
          'too-many-responsible=error',
        ],
      },
      config,
    );
    expect(flags).toMatchObject({
      inputs: ['teams/team.md'],
      inputsDefaulted: false,
      inputsFrom: 'command line',
      out: 'elsewhere',
      lang: 'de',
      theme: 'default',
      templates: ['handout', 'role-charter'],
      rules: {
        'accountable-missing': { severity: 'warning' },
        'role-overloaded': { severity: 'info' },
        'unknown-role': { severity: 'off' },
        // A severity on the command line keeps the configuration's options.
        'too-many-responsible': { severity: 'error', options: { max: 2 } },
      },
    });
    // The configuration itself is left as it was read.
    expect(config.rules['accountable-missing']).toEqual({ severity: 'error' });
  });

  it('with no configuration: content/, out/, the current folder', () => {
    const options = resolveOptions({}, { file: null, load: {}, rules: {}, diagnostics: [] }, '/w');
    expect(options).toMatchObject({
      inputs: ['content'],
      inputsFrom: 'default',
      out: 'out',
      root: '/w',
      templateRoot: '/w',
      ignores: [],
    });
    expect(options).not.toHaveProperty('lang');
    expect(options).not.toHaveProperty('templates');
  });

  it('refuses a --rule that is not one, saying what was meant', () => {
    const config = { file: null, load: {}, rules: {}, diagnostics: [] };
    const message = (rule: string) => {
      try {
        resolveOptions({ rule: [rule] }, config);
      } catch (error) {
        expect(error).toBeInstanceOf(RolemarkError);
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(message('acountable-missing=off')).toBe(
      'Unknown rule `acountable-missing` in --rule acountable-missing=off; did you mean `accountable-missing`? Run `rolemark rules` for the list.',
    );
    expect(message('zzz=off')).toBe(
      'Unknown rule `zzz` in --rule zzz=off. Run `rolemark rules` for the list.',
    );
    expect(message('acountable-missing=off')).toMatch(
      /Unknown rule `acountable-missing`.*did you mean `accountable-missing`/,
    );
    expect(message('accountable-missing=warn')).toMatch(/severity `warn`.*did you mean `warning`/);
    expect(message('accountable-missing')).toMatch(/expected id=severity/);
  });
});

/** What each command resolved, through the one function: the spy records it, then stops the command. */
async function resolvedBy(argv: string[]): Promise<Options> {
  const seen: Options[] = [];
  const real = optionsModule.resolveOptions;
  // The module every command imports it from (src/cli/options.ts; rolemark/lint re-exports it).
  vi.spyOn(optionsModule, 'resolveOptions').mockImplementation((...args) => {
    seen.push(real(...args));
    throw new RolemarkError('stopped by the test after resolving the options');
  });
  const run = await cli(...argv);
  vi.restoreAllMocks();
  expect([argv.join(' '), run.stderr]).toEqual([
    argv.join(' '),
    expect.stringContaining('stopped by the test'),
  ]);
  expect(seen).toHaveLength(1);
  return seen[0] as Options;
}

describe('every command resolves its options through resolveOptions, the same way', () => {
  const shared = (o: Options) => ({
    config: o.config.file,
    inputs: o.inputs,
    load: o.load,
    rules: o.rules,
    root: o.root,
    ignores: o.ignores,
    out: o.out,
    lang: o.lang,
    theme: o.theme,
    templates: o.templates,
    templateRoot: o.templateRoot,
  });
  // The same configuration and inputs; `--rule` for the commands that run rules.
  const rows: [string, string[]][] = [
    ['check', ['check', 'teams', '-c', 'rolemark.config.yaml', '--rule', 'unknown-role=off']],
    ['build', ['build', 'teams', '-c', 'rolemark.config.yaml', '--rule', 'unknown-role=off']],
    ['export', ['export', 'teams', '-c', 'rolemark.config.yaml', '--rule', 'unknown-role=off']],
    ['fmt', ['fmt', 'teams', '-c', 'rolemark.config.yaml']],
    ['explain', ['explain', 'teams', '-c', 'rolemark.config.yaml']],
    ['diff', ['diff', 'HEAD', '--path', 'teams', '-c', 'rolemark.config.yaml']],
    ['templates', ['templates', '-c', 'rolemark.config.yaml']],
  ];

  it.each(rows)('%s', async (command, argv) => {
    process.chdir(dir);
    const config = await loadConfig({ file: 'rolemark.config.yaml' });
    const runsRules = argv.includes('--rule');
    const expected = resolveOptions(
      {
        ...(command === 'templates' ? {} : { inputs: ['teams'] }),
        ...(runsRules ? { rule: ['unknown-role=off'] } : {}),
      },
      config,
    );
    const got = await resolvedBy(argv);
    expect(shared(got)).toEqual(shared(expected));
    expect(got.config.file).toBe('rolemark.config.yaml');
    if (runsRules) expect(got.rules['unknown-role']).toEqual({ severity: 'off' });
  });
  it('build passes its own flags to the same function: --lang, --theme, --template, --out, --shard', async () => {
    process.chdir(dir);
    const got = await resolvedBy([
      'build',
      '--lang',
      'de',
      '--theme',
      'default',
      '-t',
      'handout,role-charter',
      '-o',
      'elsewhere',
      '--shard',
      '2/3',
    ]);
    expect({
      lang: got.lang,
      theme: got.theme,
      templates: got.templates,
      out: got.out,
      shard: got.shard,
    }).toEqual({
      lang: 'de',
      theme: 'default',
      templates: ['handout', 'role-charter'],
      out: 'elsewhere',
      shard: { index: 2, count: 3 },
    });
    // What the flags do not name still comes from the configuration.
    expect({ inputs: got.inputs, ignores: got.ignores }).toEqual({
      inputs: ['teams'],
      ignores: ['teams/draft.md'],
    });
  });
});

describe('the resolved options are what the commands use', () => {
  it('check, export and build apply --rule over the configuration, and skip the ignored file', async () => {
    process.chdir(dir);
    const check = await cli('check', '--format', 'json');
    const reported = JSON.parse(check.stdout) as { file: string; ruleId: string; severity: string }[];
    expect(reported.filter((d) => d.ruleId === 'accountable-missing').map((d) => d.severity)).toEqual([
      'error',
    ]);
    expect(reported.some((d) => d.file.includes('draft'))).toBe(false);
    expect(check.code).toBe(1);

    const lowered = await cli('check', '--format', 'json', '--rule', 'accountable-missing=warning');
    const again = JSON.parse(lowered.stdout) as { ruleId: string; severity: string }[];
    expect(again.filter((d) => d.ruleId === 'accountable-missing').map((d) => d.severity)).toEqual([
      'warning',
    ]);
    expect(lowered.code).toBe(0);

    const exported = await cli('export', '--rule', 'accountable-missing=off');
    const model = JSON.parse(exported.stdout) as { diagnostics: { ruleId: string }[]; documents: unknown[] };
    expect(model.documents).toHaveLength(1);
    expect(model.diagnostics.map((d) => d.ruleId)).not.toContain('accountable-missing');

    // The error stops a build; turned into a warning on the command line, the build writes dist/.
    const failed = await cli('build', '--format', 'md');
    expect(failed.code).toBe(1);
    const built = await cli('build', '--format', 'md', '--rule', 'accountable-missing=warning');
    expect([built.code, built.stderr]).toEqual([0, expect.stringContaining('accountable-missing')]);
    expect(readdirSync(join(dir, 'dist'))).toContain('matrix.md');
    expect(readFileSync(join(dir, 'dist', 'matrix.md'), 'utf8')).not.toContain('Plan');
  });

  it('a bad --rule is a usage error (exit 2) for every command that takes it', async () => {
    process.chdir(dir);
    for (const command of ['check', 'build', 'export']) {
      const run = await cli(command, '--rule', 'role-overloadd=off');
      expect([command, run.code, run.stderr]).toEqual([
        command,
        2,
        expect.stringContaining('did you mean `role-overloaded`'),
      ]);
    }
  });

  it('templates lists the project’s templates/ beside the configuration, from a subfolder too', async () => {
    process.chdir(join(dir, 'sub', 'deeper'));
    const run = await cli('templates');
    expect(run.stdout).toMatch(/one-pager\s+per document.*project/);
  });
});

describe('no command merges options by itself', () => {
  // What only src/options.ts may do: read the configuration's settings and put flags over them.
  const MERGING =
    /\bloadConfig\b|\btemplateSettings\b|\bparseShard\b|\bconfig\.(content|rules|load|out|ignores|template|theme|lang|root)\b|\?\?\s*\[?'(content|out)'/u;

  it('src/cli/commands/* and src/cli/content.ts read no setting of the configuration', () => {
    const files = [
      ...readdirSync('src/cli/commands').map((f) => join('src/cli/commands', f)),
      'src/cli/content.ts',
    ];
    const found = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ at: `${file}:${i + 1}`, line }))
        .filter(
          ({ line }) => MERGING.test(line) && !line.trim().startsWith('*') && !line.trim().startsWith('//'),
        ),
    );
    expect(found).toEqual([]);
  });

  it('the pattern finds the merging that check.ts and inputs.ts did before', () => {
    for (const line of [
      "    const { loadConfig } = await import('../../config/load.js');",
      "  args.inputs?.length ? args.inputs : (config.content ?? ['content']);",
      "  const out = args.out ?? config.out ?? 'out';",
      '    let diagnostics = [...config.diagnostics, ...check(model, config.rules)];',
      '  const settings = templateSettings(config);',
    ])
      expect([line, MERGING.test(line)]).toEqual([line, true]);
    expect(MERGING.test('  const { config } = options;')).toBe(false);
  });
});
