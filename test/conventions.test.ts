/**
 * The command-line conventions users bring from eslint, markdownlint-cli2 and pandoc (issue 15):
 * `-` for standard input, globs and ignore files, one `--format` vocabulary, `-q`, `--color`,
 * `-o`, SARIF and JUnit, did-you-mean for options, and inline `rolemark-disable` comments.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useColor } from '../src/cli/io.js';
import { cli, cliWithStdin } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const BAD = '# T\n\n| Activity | Dev | QA |\n|---|---|---|\n| Ship | A/R | A |\n| Test | A | C |\n';

function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('standard input', () => {
  it('check - reads standard input, named by --stdin-filename', async () => {
    const r = await cliWithStdin(
      BAD,
      'check',
      '-',
      '--stdin-filename',
      'content/team.md',
      '--format',
      'plain',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'content/team.md:5:1  error  Unexpected 2 accountable roles (Dev, QA) on "Ship", expected exactly 1  accountable-multiple',
        'content/team.md:6:1  warning  Missing responsible role (R) on "Test", expected at least 1  responsible-missing',
        '',
      ].join('\n'),
    );
    const unnamed = await cliWithStdin(BAD, 'check', '-', '-f', 'plain');
    expect(unnamed.stdout).toContain('<stdin>:5:1  error');
  });

  it('export - reads it too; build refuses it with exit 2 instead of building content/', async () => {
    const r = await cliWithStdin(BAD, 'export', '-', '--format', 'csv');
    expect(r.stdout).toBe('Document,Activity,Dev,QA\r\nT,Ship,R/A,A\r\nT,Test,A,C\r\n');
    const build = await cliWithStdin(BAD, 'build', '-');
    expect(build.code).toBe(2);
    expect(build.stderr).toBe(
      'rolemark: `rolemark build` does not read standard input (`-`); name Markdown files or folders. See `rolemark build --help`\n',
    );
  });
});

describe('globs and ignores', () => {
  it('expands a quoted glob, and leaves out what .rolemarkignore and ignores: name', async () => {
    const dir = project({
      'docs/a.md': BAD,
      'docs/drafts/b.md': BAD,
      'docs/c/README.md': BAD,
      '.rolemarkignore': '# work in progress\ndrafts/\n',
      'rolemark.config.yaml': 'ignores:\n  - "**/README.md"\n',
    });
    const config = join(dir, 'rolemark.config.yaml');
    const glob = await cli('check', join(dir, 'docs/**/*.md'), '-c', config, '-f', 'json');
    expect(JSON.parse(glob.stdout).map((d: { file: string }) => d.file)).toEqual([
      join(dir, 'docs/a.md'),
      join(dir, 'docs/a.md'),
    ]);
    const folder = await cli('check', join(dir, 'docs'), '-c', config, '-f', 'json');
    expect(new Set(JSON.parse(folder.stdout).map((d: { file: string }) => d.file))).toEqual(
      new Set([join(dir, 'docs/a.md')]),
    );
    // A file named on the command line is read even when ignored, as eslint and git do.
    const named = await cli('check', join(dir, 'docs/drafts/b.md'), '-c', config, '-f', 'json');
    expect(JSON.parse(named.stdout)).toHaveLength(2);
    const none = await cli('check', join(dir, 'nothing/**/*.md'), '-c', config);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No files match');
  });

  it('points a new user at rolemark init when there is no content/', async () => {
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await cli('check');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'rolemark: No content/ folder here, and no rolemark.config.yaml naming the content. Run `rolemark init` to start a project, or name the Markdown files or folders to read\n',
      );
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('from any subfolder of a project', () => {
  it('a configuration that names no content or out (as init writes it) still anchors content/ and out/', async () => {
    const dir = project({
      'rolemark.config.yaml': '# rules:\n#   too-many-consulted: off\n',
      'content/team.md': BAD,
      'docs/deep/notes.txt': 'x',
    });
    const cwd = process.cwd();
    process.chdir(join(dir, 'docs', 'deep'));
    try {
      const checked = await cli('check', '-f', 'plain');
      expect(checked.code).toBe(1);
      expect(checked.stdout).toContain(`${join(dir, 'content', 'team.md')}:5:1  error`);
      const built = await cli('build', '--format', 'md');
      expect(built.code).toBe(1);
      expect(built.stderr).toContain(`${join(dir, 'content', 'team.md')}:5:1  error`);
      const fine = join(dir, 'content', 'team.md');
      writeFileSync(fine, '# T\n\n| Activity | Dev | QA |\n|---|---|---|\n| Ship | A/R | I |\n');
      const rebuilt = await cli('build', '--format', 'md');
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stdout).toContain(`into ${join(dir, 'out')}/`);
      expect(readFileSync(join(dir, 'out', 'matrix.md'), 'utf8')).toContain('Ship');
      // Without content/, the message names the folder it looked for and the configuration.
      rmSync(join(dir, 'content'), { recursive: true });
      const none = await cli('check');
      expect(none.code).toBe(2);
      expect(none.stderr).toBe(
        `rolemark: No \`${join(dir, 'content')}\` folder beside ${join(dir, 'rolemark.config.yaml')}, which names no \`content\`: create it, set \`content\` in ${join(dir, 'rolemark.config.yaml')}, or name the Markdown files or folders to read\n`,
      );
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('diff from a subfolder', () => {
  it('compares the content of a git revision with the working tree, as from the project root', async () => {
    const dir = project({
      'rolemark.config.yaml': '# nothing set\n',
      'content/team.md': '# T\n\n| Activity | Dev | QA |\n|---|---|---|\n| Ship | A/R | I |\n',
      'docs/deep/notes.txt': 'x',
    });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', ...args], { cwd: dir });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'first');
    writeFileSync(
      join(dir, 'content', 'team.md'),
      '# T\n\n| Activity | Dev | QA |\n|---|---|---|\n| Ship it | A/R | I |\n',
    );
    const cwd = process.cwd();
    process.chdir(join(dir, 'docs', 'deep'));
    try {
      const r = await cli('diff', 'HEAD');
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('"Ship" renamed to "Ship it"');
      expect(r.stdout).not.toContain('Documents');
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('one --format vocabulary, -q, -o, colour', () => {
  it('check --format is --reporter (kept as an alias), with eslint names as aliases', async () => {
    const file = join(project({ 'a.md': BAD }), 'a.md');
    const a = await cli('check', file, '--format', 'plain');
    const b = await cli('check', file, '--reporter', 'plain');
    const c = await cli('check', file, '-f', 'unix');
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toBe(c.stdout);
    const md = await cli('export', file, '--format', 'markdown');
    expect(md.stdout).toBe((await cli('export', file, '--format', 'md')).stdout);
  });

  it('-q reports errors only; -o writes the report to a file', async () => {
    const dir = project({ 'a.md': BAD });
    const quiet = await cli('check', join(dir, 'a.md'), '-q', '-f', 'json');
    expect(JSON.parse(quiet.stdout).map((d: { severity: string }) => d.severity)).toEqual(['error']);
    const out = join(dir, 'report.json');
    const r = await cli('check', join(dir, 'a.md'), '-f', 'json', '-o', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(2);
    const rules = await cli('rules', '-o', join(dir, 'rules.txt'));
    expect(rules.stdout).toBe('');
    expect(readFileSync(join(dir, 'rules.txt'), 'utf8')).toContain('accountable-multiple');
  });

  it('colours by --color and --no-color, else NO_COLOR, FORCE_COLOR, and a terminal', async () => {
    expect(useColor(undefined, true, {})).toBe(true);
    expect(useColor(undefined, false, {})).toBe(false);
    expect(useColor(undefined, true, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(undefined, false, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(undefined, false, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColor(false, true, { FORCE_COLOR: '1' })).toBe(false);
    expect(useColor(true, false, { NO_COLOR: '1' })).toBe(true);
    const file = join(project({ 'a.md': BAD }), 'a.md');
    expect((await cli('check', file, '--color')).stdout).toContain('\u001b[31m');
    expect((await cli('check', file, '--no-color')).stdout).not.toContain('\u001b[');
  });
});

describe('reporters for CI', () => {
  it('SARIF 2.1.0 for GitHub code scanning', async () => {
    const file = join(project({ 'a.md': BAD }), 'a.md');
    const log = JSON.parse((await cli('check', file, '-f', 'sarif')).stdout);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('rolemark');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'accountable-multiple',
      'responsible-missing',
    ]);
    expect(run.results[0]).toEqual({
      ruleId: 'accountable-multiple',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'Unexpected 2 accountable roles (Dev, QA) on "Ship", expected exactly 1' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: file },
            region: run.results[0].locations[0].physicalLocation.region,
          },
        },
      ],
    });
    expect(run.results[0].locations[0].physicalLocation.region.startLine).toBe(5);
  });

  it('JUnit XML: a suite per file, a failing case per error or warning', async () => {
    const file = join(project({ 'a.md': BAD }), 'a.md');
    const xml = (await cli('check', file, '-f', 'junit')).stdout;
    expect(xml).toContain('<testsuites name="rolemark" tests="2" failures="2" errors="0">');
    expect(xml).toContain(`<testsuite name="${file}" tests="2" failures="2" errors="0">`);
    expect(xml).toContain(
      `<failure type="error" message="Unexpected 2 accountable roles (Dev, QA) on &quot;Ship&quot;, expected exactly 1">`,
    );
    const clean = (await cli('check', 'content', '-f', 'junit')).stdout;
    expect(clean).toContain('<testcase classname="rolemark" name="1 file checked"/>');
  });
});

describe('messages', () => {
  it("suggests the option meant, and points at the command's own --help", async () => {
    const r = await cli('check', 'content', '--reportr', 'json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'rolemark: Unknown option --reportr: did you mean --reporter? Run `rolemark check --help` for usage.\n',
    );
    const cmd = await cli('chek');
    expect(cmd.stderr).toBe('rolemark: Did you mean check? Run `rolemark --help` for usage.\n');
    const theme = await cli('build', 'content', '--out', join(tempDir(), 'out'), '--theme', 'nosuch');
    expect(theme.code).toBe(2);
    expect(theme.stderr).toMatch(
      /^rolemark: --theme nosuch: Cannot find the theme `nosuch` \(looked in .*\). See `rolemark templates` for the ones there are\n$/u,
    );
    const max = await cli('check', 'content', '--max-warnings', 'abc');
    expect(max.stderr).toBe(
      'rolemark: Unexpected --max-warnings "abc", expected a whole number ≥ -1 (-1: no limit). See `rolemark check --help`\n',
    );
  });
});

describe('--config', () => {
  it('reads regular files only, so that a FIFO or a device neither blocks nor runs without end', async () => {
    const fifo = join(tempDir(), 'fifo');
    execFileSync('mkfifo', [fifo]);
    for (const file of [fifo, '/dev/zero']) {
      const r = await cli('check', 'content', '--config', file);
      expect(r.code).toBe(2);
      // The shared capped reader's words (src/read/regular-file.ts): a FIFO is named, /dev refused.
      expect(r.stderr).toMatch(
        /^rolemark: Cannot read configuration `[^`]+`: it is (a FIFO|under \/dev)[^\n]*\n$/u,
      );
    }
  });
});

describe('inline rolemark-disable comments', () => {
  const text = [
    '# T',
    '',
    '<!-- rolemark-disable-next-line accountable-multiple -->',
    '| Activity | Dev | QA |',
    '|---|---|---|',
    '| Ship | A/R | A |',
    '',
    '<!-- rolemark-disable responsible-missing -->',
    '',
    '| Activity | Dev | QA |',
    '|---|---|---|',
    '| Test | A | C |',
    '',
    '<!-- rolemark-enable responsible-missing -->',
    '',
    '| Activity | Dev | QA |',
    '|---|---|---|',
    '| Plan | A | C |',
    '',
    '<!-- rolemark-disable-next-line role-overloaded no-such-rule -->',
    '| Activity | Dev | QA |',
    '|---|---|---|',
    '| Review | A/R | C |',
    '',
  ].join('\n');

  it('silences by rule and block, and reports comments that silence nothing', async () => {
    const file = join(project({ 'a.md': text }), 'a.md');
    const r = await cli('check', file, '-f', 'plain');
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      `${file}:18:1  warning  Missing responsible role (R) on "Plan", expected at least 1  responsible-missing`,
      `${file}:20:1  warning  Unused \`rolemark-disable-next-line role-overloaded\`: no such problem to silence here; remove the comment  unused-disable`,
      `${file}:20:1  warning  Unexpected rule \`no-such-rule\` in \`rolemark-disable-next-line no-such-rule\`, expected a rule id (\`rolemark rules\` lists them)  unused-disable`,
    ]);
    expect(r.code).toBe(0);
  });
});
