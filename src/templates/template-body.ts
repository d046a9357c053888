import type { Nodes } from 'mdast';
import { DIRECTIVES, directive, type TemplatePer } from './directives.js';
import { checkPlaceholders, type Scope, suggest } from './placeholders.js';
import type { Problems } from './yaml.js';

/**
 * A template's body, checked: every directive known, in a place it works, with known attributes;
 * every placeholder known in its scope. Text directives (`Note:this`) go back to the text they
 * were written as. Split from template.ts, which reads the frontmatter.
 */
/** The text of a node as written in the template, for placeholders and error places. */
const rawOf = (source: string, node: Nodes): string | undefined => {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : source.slice(start, end);
};

export interface Walk {
  file: string;
  source: string;
  problems: Problems;
  per: TemplatePer;
}

function placeOf(w: Walk, node: Nodes) {
  return { file: w.file, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

/** Checks one directive line: known, in a place it works, with known attributes. */
function checkDirective(
  w: Walk,
  node: Nodes & { name: string; attributes?: Record<string, string | null | undefined> | null },
  scope: Scope,
  topLevel: boolean,
  inRoles: boolean,
): void {
  const at = placeOf(w, node);
  const colons = node.type === 'containerDirective' ? ':::' : '::';
  const spec = directive(node.name);
  if (!spec) {
    const hint = suggest(
      node.name,
      DIRECTIVES.map((d) => d.name),
    );
    w.problems.add(
      at,
      `Unknown directive \`${colons}${node.name}\`${hint ? `; did you mean \`::${hint}\`?` : ''} (known: ${DIRECTIVES.map((d) => d.name).join(', ')})`,
      'template-unknown-directive',
    );
    return;
  }
  if (!topLevel) {
    w.problems.add(
      at,
      `Unexpected \`${colons}${node.name}\` inside a list or quote: put it on a line of its own`,
      'template-directive-place',
    );
    return;
  }
  if (spec.container && node.type !== 'containerDirective') {
    w.problems.add(
      at,
      `\`::${node.name}\` is a container: write \`:::${node.name}\`, its content, then \`:::\` on a line of its own`,
      'template-directive-place',
    );
    return;
  }
  if (!spec.container && node.type === 'containerDirective') {
    w.problems.add(
      at,
      `\`::${node.name}\` stands on one line: write \`::${node.name}\`, not \`:::${node.name}\``,
      'template-directive-place',
    );
    return;
  }
  if (spec.needs === 'role' && !scope.role) {
    w.problems.add(
      at,
      `\`::${node.name}\` needs a role: use it in a \`per: role\` template or inside \`:::roles\``,
      'template-directive-place',
    );
  }
  if (spec.needs === 'document' && w.per === 'role') {
    w.problems.add(
      at,
      `\`${colons}${node.name}\` needs a document: use it in a \`per: document\` template`,
      'template-directive-place',
    );
  }
  if (spec.name === 'roles' && inRoles)
    w.problems.add(at, 'Unexpected `:::roles` inside `:::roles`', 'template-directive-place');
  if (node.type === 'leafDirective' && node.children.length > 0) {
    w.problems.add(
      at,
      `\`::${node.name}\` takes no \`[label]\`; use attributes: \`::${node.name}{…}\``,
      'template-directive-attribute',
    );
  }
  for (const [key, value] of Object.entries(node.attributes ?? {})) {
    const attr = spec.attributes[key];
    const known = Object.keys(spec.attributes);
    if (!attr) {
      w.problems.add(
        at,
        `Unknown attribute \`${key}\` on \`::${node.name}\`; ${known.length > 0 ? `expected ${known.map((k) => `\`${k}\``).join(', ')}` : 'it takes none'}`,
        'template-directive-attribute',
      );
      continue;
    }
    const text = value ?? '';
    if (attr.values) {
      const items = attr.list
        ? text
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '')
        : [text];
      for (const item of items) {
        if (!attr.values.includes(item))
          w.problems.add(
            at,
            `Unexpected \`${key}="${item}"\` on \`::${node.name}\`, expected ${attr.values.join(', ')}`,
            'template-directive-attribute',
          );
      }
    }
    if (attr.text) checkPlaceholders(text, at, scope, w.problems);
    else if (text.includes('{{'))
      w.problems.add(
        at,
        `Placeholders are not allowed in \`${key}\` of \`::${node.name}\``,
        'template-directive-attribute',
      );
  }
}

/**
 * Walks the body: checks directives and placeholders, and turns text directives (`Note:this`,
 * which remark-directive reads as `:this`) back into the text they were written as. Templates
 * use only `::` and `:::` directives, on lines of their own.
 */
export function checkBody(w: Walk, nodes: Nodes[], scope: Scope, topLevel: boolean, inRoles: boolean): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'leafDirective':
      case 'containerDirective':
        checkDirective(w, node, scope, topLevel, inRoles);
        if (node.type === 'containerDirective' && node.name === 'roles')
          checkBody(w, node.children as Nodes[], { role: true }, true, true);
        continue;
      case 'text':
        checkPlaceholders(rawOf(w.source, node) ?? node.value, placeOf(w, node), scope, w.problems);
        continue;
      case 'link':
      case 'image':
        if (node.url.includes('{{'))
          w.problems.add(
            placeOf(w, node),
            'Placeholders are not supported in link addresses',
            'template-unknown-placeholder',
          );
        break;
      default:
        break;
    }
    if (!('children' in node)) continue;
    const children = node.children as Nodes[];
    children.forEach((child, i) => {
      if (child.type !== 'textDirective') return;
      if (directive(child.name)) {
        w.problems.add(
          placeOf(w, child),
          `\`:${child.name}\` must stand on a line of its own, as \`::${child.name}\``,
          'template-directive-place',
        );
      }
      children[i] = {
        type: 'text',
        value: rawOf(w.source, child) ?? `:${child.name}`,
        ...(child.position ? { position: child.position } : {}),
      };
    });
    checkBody(w, children, scope, false, inRoles);
  }
}
