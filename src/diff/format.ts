import { hasChanges } from './model-diff.js';
import type { ActivityRef, AssignmentChange, DiffCell, FieldChange, ModelDiff, RoleRef } from './types.js';

/** What the two versions are called in reports: `HEAD~1`, `working tree`, a folder… */
export interface DiffLabels {
  before: string;
  after: string;
}

export interface TextOptions {
  labels?: DiffLabels;
  /** ANSI colours: green additions, red removals, yellow changes. */
  color?: boolean;
}

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

/** `1 document, 3 roles, 4 activities and 6 assignments changed.` */
export function diffSummary(diff: ModelDiff): string {
  if (!hasChanges(diff)) return 'No responsibility changes.';
  const { documents: d, roles: r, activities: a } = diff;
  const parts = [
    [d.added.length + d.removed.length + d.renamed.length + d.changed.length, 'document'],
    [r.added.length + r.removed.length + r.renamed.length + r.changed.length, 'role'],
    [a.added.length + a.removed.length + a.renamed.length + a.moved.length, 'activity', 'activities'],
    [diff.assignments.length, 'assignment'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, w, ws]) => plural(n, w, ws));
  const list = said.length > 1 ? `${said.slice(0, -1).join(', ')} and ${said[said.length - 1]}` : said[0];
  return `${list} changed.`;
}

/** `A/R (signs off)`; a cell with only a note shows the note. */
export const formatCell = (cell: DiffCell | null): string =>
  cell === null ? '' : [cell.codes.join('/'), cell.note ? `(${cell.note})` : ''].filter(Boolean).join(' ');

/** Whether the diff spans several documents, so activities must say which one they are in. */
const multiDocument = (diff: ModelDiff) => Object.keys(diff.documentTitles).length > 1;

/**
 * Groups the assignment changes by role, keeping their order, each with its tag: " (new role)",
 * " (role removed)" or "".
 */
function byRole(diff: ModelDiff): { role: RoleRef; tag: string; changes: AssignmentChange[] }[] {
  const added = new Set(diff.roles.added.map((x) => x.id));
  const removed = new Set(diff.roles.removed.map((x) => x.id));
  const groups = new Map<string, { role: RoleRef; tag: string; changes: AssignmentChange[] }>();
  for (const c of diff.assignments) {
    const key = `${c.role.id}\u0000${c.role.name}`;
    if (!groups.has(key)) {
      const tag = added.has(c.role.id) ? ' (new role)' : removed.has(c.role.id) ? ' (role removed)' : '';
      groups.set(key, { role: c.role, tag, changes: [] });
    }
    groups.get(key)?.changes.push(c);
  }
  return [...groups.values()];
}

const CONTEXT_NOTE: Record<AssignmentChange['context'], string> = {
  changed: '',
  'activity-added': 'new activity',
  'activity-removed': 'activity removed',
  'role-added': '',
  'role-removed': '',
  'document-added': 'new document',
  'document-removed': 'document removed',
};

/** Fields rolemark names itself; the others are a role's `**Label:** value` fields, quoted. */
const OWN_FIELDS = new Set(['aliases', 'title', 'scheme', 'version', 'owner']);

function fieldText(c: FieldChange, quote: (s: string) => string): string {
  if (c.field === 'purpose') {
    return c.before === null ? 'purpose added' : c.after === null ? 'purpose removed' : 'purpose changed';
  }
  const name = OWN_FIELDS.has(c.field) ? c.field : quote(c.field);
  if (c.before === null) return `${name} added: ${quote(c.after ?? '')}`;
  if (c.after === null) return `${name} removed (was ${quote(c.before)})`;
  return `${name}: ${quote(c.before)} → ${quote(c.after)}`;
}

/**
 * The diff for a terminal: documents, roles and activities added, removed or renamed, then every
 * changed assignment grouped by role (`C → A  on "Prioritise backlog"`), then a summary line.
 */
export function formatDiffText(diff: ModelDiff, options: TextOptions = {}): string {
  const paint = (code: number) => (s: string) => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const [green, red, yellow, bold, dim] = [paint(32), paint(31), paint(33), paint(1), paint(2)];
  const q = (s: string) => `"${s}"`;
  const multi = multiDocument(diff);
  const title = (id: string) => diff.documentTitles[id] ?? id;
  const where = (a: ActivityRef) => {
    const parts = [multi ? title(a.document) : null, a.group].filter((p) => p !== null);
    return parts.length > 0 ? ` (${parts.join(' › ')})` : '';
  };
  const lines: string[] = [];
  if (options.labels)
    lines.push(bold(`Responsibility changes: ${options.labels.before} → ${options.labels.after}`), '');
  const section = (name: string, items: string[]) => {
    if (items.length > 0) lines.push(bold(name), ...items.map((i) => `  ${i}`), '');
  };

  const { documents: d, roles: r, activities: a } = diff;
  section('Documents', [
    ...d.added.map((x) => green(`+ ${x.title} (${x.file})`)),
    ...d.removed.map((x) => red(`- ${x.title} (${x.file})`)),
    ...d.renamed.map((x) => yellow(`~ ${x.before.file} renamed to ${x.after.file}`)),
    ...d.changed.map((x) =>
      yellow(`~ ${x.document.title}: ${x.changes.map((c) => fieldText(c, q)).join('; ')}`),
    ),
  ]);
  section('Roles', [
    ...r.added.map((x) => green(`+ ${x.name}`)),
    ...r.removed.map((x) => red(`- ${x.name}`)),
    ...r.renamed.map((x) => yellow(`~ ${x.before.name} renamed to ${x.after.name}`)),
    ...r.changed.map((x) => yellow(`~ ${x.role.name}: ${x.changes.map((c) => fieldText(c, q)).join('; ')}`)),
  ]);
  section('Activities', [
    ...a.added.map((x) => green(`+ ${q(x.name)}${where(x)}`)),
    ...a.removed.map((x) => red(`- ${q(x.name)}${where(x)}`)),
    ...a.renamed.map((x) => yellow(`~ ${q(x.before.name)} renamed to ${q(x.after.name)}${where(x.after)}`)),
    ...a.moved.map((x) =>
      yellow(`~ ${q(x.activity.name)} moved from ${x.before ?? 'no group'} to ${x.after ?? 'no group'}`),
    ),
  ]);

  for (const group of byRole(diff)) {
    const { tag } = group;
    lines.push(bold(`${group.role.name}${tag}`));
    const changes = group.changes.map((c) => {
      const change =
        c.before === null
          ? `+ ${formatCell(c.after)}`
          : c.after === null
            ? `- ${formatCell(c.before)}`
            : `${formatCell(c.before)} → ${formatCell(c.after)}`;
      const color = c.before === null ? green : c.after === null ? red : yellow;
      const note = CONTEXT_NOTE[c.context];
      const doc = multi ? ` in ${title(c.activity.document)}` : '';
      return { change, color, rest: `on ${q(c.activity.name)}${doc}${note ? dim(` (${note})`) : ''}` };
    });
    const width = Math.max(...changes.map((c) => [...c.change].length));
    for (const c of changes) lines.push(`  ${c.color(c.change.padEnd(width))}  ${c.rest}`);
    lines.push('');
  }
  lines.push(diffSummary(diff));
  return `${lines.join('\n')}\n`;
}

/** Escapes text for Markdown, table cells included. */
const md = (s: string) => s.replace(/([\\`*_[\]<>|#~])/g, '\\$1').replace(/\n/g, ' ');

/**
 * The diff as GitHub-flavoured Markdown, for a pull request comment: the summary, lists of what
 * was added, removed or renamed, and a table per role of the cells that changed. Long reports fold
 * each role into a `<details>` block.
 */
export function formatDiffMarkdown(diff: ModelDiff, options: { labels?: DiffLabels } = {}): string {
  const out: string[] = ['### Responsibility changes', ''];
  const labels = options.labels ? `\`${options.labels.before}\` → \`${options.labels.after}\`: ` : '';
  out.push(`${labels}${diffSummary(diff)}`, '');
  if (!hasChanges(diff)) return `${out.join('\n').trimEnd()}\n`;
  const multi = multiDocument(diff);
  const title = (id: string) => diff.documentTitles[id] ?? id;
  const where = (a: ActivityRef) => {
    const parts = [multi ? title(a.document) : null, a.group].filter((p) => p !== null);
    return parts.length > 0 ? ` (${parts.map(md).join(' › ')})` : '';
  };
  const q = (s: string) => `“${md(s)}”`;
  const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/\n/g, ' ')}\``;
  const list = (name: string, items: string[]) => {
    if (items.length > 0) out.push(`**${name}**`, '', ...items.map((i) => `- ${i}`), '');
  };
  const { documents: d, roles: r, activities: a } = diff;
  list('Documents', [
    ...d.added.map((x) => `Added **${md(x.title)}** (${code(x.file)})`),
    ...d.removed.map((x) => `Removed **${md(x.title)}** (${code(x.file)})`),
    ...d.renamed.map((x) => `Renamed ${code(x.before.file)} → ${code(x.after.file)}`),
    ...d.changed.map(
      (x) => `**${md(x.document.title)}**: ${x.changes.map((c) => fieldText(c, code)).join('; ')}`,
    ),
  ]);
  list('Roles', [
    ...r.added.map((x) => `Added **${md(x.name)}**`),
    ...r.removed.map((x) => `Removed **${md(x.name)}**`),
    ...r.renamed.map((x) => `Renamed **${md(x.before.name)}** → **${md(x.after.name)}**`),
    ...r.changed.map((x) => `**${md(x.role.name)}**: ${x.changes.map((c) => fieldText(c, code)).join('; ')}`),
  ]);
  list('Activities', [
    ...a.added.map((x) => `Added ${q(x.name)}${where(x)}`),
    ...a.removed.map((x) => `Removed ${q(x.name)}${where(x)}`),
    ...a.renamed.map((x) => `Renamed ${q(x.before.name)} → ${q(x.after.name)}${where(x.after)}`),
    ...a.moved.map(
      (x) => `Moved ${q(x.activity.name)} from ${md(x.before ?? 'no group')} to ${md(x.after ?? 'no group')}`,
    ),
  ]);

  const fold = diff.assignments.length > 25;
  for (const group of byRole(diff)) {
    const { tag } = group;
    const rows = group.changes.map((c) => {
      const note = CONTEXT_NOTE[c.context];
      const gone = c.context === 'activity-removed' || c.context === 'document-removed';
      const name = gone ? `~~${md(c.activity.name)}~~` : md(c.activity.name);
      const doc = multi ? ` (${md(title(c.activity.document))})` : '';
      const cellBefore = c.before ? md(formatCell(c.before)) : '—';
      const cellAfter = c.after ? `**${md(formatCell(c.after))}**` : '—';
      return `| ${name}${doc}${note ? ` *(${note})*` : ''} | ${cellBefore} | ${cellAfter} |`;
    });
    const table = ['| Activity | Before | After |', '|---|:-:|:-:|', ...rows];
    const heading = `${md(group.role.name)}${tag}`;
    if (fold) {
      const n = plural(group.changes.length, 'change');
      out.push(
        `<details><summary><strong>${heading}</strong>: ${n}</summary>`,
        '',
        ...table,
        '',
        '</details>',
        '',
      );
    } else {
      out.push(`#### ${heading}`, '', ...table, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The diff as JSON: the `ModelDiff` object, with the labels of the two versions. */
export function formatDiffJson(diff: ModelDiff, options: { labels?: DiffLabels } = {}): string {
  const { version, ...rest } = diff;
  return `${JSON.stringify({ version, ...(options.labels ? { labels: options.labels } : {}), changed: hasChanges(diff), ...rest }, null, 2)}\n`;
}
