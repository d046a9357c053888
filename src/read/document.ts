import type { Heading, Nodes, Root, RootContent, Table } from 'mdast';
import { joinCommentedTables } from './comments.js';
import { readFrontmatter } from './frontmatter.js';
import { readHtmlBlocks } from './html.js';
import { type LegendEntry, legendOfList, legendOfParagraph, legendOfTable } from './legend.js';
import { LineIndex, Locator, nameKey, nodeText, parseMarkdown, positionOf, sourceOf } from './markdown.js';
import type { ParsedDocument, Part } from './parsed.js';
import { findAbbreviations, readRole, rolesOfList, rolesOfTable } from './roles.js';
import { collapse } from './text.js';
import { readUndelimitedTables } from './undelimited.js';
import { fold, isKnownLabel, MATRIX_SECTION, ROLES_SECTION } from './vocabulary.js';
import { addWordLegends } from './wordscheme.js';

export type { ParsedDocument, Part };

type SectionKind = 'roles' | 'matrix' | 'other';

export function sectionKind(title: string): SectionKind {
  // Numbered headings (`## 5. Roles`, `## 2.1 RACI`) are named by their words.
  const t = fold(title).replace(/^(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+/u, '');
  if (ROLES_SECTION.has(t)) return 'roles';
  if (MATRIX_SECTION.has(t)) return 'matrix';
  return 'other';
}

/** Splits `nodes` at headings of `depth` or less: [nodes before the first, [heading, body]…]. */
export function splitAt(nodes: RootContent[], depth: number): [RootContent[], [Heading, RootContent[]][]] {
  const before: RootContent[] = [];
  const parts: [Heading, RootContent[]][] = [];
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth <= depth) parts.push([node, []]);
    else if (parts.length > 0) (parts[parts.length - 1] as [Heading, RootContent[]])[1].push(node);
    else before.push(node);
  }
  return [before, parts];
}

/** Reads the structure of one Markdown file: frontmatter, title, roles, legends and parts. */
export function parseDocument(file: string, text: string, root: Root = parseMarkdown(text)): ParsedDocument {
  const doc: ParsedDocument = {
    file,
    text,
    root,
    lines: new LineIndex(text),
    frontmatter: { extra: {} },
    title: null,
    rolesIntro: '',
    roles: [],
    legend: [],
    codeHeaders: [],
    legendNodes: new Set(),
    abbreviations: new Map(),
    parts: [],
    readings: [],
    joined: new Map(),
    htmlTables: new Set(),
    diagnostics: [],
  };
  // HTML tables and headings (`<table>`, `<h3>`) are tables and headings like the Markdown ones.
  const html = readHtmlBlocks(root.children, text, doc.lines);
  root.children = html.nodes;
  doc.htmlTables = html.tables;
  // Rows after a comment line are still the table's (GFM ends the table at the comment).
  const joined = joinCommentedTables(root.children, text, doc.lines, file);
  root.children = joined.nodes;
  doc.joined = joined.joined;
  // `| Task | PM |` lines without their `|---|` row: the table they were meant to be (undelimited.ts).
  root.children = readUndelimitedTables(root.children, text, file, doc.diagnostics);
  let nodes = root.children;
  const first = nodes[0];
  if (first?.type === 'yaml') {
    doc.frontmatter = readFrontmatter(first, file, doc.diagnostics);
    const keys = Object.keys(doc.frontmatter.extra);
    doc.readings.push({
      source: positionOf(file, first),
      block: 'frontmatter',
      as: 'metadata',
      ...(doc.frontmatter.scheme ? { reason: `scheme: ${doc.frontmatter.scheme}` } : {}),
      ...(keys.length > 0 ? { defines: keys } : {}),
    });
    nodes = nodes.slice(1);
  }
  const h1Index = nodes.findIndex((n) => n.type === 'heading' && n.depth === 1);
  const beforeH2 = nodes.findIndex((n) => n.type === 'heading' && n.depth === 2);
  if (h1Index >= 0 && (beforeH2 < 0 || h1Index < beforeH2)) {
    const h1 = nodes[h1Index] as Heading;
    doc.title = collapse(nodeText(h1)) || null;
    doc.titleSource = positionOf(file, h1);
    nodes = [...nodes.slice(0, h1Index), ...nodes.slice(h1Index + 1)];
  }
  if (doc.frontmatter.title) doc.title = doc.frontmatter.title;

  const [intro, sections] = splitAt(nodes, 2);
  doc.parts.push({ heading: null, title: '', kind: 'intro', body: intro });
  for (const [heading, body] of sections) {
    const title = collapse(nodeText(heading));
    const kind = sectionKind(title);
    if (kind === 'roles') readRolesSection(doc, body);
    else doc.parts.push({ heading, title, kind, body });
  }
  for (const part of doc.parts) scan(doc, part.body);
  addWordLegends(doc);
  return doc;
}

function readRolesSection(doc: ParsedDocument, body: RootContent[]): void {
  const [before, roles] = splitAt(body, 3);
  const intro: RootContent[] = [];
  for (const node of before) {
    const listed =
      node.type === 'list'
        ? rolesOfList(node, doc.file, doc.text)
        : node.type === 'table'
          ? rolesOfTable(node, doc.file, doc.text)
          : undefined;
    if (listed) {
      doc.roles.push(...listed);
      doc.readings.push({
        source: positionOf(doc.file, node),
        block: node.type === 'list' ? 'list' : 'table',
        as: 'roles',
        defines: listed.map((r) => r.name),
      });
    } else intro.push(node);
  }
  scan(doc, intro);
  const kept = new Set(intro);
  doc.rolesIntro = joinMarkdown(
    doc.rolesIntro,
    markdownOf(doc.text, before, (n) => kept.has(n) && !doc.legendNodes.has(n)),
  );
  for (const [heading, content] of roles) {
    const role = readRole(heading, content, doc.file, doc.text);
    doc.roles.push(role);
    doc.readings.push({
      source: positionOf(doc.file, heading),
      block: 'heading',
      as: 'roles',
      defines: [role.name],
    });
  }
}

/** Finds legends and abbreviations among top-level nodes (and inside block quotes). */
function scan(doc: ParsedDocument, nodes: readonly RootContent[]): void {
  for (const node of nodes) {
    let legend: LegendEntry[] | undefined;
    if (node.type === 'paragraph') legend = legendOfParagraph(node, doc.file, doc.text, doc.lines);
    else if (node.type === 'list') legend = legendOfList(node, doc.file, doc.text, doc.lines);
    else if (node.type === 'table') legend = legendOfTable(node, doc.file);
    else if (node.type === 'blockquote') scan(doc, node.children);
    if (legend) {
      doc.legend.push(...legend);
      doc.legendNodes.add(node);
      doc.readings.push({
        source: positionOf(doc.file, node),
        block:
          node.type === 'table' && doc.htmlTables.has(node)
            ? 'html-table'
            : (node.type as 'paragraph' | 'list' | 'table'),
        as: 'legend',
        defines: legend.map((e) => `${e.code} = ${e.label}`),
      });
      continue;
    }
    if (node.type === 'table') codeHeadersOf(doc, node);
    if (node.type === 'paragraph') abbreviationsOf(doc, node);
    else if (node.type === 'list') for (const item of node.children) abbreviationsOf(doc, item);
  }
}

/** `| Decision | Driver | Approver | Contributors | Informed |`: two code labels or letters at least. */
function codeHeadersOf(doc: ParsedDocument, node: Table): void {
  const headers = (node.children[0]?.children ?? []).slice(1).map((c) => collapse(nodeText(c)));
  const codes = headers.filter((h) => /^\p{Lu}$/u.test(h) || isKnownLabel(h));
  if (codes.length >= 2) doc.codeHeaders.push(...codes);
}

function abbreviationsOf(doc: ParsedDocument, node: Nodes): void {
  const text = nodeText(node);
  if (!/\p{Lu}[\p{L}&.]{1,7}\s*[=:–—-]/u.test(text)) return;
  const locate = new Locator(doc.file, doc.text, doc.lines, node);
  for (const found of findAbbreviations(text)) {
    const key = nameKey(found.short);
    if (!doc.abbreviations.has(key))
      doc.abbreviations.set(key, { short: found.short, name: found.name, source: locate.find(found.short) });
  }
}

/**
 * The Markdown of the nodes `keep` accepts, as written: each run of adjacent kept nodes keeps its
 * exact source; runs are joined by a blank line.
 */
export function markdownOf(
  text: string,
  nodes: readonly RootContent[],
  keep: (node: RootContent) => boolean = () => true,
): string {
  const runs: string[] = [];
  let run: RootContent[] = [];
  const flush = () => {
    const source = sourceOf(text, run);
    if (source !== '') runs.push(source);
    run = [];
  };
  for (const node of nodes) {
    if (keep(node)) run.push(node);
    else flush();
  }
  flush();
  return runs.join('\n\n');
}

export function joinMarkdown(a: string, b: string): string {
  return [a, b].filter((s) => s !== '').join('\n\n');
}
