import type { Block, Inline } from '../ir/types.js';
import { type Labels, responsibilityHeading } from '../lang/labels.js';
import type { Activity, Model, Role, SchemeCode, TeamDocument } from '../model/types.js';
import { placed } from './placed.js';

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

function activityItem(
  activity: Activity,
  note: string | undefined,
  mark: string | undefined,
  dir: Labels['direction'],
): Block[] {
  const content: Inline[] = [{ type: 'text', text: activity.name }];
  if (activity.group) content.push({ type: 'text', text: ` — ${activity.group}`, italic: true });
  if (note) content.push({ type: 'text', text: ` (${note})` });
  if (mark) content.push({ type: 'text', text: ` — ${mark}`, bold: true });
  // A name alone reads in its own direction (first strong character); "name — group (note) —
  // mark" is a sentence rolemark put together, in the document's direction, so an Arabic
  // activity in an English charter keeps its bullet at the left and its group after it.
  const composed = content.length > 1;
  return [{ type: 'paragraph', content, ...(composed ? { dir } : {}), ...placed(activity.source) }];
}

/** A list of activities, under one heading per document when they come from several. */
function activityLists(
  model: Model,
  role: Role,
  activities: Activity[],
  level: 3 | 4,
  dir: Labels['direction'],
  markOf: (a: Activity) => string | undefined = () => undefined,
): Block[] {
  const blocks: Block[] = [];
  const byDoc = new Map<string, Activity[]>();
  for (const a of activities) byDoc.set(a.document, [...(byDoc.get(a.document) ?? []), a]);
  const titles = new Map(model.documents.map((d) => [d.id, d.title]));
  for (const [docId, list] of byDoc) {
    if (byDoc.size > 1) blocks.push({ type: 'heading', level, text: titles.get(docId) ?? docId });
    blocks.push({
      type: 'list',
      ordered: false,
      items: list.map((a) => activityItem(a, noteOf(a, role), markOf(a), dir)),
    });
  }
  return blocks;
}

/** The activities a role holds `code` on. */
export const heldOn = (model: Model, role: Role, code: string): Activity[] =>
  activitiesOf(model, role).filter((a) =>
    a.assignments.some((x) => x.role === role.id && x.codes.includes(code)),
  );

/** The scheme's codes a role holds on an activity, in `codeOrder`. */
export function codesOn(model: Model, role: Role, activity: Activity): string[] {
  const held = new Set(activity.assignments.filter((x) => x.role === role.id).flatMap((x) => x.codes));
  return codeOrder(model).filter((c) => held.has(c));
}

/** True when `codes` is the accountable and doer pair (an `A/R` cell): "Owns and does". */
const ownsAndDoes = (model: Model, codes: string[]) =>
  codes.length === 2 && codes[0] === model.scheme.accountable && codes[1] === model.scheme.doer;

const labelOf = (model: Model, code: string) =>
  model.scheme.codes.find((c) => c.code === code)?.label ?? code;

/** The heading of one set of codes: "Accountable for", "Owns and does", "Responsible for · Consulted on". */
export function codesHeading(model: Model, labels: Labels, codes: string[]): string {
  if (ownsAndDoes(model, codes)) return labels.ownsAndDoes;
  return codes.map((c) => responsibilityHeading(labels, labelOf(model, c))).join(' · ');
}

/**
 * One code's list: the activities a role holds it on (nothing when it holds none). With `mark`,
 * the activities where the role is also accountable carry the word `mark` ("signs off"), so that a
 * job description's decision rights can point at them instead of listing them a second time.
 */
export function responsibilityList(
  model: Model,
  role: Role,
  code: string,
  labels: Labels,
  level: 3 | 4 = 3,
  mark?: string,
): Block[] {
  const held = heldOn(model, role, code);
  if (held.length === 0) return [];
  const accountable = model.scheme.accountable;
  const signed = (a: Activity) => accountable !== null && codesOn(model, role, a).includes(accountable);
  // When it signs off every one, a mark on each says nothing: the decision rights say "every".
  const useful = mark && accountable !== code && !held.every(signed);
  return activityLists(model, role, held, level, labels.direction, (a) =>
    useful && signed(a) ? mark : undefined,
  );
}

/**
 * A job description's decision rights: what the role approves of others' work (accountable, not
 * the doer), then one sentence for the work it signs off itself, which the key responsibilities
 * already list with a mark. Never the key responsibilities a second time.
 */
export function decisionRights(model: Model, role: Role, labels: Labels): Block[] {
  const { accountable, doer } = model.scheme;
  if (!accountable) return [];
  const owned = heldOn(model, role, accountable);
  const others = owned.filter((a) => !doer || !codesOn(model, role, a).includes(doer));
  const own = owned.length - others.length;
  const blocks: Block[] = [];
  if (others.length > 0) {
    blocks.push({
      type: 'paragraph',
      dir: labels.direction,
      content: [{ type: 'text', text: labels.approvesOthers }],
    });
    blocks.push(...activityLists(model, role, others, 3, labels.direction));
  }
  const done = doer ? heldOn(model, role, doer).length : 0;
  if (own > 0)
    blocks.push({
      type: 'paragraph',
      dir: labels.direction,
      content: [
        { type: 'text', text: own === done ? labels.signsOffAll : labels.signsOffOwn(own, labels.signsOff) },
      ],
    });
  return blocks;
}

/**
 * Every activity the role holds a code on, once, under the heading of the codes it holds there:
 * "Owns and does (7)" for `A/R` cells, then "Accountable for (2)", "Responsible for (3)"… in the
 * scheme's order; a sentence saying so when the role holds nothing at all. Separate lists per code
 * repeated every `A/R` activity (DESIGN.md, "What a good role charter holds").
 */
export function allResponsibilities(model: Model, role: Role, labels: Labels, level: 2 | 3 = 2): Block[] {
  const blocks: Block[] = [];
  const order = codeOrder(model);
  const rank = (codes: string[]) => codes.map((c) => String(order.indexOf(c)).padStart(3, '0')).join();
  const sets = new Map<string, { codes: string[]; activities: Activity[] }>();
  for (const a of activitiesOf(model, role)) {
    const codes = codesOn(model, role, a);
    if (codes.length === 0) continue;
    const key = codes.join('\u0000');
    const set = sets.get(key) ?? { codes, activities: [] };
    set.activities.push(a);
    sets.set(key, set);
  }
  // The first code decides the place; with the same first code, more codes come first (A/R before A).
  const sorted = [...sets.values()].sort(
    (x, y) =>
      order.indexOf(x.codes[0] ?? '') - order.indexOf(y.codes[0] ?? '') ||
      y.codes.length - x.codes.length ||
      rank(x.codes).localeCompare(rank(y.codes)),
  );
  for (const { codes, activities } of sorted) {
    blocks.push({
      type: 'heading',
      level,
      text: `${codesHeading(model, labels, codes)} (${activities.length})`,
    });
    blocks.push(...activityLists(model, role, activities, (level + 1) as 3 | 4, labels.direction));
  }
  if (activitiesOf(model, role).length === 0)
    blocks.push({ type: 'paragraph', content: [{ type: 'text', text: labels.noAssignments, italic: true }] });
  return blocks;
}

/** Activities where the role holds no code but has a note (`(reviews)` alone in a cell). */
export function notedActivities(model: Model, role: Role, labels: Labels): Block[] {
  const noted = activitiesOf(model, role).filter((a) =>
    a.assignments.some((x) => x.role === role.id && x.codes.length === 0),
  );
  if (noted.length === 0) return [];
  return [
    {
      type: 'list',
      ordered: false,
      items: noted.map((a) => activityItem(a, noteOf(a, role), undefined, labels.direction)),
    },
  ];
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
            dir: labels.direction,
            content: [
              { type: 'text', text: `${other?.name ?? id}${alias}`, bold: true },
              { type: 'text', text: ` — ${labels.sharedActivities(n)}` },
            ],
            ...placed(other?.source),
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
