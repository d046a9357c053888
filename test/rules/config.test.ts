import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfig, loadConfig, parseConfig } from '../../src/config/load.js';
import { RolemarkError } from '../../src/errors.js';
import { loadSources } from '../../src/read/load.js';
import { runRules } from '../../src/rules/engine.js';
import { modelOf, tempDir } from '../helpers.js';

const at = (text: string) =>
  parseConfig(text, 'rolemark.config.yaml').diagnostics.map(
    (d) => `${d.line}:${d.column} ${d.severity} ${d.message}`,
  );

describe('rolemark.config.yaml', () => {
  it('reads severities and options into rule settings', () => {
    const config = parseConfig(
      'rules:\n  same-role-r-and-a: error\n  too-many-consulted: { severity: info, max: 6 }\n  role-overloaded:\n    maxAccountablePercent: 40\n',
      'rolemark.config.yaml',
    );
    expect(config.diagnostics).toEqual([]);
    expect(config.rules).toEqual({
      'same-role-r-and-a': { severity: 'error' },
      'too-many-consulted': { severity: 'info', options: { max: 6 } },
      'role-overloaded': { options: { maxAccountablePercent: 40 } },
    });
  });

  it('reports unknown keys as warnings and wrong values as errors, at their position', () => {
    expect(
      at(
        'rulez: {}\nrules:\n  same-role-r-and-a: true\n  too-many-informed: { max: 2.5 }\n  role-unused: { severity: off, limit: 3 }\n',
      ),
    ).toEqual([
      '1:1 warning Unexpected key "rulez" in the configuration, did you mean "rules"?',
      '3:22 error Unexpected true for `rules.same-role-r-and-a`, expected one of off, info, warning, error or a mapping',
      '4:29 error Unexpected 2.5 for `rules.too-many-informed.max`, expected a whole number',
      '5:33 warning Unexpected key "limit" in `rules.role-unused`, expected one of severity',
    ]);
  });

  it('leaves out a rule setting with an error rather than apply half of it', () => {
    const config = parseConfig(
      'rules:\n  too-many-informed: { severity: error, max: -2 }\n  role-unused: off\n',
      'c.yaml',
    );
    expect(config.rules).toEqual({ 'role-unused': { severity: 'off' } });
  });

  it('accepts JSON, with a $schema key for editors', () => {
    const config = parseConfig(
      '{\n  "$schema": "./node_modules/rolemark/schema/config.schema.json",\n  "rules": { "role-unused": "off" },\n  "bogus": 1\n}\n',
      'rolemark.config.json',
    );
    expect(config.rules).toEqual({ 'role-unused': { severity: 'off' } });
    expect(config.diagnostics.map((d) => [d.line, d.column, d.severity])).toEqual([[4, 3, 'warning']]);
  });

  it('reports a file that does not parse with its position, as exit code 2', () => {
    let error: unknown;
    try {
      parseConfig('rules:\n  a: [b\n', 'rolemark.config.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RolemarkError);
    expect((error as RolemarkError).exitCode).toBe(2);
    expect((error as RolemarkError).message).toMatch(
      /^rolemark\.config\.yaml:\d+:\d+: Invalid configuration: /,
    );
  });

  it('passes the template, theme and lang keys through (templateSettings reads them)', () => {
    const config = parseConfig('template: charter\ntheme: print-mono\nlang: de\n', 'c.yaml');
    expect(config.diagnostics).toEqual([]);
    expect(config).toMatchObject({ template: 'charter', theme: 'print-mono', lang: 'de' });
  });

  it('resolves content and out against the configuration’s folder, shown from the working directory', () => {
    const config = parseConfig('content: [docs/roles, ../shared]\nout: build/out\n', 'sub/c.yaml', {
      cwd: '/work/project',
      dir: '/work/project/sub',
    });
    expect(config.content).toEqual(['sub/docs/roles', 'shared']);
    expect(config.out).toBe('sub/build/out');
    expect(parseConfig('content: content\n', 'c.yaml', { cwd: '/p', dir: '/p' }).content).toEqual([
      'content',
    ]);
  });

  it('sets the default scheme, by name or as a custom scheme, and defines named schemes', () => {
    expect(parseConfig('scheme: daci\n', 'c.yaml').load.scheme?.name).toBe('DACI');
    const config = parseConfig(
      'scheme: Decision\nschemes:\n  Decision:\n    codes: { D: { label: Driver, cardinality: 1 }, A: Approver, C: Contributor, I: Informed }\n    doer: D\n',
      'c.yaml',
    );
    expect(config.diagnostics).toEqual([]);
    expect(config.load.scheme).toMatchObject({
      name: 'Decision',
      accountable: 'A',
      doer: 'D',
      codes: [
        { code: 'D', label: 'Driver', cardinality: { min: 1, max: 1 } },
        { code: 'A', label: 'Approver' },
        { code: 'C', label: 'Contributor' },
        { code: 'I', label: 'Informed' },
      ],
    });
    expect(at('scheme: RACY\n')).toEqual([
      '1:9 error Unknown scheme "RACY", expected a built-in scheme (RACI, RASCI, RACI-VS, CAIRO, DACI, RAPID) or one of `schemes`',
    ]);
  });

  it('checks a custom scheme beyond its shape: codes, accountable and doer, cardinality', () => {
    expect(
      at(
        'schemes:\n  X:\n    codes:\n      A: { label: Owner, cardinality: { min: 2, max: 1 } }\n      a: Other\n      "A/B": Bad\n    accountable: Z\n',
      ),
    ).toEqual([
      '6:7 error Unexpected key "A/B" in `schemes.X.codes`, expected a code of 1 to 3 letters or digits starting with a letter, like "D"',
      '4:39 error Unexpected cardinality of "A" with min 2 above max 1',
      '5:7 error Unexpected code "a" in scheme "X", already defined as "A" (codes are read without regard to case)',
      '7:18 error Unexpected accountable code "Z" in scheme "X", expected one of its codes: A, A/B',
    ]);
  });

  it('is found in the working directory or above, up to the project root', async () => {
    const root = tempDir();
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    expect(await findConfig(join(root, 'a', 'b'))).toBeUndefined();
    writeFileSync(join(root, 'rolemark.config.yaml'), 'rules:\n  role-unused: off\n');
    expect(await findConfig(join(root, 'a', 'b'))).toBe(join(root, 'rolemark.config.yaml'));
    writeFileSync(join(root, 'a', 'rolemark.config.json'), '{"rules": {"role-unused": "error"}}');
    const config = await loadConfig({ cwd: join(root, 'a', 'b') });
    // Outside the working directory, so shown in full, like inputs are.
    expect(config.file).toBe(join(root, 'a', 'rolemark.config.json'));
    expect(config.rules).toEqual({ 'role-unused': { severity: 'error' } });
  });

  it('says which file is missing when --config names none', async () => {
    await expect(loadConfig({ cwd: tempDir(), file: 'nope.yaml' })).rejects.toThrow(
      'Cannot read configuration `nope.yaml`: no such file',
    );
  });
});

describe('custom schemes in frontmatter', () => {
  const doc = (front: string, rows: string, header = '| Decision | Eng | PM | Design |\n|---|---|---|---|') =>
    `---\n${front}\n---\n## Responsibilities\n${header}\n${rows}`;

  it('reads codes, labels, colours, accountable and doer codes, and cardinality', () => {
    const model = modelOf(
      doc(
        'scheme:\n  name: Decision\n  codes:\n    D: { label: Driver, color: "#112233", cardinality: 1 }\n    A: Approver\n    C: Contributor\n  accountable: A\n  doer: D',
        '| Pick the database | D | A | C |\n| Name it | D | D | A |\n',
      ),
    );
    expect(model.documents[0]?.scheme).toEqual({
      name: 'Decision',
      codes: [
        { code: 'D', label: 'Driver', color: '#112233', cardinality: { min: 1, max: 1 } },
        { code: 'A', label: 'Approver', color: '#F4B860' },
        { code: 'C', label: 'Contributor', color: '#F2E68C' },
      ],
      accountable: 'A',
      doer: 'D',
    });
    expect(runRules(model).map((d) => [d.ruleId, d.line, d.message])).toEqual([
      ['code-cardinality', 15, 'Unexpected 2 Driver roles (Eng, PM) on "Name it", expected exactly 1'],
    ]);
  });

  it('reads cells against the custom codes', () => {
    const model = modelOf(doc('scheme:\n  codes: { D: Driver, A: Approver }', '| Pick | D | A | R |\n'));
    expect(model.diagnostics.map((d) => [d.ruleId, d.message])).toEqual([
      ['unknown-code', 'Unexpected `R` for Design on "Pick", expected one of D, A (Custom)'],
    ]);
  });

  it('falls back to RACI, with the problem reported, when the definition is invalid', () => {
    const model = modelOf(doc('scheme:\n  codes: { D: Driver }\n  doer: R', '| Pick | A/R | C | I |\n'));
    expect(model.documents[0]?.scheme.name).toBe('RACI');
    expect(model.diagnostics.map((d) => [d.ruleId, d.line, d.column, d.message])).toEqual([
      [
        'frontmatter-invalid',
        4,
        9,
        'Unexpected doer code "R" in scheme "Custom", expected one of its codes: D',
      ],
    ]);
  });

  it('uses the schemes of the configuration, by name, and its default scheme', () => {
    const config = parseConfig(
      'scheme: DACI\nschemes:\n  Review:\n    codes: { W: Writer, S: { label: Signer, cardinality: 1 } }\n    accountable: S\n    doer: W\n',
      'c.yaml',
    );
    const named = modelOf(doc('scheme: review', '| Write | W | S | |\n'), 'a.md');
    expect(named.documents[0]?.scheme.name).toBe('RACI');
    const withConfig = (text: string) => loadText(text, config.load).documents[0]?.scheme.name;
    expect(withConfig(doc('scheme: review', '| Write | W | S | |\n'))).toBe('Review');
    expect(withConfig(doc('title: x', '| Pick | D | A | C |\n'))).toBe('DACI');
    expect(withConfig(doc('scheme: RACI', '| Pick | R | A | C |\n'))).toBe('RACI');
    // An unknown name is reported at its value, listing the configuration's schemes too.
    const unknown = loadText(doc('scheme: Reveiw', '| Write | W | S | |\n'), config.load).diagnostics.find(
      (d) => d.ruleId === 'unknown-scheme',
    );
    expect(unknown).toMatchObject({ line: 2, column: 9 });
    expect(unknown?.message).toBe(
      'Unknown scheme "Reveiw", expected one of RACI, RASCI, RACI-VS, CAIRO, DACI, RAPID, Review',
    );
  });
});

const loadText = (text: string, options: Parameters<typeof loadSources>[1]) =>
  loadSources([{ file: 'test.md', text }], options);
