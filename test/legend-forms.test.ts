import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLegendText } from '../src/read/legend.js';
import { readLegendEntry } from '../src/read/legendtext.js';
import { conceptsIn } from '../src/read/vocabulary.js';
import { modelOf } from './helpers.js';

describe('legend entries in every written form', () => {
  it.each([
    ['R (Responsible): does the work', { code: 'R', label: 'Responsible', description: 'does the work' }],
    ['(R) - Responsible: does the work', { code: 'R', label: 'Responsible', description: 'does the work' }],
    ['Responsible (R): does the work', { code: 'R', label: 'Responsible', description: 'does the work' }],
    [
      'R for Responsible: who does the task',
      { code: 'R', label: 'Responsible', description: 'who does the task' },
    ],
    ['S (Supportive)', { code: 'S', label: 'Supportive' }],
    ['A (Aprovador): quem aprova', { code: 'A', label: 'Aprovador', description: 'quem aprova' }],
    [
      'R: Responsible, führt den Schritt aus',
      { code: 'R', label: 'Responsible', description: 'führt den Schritt aus' },
    ],
  ])('reads %j', (text, entry) => {
    expect(readLegendText(text)).toEqual([entry]);
  });

  it('marks an entry whose label is no known code label as loose, and refuses a letter that is not its initial', () => {
    expect(readLegendEntry('E (Expert): knows the domain')).toEqual({
      code: 'E',
      label: 'Expert',
      description: 'knows the domain',
      loose: true,
    });
    expect(readLegendEntry('B (Alpha)')).toBeUndefined();
    expect(readLegendEntry('Product Manager (PM)')).toBeUndefined();
    expect(readLegendText('R: Content Strategist')).toBeUndefined();
  });

  const schemeOf = (markdown: string) => modelOf(markdown).documents[0]?.scheme.name;
  const table = '\n\n| Activity | PM | Dev |\n|---|---|---|\n| Build | A | R/S |\n';

  it('reads a list of loose entries as a legend only beside a known one', () => {
    expect(schemeOf(`- **R (Responsible)**: does it\n- **E (Expert)**: knows${table}`)).toBe('RE');
    const alone = modelOf(`- **E (Expert)**: knows\n- **X (Xylo)**: plays${table}`);
    expect(alone.documents[0]?.scheme.name).toBe('RACI');
  });

  it('reads **R**esponsible items (the letter in bold) as a legend, and a bold label alone as prose', () => {
    const model = modelOf(`- **R**esponsible: does it\n- **S**upport: helps${table}`);
    expect(model.documents[0]?.scheme.name).toBe('RASCI');
    expect(model.documents[0]?.intro).toBe('');
    const prose = modelOf(
      `## What the words mean\n\n- **Responsible**: does it\n- **Support**: helps${table}`,
    );
    expect(prose.documents[0]?.scheme.name).toBe('RACI');
  });

  it('reads a header row of `X = Label` cells as a legend, never as a matrix', () => {
    const model = modelOf(
      `| D = Driver | A = Approver | C = Contributor |\n|--|--|--|\n| leads | decides | helps |\n\n| Decision | Lead | CFO |\n|--|--|--|\n| Price | D | A |\n`,
    );
    expect(model.documents[0]?.scheme.name).toBe('DACI');
    expect(model.scheme.codes.find((c) => c.code === 'D')?.label).toBe('Driver');
    expect(model.activities.map((a) => a.name)).toEqual(['Price']);
  });

  it('reads `| Role | Description |` with one letter per row as a legend, and `| ID | Task |` as data', () => {
    const legend = modelOf(
      `| Role | Description |\n|--|--|\n| **R** | Does the work |\n| **S** | Helps the doer |\n| **A** | Signs it off |${table}`,
    );
    expect(legend.documents[0]?.scheme.name).toBe('RASCI');
    expect(legend.activities.map((a) => a.name)).toEqual(['Build']);
    const data = modelOf(
      '## RACI\n\n| ID | Task | PM |\n|--|--|--|\n| A | Build it | R |\n| B | Ship it | A |\n',
    );
    expect(data.activities.map((a) => a.name)).toEqual(['Build it', 'Ship it']);
  });
});

describe('custom word schemes', () => {
  it('finds what a description says a word means', () => {
    expect(conceptsIn('answers for the result; one per event')).toEqual(['accountable']);
    expect(conceptsIn('führt die Arbeit aus')).toEqual(['responsible']);
    expect(conceptsIn('lends a hand')).toEqual([]);
  });

  it('makes a scheme of the words of a legend the charts use, with its accountable and doer codes', () => {
    const model = modelOf(
      '- **Owns**: answers for it\n- **Executes**: does the work\n- **Helps**: lends a hand\n\n| Task | Lead | Crew |\n|--|--|--|\n| Load | Owns | Executes/Helps |\n',
    );
    expect(model.scheme).toMatchObject({
      name: 'Owns/Executes/Helps',
      accountable: 'Owns',
      doer: 'Executes',
    });
    expect(model.activities[0]?.assignments.map((a) => a.codes)).toEqual([['Owns'], ['Executes', 'Helps']]);
    expect(model.diagnostics).toEqual([]);
  });

  it('leaves a list of words that no chart uses, or that only explains the usual labels, as prose', () => {
    const unused = modelOf(
      '- **Owns**: answers for it\n- **Helps**: lends a hand\n\n| Task | Lead |\n|--|--|\n| Load | A |\n',
    );
    expect(unused.scheme.name).toBe('RACI');
    expect(unused.documents[0]?.intro).toContain('Owns');
    const usual = modelOf(
      '- **Responsible**: does it\n- **Accountable**: signs\n\n| Task | Lead | Crew |\n|--|--|--|\n| Load | Accountable | Responsible |\n',
    );
    expect(usual.scheme.name).toBe('RACI');
  });
});

describe('code labels in the cells choose the scheme when no legend does', () => {
  it.each([
    ['Driver | Approver | Contributor', 'DACI'],
    ['Responsible | Accountable | Support', 'RASCI'],
    ['Responsible | Accountable | Informed', 'RACI'],
  ])('%s gives %s', (cells, scheme) => {
    const model = modelOf(`| Task | Lead | Dev | Ops |\n|--|--|--|--|\n| Ship | ${cells} |\n`);
    expect(model.scheme.name).toBe(scheme);
    expect(model.diagnostics.filter((d) => d.ruleId === 'unknown-code')).toEqual([]);
  });

  it('counts only columns mostly made of labels: a team column saying `Support` leaves RACI', () => {
    const model = modelOf(
      '| Task | Owner team | Lead | Dev |\n|--|--|--|--|\n| Deploy | Support | A | R |\n| Patch | Sales | A | R |\n',
    );
    expect(model.scheme.name).toBe('RACI');
    expect(model.activities[0]?.meta).toEqual({ 'Owner team': 'Support' });
  });
});

describe('legend text, as a property', () => {
  it('never throws, and every entry defines one capital letter with a short label', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        for (const entry of readLegendText(text) ?? []) {
          expect(entry.code).toMatch(/^\p{Lu}$/u);
          expect(entry.label.length).toBeGreaterThan(0);
          expect(entry.label.length).toBeLessThanOrEqual(40);
        }
      }),
      { numRuns: 300 },
    );
  });
});
