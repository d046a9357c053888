import type { Heading, List, ListItem, Paragraph, RootContent } from 'mdast';
import type { RoleField, SourcePosition } from '../model/types.js';
import { nodeText, positionOf, sourceOf } from './markdown.js';

/** A role as written in a Roles section, before ids are assigned. */
export interface RoleDefinition {
  name: string;
  aliases: string[];
  purpose: string;
  fields: RoleField[];
  source: SourcePosition;
}

/** `Product Manager (PM, Prod. Mgr)` → name and aliases. */
export function parseRoleHeading(text: string): { name: string; aliases: string[] } {
  const match = /^(.*?)\s*\(([^()]*)\)\s*$/u.exec(text.trim());
  if (!match || match[1] === '') return { name: text.trim(), aliases: [] };
  const aliases = (match[2] ?? '')
    .split(/[,;]/u)
    .map((a) => a.trim())
    .filter((a) => a !== '');
  return { name: (match[1] ?? '').trim(), aliases };
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
 * Reads one role: its heading and the nodes up to the next role heading. Paragraphs and lists are
 * the purpose (Markdown kept); list items of the form `**Label:** value` become fields.
 */
export function readRole(heading: Heading, body: RootContent[], file: string, text: string): RoleDefinition {
  const { name, aliases } = parseRoleHeading(nodeText(heading));
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
  return {
    name,
    aliases,
    purpose: purpose.filter((p) => p !== '').join('\n\n'),
    fields,
    source: positionOf(file, heading),
  };
}
