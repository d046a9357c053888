import type { Heading, Root, RootContent, Table } from 'mdast';
import type { Diagnostic, Section, SourcePosition } from '../model/types.js';
import { type Frontmatter, readFrontmatter } from './frontmatter.js';
import { nodeText, parseMarkdown, positionOf, sourceOf } from './markdown.js';
import { type RoleDefinition, readRole } from './roles.js';

/** A matrix table found in a file, with the group its nearest heading gives it. */
export interface MatrixTable {
  node: Table;
  group: string | null;
}

/** What one file says, before roles are resolved across files. */
export interface ParsedDocument {
  file: string;
  text: string;
  frontmatter: Frontmatter;
  title: string | null;
  titleSource?: SourcePosition;
  intro: string;
  rolesIntro: string;
  matrixIntro: string;
  roles: RoleDefinition[];
  tables: MatrixTable[];
  sections: Section[];
  diagnostics: Diagnostic[];
}

const ROLES_SECTION = /^(roles?|team roles|the roles|role definitions)$/iu;
const MATRIX_SECTION =
  /^(responsibilities|responsibility matrix|responsibility assignment matrix|matrix|raci|raci matrix|raci chart|ram)$/iu;

type SectionKind = 'roles' | 'matrix' | 'other';

export function sectionKind(title: string): SectionKind {
  const t = title.trim().replace(/[:.]$/u, '').trim();
  if (ROLES_SECTION.test(t)) return 'roles';
  if (MATRIX_SECTION.test(t)) return 'matrix';
  return 'other';
}

/** Splits `nodes` at headings of exactly `depth`: [nodes before the first, [heading, body]…]. */
function splitAt(nodes: RootContent[], depth: number): [RootContent[], [Heading, RootContent[]][]] {
  const before: RootContent[] = [];
  const parts: [Heading, RootContent[]][] = [];
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth <= depth) parts.push([node, []]);
    else if (parts.length > 0) (parts[parts.length - 1] as [Heading, RootContent[]])[1].push(node);
    else before.push(node);
  }
  return [before, parts];
}

/** Reads the structure of one Markdown file: frontmatter, title, intro, roles, matrix and sections. */
export function parseDocument(file: string, text: string, root: Root = parseMarkdown(text)): ParsedDocument {
  const doc: ParsedDocument = {
    file,
    text,
    frontmatter: { extra: {} },
    title: null,
    intro: '',
    rolesIntro: '',
    matrixIntro: '',
    roles: [],
    tables: [],
    sections: [],
    diagnostics: [],
  };
  let nodes = root.children;
  const first = nodes[0];
  if (first?.type === 'yaml') {
    doc.frontmatter = readFrontmatter(first, file, doc.diagnostics);
    nodes = nodes.slice(1);
  }
  const h1Index = nodes.findIndex((n) => n.type === 'heading' && n.depth === 1);
  const beforeH2 = nodes.findIndex((n) => n.type === 'heading' && n.depth === 2);
  if (h1Index >= 0 && (beforeH2 < 0 || h1Index < beforeH2)) {
    const h1 = nodes[h1Index] as Heading;
    doc.title = nodeText(h1).trim();
    doc.titleSource = positionOf(file, h1);
    nodes = [...nodes.slice(0, h1Index), ...nodes.slice(h1Index + 1)];
  }
  if (doc.frontmatter.title) doc.title = doc.frontmatter.title;

  const [intro, parts] = splitAt(nodes, 2);
  doc.intro = sourceOf(text, intro);
  for (const [heading, body] of parts) {
    const title = nodeText(heading).trim();
    const kind = sectionKind(title);
    if (kind === 'roles') readRolesSection(doc, body);
    else if (kind === 'matrix') readMatrixSection(doc, body);
    else {
      doc.sections.push({
        title,
        depth: heading.depth,
        markdown: sourceOf(text, body),
        source: positionOf(file, heading),
      });
    }
  }
  return doc;
}

function readRolesSection(doc: ParsedDocument, body: RootContent[]): void {
  const [before, roles] = splitAt(body, 3);
  doc.rolesIntro = joinMarkdown(doc.rolesIntro, sourceOf(doc.text, before));
  for (const [heading, content] of roles) doc.roles.push(readRole(heading, content, doc.file, doc.text));
}

function readMatrixSection(doc: ParsedDocument, body: RootContent[]): void {
  let group: string | null = null;
  const prose: RootContent[] = [];
  for (const node of body) {
    if (node.type === 'heading') group = nodeText(node).trim() || null;
    else if (node.type === 'table') doc.tables.push({ node, group });
    else prose.push(node);
  }
  doc.matrixIntro = joinMarkdown(doc.matrixIntro, prose.map((n) => sourceOf(doc.text, [n])).join('\n\n'));
}

function joinMarkdown(a: string, b: string): string {
  return [a, b].filter((s) => s !== '').join('\n\n');
}
