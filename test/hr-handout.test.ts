import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose, render } from '../src/index.js';
import { ROLE_NAMES } from './fixtures/pdf/generate.js';
import { modelOf, pdfText, tempDir } from './helpers.js';
import { pdfWords, squash } from './pdf-helpers.js';

/**
 * Handouts that hold on paper (issue 14, item 5): a role's rows only, one page up to about 40 of
 * them and two after that, never a nearly empty page. Each chart is generated with a given
 * number of rows for one role, rendered, and read back from the PDF.
 */

const STEMS = [
  'Review the release notes for sprint',
  'Valider le budget du trimestre',
  'Datenschutz-Folgenabschätzung durchführen für Projekt',
  'Έλεγχος ποιότητας της παράδοσης',
  'Согласовать дорожную карту квартала',
  'リリース計画の承認',
  'مراجعة خطة الإصدار',
  'Prioritise the product backlog for increment',
  'Définir les objectifs du sprint avec l’équipe de développement',
  'Communicate backlog priorities and sprint progress to every stakeholder of release',
  'סקירת תוכנית השחרור',
  'Plan the capacity of the support rota for quarter',
];
const CODES = ['A', 'R', 'C', 'I', 'A/R', 'C', 'I', 'R'];

/**
 * A team of `roles` roles where the first role has a code on `own` activities, between which sit
 * activities it has no part in (left out of its handout). Groups of 15 rows, as real charts have.
 */
function chart(own: number, roles = 12): string {
  const names = ROLE_NAMES.slice(0, roles);
  const lines = ['---', 'title: Handout test', 'version: "1.0"', '---', '# Handout test', '', '## Roles', ''];
  for (const [i, n] of names.entries()) lines.push(`### ${n} (T${i + 1})`, '', `Purpose of ${n}.`, '');
  lines.push('## Responsibilities', '');
  const header = `| Activity | ${names.map((_, i) => `T${i + 1}`).join(' | ')} |`;
  const rule = `|---|${names.map(() => ':-:').join('|')}|`;
  let n = 0;
  for (let i = 0; n < own; i++) {
    if (i % 15 === 0) lines.push('', `### Group ${i / 15 + 1}`, '', header, rule);
    const mine = i % 4 !== 3;
    const cells = names.map((_, k) => {
      if (k === 0) return mine ? (CODES[n % CODES.length] ?? 'C') : '';
      if (k === 1 + (i % (roles - 1))) return mine && CODES[n % CODES.length]?.includes('A') ? 'R' : 'A';
      return (i + k) % 5 === 0 ? 'C' : (i + k) % 3 === 0 ? 'I' : '';
    });
    if (!cells.includes('R') && !cells.some((c) => c.includes('R'))) cells[(i % (roles - 2)) + 2] = 'R';
    lines.push(`| ${STEMS[i % STEMS.length]} ${i + 1} | ${cells.join(' | ')} |`);
    if (mine) n++;
  }
  return lines.join('\n');
}

async function handout(own: number, roles = 12) {
  const m = modelOf(chart(own, roles), 'team.md');
  const role = m.roles[0];
  if (!role) throw new Error('no role');
  const ir = compose(m, { role: role.id }, { template: 'handout' });
  const path = join(tempDir(), 'handout.pdf');
  writeFileSync(path, await render(ir, 'pdf'));
  const mine = m.activities.filter((a) => a.assignments.some((x) => x.role === role.id));
  const others = m.activities.filter((a) => !a.assignments.some((x) => x.role === role.id));
  return { path, pages: pdfWords(path), role, mine, others, model: m };
}

/** How many of the (left-to-right) activity names a page holds. */
const rowsOn = (page: ReturnType<typeof pdfWords>[number], names: string[]) => {
  const text = squash(page.words.map((w) => w.text).join(' '));
  return names.filter((n) => !/[\u0590-\u08ff]/u.test(n) && text.includes(squash(n))).length;
};

describe('handout: one page up to about 40 rows, two after that', () => {
  it('just past one page (44 to 56 rows): two pages, the second well filled', async () => {
    for (const own of [44, 48, 52, 56]) {
      const { pages, mine } = await handout(own);
      expect(pages.length, `${own} rows`).toBeLessThanOrEqual(2);
      if (pages.length < 2) continue;
      const names = mine.map((a) => a.name);
      const first = rowsOn(pages[0] as (typeof pages)[number], names);
      const last = rowsOn(pages[1] as (typeof pages)[number], names);
      expect(last, `${own} rows: on page 2 (page 1: ${first})`).toBeGreaterThanOrEqual(first / 4);
    }
  });

  for (const [own, expected] of [
    [20, 1],
    [40, 1],
    [60, 2],
    [100, 2],
  ] as const) {
    it(`${own} rows for the role: ${expected} page${expected > 1 ? 's' : ''}, every row and code in it`, async () => {
      const { path, pages, mine, others, role } = await handout(own);
      expect(mine).toHaveLength(own);
      expect(pages).toHaveLength(expected);
      const text = squash(pdfText(path, false));
      for (const a of mine) {
        // Right-to-left names are checked by their number: their letters are stored as drawn.
        const name = /[\u0590-\u08ff]/u.test(a.name) ? (/\d+$/u.exec(a.name)?.[0] ?? a.name) : a.name;
        expect(text, a.name).toContain(squash(name));
      }
      for (const a of others.filter((x) => !/[\u0590-\u08ff]/u.test(x.name)))
        expect(text, `${a.name} is not the role's`).not.toContain(squash(a.name));
      // The role's own codes, read back cell by cell: its column holds each of them.
      const codes = mine.flatMap((a) => a.assignments.find((x) => x.role === role.id)?.codes ?? []);
      const column = pages.flatMap((p) => {
        // The role's column is headed by its short name, on the line of the "Activity" header.
        const activity = p.words.find((w) => w.text === 'Activity');
        const head = p.words.find(
          (w) => w.text === role.aliases[0] && activity && Math.abs(w.yMax - activity.yMax) < 3,
        );
        if (!head) return [];
        return p.words.filter(
          (w) =>
            w.yMin > head.yMax &&
            Math.abs((w.xMin + w.xMax) / 2 - (head.xMin + head.xMax) / 2) < 13 &&
            /^[ARCI]$/u.test(w.text),
        );
      });
      expect(column.map((w) => w.text).sort()).toEqual(codes.sort());
      // No nearly empty page: the last one carries at least a quarter of the rows of the first.
      if (pages.length > 1) {
        const first = rowsOn(
          pages[0] as (typeof pages)[number],
          mine.map((a) => a.name),
        );
        const last = rowsOn(
          pages[pages.length - 1] as (typeof pages)[number],
          mine.map((a) => a.name),
        );
        expect(last, `rows on the last page (first: ${first})`).toBeGreaterThanOrEqual(first / 4);
      }
    });
  }
});
