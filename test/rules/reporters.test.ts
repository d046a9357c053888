import { describe, expect, it } from 'vitest';
import { reporters } from '../../src/cli/reporters/index.js';
import type { Diagnostic } from '../../src/model/types.js';

const D: Diagnostic[] = [
  {
    ruleId: 'accountable-multiple',
    severity: 'error',
    message: 'Unexpected 2 accountable roles (PM, PO) on "Define vision", expected exactly 1',
    file: 'content/a.md',
    line: 14,
    column: 3,
    endLine: 14,
    endColumn: 28,
  },
  {
    ruleId: 'responsible-missing',
    severity: 'warning',
    message: 'Missing responsible role (R) on "Ship", expected at least 1',
    file: 'content/a.md',
    line: 15,
    column: 1,
  },
  {
    ruleId: 'role-everywhere',
    severity: 'info',
    message: 'Unexpected PM on all 5 activities of "B", expected some activities without it',
    file: 'content/b.md',
    line: 3,
    column: 1,
    endLine: 4,
    endColumn: 2,
  },
];

const ctx = { color: false, files: 2 };

describe('reporters', () => {
  it('pretty: grouped by file, aligned columns, a summary; no colour off a terminal', () => {
    const out = reporters.pretty(D, ctx);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(
      [
        'content/a.md',
        '  14:3-14:28  error    Unexpected 2 accountable roles (PM, PO) on "Define vision", expected exactly 1  accountable-multiple',
        '  15:1        warning  Missing responsible role (R) on "Ship", expected at least 1                     responsible-missing',
        '',
        'content/b.md',
        '  3:1-4:2  info  Unexpected PM on all 5 activities of "B", expected some activities without it  role-everywhere',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info; 2 files checked)',
        '',
      ].join('\n'),
    );
    expect(out.stdout).not.toContain('\u001b[');
  });

  it('pretty: colours severities and the summary on a terminal', () => {
    const out = reporters.pretty(D, { ...ctx, color: true }).stdout;
    expect(out).toContain('\u001b[31merror  \u001b[39m');
    expect(out).toContain('\u001b[33mwarning\u001b[39m');
    expect(out).toContain('\u001b[4mcontent/a.md\u001b[24m');
    const ESC = String.fromCharCode(27);
    expect(out.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '')).toBe(reporters.pretty(D, ctx).stdout);
  });

  it('pretty: says so when there is nothing to report', () => {
    expect(reporters.pretty([], { color: false, files: 1 }).stdout).toBe('✔ No problems (1 file checked)\n');
    const onlyWarning = reporters.pretty(D.slice(1, 2), { color: false, files: 1 }).stdout;
    expect(onlyWarning.trimEnd().split('\n').at(-1)).toBe('⚠ 1 problem (1 warning; 1 file checked)');
  });

  it('plain: the one-line format, counts on stderr', () => {
    const out = reporters.plain(D, ctx);
    expect(out.stdout.split('\n')[0]).toBe(
      'content/a.md:14:3  error  Unexpected 2 accountable roles (PM, PO) on "Define vision", expected exactly 1  accountable-multiple',
    );
    expect(out.stderr).toBe('1 error, 1 warning, 1 info\n');
  });

  it('json: an array of diagnostics with 1-based positions', () => {
    const list = JSON.parse(reporters.json(D, ctx).stdout);
    expect(list).toHaveLength(3);
    expect(list[0]).toEqual(D[0]);
    expect(list[1]).toEqual(D[1]);
    expect(Object.keys(list[1])).not.toContain('endLine');
    expect(reporters.json([], ctx).stdout).toBe('[]\n');
  });

  it('github: workflow annotations, escaped', () => {
    const tricky: Diagnostic = {
      ruleId: 'unknown-code',
      severity: 'error',
      message: 'Unexpected `Q` (100%)\non "a, b: c"',
      file: 'content/x,y:z.md',
      line: 2,
      column: 5,
    };
    const out = reporters.github([...D, tricky], ctx);
    expect(out.stdout.split('\n').filter(Boolean)).toEqual([
      '::error file=content/a.md,line=14,col=3,endLine=14,endColumn=28,title=accountable-multiple::Unexpected 2 accountable roles (PM, PO) on "Define vision", expected exactly 1',
      '::warning file=content/a.md,line=15,col=1,title=responsible-missing::Missing responsible role (R) on "Ship", expected at least 1',
      '::notice file=content/b.md,line=3,col=1,endLine=4,title=role-everywhere::Unexpected PM on all 5 activities of "B", expected some activities without it',
      '::error file=content/x%2Cy%3Az.md,line=2,col=5,title=unknown-code::Unexpected `Q` (100%25)%0Aon "a, b: c"',
    ]);
    expect(out.stderr).toBe('2 errors, 1 warning, 1 info\n');
  });
});
