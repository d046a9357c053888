/**
 * `-` as an input, on every command that reads one (issue 15): each either reads standard input
 * or refuses with exit 2 and says so; none silently reads content/ instead. docs/cli.md has the
 * same table.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { captured, cliWithStdin } from './cli-helpers.js';

const CHART = '# T\n\n| Activity | Dev | QA |\n|---|---|---|\n| Ship | A/R | I |\n| Test | A | R |\n';
const CSV = 'Activity;Dev;QA\r\nShip;A/R;I\r\nTest;Accountible;R\r\n';

const withBytes = (bytes: Buffer, ...argv: string[]) =>
  captured((io) => main(argv, { ...io, stdin: async () => bytes }));

describe('- on every command that reads an input', () => {
  it('check, export, fmt and explain read standard input, named by --stdin-filename', async () => {
    const check = await cliWithStdin(CHART, 'check', '-', '--stdin-filename', 'team.md', '-f', 'plain');
    expect([check.code, check.stdout]).toEqual([0, '']);
    const exported = await cliWithStdin(CHART, 'export', '-', '-f', 'csv');
    expect(exported.stdout).toBe('Document,Activity,Dev,QA\r\nT,Ship,R/A,I\r\nT,Test,A,R\r\n');
    const fmt = await cliWithStdin('| Activity | Dev |\n|-|-|\n| Ship | a/r |\n', 'fmt', '-');
    expect(fmt.stdout).toBe('| Activity | Dev |\n| -------- | --- |\n| Ship     | R/A |\n');
    const explain = await cliWithStdin(CHART, 'explain', '-', '--stdin-filename', 'team.md');
    expect(explain.code).toBe(0);
    expect(explain.stdout.split('\n')[0]).toBe('team.md (RACI)');
    expect(explain.stdout).toContain('3:1 table → matrix, roles as columns (Dev, QA), 2 activities');
  });

  it('import - reads a CSV from standard input, with its positions under --stdin-filename', async () => {
    const r = await cliWithStdin(CSV, 'import', '-', '--stdin-filename', 'hr.csv');
    expect(r.stdout).toContain('| Ship | A/R | I |');
    expect(r.stdout.split('\n')[0]).toBe('# Hr');
    // The typo in a cell is reported at its row and column, under the name given.
    expect(r.stderr).toMatch(/^hr\.csv:3:2 {2}error {2}.*Accountible/mu);
    expect(r.code).toBe(1);
    const unnamed = await cliWithStdin(CSV, 'import', '-');
    expect(unnamed.stderr).toMatch(/^<stdin>:3:2 {2}error/mu);
    // No name, no title made of `<stdin>`.
    expect(unnamed.stdout.split('\n')[0]).toBe('# Responsibilities');
  });

  it('import - tells a workbook by its bytes, as for a file', async () => {
    const r = await withBytes(readFileSync('test/fixtures/import/relaunch.xlsx'), 'import', '-');
    expect(r.stderr).toContain('Imported 4 activities and 3 roles (RACI): 0 errors');
    expect(r.stderr).toContain('<stdin> (sheet "RACI")');
    expect(r.stdout).toContain('# Website relaunch RACI');
    expect(r.stdout).toContain('Ship the release');
  });

  it('build, diff and check --fix refuse - with exit 2 and say why; import without a file says what to name', async () => {
    const build = await cliWithStdin(CHART, 'build', '-');
    expect([build.code, build.stderr]).toEqual([
      2,
      'rolemark: `rolemark build` does not read standard input (`-`); name Markdown files or folders. See `rolemark build --help`\n',
    ]);
    const diff = await cliWithStdin(CHART, 'diff', '-', 'content');
    expect([diff.code, diff.stderr]).toEqual([
      2,
      'rolemark: `rolemark diff` does not read standard input (`-`); save it to a file and name that file. See `rolemark diff --help`\n',
    ]);
    const fix = await cliWithStdin(CHART, 'check', '--fix', '-');
    expect([fix.code, fix.stderr]).toEqual([
      2,
      'rolemark: `rolemark check --fix` rewrites files: it does not read standard input (`-`); name Markdown files or folders; `rolemark fmt -` formats standard input. See `rolemark check --help`\n',
    ]);
    const bare = await cliWithStdin(CSV, 'import');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Name the spreadsheet or Word document to import, or - for standard input');
    const named = await cliWithStdin(CSV, 'import', 'x.csv', '--stdin-filename', 'a.csv');
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('--stdin-filename names standard input');
  });
});
