import type { Activity, Assignment, Model, Role, TeamDocument } from '../model/types.js';
import { matchKey, pairUnique, similarity } from './match.js';
import {
  type ActivityRef,
  type AssignmentChange,
  type AssignmentContext,
  DIFF_VERSION,
  type DiffCell,
  type DocumentRef,
  type FieldChange,
  type ModelDiff,
  type RoleRef,
} from './types.js';

/** Names at least this alike are the same activity renamed, whatever its cells say. */
const RENAME_SIMILAR = 0.8;
/** Names at least this alike, with exactly the same cells, are the same activity renamed. */
const RENAME_SAME_CELLS = 0.4;

const docRef = (d: TeamDocument): DocumentRef => ({ id: d.id, title: d.title, file: d.file });
const roleRef = (r: Role): RoleRef => ({ id: r.id, name: r.name });
const activityRef = (a: Activity): ActivityRef => ({ document: a.document, name: a.name, group: a.group });
const cellOf = (x: Assignment): DiffCell => (x.note ? { codes: x.codes, note: x.note } : { codes: x.codes });
/** A name as it reads: runs of spaces are one space in Markdown. */
const spaced = (name: string) => name.replace(/\s+/gu, ' ').trim();
const sameCell = (a: DiffCell | null, b: DiffCell | null) =>
  a?.codes.join('/') === b?.codes.join('/') && a?.note === b?.note;

/** Pairs by equal key; items with the same key on one side pair up in order. */
function pairByKey<T>(before: readonly T[], after: readonly T[], key: (t: T) => string): [T, T][] {
  const waiting = new Map<string, T[]>();
  for (const b of before) {
    const k = key(b);
    waiting.set(k, [...(waiting.get(k) ?? []), b]);
  }
  const pairs: [T, T][] = [];
  for (const a of after) {
    const b = waiting.get(key(a))?.shift();
    if (b !== undefined) pairs.push([b, a]);
  }
  return pairs;
}

/** A one-to-one mapping between the items of two versions, grown in passes. */
class Matching<T> {
  readonly forward = new Map<T, T>();
  readonly backward = new Map<T, T>();
  constructor(
    readonly before: readonly T[],
    readonly after: readonly T[],
  ) {}
  add(pairs: readonly [T, T][]): void {
    for (const [b, a] of pairs) {
      this.forward.set(b, a);
      this.backward.set(a, b);
    }
  }
  get unmatchedBefore(): T[] {
    return this.before.filter((b) => !this.forward.has(b));
  }
  get unmatchedAfter(): T[] {
    return this.after.filter((a) => !this.backward.has(a));
  }
}

function fieldChanges(before: Record<string, string>, after: Record<string, string>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[field] ?? null;
    const a = after[field] ?? null;
    if (b !== a) changes.push({ field, before: b, after: a });
  }
  return changes;
}

const roleFields = (r: Role): Record<string, string> => {
  const fields: Record<string, string> = {};
  if (r.aliases.length > 0) fields.aliases = r.aliases.join(', ');
  if (r.purpose !== '') fields.purpose = r.purpose;
  for (const f of r.fields) fields[f.label] = f.value;
  return fields;
};

const documentFields = (d: TeamDocument): Record<string, string> => {
  const fields: Record<string, string> = { title: d.title, scheme: d.scheme.name };
  if (d.version !== null) fields.version = d.version;
  if (d.owner !== null) fields.owner = d.owner;
  return fields;
};

/**
 * Compares two models: documents, roles and activities added, removed or renamed, and every
 * assignment that changed. Documents are matched by id; activities by document and name (their
 * ids can shift when rows are added); roles by name, then by a shared alias. A rename is reported
 * only when it is unambiguous: an activity whose name is nearly the same, or whose cells are all
 * the same under a name alike enough; a role that keeps an alias, or all its assignments.
 */
export function diffModels(before: Model, after: Model): ModelDiff {
  // Documents: by id, then a single leftover on each side that shares its title or most rows.
  const docs = new Matching(before.documents, after.documents);
  docs.add(pairByKey(before.documents, after.documents, (d) => d.id));
  const [lonelyBefore, lonelyAfter] = [docs.unmatchedBefore, docs.unmatchedAfter];
  if (lonelyBefore.length === 1 && lonelyAfter.length === 1) {
    const [b, a] = [lonelyBefore[0] as TeamDocument, lonelyAfter[0] as TeamDocument];
    const names = (m: Model, d: TeamDocument) =>
      new Set(m.activities.filter((x) => x.document === d.id).map((x) => matchKey(x.name)));
    const nb = names(before, b);
    const shared = [...names(after, a)].filter((n) => nb.has(n)).length;
    if (b.title === a.title || shared * 2 >= Math.max(1, nb.size)) docs.add([[b, a]]);
  }
  const docAfter = (id: string) => {
    const b = before.documents.find((d) => d.id === id);
    return b ? docs.forward.get(b) : undefined;
  };

  // Roles: by name, then by a shared name or alias, then by identical assignments.
  const roles = new Matching(before.roles, after.roles);
  roles.add(pairByKey(before.roles, after.roles, (r) => matchKey(r.name)));
  const names = (r: Role) => new Set([r.name, ...r.aliases].map(matchKey).filter((k) => k !== ''));
  roles.add(
    pairUnique(roles.unmatchedBefore, roles.unmatchedAfter, (b, a) => {
      const nb = names(b);
      const shared = [...names(a)].filter((n) => nb.has(n)).length;
      return shared > 0 ? shared : null;
    }),
  );
  const signature = (m: Model, r: Role, docId: (id: string) => string | undefined) =>
    m.activities
      .flatMap((x) =>
        x.assignments
          .filter((y) => y.role === r.id)
          .map((y) => `${docId(x.document)}\u0000${matchKey(x.name)}\u0000${y.codes.join('/')}`),
      )
      .sort()
      .join('\n');
  roles.add(
    pairUnique(roles.unmatchedBefore, roles.unmatchedAfter, (b, a) => {
      const sb = signature(before, b, (id) => docAfter(id)?.id);
      const count = sb === '' ? 0 : sb.split('\n').length;
      return count >= 2 && sb === signature(after, a, (id) => id) ? 1 : null;
    }),
  );
  const roleAfterId = new Map([...roles.forward].map(([b, a]) => [b.id, a.id]));

  // Activities: within each pair of documents, by name, then renames.
  const acts = new Matching(before.activities, after.activities);
  const cellsKey = (x: Activity, mapRole: (id: string) => string | undefined) =>
    x.assignments
      .map((y) => `${mapRole(y.role)}=${y.codes.join('/')}`)
      .sort()
      .join(';');
  for (const [b, a] of docs.forward) {
    const inB = before.activities.filter((x) => x.document === b.id);
    const inA = after.activities.filter((x) => x.document === a.id);
    acts.add(pairByKey(inB, inA, (x) => matchKey(x.name)));
    const leftB = inB.filter((x) => !acts.forward.has(x));
    const leftA = inA.filter((x) => !acts.backward.has(x));
    acts.add(
      pairUnique(leftB, leftA, (x, y) => {
        const s = similarity(x.name, y.name);
        if (s >= RENAME_SIMILAR) return s;
        const same =
          x.assignments.length > 0 && cellsKey(x, (id) => roleAfterId.get(id)) === cellsKey(y, (id) => id);
        return same && s >= RENAME_SAME_CELLS ? s : null;
      }),
    );
  }

  const diff: ModelDiff = {
    version: DIFF_VERSION,
    documents: { added: [], removed: [], renamed: [], changed: [] },
    roles: { added: [], removed: [], renamed: [], changed: [] },
    activities: { added: [], removed: [], renamed: [], moved: [] },
    assignments: [],
    documentTitles: {},
  };
  for (const d of [...before.documents, ...after.documents]) diff.documentTitles[d.id] = d.title;

  diff.documents.added = docs.unmatchedAfter.map(docRef);
  diff.documents.removed = docs.unmatchedBefore.map(docRef);
  for (const [b, a] of docs.forward) {
    if (b.id !== a.id) diff.documents.renamed.push({ before: docRef(b), after: docRef(a) });
    const changes = fieldChanges(documentFields(b), documentFields(a));
    if (changes.length > 0) diff.documents.changed.push({ document: docRef(a), changes });
  }

  diff.roles.added = roles.unmatchedAfter.map(roleRef);
  diff.roles.removed = roles.unmatchedBefore.map(roleRef);
  for (const a of after.roles) {
    const b = roles.backward.get(a);
    if (!b) continue;
    if (b.name !== a.name) diff.roles.renamed.push({ before: roleRef(b), after: roleRef(a) });
    const changes = fieldChanges(roleFields(b), roleFields(a));
    if (changes.length > 0) diff.roles.changed.push({ role: roleRef(a), changes });
  }

  const addedDocs = new Set(docs.unmatchedAfter.map((d) => d.id));
  const removedDocs = new Set(docs.unmatchedBefore.map((d) => d.id));
  diff.activities.added = acts.unmatchedAfter.filter((x) => !addedDocs.has(x.document)).map(activityRef);
  diff.activities.removed = acts.unmatchedBefore.filter((x) => !removedDocs.has(x.document)).map(activityRef);
  for (const a of after.activities) {
    const b = acts.backward.get(a);
    if (!b) continue;
    if (spaced(b.name) !== spaced(a.name))
      diff.activities.renamed.push({ before: activityRef(b), after: activityRef(a) });
    if (b.group !== a.group)
      diff.activities.moved.push({ activity: activityRef(a), before: b.group, after: a.group });
  }

  diff.assignments = assignmentChanges(before, after, roles, acts, addedDocs, removedDocs);
  return diff;
}

function assignmentChanges(
  before: Model,
  after: Model,
  roles: Matching<Role>,
  acts: Matching<Activity>,
  addedDocs: ReadonlySet<string>,
  removedDocs: ReadonlySet<string>,
): AssignmentChange[] {
  const roleBeforeById = new Map(before.roles.map((r) => [r.id, r]));
  const roleAfterById = new Map(after.roles.map((r) => [r.id, r]));
  // Each change is keyed by role and sorted: new version's roles first (in their order), then
  // removed roles; within a role, the new version's rows, then removed rows.
  const roleOrder = new Map<Role, number>();
  after.roles.forEach((r, i) => {
    roleOrder.set(r, i);
  });
  before.roles.forEach((r, i) => {
    const a = roles.forward.get(r);
    if (!a) roleOrder.set(r, after.roles.length + i);
  });
  const rowOrder = new Map<Activity, number>();
  after.activities.forEach((x, i) => {
    rowOrder.set(x, i);
  });
  before.activities.forEach((x, i) => {
    if (!acts.forward.has(x)) rowOrder.set(x, after.activities.length + i);
  });

  const changes: { change: AssignmentChange; role: number; row: number }[] = [];
  const push = (
    role: Role,
    activity: Activity,
    b: DiffCell | null,
    a: DiffCell | null,
    ctx: AssignmentContext,
  ) => {
    if (sameCell(b, a)) return;
    changes.push({
      change: { role: roleRef(role), activity: activityRef(activity), before: b, after: a, context: ctx },
      role: roleOrder.get(role) ?? 0,
      row: rowOrder.get(activity) ?? 0,
    });
  };

  for (const a of after.activities) {
    const b = acts.backward.get(a);
    if (!b) {
      const ctx = addedDocs.has(a.document) ? 'document-added' : 'activity-added';
      for (const y of a.assignments) {
        const role = roleAfterById.get(y.role);
        if (role) push(role, a, null, cellOf(y), ctx);
      }
      continue;
    }
    const seen = new Set<string>();
    for (const y of a.assignments) {
      const role = roleAfterById.get(y.role);
      if (!role) continue;
      seen.add(role.id);
      const old = roles.backward.get(role);
      const x = old ? b.assignments.find((z) => z.role === old.id) : undefined;
      push(role, a, x ? cellOf(x) : null, cellOf(y), old ? 'changed' : 'role-added');
    }
    for (const x of b.assignments) {
      const old = roleBeforeById.get(x.role);
      if (!old) continue;
      const now = roles.forward.get(old);
      if (now && seen.has(now.id)) continue;
      push(now ?? old, a, cellOf(x), null, now ? 'changed' : 'role-removed');
    }
  }
  for (const b of before.activities) {
    if (acts.forward.has(b)) continue;
    const ctx = removedDocs.has(b.document) ? 'document-removed' : 'activity-removed';
    for (const x of b.assignments) {
      const old = roleBeforeById.get(x.role);
      if (old) push(roles.forward.get(old) ?? old, b, cellOf(x), null, ctx);
    }
  }
  return changes.sort((p, q) => p.role - q.role || p.row - q.row).map((c) => c.change);
}

/** Whether anything at all changed. */
export function hasChanges(diff: ModelDiff): boolean {
  const { documents: d, roles: r, activities: a } = diff;
  return (
    d.added.length + d.removed.length + d.renamed.length + d.changed.length > 0 ||
    r.added.length + r.removed.length + r.renamed.length + r.changed.length > 0 ||
    a.added.length + a.removed.length + a.renamed.length + a.moved.length > 0 ||
    diff.assignments.length > 0
  );
}
