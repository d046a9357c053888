import { en, labelsFor } from '../compose/labels.js';
import type { Activity, Model, TeamDocument } from '../model/types.js';

/**
 * A name or note as the text of a GFM cell: pipes and the characters that would turn it into
 * HTML, emphasis, code or a link (`<script>`, `*`, `_`, `` ` ``, `[`) are escaped, so the matrix
 * shows what was written, and rolemark reads back the same text.
 */
const escapeCell = (text: string): string => text.replace(/[\\|<>*_`[\]~]/g, '\\$&').replace(/\n/g, ' ');

function cell(activity: Activity, roleId: string): string {
  const a = activity.assignments.find((x) => x.role === roleId);
  if (!a) return '';
  const codes = a.codes.join('/');
  return escapeCell(a.note ? `${codes} (${a.note})`.trim() : codes);
}

/** One document's matrix as a GFM table; group rows are bold bands that rolemark reads back. */
export function matrixTable(model: Model, doc: TeamDocument): string {
  const roles = doc.roles.map((id) => model.roles.find((r) => r.id === id)).filter((r) => r !== undefined);
  const activities = model.activities.filter((a) => a.document === doc.id);
  const labels = labelsFor(doc.lang) ?? en;
  const lines = [
    `| ${escapeCell(labels.activity)} | ${roles.map((r) => escapeCell(r.name)).join(' | ')} |`,
    `|---|${roles.map(() => ':-:').join('|')}|`,
  ];
  const blanks = roles.map(() => ' |').join('');
  let group: string | null = null;
  for (const activity of activities) {
    if (activity.group !== group && activity.group !== null)
      lines.push(`| **${escapeCell(activity.group)}** |${blanks}`);
    group = activity.group;
    lines.push(`| ${escapeCell(activity.name)} | ${roles.map((r) => cell(activity, r.id)).join(' | ')} |`);
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
