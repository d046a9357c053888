import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import type { Block, DocumentIR, DocumentTheme, HeadingBlock, PageSizeName } from '../ir/types.js';
import { en, type Labels, labelsFor, stringLabels } from '../lang/labels.js';
import { codeLabel } from '../model/schemes.js';
import type { Model, Role, TeamDocument } from '../model/types.js';
import { directive } from '../templates/directives.js';
import { fillPlaceholders, type Values } from '../templates/placeholders.js';
import type { Template, TemplateMeta } from '../templates/template.js';
import { defaultTheme, PAGE_POINTS, type ResolvedTheme, themeCodeColour } from '../templates/theme.js';
import type { PlacedText } from '../templates/yaml.js';
import { EXPANDERS, type ExpandContext } from './directives.js';
import { markLandscape } from './landscape.js';
import { inlines, blocks as mdastBlocks, plainText } from './markdown.js';
import { choosePoster, type PosterChoice, SERIES } from './poster-fit.js';
import { displayCodes, documentsOf } from './role-blocks.js';

/**
 * Template + model → document IR. The template's Markdown becomes blocks with its placeholders
 * filled; each directive becomes the generated blocks it names. Two rules keep templates free of
 * logic: a paragraph, heading or list item whose placeholder has no value is left out, and a
 * heading whose section holds only generated content that came out empty is left out too.
 */

export interface TemplateComposeOptions {
  /** Language when neither the document nor the template names one (config `lang`). */
  lang?: string | null;
  /** Words to use whatever the language (tests, library callers with their own table). */
  labels?: Labels;
  /** The date printed when the source gives none (YYYY-MM-DD); never the clock. */
  date?: string | null;
  theme?: ResolvedTheme;
  /** When each content file last changed (ISO), by path: see `workflow/source-time.ts`. */
  sourceTimes?: Readonly<Record<string, string>>;
}

export type TemplateTarget = { document: TeamDocument } | { role: Role };

export const roleAnchor = (roleId: string): string => `role-${roleId}`;

interface Scope {
  ctx: ExpandContext;
  values: Values;
}

/**
 * An expanded piece of the template. `optional` marks a heading of fixed words (text and labels):
 * it goes when its section came out empty. A heading that names data (`{{role.name}}`) stays.
 */
type Item = { block: Block; optional: boolean } | { empty: true };

/** Whether a heading is made of fixed words only: text and `{{labels.*}}`. */
const fixedWords = (node: RootContent, source: Nodes = node): boolean =>
  source.type === 'text'
    ? [...source.value.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].every((m) => m[1]?.startsWith('labels.'))
    : !('children' in source) || (source.children as Nodes[]).every((c) => fixedWords(node, c));

const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

/**
 * A source path as documents print it: never absolute, as a document travels and an absolute path
 * tells a reader about the machine that built it, not where the file is kept. Paths inside the
 * project come relative already (the reader shows them relative to the working directory); one
 * outside it is shown from the folder that holds all the content (`content/team.md`).
 */
export function printedPath(model: Model, file: string): string {
  if (!ABSOLUTE.test(file)) return file;
  const dirs = model.documents
    .filter((d) => ABSOLUTE.test(d.file))
    .map((d) => d.file.split(/[\\/]/).slice(0, -1));
  const parts = file.split(/[\\/]/);
  let common = parts.length - 1;
  for (const dir of dirs) {
    let i = 0;
    while (i < common && i < dir.length && dir[i] === parts[i]) i++;
    common = i;
  }
  // Keep the name of the content folder itself: `c30/team.md` says more than `team.md`.
  const from = Math.max(1, common - 1);
  return parts.slice(from).join('/');
}

/** What every placeholder stands for here; null where the source says nothing. */
function valuesOf(
  model: Model,
  template: Template,
  doc: TeamDocument | undefined,
  role: Role | undefined,
  labels: Labels,
  lang: string,
  date: string | null,
  showSource: boolean,
): Values {
  const scheme = doc?.scheme ?? model.scheme;
  const label = (code: string | null) => {
    if (code === null) return null;
    const english = codeLabel(scheme, code);
    return labels.codes[english]?.label ?? english;
  };
  const docs = role ? documentsOf(model, role) : [];
  const files = role
    ? [
        ...new Set(
          [role.source?.file, ...docs.map((d) => d.file)]
            .filter((f): f is string => !!f)
            .map((f) => printedPath(model, f)),
        ),
      ]
    : [];
  const values: Values = {
    'document.title': doc?.title ?? null,
    'document.id': doc?.id ?? null,
    'document.file': doc && showSource ? printedPath(model, doc.file) : null,
    'document.version': doc?.version ?? null,
    'document.owner': doc?.owner ?? null,
    'document.date': doc?.date ?? date,
    'document.lang': lang,
    'document.scheme': scheme.name,
    'role.name': role?.name ?? null,
    'role.id': role?.id ?? null,
    'role.alias': role?.aliases[0] ?? null,
    'role.aliases': role && role.aliases.length > 0 ? role.aliases.join(', ') : null,
    'role.teams': docs.length > 0 ? docs.map((d) => d.title).join(', ') : null,
    'role.files': files.length > 0 && showSource ? files.join(', ') : null,
    'scheme.name': scheme.name,
    'scheme.accountable': label(scheme.accountable),
    'scheme.doer': label(scheme.doer),
    'template.name': template.meta.name,
    'template.description': template.meta.description || null,
  };
  for (const [key, value] of Object.entries(stringLabels(labels))) values[`labels.${key}`] = value;
  return values;
}

const MISSING = Symbol('missing');

/**
 * A copy of a Markdown node with its placeholders filled. MISSING when a placeholder has no value:
 * the nearest paragraph, heading, list item or table row is then left out, and a list or table
 * left with nothing goes too.
 */
function fill(node: Nodes, values: Values): Nodes | typeof MISSING | null {
  if (node.type === 'text') {
    const value = fillPlaceholders(node.value, values);
    return value === null ? MISSING : { ...node, value };
  }
  if (!('children' in node)) return node;
  if (node.type === 'table') {
    const rows = node.children.map((row) => fill(row, values));
    // A table whose header row went means nothing; other rows go one by one.
    if (rows[0] === MISSING || rows[0] === null) return null;
    return { ...node, children: rows.filter((r) => r !== MISSING && r !== null) } as Nodes;
  }
  const filtering = node.type === 'list' || node.type === 'blockquote';
  const children: Nodes[] = [];
  for (const child of node.children as Nodes[]) {
    const filled = fill(child, values);
    if (filled === MISSING) {
      if (filtering) continue;
      return MISSING;
    }
    if (filled !== null) children.push(filled);
  }
  if (filtering && children.length === 0) return null;
  return { ...node, children } as Nodes;
}

function literal(node: RootContent, values: Values): Block[] {
  const filled = fill(node, values);
  if (filled === MISSING || filled === null) return [];
  if (filled.type === 'heading') {
    const level = Math.min(4, Math.max(1, filled.depth)) as 1 | 2 | 3 | 4;
    const text = plainText(inlines(filled.children as PhrasingContent[])).trim();
    // `## Matrix {#matrix}` gives the heading a stable anchor, as in pandoc and kramdown.
    const id = /\s*\{#([A-Za-z][\w-]*)\}$/.exec(text);
    if (!id?.[1]) return [{ type: 'heading', level, text }];
    return [{ type: 'heading', level, text: text.slice(0, id.index).trim(), anchor: id[1] }];
  }
  return mdastBlocks([filled]);
}

function expand(nodes: readonly RootContent[], scope: Scope, withRole: (role: Role) => Scope): Item[] {
  const items: Item[] = [];
  for (const node of nodes) {
    if (node.type === 'containerDirective' && node.name === 'roles') {
      const roles = new Map(scope.ctx.model.roles.map((r) => [r.id, r]));
      for (const id of scope.ctx.doc?.roles ?? []) {
        const role = roles.get(id);
        if (!role) continue;
        const inner = expand(node.children, withRole(role), withRole);
        const first = inner.find(
          (i): i is { block: HeadingBlock; optional: boolean } => 'block' in i && i.block.type === 'heading',
        );
        if (first) {
          first.block.anchor = roleAnchor(role.id);
          if (role.source) first.block.source = role.source;
        }
        items.push(...inner);
      }
      continue;
    }
    if (node.type === 'leafDirective') {
      const spec = directive(node.name);
      const make = Object.hasOwn(EXPANDERS, node.name) ? EXPANDERS[node.name] : undefined;
      if (!spec || !make)
        throw new Error(`Directive ::${node.name} passed the template check but has no spec`);
      const attrs: Record<string, string> = {};
      for (const [key, value] of Object.entries(node.attributes ?? {})) {
        const filled = spec.attributes[key]?.text
          ? fillPlaceholders(value ?? '', scope.values)
          : (value ?? '');
        if (filled !== null) attrs[key] = filled;
      }
      const blocks = make(scope.ctx, attrs);
      if (blocks.length === 0) items.push({ empty: true });
      for (const block of blocks) items.push({ block, optional: false });
      continue;
    }
    const optional = node.type === 'heading' && fixedWords(node);
    for (const block of literal(node, scope.values)) items.push({ block, optional });
  }
  return items;
}

/** Leaves out a heading of fixed words whose section had generated content only, all of it empty. */
function prune(items: Item[]): Block[] {
  const out: Block[] = [];
  items.forEach((item, i) => {
    if (!('block' in item)) return;
    if (item.optional && item.block.type === 'heading') {
      const level = item.block.level;
      let generated = false;
      let content = false;
      for (const next of items.slice(i + 1)) {
        if ('empty' in next) {
          generated = true;
          continue;
        }
        if (next.block.type !== 'heading' || next.block.level > level) content = true;
        break;
      }
      if (generated && !content) return;
    }
    out.push(item.block);
  });
  return out;
}

const joinParts = (parts: readonly PlacedText[], values: Values): string =>
  parts
    .map((p) => fillPlaceholders(p.text, values))
    .filter((p): p is string => p !== null && p.trim() !== '')
    .join(' · ');

const LETTER_FAMILY: readonly PageSizeName[] = ['Letter', 'Tabloid', 'ANSI C', 'ANSI D', 'ANSI E'];

/** A sheet's size as a reader knows it: "A1 (841 × 594 mm)", "Tabloid (17 × 11 in)". */
function sheetName(size: PageSizeName, orientation: 'portrait' | 'landscape'): string {
  const [w, h] = PAGE_POINTS[size];
  const [a, b] = orientation === 'landscape' ? [h, w] : [w, h];
  const inches = LETTER_FAMILY.includes(size);
  const unit = (pt: number) => (inches ? Math.round((pt / 72) * 10) / 10 : Math.round((pt * 25.4) / 72));
  return `${size} (${unit(a)} × ${unit(b)} ${inches ? 'in' : 'mm'})`;
}

/** The theme with the template's page and type scale laid over it; a `fit` poster's sheet and scale. */
function themeFor(
  theme: DocumentTheme,
  meta: TemplateMeta,
  blocks: readonly Block[],
): { theme: DocumentTheme; poster?: PosterChoice } {
  const letter = LETTER_FAMILY.includes(theme.page.size);
  let orientation = meta.page.orientation ?? theme.page.orientation;
  let size: PageSizeName =
    meta.page.size === 'large' || meta.page.size === 'fit'
      ? letter
        ? 'Tabloid'
        : 'A3'
      : (meta.page.size ?? theme.page.size);
  let scale = meta.fontScale ?? 1;
  let poster: PosterChoice | undefined;
  if (meta.page.size === 'fit') {
    const series = letter ? SERIES.Letter : SERIES.A;
    poster = choosePoster(blocks, series, PAGE_POINTS, theme.page.margin, theme.fontSize, scale, orientation);
    size = poster.size;
    orientation = poster.orientation;
    scale = poster.scale;
  }
  const [w, h] = PAGE_POINTS[size];
  const page: DocumentTheme = {
    ...theme,
    page: {
      ...theme.page,
      margin: { ...theme.page.margin, ...meta.page.margins },
      size,
      orientation,
      width: orientation === 'landscape' ? h : w,
      height: orientation === 'landscape' ? w : h,
    },
    fontSize: Math.round(theme.fontSize * scale * 100) / 100,
  };
  return poster ? { theme: page, poster } : { theme: page };
}

/** After the first legend, a line saying what sheet the poster was made for (and that it is tiled). */
function withSheetNote(blocks: Block[], labels: Labels, poster: PosterChoice, name: string): Block[] {
  const text = poster.fits ? labels.posterSize(name) : labels.posterTiled(name);
  const note: Block = {
    type: 'paragraph',
    style: 'small',
    kind: 'sheet-note',
    content: [{ type: 'text', text }],
  };
  const marked = poster.fits
    ? blocks
    : blocks.map((b): Block => (b.type === 'matrix' ? { ...b, sheetOf: labels.sheetOf } : b));
  const at = marked.findIndex((b) => b.type === 'legend');
  return at < 0 ? [note, ...marked] : [...marked.slice(0, at + 1), note, ...marked.slice(at + 1)];
}

/** Composes one document from a template: for a document (`per: document`) or a role (`per: role`). */
export function composeTemplate(
  model: Model,
  template: Template,
  target: TemplateTarget,
  options: TemplateComposeOptions = {},
): DocumentIR {
  const role = 'role' in target ? target.role : undefined;
  const docs = role ? documentsOf(model, role) : 'document' in target ? [target.document] : [];
  const doc = docs[0];
  const lang = doc?.lang ?? template.meta.lang ?? options.lang ?? 'en';
  const labels = options.labels ?? labelsFor(lang) ?? en;
  const theme = options.theme ?? defaultTheme();
  const date = doc?.date ?? options.date ?? null;
  const hasRoles = template.body.some((n) => n.type === 'containerDirective' && n.name === 'roles');
  const ctx: ExpandContext = {
    model,
    labels,
    doc,
    docs,
    role,
    codes: (d) => displayCodes((d?.scheme ?? model.scheme).codes, labels, (c) => themeCodeColour(theme, c)),
    anchors: hasRoles && doc ? new Map(doc.roles.map((id) => [id, roleAnchor(id)])) : undefined,
    date,
  };
  const values = (r: Role | undefined) =>
    valuesOf(model, template, doc, r, labels, lang, date, theme.source !== false);
  const top: Scope = { ctx, values: values(role) };
  const withRole = (r: Role): Scope => ({ ctx: { ...ctx, role: r }, values: values(r) });
  const expanded = prune(expand(template.body, top, withRole));
  const { theme: pageTheme, poster } = themeFor(theme.ir, template.meta, expanded);
  const blocks = markLandscape(
    poster
      ? withSheetNote(expanded, labels, poster, sheetName(pageTheme.page.size, pageTheme.page.orientation))
      : expanded,
    pageTheme,
  );

  const header = joinParts(template.meta.header, top.values);
  const footer = joinParts(template.meta.footer, top.values);
  const framed = { ...top.values, header, footer };
  const text = (t: PlacedText | undefined) => (t ? fillPlaceholders(t.text, top.values) : null);
  const scheme = doc?.scheme ?? model.scheme;
  const names = role
    ? [role.name, ...role.aliases]
    : (doc?.roles ?? []).flatMap((id) => model.roles.find((r) => r.id === id)?.name ?? []);
  return {
    kind: template.meta.name,
    meta: {
      title: text(template.meta.title) ?? role?.name ?? doc?.title ?? template.meta.name,
      subject: text(template.meta.subject) ?? template.meta.description,
      author: doc?.owner ?? null,
      keywords: [scheme.name, ...names],
      lang,
      date,
      version: doc?.version ?? null,
      ...(options.sourceTimes ? { modified: latest(docs.map((d) => options.sourceTimes?.[d.file])) } : {}),
    },
    header: theme.header ? joinParts(theme.header, framed) : header,
    footer: theme.footer ? joinParts(theme.footer, framed) : footer,
    labels: {
      pageOf: labels.pageOf,
      rolesOf: labels.rolesOf,
      notes: labels.notes,
      total: labels.total,
      role: labels.role,
      continued: labels.continued,
      noteOn: labels.noteOn,
      colon: labels.colon,
      ...(poster
        ? { posterWord: labels.posterWord(sheetName(pageTheme.page.size, pageTheme.page.orientation)) }
        : {}),
    },
    blocks,
    theme: pageTheme,
  };
}

/** The latest of ISO timestamps (they sort as text), or null when there is none. */
const latest = (times: readonly (string | undefined)[]): string | null =>
  times.reduce<string | null>((a, t) => (t !== undefined && (a === null || t > a) ? t : a), null);
