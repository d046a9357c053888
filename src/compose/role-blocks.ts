import type { Activity, Model, Role, SchemeCode, TeamDocument } from '../model/types.js';
import type { Block, Inline } from './ir.js';
import { type Labels, responsibilityHeading } from './labels.js';

/**
 * The parts of a role's documents that are about its activities: the lists by code, the notes and
 * the collaborators. Templates place them with `::responsibilities`, `::notes` and
 * `::collaborators`.
 */

/** Codes in the order a role charter lists them: accountable, then doer, then the rest. */
export function codeOrder(model: Model): string[] {
  const s = model.scheme;
  const first = [s.accountable, s.doer].filter((c): c is string => c !== null);
  return [...first, ...s.codes.map((c) => c.code).filter((c) => !first.includes(c))];
}

/**
 * Activities by role, built once per model: a role's documents ask for its activities several
 * times (once per code, for notes, for collaborators), and scanning every activity each time made
 * composing 300 role charters of 5,000 activities quadratic. A model is not changed once loaded.
 */
const byRole = new WeakMap<Model, Map<string, Activity[]>>();

/** The activities a role has any assignment on, in model order. */
export function activitiesOf(model: Model, role: Role): Activity[] {
  let index = byRole.get(model);
  if (!index) {
    index = new Map();
    for (const activity of model.activities) {
      for (const x of activity.assignments) {
        const list = index.get(x.role) ?? [];
        if (list[list.length - 1] !== activity) list.push(activity);
        index.set(x.role, list);
      }
    }
    byRole.set(model, index);
  }
  return index.get(role.id) ?? [];
}

const noteOf = (a: Activity, role: Role) => a.assignments.find((x) => x.role === role.id)?.note;

function activityItem(activity: Activity, note: string | undefined): Block[] {
  const content: Inline[] = [{ type: 'text', text: activity.name }];
  if (activity.group) content.push({ type: 'text', text: ` — ${activity.group}`, italic: true });
  if (note) content.push({ type: 'text', text: ` (${note})` });
  return [{ type: 'paragraph', content }];
}

/** A list of activities, under one heading per document when they come from several. */
function activityLists(model: Model, role: Role, activities: Activity[], level: 3 | 4): Block[] {
  const blocks: Block[] = [];
  const byDoc = new Map<string, Activity[]>();
  for (const a of activities) byDoc.set(a.document, [...(byDoc.get(a.document) ?? []), a]);
  const titles = new Map(model.documents.map((d) => [d.id, d.title]));
  for (const [docId, list] of byDoc) {
    if (byDoc.size > 1) blocks.push({ type: 'heading', level, text: titles.get(docId) ?? docId });
    blocks.push({ type: 'list', ordered: false, items: list.map((a) => activityItem(a, noteOf(a, role))) });
  }
  return blocks;
}

/** The activities a role holds `code` on. */
export const heldOn = (model: Model, role: Role, code: string): Activity[] =>
  activitiesOf(model, role).filter((a) =>
    a.assignments.some((x) => x.role === role.id && x.codes.includes(code)),
  );

/** One code's list: the activities a role holds it on (nothing when it holds none). */
export function responsibilityList(model: Model, role: Role, code: string, level: 3 | 4 = 3): Block[] {
  const held = heldOn(model, role, code);
  return held.length === 0 ? [] : activityLists(model, role, held, level);
}

/**
 * Every code the role holds, accountable first, each under a heading "Accountable for (3)"; a
 * sentence saying so when the role holds nothing at all.
 */
export function allResponsibilities(model: Model, role: Role, labels: Labels, level: 2 | 3 = 2): Block[] {
  const blocks: Block[] = [];
  for (const code of codeOrder(model)) {
    const held = heldOn(model, role, code);
    if (held.length === 0) continue;
    const label = model.scheme.codes.find((c) => c.code === code)?.label ?? code;
    blocks.push({ type: 'heading', level, text: `${responsibilityHeading(labels, label)} (${held.length})` });
    blocks.push(...activityLists(model, role, held, (level + 1) as 3 | 4));
  }
  if (activitiesOf(model, role).length === 0)
    blocks.push({ type: 'paragraph', content: [{ type: 'text', text: labels.noAssignments, italic: true }] });
  return blocks;
}

/** Activities where the role holds no code but has a note (`(reviews)` alone in a cell). */
export function notedActivities(model: Model, role: Role): Block[] {
  const noted = activitiesOf(model, role).filter((a) =>
    a.assignments.some((x) => x.role === role.id && x.codes.length === 0),
  );
  if (noted.length === 0) return [];
  return [{ type: 'list', ordered: false, items: noted.map((a) => activityItem(a, noteOf(a, role))) }];
}

/** The roles a role shares activities with, most shared first. */
export function collaborators(model: Model, role: Role, labels: Labels): Block[] {
  const shared = new Map<string, number>();
  for (const a of activitiesOf(model, role)) {
    for (const x of a.assignments) if (x.role !== role.id) shared.set(x.role, (shared.get(x.role) ?? 0) + 1);
  }
  if (shared.size === 0) return [];
  const roles = new Map(model.roles.map((r) => [r.id, r]));
  const sorted = [...shared].sort(
    (a, b) => b[1] - a[1] || (roles.get(a[0])?.name ?? '').localeCompare(roles.get(b[0])?.name ?? ''),
  );
  return [
    {
      type: 'list',
      ordered: false,
      items: sorted.map(([id, n]) => {
        const other = roles.get(id);
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
    },
  ];
}

/** The documents that name a role, in model order. */
export const documentsOf = (model: Model, role: Role): TeamDocument[] =>
  model.documents.filter((d) => role.documents.includes(d.id));

/**
 * A scheme's codes as documents show them: labels and descriptions in the document's language
 * (built-in codes only; a custom code keeps its own words), fills from the theme when it sets one.
 */
export function displayCodes(
  codes: readonly SchemeCode[],
  labels: Labels,
  colour: (code: SchemeCode) => string | undefined = () => undefined,
): SchemeCode[] {
  return codes.map((c) => {
    const words = labels.codes[c.label];
    const color = colour(c) ?? c.color;
    return {
      ...c,
      label: words?.label ?? c.label,
      color,
      ...(words?.description ? { description: words.description } : {}),
    };
  });
}
