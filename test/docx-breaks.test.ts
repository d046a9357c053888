import { describe, expect, it } from 'vitest';
import { compose, load, render } from '../src/index.js';
import type { Block } from '../src/ir/types.js';
import { keepWithNext, keptItems } from '../src/render/docx/keep.js';
import { docxParts, elements } from './docx-helpers.js';
import { docxText, modelOf } from './helpers.js';

/**
 * Where a DOCX page may break (issue 14, item 8), read back from the XML: widow and orphan
 * control on every paragraph, headings and the line before a list kept with what follows, a
 * role's short section kept whole, matrix rows never split and the header row repeated.
 */

const model = await load(['content']);
const docOf = async (ir: ReturnType<typeof compose>) => docxParts(await render(ir, 'docx'));
const paragraphs = (xml: string) =>
  elements(xml, 'w:p').map((p) => ({ text: docxText(p).trim(), keep: p.includes('<w:keepNext/>'), xml: p }));

describe('DOCX keeps', () => {
  it('widow and orphan control is on by default; headings keep with the next paragraph', async () => {
    const parts = await docOf(compose(model, { document: model.documents[0]?.id ?? '' }));
    const styles = parts['word/styles.xml'] ?? '';
    expect(/<w:pPrDefault><w:pPr>[\s\S]*?<w:widowControl\/>/.exec(styles)).not.toBeNull();
    for (const id of ['Heading1', 'Heading2', 'Heading3', 'Heading4']) {
      const style = new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
      expect(style, id).toContain('<w:keepNext/>');
    }
  });

  it('a role’s section in the team charter is kept whole: every paragraph but the last keeps with the next', async () => {
    const ir = compose(model, { document: model.documents[0]?.id ?? '' });
    const doc = (await docOf(ir))['word/document.xml'] ?? '';
    const ps = paragraphs(doc);
    for (const role of model.roles) {
      const at = ps.findIndex((p) => p.text === role.name && /w:val="Heading\d"/.test(p.xml));
      expect(at, role.name).toBeGreaterThan(0);
      const end = ps.findIndex((p, i) => i > at && /w:val="Heading\d"/.test(p.xml));
      const section = ps.slice(at + 1, end < 0 ? undefined : end).filter((p) => p.text !== '');
      expect(section.length, role.name).toBeGreaterThan(1);
      expect(
        section.slice(0, -1).map((p) => p.keep),
        role.name,
      ).not.toContain(false);
      const last = section.at(-1)?.text ?? '';
      // The last line is the role's last field, such as "Reports to".
      expect(last).toMatch(/: /);
    }
  });

  it('the line before a list keeps with it; a long list keeps its first two and last two items together', () => {
    const p = (text: string): Block => ({ type: 'paragraph', content: [{ type: 'text', text }] });
    const intro = p('Approves the work others do on:');
    const list: Block = { type: 'list', ordered: false, items: [[p('a')], [p('b')]] };
    const blocks: Block[] = [{ type: 'heading', level: 2, text: 'H' }, p('x'.repeat(2000)), intro, list];
    const keep = keepWithNext(blocks);
    expect(keep.has(intro)).toBe(true);
    // A section of some twenty lines is not kept whole: only the line before the list is.
    expect(keep.has(blocks[1] as Block)).toBe(false);
    expect([...keptItems(6, false)]).toEqual([0, 4]);
    expect([...keptItems(1, false)]).toEqual([]);
  });

  it('the job description’s "Approves the work others do on:" keeps with its list, and lists keep their ends', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `| Task ${i + 1} | A | R |`).join('\n');
    const m = modelOf(
      `# Crew\n\n## Roles\n\n### Lead (LD)\n\n### Maker (MK)\n\n## Responsibilities\n\n| Activity | LD | MK |\n|---|---|---|\n${rows}\n`,
      'crew.md',
    );
    const role = m.roles.find((r) => r.aliases.includes('LD'))?.id ?? '';
    const doc =
      (await docOf(compose(m, { role }, { template: 'job-description' })))['word/document.xml'] ?? '';
    const ps = paragraphs(doc);
    const intro = ps.findIndex((p) => p.text.startsWith('Approves the work others do on'));
    expect(intro).toBeGreaterThan(0);
    expect(ps[intro]?.keep).toBe(true);
    const items = ps.slice(intro + 1, intro + 7);
    expect(items.every((p) => p.xml.includes('<w:numPr>'))).toBe(true);
    // Six items: the first keeps with the second, the fifth with the last; the others may break.
    expect(items.map((p) => p.keep)).toEqual([true, false, false, false, true, false]);
  });

  it('matrix rows never split across pages and the header row repeats', async () => {
    const doc =
      (await docOf(compose(model, { document: model.documents[0]?.id ?? '' })))['word/document.xml'] ?? '';
    const table = elements(doc, 'w:tbl').find((t) => t.includes('RolemarkMatrix')) ?? '';
    const rows = elements(table, 'w:tr');
    expect(rows.length).toBeGreaterThan(3);
    expect(rows[0]).toContain('<w:tblHeader/>');
    for (const row of rows) expect(row).toContain('<w:cantSplit/>');
  });
});
