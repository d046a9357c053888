import { describe, expect, it } from 'vitest';
import { loadSources } from '../src/read/load.js';

/** Code letters in the cells choose the scheme when no legend does (src/read/cellletters.ts). */
const read = (text: string) => loadSources([{ file: 'l.md', text }]);
const table = (rows: string[]) => ['| Task | Ana | Bo |', '|---|---|---|', ...rows].join('\n');

describe('letters in the cells', () => {
  it('choose RASCI from two S cells, CAIRO from O cells', () => {
    expect(read(table(['| One | R | S |', '| Two | A | S |'])).documents[0]?.scheme.name).toBe('RASCI');
    expect(read(table(['| One | R | O |', '| Two | A | O |'])).documents[0]?.scheme.name).toBe('CAIRO');
  });

  it('count one letter when the file names the scheme', () => {
    expect(
      read(`## RASCI\n\n${table(['| One | R | S |', '| Two | A | C |'])}`).documents[0]?.scheme.name,
    ).toBe('RASCI');
  });

  it('leave one stray letter an unknown code, and never override a legend', () => {
    const stray = read(table(['| One | R | S |', '| Two | A | C |']));
    expect(stray.documents[0]?.scheme.name).toBe('RACI');
    expect(stray.diagnostics.map((d) => d.ruleId)).toEqual(['unknown-code']);
    const legend = read(
      `R = Responsible, A = Accountable, C = Consulted, I = Informed\n\n${table(['| One | R | S |', '| Two | A | S |'])}`,
    );
    expect(legend.documents[0]?.scheme.name).toBe('RACI');
  });
});
