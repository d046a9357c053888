import type { List, Nodes, Paragraph, RootContent, Table } from 'mdast';
import { RACI } from '../model/schemes.js';
import { lettersInCells } from './cellletters.js';
import { splitNotes } from './cells.js';
import { codeIndex, codesOfLabel } from './codes.js';
import type { LegendEntry } from './legend.js';
import { readLegendText } from './legendtext.js';
import { Locator, nodeText, positionOf } from './markdown.js';
import type { ParsedDocument } from './parsed.js';
import { addRoleKeys } from './rolekeys.js';
import { collapse } from './text.js';
import { fold, isKnownLabel, LEGEND_PREFIXES } from './vocabulary.js';

/**
 * Custom word schemes: a legend that defines words instead of letters (`**Owns**: answers for the
 * result`, `**Executes**: does the work`, `**Helps**: lends a hand`) makes a scheme whose codes
 * are those words, and cells holding them read as its codes. A list of `**Word**: text` items is
 * common prose too, so a word legend must be confirmed by the charts: at least two of its words,
 * and half of them, are written as cells of a table of the same document.
 */

interface Candidate {
  node: Nodes;
  entries: { word: string; description: string; at: Nodes }[];
}

// An ordinary word or two, not an abbreviation (`PM`), not a letter: `Owns`, `Signs off`.
const WORD = /^\p{L}\p{Ll}+(?: \p{Ll}+)?$/u;

function wordEntry(text: string): { word: string; description: string } | undefined {
  const plain = collapse(text.normalize('NFKC').replace(/[*_`]/gu, ''));
  const m = /^([^:=–—(]{2,24}?)\s*(?:=|:|–|—|\s-\s|\()\s*(.+)$/u.exec(plain);
  if (!m) return undefined;
  const word = (m[1] as string).trim();
  if (!WORD.test(word)) return undefined;
  const description = (m[2] as string).replace(/\)\s*$/u, '').trim();
  return description === '' ? undefined : { word, description };
}

function candidateOf(node: RootContent): Candidate | undefined {
  if (node.type === 'list') return listCandidate(node);
  if (node.type === 'table') return tableCandidate(node);
  if (node.type === 'paragraph') return paragraphCandidate(node);
  return undefined;
}

function listCandidate(node: List): Candidate | undefined {
  const entries: Candidate['entries'] = [];
  for (const item of node.children) {
    const found = wordEntry(nodeText(item));
    if (!found) return undefined;
    entries.push({ ...found, at: item });
  }
  return entries.length >= 2 ? { node, entries } : undefined;
}

/** `Owns = answers for it; Executes = does the work`, one entry per line or per `;`. */
function paragraphCandidate(node: Paragraph): Candidate | undefined {
  let text = nodeText(node);
  const prefix = /^([^:=]{1,24}):\s*/u.exec(text);
  if (prefix && LEGEND_PREFIXES.has(fold(prefix[1] as string))) text = text.slice(prefix[0].length);
  const parts = text.split(/\s*[;\n]\s*|\s{2,}/u).filter((p) => p.trim() !== '');
  const entries: Candidate['entries'] = [];
  for (const part of parts) {
    const found = /=/u.test(part) ? wordEntry(part) : undefined;
    if (!found) return undefined;
    entries.push({ ...found, at: node });
  }
  return entries.length >= 2 ? { node, entries } : undefined;
}

/** `| Term | Meaning |` with one word per row. */
function tableCandidate(node: Table): Candidate | undefined {
  const rows = node.children.slice(1);
  if ((node.children[0]?.children.length ?? 0) > 3 || rows.length < 2) return undefined;
  const entries: Candidate['entries'] = [];
  for (const row of rows) {
    const [first, ...rest] = row.children;
    const word = first ? collapse(nodeText(first).replace(/[*_`]/gu, '')) : '';
    const description = rest
      .map((c) => collapse(nodeText(c)))
      .filter((t) => t !== '')
      .join(' ');
    if (!WORD.test(word) || description === '') return undefined;
    entries.push({ word, description, at: first as Nodes });
  }
  return { node, entries };
}

/** Records how a legend found after the scan was read, with the words it defines. */
function recordLegend(doc: ParsedDocument, node: Nodes, entries: readonly LegendEntry[]): void {
  const block = node.type === 'table' || node.type === 'list' ? node.type : 'paragraph';
  doc.readings.push({
    source: positionOf(doc.file, node),
    block,
    as: 'legend',
    defines: entries.map((e) => (e.description ? `${e.code} = ${e.description}` : e.code)),
  });
}

/** What the cells of the document's charts say, word by word (`Owns/Helps` → owns, helps). */
function cellWords(nodes: readonly RootContent[], skip: Set<Nodes>): Set<string> {
  const words = new Set<string>();
  const index = codeIndex(RACI);
  for (const node of nodes) {
    if (node.type !== 'table' || skip.has(node)) continue;
    const headers = (node.children[0]?.children ?? []).map((c) => nodeText(c));
    // A transposed table holds role names in its cells, not codes.
    if (headers.filter((h) => codesOfLabel(h, index) !== undefined).length >= 2) continue;
    for (const row of node.children.slice(1)) {
      for (const cell of row.children.slice(1)) {
        for (const word of wordsOf(nodeText(cell))) words.add(word);
      }
    }
  }
  return words;
}

/**
 * Reviews a document's legends once all are found: keys that name roles by letters stop being
 * legends (rolekeys.ts), and word legends are added to its legend (the nodes become legend
 * nodes: never read as anything else, never repeated in the charter).
 */
export function addWordLegends(doc: ParsedDocument): void {
  const nodes: RootContent[] = [];
  const walk = (list: readonly RootContent[]) => {
    for (const n of list) {
      if (n.type === 'blockquote') walk(n.children);
      else nodes.push(n);
    }
  };
  walk(doc.root.children);
  addRoleKeys(doc, nodes);
  addHeadingLegends(doc, nodes);
  addMixedListLegends(doc, nodes);
  const candidates: Candidate[] = [];
  for (const node of nodes) {
    if (doc.legendNodes.has(node)) continue;
    const found = candidateOf(node);
    if (found) candidates.push(found);
  }
  const roles = new Set(doc.roles.flatMap((r) => [r.name, ...r.aliases]).map(fold));
  const words = cellWords(nodes, new Set(candidates.map((c) => c.node)));
  for (const candidate of candidates) {
    const keys = candidate.entries.map((e) => fold(e.word));
    // `**Responsible**: does the work` explains the usual labels; it defines no words of its own.
    if (keys.some((k) => roles.has(k)) || candidate.entries.every((e) => isKnownLabel(e.word))) continue;
    const used = keys.filter((k) => words.has(k)).length;
    if (used < 2 || used * 2 < keys.length) continue;
    const entries: LegendEntry[] = candidate.entries.map((e) => {
      const locate = new Locator(doc.file, doc.text, doc.lines, e.at);
      const source = e.at === candidate.node ? locate.find(e.word) : positionOf(doc.file, e.at);
      return {
        code: e.word,
        label: e.word,
        ...(e.description ? { description: e.description } : {}),
        source,
      };
    });
    doc.legend.push(...entries);
    doc.legendNodes.add(candidate.node);
    recordLegend(doc, candidate.node, entries);
  }
  if (doc.legend.length === 0) {
    labelsInCells(doc, nodes);
    lettersInCells(doc, nodes);
  }
}

/**
 * Without a legend, code labels written out in the cells hint at the scheme as code headers do:
 * `Driver`, `Approver`, `Contributor` in the cells make the chart DACI, `Support` beside
 * `Responsible` RASCI (the smallest built-in scheme with a code for each, see
 * `schemeFromHeaders`). Only columns whose cells are mostly such words count, so that a `Team`
 * column saying `Support` does not; labels of RACI alone change nothing.
 */
function labelsInCells(doc: ParsedDocument, nodes: readonly RootContent[]): void {
  const index = codeIndex(RACI);
  const labels = new Set<string>();
  for (const node of nodes) {
    if (node.type !== 'table') continue;
    const headers = (node.children[0]?.children ?? []).map((c) => nodeText(c));
    if (headers.filter((h) => codesOfLabel(h, index) !== undefined).length >= 2) continue;
    for (let i = 1; i < headers.length; i++) {
      let filled = 0;
      let labelled = 0;
      const found: string[] = [];
      for (const row of node.children.slice(1)) {
        const cell = row.children[i];
        const words = cell ? wordsOf(nodeText(cell)) : [];
        if (words.length === 0) continue;
        filled++;
        const known = words.filter((w) => /\p{L}{4}/u.test(w) && isKnownLabel(w));
        if (known.length < words.length) continue;
        labelled++;
        found.push(...known);
      }
      if (labelled * 2 > filled) for (const w of found) labels.add(w);
    }
  }
  if ([...labels].some((w) => codesOfLabel(w, index) === undefined)) doc.codeHeaders.push(...labels);
}

/** The words of a cell without its notes: `Responsible and Support (lead)` → responsible, support. */
function wordsOf(text: string): string[] {
  const { body } = splitNotes(text);
  return body
    .split(/[/,;+&]|\s+(?:and|et|und|y|e)\s+/u)
    .map((p) => fold(p.replace(/[*_`]/gu, '')))
    .filter((p) => p !== '' && !/^[-–—]$/u.test(p) && p !== 'n/a');
}

/**
 * `### R - Responsible (The Doer)`, `### S - Support (The Helper)`: headings that each define one
 * letter with a known code label, two of them at least, are a legend too (the headings and the
 * prose under them stay in the charter text).
 */
function addHeadingLegends(doc: ParsedDocument, nodes: readonly RootContent[]): void {
  const found: LegendEntry[] = [];
  for (const node of nodes) {
    if (node.type !== 'heading' || node.depth < 2) continue;
    const entries = readLegendText(nodeText(node));
    const entry = entries?.length === 1 ? entries[0] : undefined;
    if (!entry || entry.loose || !isKnownLabel(entry.label)) continue;
    found.push({
      code: entry.code,
      label: entry.label,
      ...(entry.description ? { description: entry.description } : {}),
      source: positionOf(doc.file, node),
    });
  }
  if (found.length >= 2) doc.legend.push(...found);
}

/**
 * A list of legend entries with a remark among them (`- S = Support`, `- Only one A per row.`):
 * its entries count, two at least and most of the items, and the list stays in the charter text,
 * remarks included (a list made only of entries is a legend node, see legend.ts).
 */
function addMixedListLegends(doc: ParsedDocument, nodes: readonly RootContent[]): void {
  for (const node of nodes) {
    if (node.type !== 'list' || doc.legendNodes.has(node)) continue;
    const found: LegendEntry[] = [];
    for (const item of node.children) {
      const entries = readLegendText(nodeText(item));
      const entry = entries?.length === 1 ? entries[0] : undefined;
      if (!entry || entry.loose || !isKnownLabel(entry.label)) continue;
      const { loose: _, ...rest } = entry;
      found.push({ ...rest, source: positionOf(doc.file, item) });
    }
    if (found.length >= 2 && found.length * 2 > node.children.length) {
      doc.legend.push(...found);
      legendWithRemarks.add(node);
      doc.readings.push({
        source: positionOf(doc.file, node),
        block: 'list',
        as: 'legend',
        defines: found.map((e) => `${e.code} = ${e.label}`),
        reason: 'its other items are kept as text',
      });
    }
  }
}

/**
 * Lists read as a legend that stay in the charter text for their remarks: they are neither prose
 * nor a chart that was not read.
 */
export const legendWithRemarks = new WeakSet<Nodes>();
