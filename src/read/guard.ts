/**
 * Where the reader starts: checks one file's text before and right after it is parsed.
 *
 * - Characters no document may hold (C0 controls such as NUL, lone surrogates, U+FFFE/U+FFFF:
 *   XML, and so DOCX, cannot carry them) become U+FFFD, and each is reported where it is, as is
 *   a U+FFFD already in the text (bytes that were not UTF-8).
 * - Input that would make the Markdown parser or the writers crawl (a file too large, lists
 *   nested thousands deep, a table of 100,000 rows or 1,000 columns, a paragraph of thousands of
 *   emphasis marks) is cut *before* parsing, on the text, and reported as `input-limit` errors.
 *   micromark's time grows faster than linearly with nesting depth and with emphasis marks, so
 *   checking the parsed tree would be too late.
 * - A file with nothing to read (empty, or only frontmatter outside a `roles/` folder) makes no
 *   document, with an `input-empty` warning.
 * - Images with remote URLs or paths outside the content folder are reported: rolemark never
 *   fetches or reads them (`image-external`).
 *
 * Cut lines are emptied, never removed, so that every line keeps its number. The checks live in
 * characters.ts, pathological.ts and images.ts; this module runs them in order.
 */
import type { Root } from 'mdast';
import type { Activity, Finding, Role, SourcePosition, TeamDocument } from '../model/types.js';
import { cleanCharacters, firstLines } from './characters.js';
import { type ParsedDocument, parseDocument } from './document.js';
import { finding } from './findings.js';
import { checkImages, commonFolder } from './images.js';
import { type Limits, limitDiagnostic, resolveLimits, sizeLimitDiagnostic } from './limits.js';
import { parseMarkdown } from './markdown.js';
import { cutPathological } from './pathological.js';
import { inRolesFolder } from './rolefile.js';
import type { SourceFile } from './source.js';

export interface Guarded {
  /** The text the reader goes on with: cleaned, and with cut lines emptied. */
  text: string;
  /** Its syntax tree; null when the file makes no document. */
  root: Root | null;
  diagnostics: Finding[];
}

/**
 * Checks and parses every file (see {@link guardSource}): the documents to read, in order, with
 * what the checks found added to `diagnostics`. Images must stay in the folder all files are in.
 */
export function parseSources(
  sources: readonly SourceFile[],
  limits: Partial<Limits> | undefined,
  diagnostics: Finding[],
  /**
   * What {@link guardSource} gives for each source, worked out beforehand (in two threads at once,
   * workflow/parallel-read.ts) with {@link guardArguments}' limits and folder.
   */
  done?: readonly Guarded[],
): ParsedDocument[] {
  const { limits: resolved, root } = guardArguments(sources, limits);
  const parsed: ParsedDocument[] = [];
  for (const [i, source] of sources.entries()) {
    const guarded = done?.[i] ?? guardSource(source, resolved, root);
    diagnostics.push(...guarded.diagnostics);
    if (guarded.root) parsed.push(parseDocument(source.file, guarded.text, guarded.root));
  }
  return parsed;
}

/** The limits and the folder of every file that {@link guardSource} is given for `sources`. */
export function guardArguments(
  sources: readonly SourceFile[],
  limits: Partial<Limits> | undefined,
): { limits: Limits; root: string } {
  return { limits: resolveLimits(limits), root: commonFolder(sources.map((s) => s.file)) };
}

/**
 * Shortens role and activity names longer than `limits.nameLength` (an `input-limit` error
 * each): nobody reads a 10,000-character name, and the writers lay names out in narrow columns.
 */
export function limitNames(
  roles: readonly Role[],
  activities: readonly Activity[],
  limits: Partial<Limits> | undefined,
  diagnostics: Finding[],
): void {
  const max = resolveLimits(limits).nameLength;
  const shorten = (what: string, item: { name: string; source?: SourcePosition }) => {
    const chars = [...item.name];
    if (chars.length <= max) return;
    item.name = `${chars.slice(0, max).join('').trimEnd()}…`;
    diagnostics.push(
      limitDiagnostic(
        item.source ?? { file: '', line: 1, column: 1 },
        `${what} name of ${chars.length.toLocaleString('en')} characters`,
        'nameLength',
        String(max),
        `shortened to "${chars.slice(0, 20).join('')}…"`,
      ),
    );
  };
  for (const role of roles) shorten('role', role);
  for (const activity of activities) shorten('activity', activity);
}

/**
 * Keeps each document's matrix (its activities × its roles) within `limits.cells`: the activities
 * after the limit are not read (an `input-limit` error at the first of them), as rows after
 * `limits.rows` are not. The limit describes what the writers can draw, not what the reader can
 * read: 2,079 roles in tables of 20 columns passed every other limit and the team charter's DOCX
 * ran out of memory. Returns the activities kept.
 */
export function limitMatrices(
  documents: readonly TeamDocument[],
  activities: readonly Activity[],
  limits: Partial<Limits> | undefined,
  diagnostics: Finding[],
): Activity[] {
  const max = resolveLimits(limits).cells;
  const dropped = new Set<Activity>();
  for (const doc of documents) {
    const own = activities.filter((a) => a.document === doc.id);
    const roles = Math.max(1, doc.roles.length);
    if (own.length * roles <= max) continue;
    const keep = Math.max(1, Math.floor(max / roles));
    const first = own[keep];
    for (const a of own.slice(keep)) dropped.add(a);
    diagnostics.push(
      limitDiagnostic(
        first?.source ?? doc.source ?? { file: doc.file, line: 1, column: 1 },
        `matrix of ${own.length.toLocaleString('en')} activities × ${doc.roles.length.toLocaleString('en')} roles (${(own.length * doc.roles.length).toLocaleString('en')} cells)`,
        'cells',
        max.toLocaleString('en'),
        `the ${(own.length - keep).toLocaleString('en')} activities after the first ${keep.toLocaleString('en')} were not read; split the document into several files`,
      ),
    );
  }
  return dropped.size === 0 ? [...activities] : activities.filter((a) => !dropped.has(a));
}

/**
 * Keeps each document within `limits.roles`: the roles after the limit (in the matrix's column
 * order) are not read, nor their codes in that document; an `input-limit` error at the first of
 * them says so. The limit describes what the writers can do: 2,079 roles passed every other
 * limit and took the team charter's DOCX 93 s. Returns the roles and activities kept.
 */
export function limitRoles(
  documents: readonly TeamDocument[],
  roles: readonly Role[],
  activities: readonly Activity[],
  limits: Partial<Limits> | undefined,
  diagnostics: Finding[],
): { roles: Role[]; activities: Activity[] } {
  const max = resolveLimits(limits).roles;
  const byId = new Map(roles.map((r) => [r.id, r]));
  const cut = new Map<string, Set<string>>();
  const dropped = new Set<string>();
  for (const doc of documents) {
    if (doc.roles.length <= max) continue;
    const rest = doc.roles.slice(max);
    const first = byId.get(rest[0] ?? '');
    diagnostics.push(
      limitDiagnostic(
        first?.source ?? doc.source ?? { file: doc.file, line: 1, column: 1 },
        `document with ${doc.roles.length.toLocaleString('en')} roles`,
        'roles',
        max.toLocaleString('en'),
        `the ${rest.length.toLocaleString('en')} roles after the first ${max.toLocaleString('en')} (from "${first?.name ?? rest[0]}" on) and their codes were not read; split the document into several files`,
      ),
    );
    cut.set(doc.id, new Set(rest));
    doc.roles = doc.roles.slice(0, max);
    for (const id of rest) {
      const role = byId.get(id);
      if (!role) continue;
      role.documents = role.documents.filter((d) => d !== doc.id);
      dropped.add(id);
    }
  }
  if (cut.size === 0) return { roles: [...roles], activities: [...activities] };
  return {
    // A role cut from one document stays when another document still has it.
    roles: roles.filter((r) => !dropped.has(r.id) || r.documents.length > 0),
    activities: activities.map((a) => {
      const gone = cut.get(a.document);
      return gone ? { ...a, assignments: a.assignments.filter((x) => !gone.has(x.role)) } : a;
    }),
  };
}

/** `---` then `key:` on the first lines: frontmatter, whether or not it is closed. */
const UNCLOSED_FRONTMATTER = /^---[ \t]*\r?\n[ \t]*[\p{L}\w-]+[ \t]*:/u;

/** Checks and parses one file. Never throws. */
export function guardSource(source: SourceFile, limits: Limits, contentRoot: string): Guarded {
  const { file } = source;
  const diagnostics = [...(source.diagnostics ?? [])];
  if (diagnostics.some((d) => d.ruleId === 'input-limit')) return { text: '', root: null, diagnostics };
  const size = Buffer.byteLength(source.text, 'utf8');
  if (size > limits.fileSize) {
    diagnostics.push(sizeLimitDiagnostic(file, size, limits.fileSize, 'fileSize'));
    return { text: '', root: null, diagnostics };
  }
  const cleaned = cleanCharacters(
    firstLines(source.text, file, limits.lines, diagnostics),
    file,
    diagnostics,
  );
  const text = cutPathological(cleaned, file, limits, diagnostics);
  const root = parseMarkdown(text);
  if (UNCLOSED_FRONTMATTER.test(text) && root.children[0]?.type !== 'yaml') {
    diagnostics.push(
      finding(
        'frontmatter-invalid',
        'Missing the closing `---` of the frontmatter that starts on line 1; it was read as text',
        { file, line: 1, column: 1 },
      ),
    );
  }
  const empty = emptiness(root, file);
  if (empty) {
    diagnostics.push(finding('input-empty', empty, { file, line: 1, column: 1 }));
    return { text, root: null, diagnostics };
  }
  checkImages(root, file, contentRoot, diagnostics);
  return { text, root, diagnostics };
}

/** Why a parsed file makes no document, or null when it has content. */
function emptiness(root: Root, file: string): string | null {
  const content = root.children.filter(
    (n) => !(n.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/u.test(n.value)),
  );
  if (content.length === 0) return 'Unexpected empty file; it makes no document';
  if (content.every((n) => n.type === 'yaml') && !inRolesFolder(file)) {
    return 'Unexpected file with nothing but frontmatter; it makes no document (a role file, frontmatter and a purpose, belongs in a `roles/` folder)';
  }
  return null;
}
