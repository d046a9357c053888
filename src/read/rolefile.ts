import type { Heading } from 'mdast';
import type { RoleField } from '../model/types.js';
import type { ParsedDocument } from './document.js';
import { nodeText, positionOf } from './markdown.js';
import { parseRoleHeading, type RoleDefinition, readRoleBody } from './roles.js';
import { fold, ROLES_SECTION } from './vocabulary.js';

/** True when a file sits in a `roles/` folder (or `Rollen/`, `rôles/`, …) below the inputs. */
export function inRolesFolder(file: string): boolean {
  const folders = file.split(/[\\/]/u).slice(0, -1);
  return folders.some((f) => ROLES_SECTION.has(fold(f)));
}

/**
 * Whether a file of a roles folder is a role file: it defines no roles and has no matrix table of
 * its own (a `## Responsibilities` list of duties is part of the role's description). A team
 * document kept in that folder is still read as a document.
 */
export function isRoleFile(doc: ParsedDocument): boolean {
  if (!inRolesFolder(doc.file) || doc.roles.length > 0) return false;
  return !doc.parts.some((p) => p.kind === 'matrix' && p.body.some((n) => n.type === 'table'));
}

const NAME_KEYS = new Set(['name', 'role', 'title']);
const ALIAS_KEYS = new Set([
  'aliases',
  'alias',
  'abbreviation',
  'abbreviations',
  'short',
  'short name',
  'acronym',
]);
const SKIPPED_KEYS = new Set([
  'id',
  'purpose',
  'scheme',
  'lang',
  'team',
  'rules',
  ...NAME_KEYS,
  ...ALIAS_KEYS,
]);

const list = (value: unknown): string[] =>
  (Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.split(/[,;]/u)
      : value == null
        ? []
        : [String(value)]
  )
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** `reports_to` → `Reports to`; a label already written for people stays as it is. */
const labelOf = (key: string): string => {
  if (/[A-Z\s]/u.test(key)) return key;
  const words = key.replace(/[_-]+/gu, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const textOf = (value: unknown): string => {
  if (Array.isArray(value)) return value.map(textOf).join(', ');
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/**
 * Reads a role file: frontmatter (`name`, `aliases`, any other key becomes a field) and the body as
 * the purpose. The name comes from frontmatter, else the first heading (`# Product Owner (PO)`),
 * else the file name.
 */
export function readRoleFile(doc: ParsedDocument): RoleDefinition {
  let nodes = doc.root.children.filter((n) => n.type !== 'yaml');
  const heading = nodes.find((n): n is Heading => n.type === 'heading');
  const fm = doc.frontmatter;
  const raw: Record<string, unknown> = { ...fm.extra };
  for (const key of ['title', 'version', 'owner', 'date'] as const)
    if (fm[key] !== undefined) raw[key] = fm[key];
  const lower = new Map(Object.keys(raw).map((k) => [fold(k), k]));
  const pick = (keys: Set<string>) => [...keys].map((k) => lower.get(k)).find((k) => k !== undefined);

  const fromHeading = heading && heading === nodes[0] ? parseRoleHeading(nodeText(heading)) : undefined;
  if (fromHeading) nodes = nodes.slice(1);
  const nameKey = pick(NAME_KEYS);
  const base = (doc.file.split(/[\\/]/u).pop() ?? doc.file)
    .replace(/\.(md|markdown)$/iu, '')
    .replace(/[-_]+/gu, ' ');
  const named = nameKey !== undefined ? parseRoleHeading(textOf(raw[nameKey])) : undefined;
  const name = named?.name || fromHeading?.name || base;
  const aliases: string[] = [];
  for (const a of [
    ...(named?.aliases ?? []),
    ...(fromHeading?.aliases ?? []),
    ...[...ALIAS_KEYS].flatMap((k) => {
      const key = lower.get(k);
      return key === undefined ? [] : list(raw[key]);
    }),
  ]) {
    if (!aliases.includes(a) && fold(a) !== fold(name)) aliases.push(a);
  }
  const fields: RoleField[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (SKIPPED_KEYS.has(fold(key))) continue;
    const text = textOf(value);
    if (text !== '') fields.push({ label: labelOf(key), value: text });
  }
  const body = readRoleBody(nodes, doc.text);
  const purposeKey = lower.get('purpose');
  const purpose = [purposeKey !== undefined ? textOf(raw[purposeKey]) : '', body.purpose]
    .filter((p) => p !== '')
    .join('\n\n');
  return {
    name,
    aliases,
    purpose,
    fields: [...fields, ...body.fields],
    source: heading && fromHeading ? positionOf(doc.file, heading) : { file: doc.file, line: 1, column: 1 },
  };
}
