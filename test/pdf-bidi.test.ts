import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose, render } from '../src/index.js';
import { embeddingLevels } from '../src/render/pdf/bidi.js';
import { docxPart, docxText, modelOf, tempDir } from './helpers.js';
import { pdfWords, type Word } from './pdf-helpers.js';

/**
 * Mixed-direction lists in the PDF (issue 14, item 11), read back from the words' boxes: a
 * right-to-left item has its bullet at the right, and a sentence of the document's language
 * around a Hebrew name reads left to right with the name first, as it was composed.
 */

const model = modelOf(readFileSync('test/fixtures/rtl/team.md', 'utf8'), 'test/fixtures/rtl/team.md');
const roleId = (alias: string) => model.roles.find((r) => r.aliases.includes(alias))?.id ?? '';

async function wordsOf(role: string): Promise<Word[]> {
  const pdf = await render(compose(model, { role: roleId(role) }, { template: 'role-charter' }), 'pdf');
  const file = join(tempDir('rolemark-bidi-'), 'role.pdf');
  writeFileSync(file, pdf);
  return pdfWords(file)[0]?.words ?? [];
}

/** The words on the same line as `word` (by baseline), left to right. */
const lineOf = (words: Word[], word: Word) =>
  words.filter((w) => Math.abs(w.yMax - word.yMax) < 2).sort((a, b) => a.xMin - b.xMin);

/** A word, as written or (pdftotext gives right-to-left words in visual order) reversed. */
const find = (words: Word[], text: string) => {
  const reversed = [...text].reverse().join('');
  const w = words.find((x) => x.text === text || x.text === reversed);
  if (!w) throw new Error(`no word ${text} in ${words.map((x) => x.text).join(' ')}`);
  return w;
};

describe('PDF lists with right-to-left items', () => {
  it('a Hebrew or Arabic item has its bullet at the right, a Latin one at the left', async () => {
    const words = await wordsOf('PM');
    const hebrew = lineOf(words, find(words, 'הספרינט'));
    expect(hebrew.at(-1)?.text).toBe('•');
    const hebrewText = hebrew.filter((w) => w.text !== '•');
    // The bullet sits right of the item's text, which ends against it.
    expect((hebrew.at(-1)?.xMin ?? 0) - Math.max(...hebrewText.map((w) => w.xMax))).toBeLessThan(14);
    const latin = lineOf(words, find(words, 'retrospective'));
    expect(latin[0]?.text).toBe('•');
    // Both bullets sit on the page's margins: the Hebrew one at the right, the Latin one at the left.
    const page = Math.max(...words.map((w) => w.xMax));
    expect(page - (hebrew.at(-1)?.xMax ?? 0)).toBeLessThan(2);
    expect(latin[0]?.xMin ?? 0).toBeLessThan(hebrew.at(-1)?.xMin ?? 0);
  });

  it('a collaborator line reads name, alias, then the count, left to right', async () => {
    const words = await wordsOf('PM');
    const line = lineOf(words, find(words, '(MNM)'));
    const texts = line.map((w) => w.text);
    // Composed "מנהלת מוצר (MNM) — 3 shared activities": the name comes first, at the left.
    expect(texts.indexOf('(MNM)')).toBeLessThan(texts.indexOf('shared'));
    expect(line[0]?.text).toBe('•');
    const hebrew = line.filter((w) => /[\u0590-\u05ff]/u.test(w.text));
    expect(hebrew).toHaveLength(2);
    for (const h of hebrew) expect(h.xMax).toBeLessThanOrEqual(find(line, '(MNM)').xMin + 1);
  });
});

describe('DOCX: a sentence of the document’s language around a Hebrew name', () => {
  it('is a left-to-right paragraph; a Hebrew activity item stays right-to-left', async () => {
    const ir = compose(model, { role: roleId('PM') }, { template: 'role-charter' });
    const xml = docxPart(await render(ir, 'docx'));
    const paragraph = (s: string) =>
      (xml.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? []).find((p) => docxText(p).startsWith(s));
    expect(paragraph('מנהלת מוצר (MNM) — 3 shared activities')).not.toContain('<w:bidi/>');
    expect(paragraph('קביעת יעדי הספרינט')).toContain('<w:bidi/>');
  });
});

describe('embeddingLevels', () => {
  it('takes the base direction it is given, else the first strong character', () => {
    const text = 'מנהלת מוצר (MNM) — 3 shared activities';
    expect(embeddingLevels(text)?.rtl).toBe(true);
    expect(embeddingLevels(text, 'ltr')?.rtl).toBe(false);
    expect(embeddingLevels('Run the retrospective', 'rtl')?.rtl).toBe(true);
    expect(embeddingLevels('Run the retrospective')).toBeNull();
  });
});

describe('an activity item rolemark composes around a right-to-left name', () => {
  // "קביעת יעדי הספרינט — Delivery": the name, then its group, a sentence of the English
  // document, so it reads left to right with its bullet at the left (it was set right to left,
  // group first, bullet at the right). The item without a group stays the name's own direction.
  const grouped = modelOf(
    [
      '# Team',
      '',
      '## Roles',
      '',
      '### Product Manager (PM)',
      '',
      '### מנהלת מוצר (MNM)',
      '',
      '## Responsibilities',
      '',
      '| Activity | PM | MNM |',
      '|---|---|---|',
      '| **Delivery** | | |',
      '| קביעת יעדי הספרינט | A/R | C |',
      '| Run the retrospective | R | A |',
      '',
    ].join('\n'),
    'grouped.md',
  );
  const pm = grouped.roles.find((r) => r.aliases.includes('PM'))?.id ?? '';

  it('PDF: bullet at the left, the Hebrew name first, the group after it', async () => {
    const pdf = await render(compose(grouped, { role: pm }, { template: 'job-description' }), 'pdf');
    const file = join(tempDir('rolemark-bidi-'), 'jd.pdf');
    writeFileSync(file, pdf);
    const words = pdfWords(file)[0]?.words ?? [];
    const line = lineOf(words, find(words, 'Delivery'));
    expect(line[0]?.text).toBe('•');
    const hebrew = line.filter((w) => /[\u0590-\u05ff]/u.test(w.text));
    expect(hebrew.length).toBeGreaterThan(0);
    for (const h of hebrew) expect(h.xMax).toBeLessThanOrEqual(find(line, 'Delivery').xMin + 1);
  });

  it('DOCX: a left-to-right paragraph', async () => {
    const xml = docxPart(
      await render(compose(grouped, { role: pm }, { template: 'job-description' }), 'docx'),
    );
    const paragraph = (s: string) =>
      (xml.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? []).find((p) => docxText(p).startsWith(s));
    const item = paragraph('קביעת יעדי הספרינט — Delivery');
    expect(item).toBeDefined();
    expect(item).not.toContain('<w:bidi/>');
  });
});
