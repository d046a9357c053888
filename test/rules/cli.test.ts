import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { cli } from '../cli-helpers.js';
import { tempDir } from '../helpers.js';

const ERRORS = 'test/fixtures/errors/two-accountable.md';
const WARNING = 'test/fixtures/rules/responsible-missing/not-ok.md';

describe('rolemark check', () => {
  it('reports grouped by file, with a summary, and exits 1 on errors', async () => {
    const r = await cli('check', ERRORS);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        ERRORS,
        '  10:1-10:31   error  Unexpected 2 accountable roles (Developer, Tester) on "Ship the release", expected exactly 1  accountable-multiple',
        '  11:1-11:29   error  Missing accountable role (A) on "Test the release", expected exactly 1                        accountable-missing',
        '  12:1-12:29   error  Missing accountable role (A) on "Write the docs", expected exactly 1                          accountable-missing',
        '  12:20-12:23  error  Unexpected `Q` for Developer on "Write the docs", expected one of R, A, C, I (RACI)           unknown-code',
        '',
        '✖ 4 problems (4 errors; 1 file checked)',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 on warnings, and 1 when there are more than --max-warnings', async () => {
    expect((await cli('check', WARNING)).code).toBe(0);
    expect((await cli('check', WARNING, '--max-warnings', '1')).code).toBe(0);
    const r = await cli('check', WARNING, '--max-warnings', '0');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('rolemark: 1 warning, more than --max-warnings 0.\n');
    expect((await cli('check', WARNING, '--max-warnings', 'x')).code).toBe(2);
  });

  it('--reporter json prints an array of diagnostics', async () => {
    const r = await cli('check', ERRORS, '--reporter', 'json');
    const list = JSON.parse(r.stdout);
    expect(list.map((d: { ruleId: string; line: number }) => `${d.ruleId}@${d.line}`)).toEqual([
      'accountable-multiple@10',
      'accountable-missing@11',
      'accountable-missing@12',
      'unknown-code@12',
    ]);
    expect(r.code).toBe(1);
  });

  it('--reporter github prints annotations', async () => {
    const r = await cli('check', WARNING, '-r', 'github');
    expect(r.stdout).toBe(
      `::warning file=${WARNING},line=4,col=1,endLine=4,endColumn=31,title=responsible-missing::Missing responsible role (R) on "Approve the design", expected at least 1\n`,
    );
  });

  it('--reporter plain keeps the file:line:col format of the first versions', async () => {
    const r = await cli('check', WARNING, '--reporter', 'plain');
    expect(r.stdout).toBe(
      `${WARNING}:4:1  warning  Missing responsible role (R) on "Approve the design", expected at least 1  responsible-missing\n`,
    );
    expect(r.stderr).toBe('0 errors, 1 warning, 0 infos\n');
  });

  it('colours the report on a terminal only, unless told', async () => {
    const run = async (isTTY: boolean, ...flags: string[]) => {
      let out = '';
      await main(['check', WARNING, ...flags], { stdout: (t) => (out += t), stderr: () => {}, isTTY });
      return out.includes('\u001b[');
    };
    const saved = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
    delete process.env.NO_COLOR;
    delete process.env.FORCE_COLOR;
    try {
      expect(await run(true)).toBe(true);
      expect(await run(false)).toBe(false);
      expect(await run(true, '--no-color')).toBe(false);
      expect(await run(false, '--color')).toBe(true);
    } finally {
      Object.assign(process.env, saved);
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    }
  });

  it('applies the configuration: rule settings, and content when no inputs are given', async () => {
    const dir = tempDir();
    const config = join(dir, 'rolemark.config.yaml');
    writeFileSync(
      config,
      `content: ${JSON.stringify(join(process.cwd(), WARNING))}\nrules:\n  responsible-missing: error\n`,
    );
    const r = await cli('check', '--config', config, '--reporter', 'plain');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  error  Missing responsible role (R) on "Approve the design"');
  });

  it('reports configuration problems at their position, and exits 2 on errors in it', async () => {
    const dir = tempDir();
    const config = join(dir, 'rolemark.config.yaml');
    writeFileSync(config, 'rules:\n  responsible-missing: warn\n  acountable-missing: off\n');
    const r = await cli('check', WARNING, '--config', config, '--reporter', 'plain');
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      `${config}:2:24  error  Unexpected "warn" for \`rules.responsible-missing\`, did you mean "warning"?  config-invalid`,
      `${config}:3:3  warning  Unexpected rule "acountable-missing" in \`rules\`, did you mean "accountable-missing"?  config-invalid`,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has errors; fix them first');

    writeFileSync(config, 'rules:\n  - not: a mapping\n  bad: [\n');
    const broken = await cli('check', WARNING, '--config', config);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^rolemark: .*rolemark\.config\.yaml:\d+:\d+: Invalid configuration: /);
  });

  it('a warning-only configuration problem does not fail the run', async () => {
    const dir = tempDir();
    const config = join(dir, 'rolemark.config.json');
    writeFileSync(config, '{ "rulez": {} }');
    expect((await cli('check', 'content', '--config', config)).code).toBe(0);
  });
});

describe('rolemark rules', () => {
  it('lists every rule with its default severity and description', async () => {
    const r = await cli('rules');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(25);
    expect(lines).toContainEqual(expect.stringMatching(/^same-role-r-and-a\s+off\s+No role is both/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^too-many-consulted\s+warning\s+No activity has more/),
    );
  });

  it('explains one rule, with its options', async () => {
    const r = await cli('rules', 'role-overloaded');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## `role-overloaded`');
    expect(r.stdout).toContain('**How to fix it.**');
    expect(r.stdout).toContain('`maxResponsiblePercent`');
  });

  it('suggests the closest rule id for a typo, with exit 2', async () => {
    const r = await cli('rules', 'role-overload');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'rolemark: Unknown rule `role-overload`; did you mean `role-overloaded`? Run `rolemark rules` for the list.\n',
    );
  });
});
