import type { Activity, Model, Role } from '../model/types.js';
import type { Block, DocumentIR, Inline } from './ir.js';
import { en, responsibilityHeading } from './labels.js';
import { markdownBlocks, markdownInlines } from './markdown.js';
import type { ComposeOptions } from './team-charter.js';

/** Codes in the order a role charter lists them: accountable, then doer, then the rest. */
function codeOrder(model: Model): string[] {
  const s = model.scheme;
  const first = [s.accountable, s.doer].filter((c): c is string => c !== null);
  return [...first, ...s.codes.map((c) => c.code).filter((c) => !first.includes(c))];
}

function activityItem(activity: Activity, note: string | undefined): Block[] {
  const content: Inline[] = [{ type: 'text', text: activity.name }];
  if (activity.group) content.push({ type: 'text', text: ` — ${activity.group}`, italic: true });
  if (note) content.push({ type: 'text', text: ` (${note})` });
  return [{ type: 'paragraph', content }];
}

/**
 * One role's charter, across every document that names it: purpose and fields, the activities it
 * holds each code on (accountable first), and the roles it shares activities with.
 */
export function composeRoleCharter(model: Model, role: Role, options: ComposeOptions = {}): DocumentIR {
  const labels = options.labels ?? en;
  const docs = model.documents.filter((d) => role.documents.includes(d.id));
  const first = docs[0];
  const date = first?.date ?? options.date ?? null;
  const mine = model.activities.filter((a) => a.assignments.some((x) => x.role === role.id));
  const items: { label: string; value: string }[] = [];
  if (role.aliases.length > 0) items.push({ label: labels.aliases, value: role.aliases.join(', ') });
  if (docs.length > 0)
    items.push({
      label: docs.length > 1 ? labels.teams : labels.team,
      value: docs.map((d) => d.title).join(', '),
    });
  if (first?.version) items.push({ label: labels.version, value: first.version });
  if (first?.owner) items.push({ label: labels.owner, value: first.owner });
  if (date) items.push({ label: labels.date, value: date });

  const blocks: Block[] = [{ type: 'cover', title: role.name, subtitle: labels.roleCharter, items }];
  const purpose = markdownBlocks(role.purpose);
  if (purpose.length > 0 || role.fields.length > 0) {
    blocks.push({ type: 'heading', level: 2, text: labels.purpose, anchor: 'purpose' }, ...purpose);
    if (role.fields.length > 0) {
      blocks.push({
        type: 'fields',
        items: role.fields.map((f) => ({ label: f.label, value: markdownInlines(f.value) })),
      });
    }
  }

  const docTitle = new Map(model.documents.map((d) => [d.id, d.title]));
  for (const code of codeOrder(model)) {
    const held = mine.filter((a) => a.assignments.some((x) => x.role === role.id && x.codes.includes(code)));
    if (held.length === 0) continue;
    const label = model.scheme.codes.find((c) => c.code === code)?.label ?? code;
    blocks.push({
      type: 'heading',
      level: 2,
      text: `${responsibilityHeading(labels, label)} (${held.length})`,
    });
    const byDoc = new Map<string, Activity[]>();
    for (const a of held) byDoc.set(a.document, [...(byDoc.get(a.document) ?? []), a]);
    for (const [docId, list] of byDoc) {
      if (byDoc.size > 1) blocks.push({ type: 'heading', level: 3, text: docTitle.get(docId) ?? docId });
      const note = (a: Activity) => a.assignments.find((x) => x.role === role.id)?.note;
      blocks.push({ type: 'list', ordered: false, items: list.map((a) => activityItem(a, note(a))) });
    }
  }
  const noted = mine.filter((a) => a.assignments.some((x) => x.role === role.id && x.codes.length === 0));
  if (noted.length > 0) {
    blocks.push({ type: 'heading', level: 2, text: labels.notes });
    const note = (a: Activity) => a.assignments.find((x) => x.role === role.id)?.note;
    blocks.push({ type: 'list', ordered: false, items: noted.map((a) => activityItem(a, note(a))) });
  }
  if (mine.length === 0)
    blocks.push({ type: 'paragraph', content: [{ type: 'text', text: labels.noAssignments, italic: true }] });

  const shared = new Map<string, number>();
  for (const a of mine) {
    for (const x of a.assignments) if (x.role !== role.id) shared.set(x.role, (shared.get(x.role) ?? 0) + 1);
  }
  if (shared.size > 0) {
    const names = new Map(model.roles.map((r) => [r.id, r]));
    const sorted = [...shared].sort(
      (a, b) => b[1] - a[1] || (names.get(a[0])?.name ?? '').localeCompare(names.get(b[0])?.name ?? ''),
    );
    blocks.push({ type: 'heading', level: 2, text: labels.collaborators });
    blocks.push({
      type: 'list',
      ordered: false,
      items: sorted.map(([id, n]) => {
        const other = names.get(id);
        const alias = other?.aliases[0] ? ` (${other.aliases[0]})` : '';
        return [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: `${other?.name ?? id}${alias}`, bold: true },
              { type: 'text', text: ` — ${labels.sharedActivities(n)}` },
            ],
          },
        ];
      }),
    });
  }
  const files = [...new Set([role.source?.file, ...docs.map((d) => d.file)].filter((f): f is string => !!f))];
  return {
    kind: 'role-charter',
    meta: {
      title: `${role.name} — ${labels.roleCharter}`,
      subject: labels.roleCharter,
      author: first?.owner ?? null,
      keywords: ['RACI', role.name, ...role.aliases],
      lang: first?.lang ?? 'en',
      date,
      version: first?.version ?? null,
    },
    header: `${role.name} · ${labels.roleCharter}`,
    footer: [
      `${labels.source}: ${files.join(', ')}`,
      first?.version ? `${labels.version} ${first.version}` : '',
    ]
      .filter((s) => s !== '')
      .join(' · '),
    labels: { pageOf: labels.pageOf },
    blocks,
  };
}
