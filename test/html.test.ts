import { describe, expect, it } from 'vitest';
import { loadSources } from '../src/read/load.js';

const load = (text: string) => loadSources([{ file: 't.md', text }]);
const cells = (text: string) =>
  load(text).activities.map((a) => [
    a.name,
    a.group,
    a.assignments.map((x) => `${x.role}:${x.codes.join('')}`),
  ]);

describe('HTML tables (parse5)', () => {
  it('reads entities, <br> between names, rowspan and implied tags', () => {
    const text = [
      '<table>',
      '<tr><th>Activity</th><th>Responsible</th><th>Accountable</th>',
      '<tr><td rowspan="2">Q&amp;A review</td><td>QA<br>Dev</td><td>Lead',
      '<tr><td>Docs</td><td>Lead',
      '</table>',
      '',
    ].join('\n');
    // A cell spanning two rows is in both: here the activity's name, so the rows are one activity
    // written twice (both kept, and reported as duplicate-activity).
    expect(cells(text)).toEqual([
      ['Q&A review', null, ['qa:R', 'dev:R', 'lead:A']],
      ['Q&A review', null, ['docs:R', 'lead:A']],
    ]);
    expect(load(text).diagnostics.map((d) => d.ruleId)).toContain('duplicate-activity');
  });

  it('never throws on deep nesting, and still reads the cell', () => {
    for (const tag of ['b', 'span', 'em', 'table><tr><td']) {
      const deep = `<${tag}>\n`.repeat(5000);
      const text = `<table><tr><th>Activity</th><th>PM</th></tr><tr><td>Plan</td><td>\n${deep}A\n</td></tr></table>\n`;
      expect(() => load(text), tag).not.toThrow();
    }
    const bold = `<table><tr><th>Activity</th><th>PM</th></tr><tr><td>Plan</td><td>${'<b>\n'.repeat(3000)}A</td></tr></table>\n`;
    expect(cells(bold)).toEqual([['Plan', null, ['pm:A']]]);
  });

  it('caps colspan, so that a few bytes make no million cells', () => {
    const model = load(
      '<table><tr><th>Activity</th><th colspan="99999">PM</th></tr><tr><td>Plan</td><td>A</td></tr></table>\n',
    );
    expect(model.activities).toHaveLength(1);
    expect(model.readings?.[0]?.blocks[0]).toMatchObject({ block: 'html-table', as: 'matrix' });
  });

  it('keeps HTML that holds no table or heading as it is', () => {
    const model = load('# T\n\n## Notes\n\n<div class="note">Ask <b>Dana</b> first.</div>\n');
    expect(model.documents[0]?.sections[0]?.markdown).toBe('<div class="note">Ask <b>Dana</b> first.</div>');
  });
});
