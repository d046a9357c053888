import type { Labels } from '../compose/labels.js';
import { markdownBlocks, markdownInlines } from '../compose/markdown.js';
import { composeMatrix, composeWorkload, condenseMatrix } from '../compose/matrix.js';
import {
  allResponsibilities,
  codeOrder,
  collaborators,
  decisionRights,
  notedActivities,
  responsibilityList,
} from '../compose/role-blocks.js';
import type { Block, CoverBlock } from '../ir/types.js';
import type { Model, Role, SchemeCode, TeamDocument } from '../model/types.js';
import { nameKey } from '../read/markdown.js';

/**
 * The generated content a template can place, one `::name{attr=value}` line each. A directive
 * only reads the model; it never runs code from the template. Each says where it works:
 * `role` needs a role (a `per: role` template, or inside `:::roles`), `document` needs a
 * `per: document` template, `any` works in both.
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

export interface AttributeSpec {
  /** The values allowed, when the set is fixed. */
  values?: readonly string[];
  /** A comma-separated list (each item checked against `values`). */
  list?: boolean;
  /** Placeholders are allowed in the value. */
  text?: boolean;
}

export interface DirectiveSpec {
  name: string;
  container?: boolean;
  needs: 'any' | 'role' | 'document';
  attributes: Record<string, AttributeSpec>;
  /** One line for the docs and `rolemark templates`. */
  summary: string;
  expand: (ctx: ExpandContext, attrs: Record<string, string>) => Block[];
}

const LEVELS = ['2', '3', '4'] as const;
const COVER_ITEMS = ['aliases', 'team', 'version', 'owner', 'date'] as const;
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

export const DIRECTIVES: readonly DirectiveSpec[] = [
  {
    name: 'cover',
    needs: 'any',
    attributes: {
      title: { text: true },
      subtitle: { text: true },
      items: { list: true, values: COVER_ITEMS },
      size: { values: ['full', 'compact'] },
    },
    summary:
      'title block: the role or document name, a subtitle, and version/owner/date (or `items`); `size=compact`: a smaller title with the items on one line',
    expand: cover,
  },
  {
    name: 'toc',
    needs: 'any',
    attributes: { title: { text: true } },
    summary: 'table of contents of the level-2 and level-3 headings, with links',
    expand: (ctx, a) => [{ type: 'toc', title: a.title ?? ctx.labels.contents }],
  },
  {
    name: 'intro',
    needs: 'document',
    attributes: { of: { values: ['document', 'matrix', 'roles'] } },
    summary: "the source's introduction (`of=matrix`/`roles`: the text at the top of those sections)",
    expand: (ctx, a) => {
      const doc = ctx.doc;
      if (!doc) return [];
      const of = a.of ?? 'document';
      return markdownBlocks(of === 'matrix' ? doc.matrixIntro : of === 'roles' ? doc.rolesIntro : doc.intro);
    },
  },
  {
    name: 'legend',
    needs: 'any',
    attributes: {},
    summary: "the scheme's codes with their colours, labels and meanings",
    expand: (ctx) => [{ type: 'legend', codes: ctx.codes(ctx.doc) }],
  },
  {
    name: 'matrix',
    needs: 'any',
    attributes: { group: { list: true }, columns: { values: ['condensed', 'all'] } },
    summary:
      'the responsibility matrix (`group="A,B"`: only those groups; for a role: only its rows, its column, the 4 roles most involved beside it and "Others"; `columns=all`: every role)',
    expand: matrix,
  },
  {
    name: 'workload',
    needs: 'document',
    attributes: {},
    summary: 'per role, how many activities it holds each code on, as bars',
    expand: (ctx) =>
      ctx.doc
        ? [composeWorkload(ctx.model, ctx.doc, { anchors: ctx.anchors, codes: ctx.codes(ctx.doc) })]
        : [],
  },
  {
    name: 'roles',
    container: true,
    needs: 'document',
    attributes: {},
    summary: "repeats its content for each of the document's roles, with `{{role.*}}` in scope",
    // Expanded by the composer, which owns the scope of what is inside.
    expand: () => [],
  },
  {
    name: 'aliases',
    needs: 'role',
    attributes: {},
    summary: 'a small line "Also known as: PM, …" (nothing when the role has no alias)',
    expand: (ctx) => {
      const role = requireRole(ctx);
      if (role.aliases.length === 0) return [];
      const text = `${ctx.labels.aliases}${ctx.labels.colon}${role.aliases.join(', ')}`;
      return [{ type: 'paragraph', style: 'small', content: [{ type: 'text', text }] }];
    },
  },
  {
    name: 'purpose',
    needs: 'role',
    attributes: {},
    summary: "the role's purpose, as written (formatting kept)",
    expand: (ctx) => markdownBlocks(requireRole(ctx).purpose),
  },
  {
    name: 'fields',
    needs: 'role',
    attributes: { only: { list: true }, except: { list: true } },
    summary: 'the role\'s "**Label:** value" fields (`only="Focus,Reports to"`, `except=…`)',
    expand: (ctx, a) => {
      const only = split(a.only).map(nameKey);
      const except = split(a.except).map(nameKey);
      const items = requireRole(ctx)
        .fields.filter(
          (f) => (only.length === 0 || only.includes(nameKey(f.label))) && !except.includes(nameKey(f.label)),
        )
        .map((f) => ({ label: f.label, value: markdownInlines(f.value) }));
      return items.length > 0 ? [{ type: 'fields', items }] : [];
    },
  },
  {
    name: 'responsibilities',
    needs: 'role',
    attributes: { code: {}, level: { values: LEVELS }, mark: { values: ['accountable'] } },
    summary:
      'each activity the role holds a code on, once, headed by its codes: "Owns and does (3)", "Consulted on (2)"; `code=A` (or `accountable`, `doer`): one list; `mark=accountable`: marks those it also signs off',
    expand: (ctx, a) => {
      const role = requireRole(ctx);
      const level = Number(a.level ?? (a.code ? 3 : 2));
      if (a.code === undefined)
        return allResponsibilities(ctx.model, role, ctx.labels, Math.min(level, 3) as 2 | 3);
      const code = codeOf(ctx, a.code);
      const mark = a.mark === 'accountable' ? ctx.labels.signsOff : undefined;
      return code ? responsibilityList(ctx.model, role, code, Math.max(3, level) as 3 | 4, mark) : [];
    },
  },
  {
    name: 'decision-rights',
    needs: 'role',
    attributes: {},
    summary:
      'what the role approves: the activities it is accountable for but others do, and a line for the work it signs off itself (pair with `::responsibilities{code=doer mark=accountable}`)',
    expand: (ctx) => decisionRights(ctx.model, requireRole(ctx), ctx.labels),
  },
  {
    name: 'notes',
    needs: 'role',
    attributes: {},
    summary: 'activities where the role has a note but no code',
    expand: (ctx) => notedActivities(ctx.model, requireRole(ctx)),
  },
  {
    name: 'collaborators',
    needs: 'role',
    attributes: {},
    summary: 'the roles it shares activities with, most shared first',
    expand: (ctx) => collaborators(ctx.model, requireRole(ctx), ctx.labels),
  },
  {
    name: 'sections',
    needs: 'document',
    attributes: { level: { values: LEVELS } },
    summary: "the source's other sections (Key differences, Working together, …), in order",
    expand: (ctx, a) => {
      const level = Number(a.level ?? 2) as 2 | 3 | 4;
      return (ctx.doc?.sections ?? []).flatMap((s): Block[] => [
        { type: 'heading', level, text: s.title },
        ...markdownBlocks(s.markdown),
      ]);
    },
  },
  {
    name: 'pagebreak',
    needs: 'any',
    attributes: {},
    summary: 'starts a new page',
    expand: () => [{ type: 'pagebreak' }],
  },
];

export const directive = (name: string): DirectiveSpec | undefined => DIRECTIVES.find((d) => d.name === name);
