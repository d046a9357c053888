import type { Block, CoverBlock } from '../ir/types.js';
import type { Labels } from '../lang/labels.js';
import type { Model, Role, SchemeCode, TeamDocument } from '../model/types.js';
import { nameKey } from '../read/markdown.js';
import { COVER_ITEMS } from '../templates/directives.js';
import { markdownBlocks, markdownInlines } from './markdown.js';
import { composeMatrix, composeWorkload, condenseMatrix } from './matrix.js';
import { placed, placedAll } from './placed.js';
import {
  allResponsibilities,
  codeOrder,
  collaborators,
  decisionRights,
  notedActivities,
  responsibilityList,
} from './role-blocks.js';

/**
 * What each directive of a template makes: the blocks it stands for. The names, where each works
 * and the attributes it takes are the template check's (`templates/directives.ts`);
 * `test/templates.test.ts` fails when the two lists do not name the same directives.
 */

/** What a directive sees when it expands. */
export interface ExpandContext {
  model: Model;
  labels: Labels;
  /** The document: a per-document template's, or a role's first. */
  doc: TeamDocument | undefined;
  /** The documents in view: the one of a per-document template, or all that name the role. */
  docs: TeamDocument[];
  role: Role | undefined;
  /** The codes of a scheme as this document shows them (translated, theme colours). */
  codes: (doc: TeamDocument | undefined) => SchemeCode[];
  /** Anchors of the roles' sections, when the template has a `:::roles` section. */
  anchors: Map<string, string> | undefined;
  date: string | null;
}

export type Expand = (ctx: ExpandContext, attrs: Record<string, string>) => Block[];

const split = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function cover(ctx: ExpandContext, attrs: Record<string, string>): Block[] {
  const { labels, role, doc, docs } = ctx;
  const date = doc?.date ?? ctx.date;
  const values: Record<(typeof COVER_ITEMS)[number], { label: string; value: string } | null> = {
    aliases:
      role && role.aliases.length > 0 ? { label: labels.aliases, value: role.aliases.join(', ') } : null,
    team:
      role && docs.length > 0
        ? { label: docs.length > 1 ? labels.teams : labels.team, value: docs.map((d) => d.title).join(', ') }
        : null,
    version: doc?.version ? { label: labels.version, value: doc.version } : null,
    owner: doc?.owner ? { label: labels.owner, value: doc.owner } : null,
    date: date ? { label: labels.date, value: date } : null,
  };
  const chosen = attrs.items !== undefined ? split(attrs.items) : COVER_ITEMS;
  const block: CoverBlock = {
    type: 'cover',
    title: attrs.title ?? role?.name ?? doc?.title ?? '',
    ...(attrs.subtitle ? { subtitle: attrs.subtitle } : {}),
    items: chosen.flatMap((k) => values[k as (typeof COVER_ITEMS)[number]] ?? []),
    ...(attrs.size === 'compact' ? { compact: true } : {}),
    ...placed(role?.source ?? doc?.source),
  };
  return [block];
}

/** The matrix of the document, or of each of the role's documents with only the role's rows. */
function matrix(ctx: ExpandContext, attrs: Record<string, string>): Block[] {
  const groups = split(attrs.group).map(nameKey);
  const inGroup = (g: string | null) => groups.length === 0 || (g !== null && groups.includes(nameKey(g)));
  const role = ctx.role;
  const blocks: Block[] = [];
  for (const doc of ctx.docs) {
    const m = composeMatrix(ctx.model, doc, ctx.labels, {
      anchors: ctx.anchors,
      codes: ctx.codes(doc),
      include: (a) => inGroup(a.group) && (!role || a.assignments.some((x) => x.role === role.id)),
    });
    if (!m.rows.some((r) => r.type === 'activity')) continue;
    if (role && ctx.docs.length > 1) blocks.push({ type: 'heading', level: 3, text: doc.title });
    if (!role) blocks.push(m);
    else if (attrs.columns === 'all') blocks.push({ ...m, focus: role.id });
    else {
      const order = codeOrder(ctx.model);
      blocks.push({ ...condenseMatrix(m, role.id, ctx.labels.others, order), focus: role.id });
    }
  }
  return blocks;
}

/** `code=A`, or `accountable` / `doer`: the scheme's own letter, so DACI and RAPID work too. */
function codeOf(ctx: ExpandContext, code: string): string | null {
  if (code === 'accountable') return ctx.model.scheme.accountable;
  if (code === 'doer') return ctx.model.scheme.doer;
  return code;
}

const requireRole = (ctx: ExpandContext): Role => {
  if (!ctx.role)
    throw new Error('A role directive expanded without a role; the template check should have refused it');
  return ctx.role;
};

/** The expansion of each directive, by name. `roles` is the composer's own: it scopes what is inside. */
export const EXPANDERS: Readonly<Record<string, Expand>> = {
  cover,
  toc: (ctx, a) => [{ type: 'toc', title: a.title ?? ctx.labels.contents }],
  intro: (ctx, a) => {
    const doc = ctx.doc;
    if (!doc) return [];
    const of = a.of ?? 'document';
    return markdownBlocks(of === 'matrix' ? doc.matrixIntro : of === 'roles' ? doc.rolesIntro : doc.intro);
  },
  legend: (ctx) => [{ type: 'legend', codes: ctx.codes(ctx.doc) }],
  matrix,
  workload: (ctx) =>
    ctx.doc ? [composeWorkload(ctx.model, ctx.doc, { anchors: ctx.anchors, codes: ctx.codes(ctx.doc) })] : [],
  roles: () => [],
  aliases: (ctx) => {
    const role = requireRole(ctx);
    if (role.aliases.length === 0) return [];
    const text = `${ctx.labels.aliases}${ctx.labels.colon}${role.aliases.join(', ')}`;
    return [{ type: 'paragraph', style: 'small', content: [{ type: 'text', text }], ...placed(role.source) }];
  },
  purpose: (ctx) => {
    const role = requireRole(ctx);
    return placedAll(markdownBlocks(role.purpose), role.source);
  },
  fields: (ctx, a) => {
    const only = split(a.only).map(nameKey);
    const except = split(a.except).map(nameKey);
    const role = requireRole(ctx);
    const items = role.fields
      .filter(
        (f) => (only.length === 0 || only.includes(nameKey(f.label))) && !except.includes(nameKey(f.label)),
      )
      .map((f) => ({ label: f.label, value: markdownInlines(f.value) }));
    return items.length > 0 ? [{ type: 'fields', items, ...placed(role.source) }] : [];
  },
  responsibilities: (ctx, a) => {
    const role = requireRole(ctx);
    const level = Number(a.level ?? (a.code ? 3 : 2));
    if (a.code === undefined)
      return allResponsibilities(ctx.model, role, ctx.labels, Math.min(level, 3) as 2 | 3);
    const code = codeOf(ctx, a.code);
    const mark = a.mark === 'accountable' ? ctx.labels.signsOff : undefined;
    return code
      ? responsibilityList(ctx.model, role, code, ctx.labels, Math.max(3, level) as 3 | 4, mark)
      : [];
  },
  'decision-rights': (ctx) => decisionRights(ctx.model, requireRole(ctx), ctx.labels),
  notes: (ctx) => notedActivities(ctx.model, requireRole(ctx), ctx.labels),
  collaborators: (ctx) => collaborators(ctx.model, requireRole(ctx), ctx.labels),
  sections: (ctx, a) => {
    const level = Number(a.level ?? 2) as 2 | 3 | 4;
    return (ctx.doc?.sections ?? []).flatMap((s): Block[] =>
      placedAll([{ type: 'heading', level, text: s.title }, ...markdownBlocks(s.markdown)], s.source),
    );
  },
  pagebreak: () => [{ type: 'pagebreak' }],
};
