import { describe, expect, it } from 'vitest';
import { pdfWords, renderTeam, type Word } from './pdf-helpers.js';

/**
 * The workload bars (issue 14, item 15a): every count is printed, on its segment when it fits,
 * else beside the bar after the total. Read back from the PDF's word boxes.
 */

function chart(): string {
  const rows: string[] = [];
  // Lead: R on 40 activities and A on 1 (a sliver); Coach: I on 1; Owner: A on the other 40.
  for (let i = 1; i <= 41; i++)
    rows.push(`| Task ${i} | ${i === 41 ? 'A' : 'R'} | ${i === 1 ? 'I' : ''} | ${i === 41 ? 'R' : 'A'} |`);
  return `# Crew

## Roles

### Lead (LD)
### Coach (CO)
### Owner (OW)

## Responsibilities

| Activity | LD | CO | OW |
|---|---|---|---|
${rows.join('\n')}
`;
}

describe('PDF workload bars', () => {
  it('a segment too narrow for its count has the count beside the bar', async () => {
    const { path } = await renderTeam(chart());
    const pages = pdfWords(path);
    const page = pages.findLast((p) => p.words.some((w) => w.text === 'Workload'));
    expect(page).toBeDefined();
    const words = page?.words ?? [];
    const heading = words.find((w) => w.text === 'Workload') as Word;
    const rowOf = (name: string) => {
      const label = words.find((w) => w.text === name && w.yMin > heading.yMin) as Word;
      return words
        .filter((w) => Math.abs((w.yMin + w.yMax) / 2 - (label.yMin + label.yMax) / 2) < 4)
        .sort((a, b) => a.xMin - b.xMin)
        .map((w) => w.text);
    };
    // Lead: "R 40" on its segment, the total 41, then "A 1" beside the bar.
    const lead = rowOf('Lead');
    expect(lead.join(' ')).toMatch(/R 40 .*41 A 1$/);
    // Coach: a one-activity sliver, too narrow for its count (the letter may fit): the count is beside it.
    expect(rowOf('Coach').join(' ')).toMatch(/^Coach (I )?1 I 1$/);
    // Nothing runs past the right margin.
    const right = Math.max(...words.filter((w) => w.yMin > heading.yMin).map((w) => w.xMax));
    expect(right).toBeLessThanOrEqual((page?.width ?? 0) - 40);
  });
});
