import { ExternalHyperlink, InternalHyperlink, type ParagraphChild, TextRun } from 'docx';
import type { Inline } from '../../ir/types.js';
import { runDirection } from './bidi.js';
import { STYLE } from './styles.js';

/** Word bookmark names: a letter first, then letters, digits and `_`, at most 40 characters. */
export function bookmarkName(anchor: string): string {
  const name = `bm_${anchor}`.replace(/[^A-Za-z0-9_]/g, '_');
  if (name.length <= 40) return name;
  let h = 0;
  for (const ch of anchor) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) >>> 0;
  return `${name.slice(0, 32)}${h.toString(36).padStart(7, '0').slice(0, 8)}`;
}

/**
 * Inline content as runs. Emphasis uses Word's Strong and Emphasis character styles and links the
 * Hyperlink style, so that a template restyles them too; only what has no style of its own
 * (strike-through, bold and italic at once) is direct formatting.
 */
export function runs(content: readonly Inline[]): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const item of content) {
    if (item.type === 'break') {
      out.push(new TextRun({ text: '', break: 1 }));
      continue;
    }
    const style =
      item.link || item.ref
        ? STYLE.hyperlink
        : item.code
          ? STYLE.inlineCode
          : item.bold
            ? STYLE.strong
            : item.italic
              ? STYLE.emphasis
              : undefined;
    const run = new TextRun({
      text: item.text,
      ...(style ? { style } : {}),
      ...(item.bold && style !== STYLE.strong ? { bold: true } : {}),
      ...(item.italic && style !== STYLE.emphasis ? { italics: true } : {}),
      ...(item.strike ? { strike: true } : {}),
      ...runDirection(item.text),
    });
    if (item.link) out.push(new ExternalHyperlink({ link: item.link, children: [run] }));
    else if (item.ref) out.push(new InternalHyperlink({ anchor: bookmarkName(item.ref), children: [run] }));
    else out.push(run);
  }
  return out;
}
