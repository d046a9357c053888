import { composeMatrix } from '../compose/matrix.js';
import { en, labelsFor } from '../lang/labels.js';
import type { Model, TeamDocument } from '../model/types.js';

/**
 * A name or note as the text of a GFM cell: pipes and the characters that would turn it into
 * HTML, emphasis, code or a link (`<script>`, `*`, `_`, `` ` ``, `[`) are escaped, so the matrix
 * shows what was written, and rolemark reads back the same text.
 */
const escapeCell = (text: string): string => text.replace(/[\\|<>*_`[\]~]/g, '\\$&').replace(/\n/g, ' ');

/**
 * One document's matrix as a GFM table, from the same composed matrix the PDF and DOCX show
 * (src/compose/matrix.ts): columns, group rows as bold bands that rolemark reads back, and each
 * note in its cell, `C (reviews)`, where the documents number it.
 */
export function matrixTable(model: Model, doc: TeamDocument): string {
  const matrix = composeMatrix(model, doc, labelsFor(doc.lang) ?? en);
  const noteText = new Map(matrix.notes.map((n) => [n.mark, n.text]));
  const lines = [
    `| ${escapeCell(matrix.activityLabel)} | ${matrix.columns.map((c) => escapeCell(c.name)).join(' | ')} |`,
    `|---|${matrix.columns.map(() => ':-:').join('|')}|`,
  ];
  const blanks = matrix.columns.map(() => ' |').join('');
  for (const row of matrix.rows) {
    if (row.type === 'group') {
      lines.push(`| **${escapeCell(row.name)}** |${blanks}`);
      continue;
    }
    const cells = row.cells.map((c) => {
      const codes = c.codes.join('/');
      const note = c.note === undefined ? '' : (noteText.get(c.note) ?? '');
      return escapeCell(note ? `${codes} (${note})`.trim() : codes);
    });
    lines.push(`| ${escapeCell(row.name)} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Every document's matrix, each under its title, with the scheme's legend in the document's language. */
export function renderMarkdown(model: Model): string {
  const single = model.documents.length === 1;
  const parts = model.documents.map((doc) => {
    const labels = labelsFor(doc.lang) ?? en;
    const legend = doc.scheme.codes
      .map((c) => `**${c.code}** = ${labels.codes[c.label]?.label ?? c.label}`)
      .join(' · ');
    return `${single ? '' : `## ${escapeCell(doc.title)}\n\n`}${legend}\n\n${matrixTable(model, doc)}`;
  });
  const title = model.title ?? 'Responsibility matrix';
  return `# ${escapeCell(title)}\n\n${parts.join('\n\n')}\n`;
}
