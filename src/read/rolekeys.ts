import type { List, Nodes, Paragraph, RootContent, Table } from 'mdast';
import { type LegendEntry, legendOfList, legendOfParagraph, legendOfTable } from './legend.js';
import { readLegendText } from './legendtext.js';
import { Locator, nameKey, nodeText, positionOf } from './markdown.js';
import type { ParsedDocument } from './parsed.js';
import { collapse } from './text.js';
import { isKnownLabel } from './vocabulary.js';

/**
 * Roles named by letters: `| ID | Task | A | B | C | D |` with `A = Alpha squad, B = Beta squad`
 * written nearby. The key looks like a legend, but none of its labels is a code label and its
 * letters are the headers of a chart: it names roles. Its letters become short names of those
 * roles (as `PdM = Product Manager` does), and it is no legend.
 */

const CODES = /^\p{Lu}{1,2}(?:\s*[/,+;&]\s*\p{Lu}{1,2})*$/u;

/**
 * A column header that may be a key's short name: a letter (`A`) or an abbreviation (`PM`, `PdM`,
 * `SRE`). `| Abbreviation | Role |` tables beside `| Activity | PM | EM |` charts are the common
 * case: read as a legend, their abbreviations became codes and the chart's codes became roles.
 */
const SHORT_NAME = /^\p{Lu}[\p{L}\d]{0,4}$/u;

/**
 * Short headers (letters, abbreviations) of the document's tables, after the first column, over
 * cells that hold code letters (`R`, `A/R`) as a matrix's role columns do: a header `X` over role
 * names is a code.
 */
function letterHeaders(nodes: readonly RootContent[]): Set<string> {
  const letters = new Set<string>();
  for (const node of nodes) {
    if (node.type !== 'table') continue;
    (node.children[0]?.children ?? []).forEach((cell, i) => {
      const text = collapse(nodeText(cell)).replace(/[*_`]/gu, '');
      if (i === 0 || !SHORT_NAME.test(text)) return;
      let filled = 0;
      let codes = 0;
      for (const row of node.children.slice(1)) {
        const value = row.children[i]
          ? collapse(nodeText(row.children[i] as Nodes)).replace(/[*_`]/gu, '')
          : '';
        if (value === '') continue;
        filled++;
        if (CODES.test(value)) codes++;
      }
      if (filled > 0 && codes * 2 > filled) letters.add(text);
    });
  }
  return letters;
}

function entriesOf(doc: ParsedDocument, node: Nodes): LegendEntry[] | undefined {
  if (node.type === 'paragraph')
    return (
      legendOfParagraph(node as Paragraph, doc.file, doc.text, doc.lines) ??
      afterIntro(node as Paragraph, doc)
    );
  if (node.type === 'list') return legendOfList(node as List, doc.file, doc.text, doc.lines);
  if (node.type === 'table') return legendOfTable(node as Table, doc.file) ?? letterTable(node as Table, doc);
  return undefined;
}

/** `Teams are anonymised: A = Team Aurora, B = Team Borealis`: a key after a short introduction. */
function afterIntro(node: Paragraph, doc: ParsedDocument): LegendEntry[] | undefined {
  const text = nodeText(node);
  const intro = /^[^=\n]{1,80}?:\s*(?=\p{Lu}\s*=)/u.exec(text);
  if (!intro) return undefined;
  const entries = readLegendText(text.slice(intro[0].length));
  if (!entries) return undefined;
  const locate = new Locator(doc.file, doc.text, doc.lines, node);
  locate.find(intro[0].trim());
  return entries.map((e) => ({ code: e.code, label: e.label, source: locate.find(e.code) }));
}

/** `| Group | Name |` with `A | Alpha squad` rows: letters beside names. */
function letterTable(node: Table, doc: ParsedDocument): LegendEntry[] | undefined {
  if ((node.children[0]?.children.length ?? 0) !== 2 || node.children.length < 3) return undefined;
  const entries: LegendEntry[] = [];
  for (const row of node.children.slice(1)) {
    const [first, second] = row.children;
    const code = first ? collapse(nodeText(first)).replace(/[*_`]/gu, '') : '';
    const label = second ? collapse(nodeText(second)) : '';
    if (!/^\p{Lu}$/u.test(code) || label === '' || label.length > 60) return undefined;
    entries.push({ code, label, source: positionOf(doc.file, first) });
  }
  return entries;
}

export function addRoleKeys(doc: ParsedDocument, nodes: readonly RootContent[]): void {
  const letters = letterHeaders(nodes);
  if (letters.size < 2) return;
  for (const node of nodes) {
    if (node.type !== 'paragraph' && node.type !== 'list' && node.type !== 'table') continue;
    if (node.type === 'table' && !doc.legendNodes.has(node) && letterHeaders([node]).size > 0) continue;
    const entries = entriesOf(doc, node);
    if (!entries || entries.length < 2) continue;
    if (entries.some((e) => e.label === '' || isKnownLabel(e.label) || !letters.has(e.code))) continue;
    // A key of roles: no legend, and each letter a short name of its role.
    if (doc.legendNodes.has(node)) {
      doc.legendNodes.delete(node);
      // explain says what it became: a key of the roles' short names, not a legend.
      const at = node.position?.start;
      for (const reading of doc.readings) {
        if (
          reading.as === 'legend' &&
          reading.source.line === at?.line &&
          reading.source.column === at.column
        )
          reading.as = 'roles';
      }
      const mine = new Set(entries.map((e) => `${e.code}\u0000${e.source.line}\u0000${e.source.column}`));
      doc.legend = doc.legend.filter(
        (e) => !mine.has(`${e.code}\u0000${e.source.line}\u0000${e.source.column}`),
      );
    }
    for (const e of entries) {
      const key = nameKey(e.code);
      if (!doc.abbreviations.has(key))
        doc.abbreviations.set(key, { short: e.code, name: e.label, source: e.source });
    }
  }
}
