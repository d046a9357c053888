import { describe, expect, it } from 'vitest';
import { loadSources } from '../src/read/load.js';

/** Tables written without their delimiter row (src/read/undelimited.ts). */
const read = (text: string) => loadSources([{ file: 'u.md', text }]);

describe('tables without a delimiter row', () => {
  it('reads them with the positions of the file, and warns once', () => {
    const model = read('Intro.\n\n| Task | PM | QA |\n| Ship | A | R |\n| Test | I | A/R |\n');
    expect(model.activities.map((a) => a.name)).toEqual(['Ship', 'Test']);
    expect(
      model.activities[1]?.assignments.map((x) => [x.role, x.codes, x.source?.line, x.source?.column]),
    ).toEqual([
      ['pm', ['I'], 5, 10],
      ['qa', ['R', 'A'], 5, 14],
    ]);
    expect(model.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([['ambiguous-reading', 3, 1]]);
  });

  it('leaves other text with pipes alone', () => {
    // Lines of different widths, a single line, and a proper table are not touched.
    for (const text of [
      '| Task | PM |\n| Ship | A | R |\n',
      '| Task | PM |\n',
      '| Task | PM |\n|---|---|\n| Ship | A |\n',
      'a | b\nc | d\n',
    ]) {
      expect(read(text).diagnostics.filter((d) => d.message.includes('delimiter row'))).toEqual([]);
    }
  });
});
