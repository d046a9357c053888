import type { Heading, List, ListItem, Paragraph, RootContent, Table } from 'mdast';
import { RACI } from '../model/schemes.js';
import type { RoleField, SourcePosition } from '../model/types.js';
import { codeIndex, codesOfLabel } from './codes.js';
import { cellPosition, nodeText, positionOf, sourceOf } from './markdown.js';
import { trimWhere } from './text.js';
import { fold, isKnownLabel, ROLE_HEADERS } from './vocabulary.js';

/** A role as written in a Roles section or a role file, before ids are assigned. */
export interface RoleDefinition {
  name: string;
  aliases: string[];
  purpose: string;
  fields: RoleField[];
  source: SourcePosition;
}

/** `Product Manager (PM, Prod. Mgr)` → name and aliases. */
export function parseRoleHeading(text: string): { name: string; aliases: string[] } {
  const trimmed = text.trim();
  const open = trimmed.lastIndexOf('(');
  const inside = trimmed.slice(open + 1, -1);
  const name = trimmed.slice(0, Math.max(open, 0)).trim();
  if (!trimmed.endsWith(')') || open < 0 || name === '' || inside.includes(')'))
    return { name: trimmed, aliases: [] };
  const aliases = inside
    .split(/[,;]/u)
    .map((a) => a.trim())
    .filter((a) => a !== '');
  return { name, aliases };
}

/** `**Reports to:** Head of Product` → a field; anything else → undefined. */
function fieldOf(item: ListItem, text: string): RoleField | undefined {
  const para = item.children[0];
  if (item.children.length !== 1 || para?.type !== 'paragraph') return undefined;
  const strong = para.children[0];
  if (strong?.type !== 'strong') return undefined;
  let label = nodeText(strong).trim();
  const rest = para.children.slice(1) as Paragraph['children'];
  let value = sourceOf(text, rest as RootContent[]);
  if (label.endsWith(':')) {
    label = label.slice(0, -1).trim();
  } else if (value.startsWith(':')) {
    value = value.slice(1).trim();
  } else {
    return undefined;
  }
  return label === '' ? undefined : { label, value };
}

/**
 * A role's description: paragraphs and lists are the purpose (Markdown kept); list items of the
 * form `**Label:** value` become fields.
 */
export function readRoleBody(
  body: readonly RootContent[],
  text: string,
): { purpose: string; fields: RoleField[] } {
  const fields: RoleField[] = [];
  const purpose: string[] = [];
  for (const node of body) {
    if (node.type !== 'list') {
      purpose.push(sourceOf(text, [node]));
      continue;
    }
    const kept: ListItem[] = [];
    for (const item of (node as List).children) {
      const field = fieldOf(item, text);
      if (field) fields.push(field);
      else kept.push(item);
    }
    if (kept.length > 0) {
      const marker = node.ordered ? (i: number) => `${(node.start ?? 1) + i}. ` : () => '- ';
      purpose.push(
        kept.map((item, i) => marker(i) + sourceOf(text, item.children).replace(/\n/g, '\n   ')).join('\n'),
      );
    }
  }
  return { purpose: purpose.filter((p) => p !== '').join('\n\n'), fields };
}

/** Reads one role: its heading and the nodes up to the next role heading. */
export function readRole(heading: Heading, body: RootContent[], file: string, text: string): RoleDefinition {
  const { name, aliases } = parseRoleHeading(nodeText(heading));
  return { name, aliases, ...readRoleBody(body, text), source: positionOf(file, heading) };
}

/**
 * Roles written as a list in a Roles section: `- **Product Manager (PM):** owns the vision`. Every
 * item must open with bold text, or the list is not a list of roles.
 */
export function rolesOfList(node: List, file: string, text: string): RoleDefinition[] | undefined {
  const roles: RoleDefinition[] = [];
  for (const item of node.children) {
    const para = item.children[0];
    const strong = para?.type === 'paragraph' ? para.children[0] : undefined;
    if (para?.type !== 'paragraph' || strong?.type !== 'strong') return undefined;
    const heading = trimWhere(nodeText(strong), /[\s:.\-–—]/u, 'end').trim();
    const { name, aliases } = parseRoleHeading(heading);
    if (name === '') return undefined;
    const rest = sourceOf(text, para.children.slice(1) as RootContent[]).replace(/^\s*[:.\-–—]\s*/u, '');
    const more = readRoleBody(item.children.slice(1), text);
    roles.push({
      name,
      aliases,
      purpose: [rest, more.purpose].filter((p) => p !== '').join('\n\n'),
      fields: more.fields,
      source: positionOf(file, strong),
    });
  }
  return roles.length > 0 ? roles : undefined;
}

const ALIAS_HEADERS = new Set(
  [
    'alias',
    'aliases',
    'abbreviation',
    'abbr',
    'short',
    'short name',
    'acronym',
    'code',
    'kurzel',
    'sigle',
    'sigla',
    'abreviatura',
    'abkurzung',
  ].map(fold),
);
const PURPOSE_HEADERS = new Set(
  [
    'purpose',
    'description',
    'responsibilities',
    'mission',
    'summary',
    'role description',
    'raison d etre',
    'mission',
    'description',
    'zweck',
    'beschreibung',
    'aufgaben',
    'proposito',
    'descripcion',
    'descricao',
    'finalidade',
    'objetivo',
  ].map(fold),
);

/**
 * Roles written as a table in a Roles section: `| Role | Alias | Purpose | Reports to |`. The first
 * column names the role; alias and purpose columns are recognised by their header, the rest become
 * fields.
 */
export function rolesOfTable(node: Table, file: string, text: string): RoleDefinition[] | undefined {
  const [header, ...rows] = node.children;
  if (!header || !ROLE_HEADERS.has(fold(nodeText(header.children[0] ?? header)))) return undefined;
  const headers = header.children.map((c) => nodeText(c).trim());
  // `| Role | R | A | C | I |` is a responsibility table, not role definitions.
  const index = codeIndex(RACI);
  if (headers.filter((h) => codesOfLabel(h, index) !== undefined).length >= 2) return undefined;
  const roles: RoleDefinition[] = [];
  for (const row of rows) {
    const first = row.children[0];
    const { name, aliases } = parseRoleHeading(first ? nodeText(first) : '');
    if (name === '') continue;
    const fields: RoleField[] = [];
    const purpose: string[] = [];
    row.children.slice(1).forEach((cell, i) => {
      const label = headers[i + 1] ?? '';
      const value = sourceOf(text, cell.children as RootContent[]);
      if (value === '') return;
      if (ALIAS_HEADERS.has(fold(label)))
        aliases.push(
          ...value
            .split(/[,;]/u)
            .map((a) => a.trim())
            .filter((a) => a !== ''),
        );
      else if (PURPOSE_HEADERS.has(fold(label)) || label === '') purpose.push(value);
      else fields.push({ label, value });
    });
    roles.push({
      name,
      aliases,
      purpose: purpose.join('\n\n'),
      fields,
      source: first ? cellPosition(file, first) : positionOf(file, row),
    });
  }
  return roles;
}

/** `PdM = Product Manager`: a short name for a role, written anywhere in a document. */
export interface Abbreviation {
  short: string;
  name: string;
  source: SourcePosition;
}

const ABBREVIATION =
  /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}&.]{1,7})\s*(?:=|:|–|—|-)\s*(\p{Lu}[\p{L}\p{N}'’ .&-]{0,60}?)(?=\s*(?:[,;\n(]|$|\s[-–—]\s|:))/gu;

/**
 * Finds abbreviations defined in prose: `PdM = Product Manager, EM: Engineering Manager`. The short
 * form must have two capitals and start like the name, and every capital of it must appear in the
 * name, so that `Focus: Strategy` or `QA: Tests every release` is not taken for one.
 */
export function findAbbreviations(text: string): { short: string; name: string; index: number }[] {
  const found: { short: string; name: string; index: number }[] = [];
  for (const m of text.normalize('NFKC').matchAll(ABBREVIATION)) {
    const short = m[1] as string;
    const name = trimWhere(m[2] as string, /[.\s]/u);
    const capitals = [...short].filter((ch) => /\p{Lu}/u.test(ch));
    const words = name.split(/\s+/u);
    if (capitals.length < 2 || words.length > 6 || name.length <= short.length) continue;
    if (short[0]?.toLowerCase() !== name[0]?.toLowerCase()) continue;
    const lower = name.toLowerCase();
    if (!capitals.every((ch) => lower.includes(ch.toLowerCase()))) continue;
    // `CI: Informed` is a legend, not a role.
    if (isKnownLabel(name) || codeIndex(RACI).byCode(short)) continue;
    found.push({ short, name, index: m.index });
  }
  return found;
}
