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
 * Cut lines are emptied, never removed, so that every line keeps its number.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Definition, Nodes, Root } from 'mdast';
import type { Activity, Diagnostic, Role, SourcePosition } from '../model/types.js';
import { type ParsedDocument, parseDocument } from './document.js';
import { type Limits, limitDiagnostic, resolveLimits, sizeLimitDiagnostic } from './limits.js';
import type { SourceFile } from './load.js';
import { LineIndex, parseMarkdown, positionOf } from './markdown.js';
import { inRolesFolder } from './rolefile.js';

export interface Guarded {
  /** The text the reader goes on with: cleaned, and with cut lines emptied. */
  text: string;
  /** Its syntax tree; null when the file makes no document. */
  root: Root | null;
  diagnostics: Diagnostic[];
}

/**
 * Checks and parses every file (see {@link guardSource}): the documents to read, in order, with
 * what the checks found added to `diagnostics`. Images must stay in the folder all files are in.
 */
export function parseSources(
  sources: readonly SourceFile[],
  limits: Partial<Limits> | undefined,
  diagnostics: Diagnostic[],
): ParsedDocument[] {
  const resolved = resolveLimits(limits);
  const root = commonFolder(sources.map((s) => s.file));
  const parsed: ParsedDocument[] = [];
  for (const source of sources) {
    const guarded = guardSource(source, resolved, root);
    diagnostics.push(...guarded.diagnostics);
    if (guarded.root) parsed.push(parseDocument(source.file, guarded.text, guarded.root));
  }
  return parsed;
}

/**
 * Shortens role and activity names longer than `limits.nameLength` (an `input-limit` error
 * each): nobody reads a 10,000-character name, and the writers lay names out in narrow columns.
 */
export function limitNames(
  roles: readonly Role[],
  activities: readonly Activity[],
  limits: Partial<Limits> | undefined,
  diagnostics: Diagnostic[],
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

/** `---` then `key:` on the first lines: frontmatter, whether or not it is closed. */
const UNCLOSED_FRONTMATTER = /^---[ \t]*\r?\n[ \t]*[\p{L}\w-]+[ \t]*:/u;

/** How many of one kind of character problem are reported one by one in a file. */
const REPORTED_EACH = 3;

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
    diagnostics.push({
      ruleId: 'frontmatter-invalid',
      severity: 'error',
      message: 'Missing the closing `---` of the frontmatter that starts on line 1; it was read as text',
      file,
      line: 1,
      column: 1,
    });
  }
  const empty = emptiness(root, file);
  if (empty) {
    diagnostics.push({
      ruleId: 'input-empty',
      severity: 'warning',
      message: empty,
      file,
      line: 1,
      column: 1,
    });
    return { text, root: null, diagnostics };
  }
  checkImages(root, file, contentRoot, diagnostics);
  return { text, root, diagnostics };
}

// Tab, line feed and carriage return are text; vertical tab and form feed are whitespace that XML
// cannot hold; every other C0 control, DEL, U+FFFE, U+FFFF and unpaired surrogates (which a `u`
// regular expression matches only when unpaired) are junk.
const BAD_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF\uFFFD\uD800-\uDFFF]/gu;

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Replaces characters no document can hold by U+FFFD, and reports them and any U+FFFD. */
function cleanCharacters(text: string, file: string, diagnostics: Diagnostic[]): string {
  BAD_CHARACTER.lastIndex = 0;
  if (!BAD_CHARACTER.test(text)) return text;
  const lines = new LineIndex(text);
  const counts = { replacement: 0, control: 0 };
  const reportOne = (kind: keyof typeof counts, offset: number, message: string) => {
    counts[kind]++;
    if (counts[kind] > REPORTED_EACH) return;
    const at = lines.at(file, offset);
    diagnostics.push({
      ruleId: 'input-encoding',
      severity: 'warning',
      message,
      ...at,
      endLine: at.line,
      endColumn: at.column + 1,
    });
  };
  const out = text.replace(BAD_CHARACTER, (ch: string, offset: number) => {
    if (ch === '\u000B' || ch === '\u000C') return ' ';
    if (ch === '\uFFFD') {
      reportOne(
        'replacement',
        offset,
        'Unexpected U+FFFD replacement character: bytes here were not UTF-8, or an earlier conversion lost a character. Retype it and save the file as UTF-8',
      );
      return ch;
    }
    const what =
      ch === '\u0000'
        ? 'NUL character'
        : /[\uD800-\uDFFF]/u.test(ch)
          ? 'unpaired surrogate'
          : 'control character';
    reportOne('control', offset, `Unexpected ${what} ${codePoint(ch)}; read as U+FFFD. Delete it`);
    return '\uFFFD';
  });
  for (const kind of ['replacement', 'control'] as const) {
    const more = counts[kind] - REPORTED_EACH;
    if (more > 0) {
      diagnostics.push({
        ruleId: 'input-encoding',
        severity: 'warning',
        message: `…and ${more} more ${kind === 'replacement' ? 'U+FFFD replacement characters' : 'control characters'} in this file`,
        file,
        line: 1,
        column: 1,
      });
    }
  }
  return out;
}

/** The text up to its `max`th line; an `input-limit` error when there were more. */
function firstLines(text: string, file: string, max: number, diagnostics: Diagnostic[]): string {
  let end = -1;
  for (let n = 0; n < max; n++) {
    end = text.indexOf('\n', end + 1);
    if (end < 0) return text;
  }
  if (end === text.length - 1) return text;
  let total = max;
  for (let i = end; i >= 0; i = text.indexOf('\n', i + 1)) total++;
  if (text.endsWith('\n')) total--;
  diagnostics.push(
    limitDiagnostic(
      { file, line: max + 1, column: 1 },
      `file of ${total.toLocaleString('en')} lines`,
      'lines',
      max.toLocaleString('en'),
      total - max === 1
        ? `the line after line ${max.toLocaleString('en')} was not read`
        : `the ${(total - max).toLocaleString('en')} lines after line ${max.toLocaleString('en')} were not read`,
    ),
  );
  return text.slice(0, end + 1);
}

/** One line of the text, with where it starts. */
interface Line {
  start: number;
  text: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    lines.push({ start, text: text.slice(start, end < 0 ? text.length : end) });
    if (end < 0) return lines;
    start = end + 1;
  }
}

const ORDERED_MARKER = /^\d{1,9}[.)](?=[ \t]|$)/u;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/u;
const FENCE = /^(`{3,}|~{3,})/u;
const HEADING = /^#{1,6}(?:[ \t]|$)/u;

/**
 * A line's container prefix: how many block quotes and list items it opens or continues, counting
 * its `>` and list markers and its leading indentation (two columns a level, the least a list
 * item indents its content), and where its content starts. A line without any marker has depth 0.
 * The count is an upper bound of the nesting the parser sees on that line.
 */
export function containerPrefix(line: string): { depth: number; markers: number; content: number } {
  let i = 0;
  let indent = 0;
  let markers = 0;
  let first = true;
  for (;;) {
    let columns = 0;
    while (line[i] === ' ' || line[i] === '\t') {
      columns += line[i] === '\t' ? 4 : 1;
      i++;
    }
    if (first) indent = columns;
    first = false;
    const c = line[i];
    if (c === '>') {
      markers++;
      i++;
      continue;
    }
    if (
      (c === '-' || c === '*' || c === '+') &&
      (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')
    ) {
      markers++;
      i++;
      continue;
    }
    const ordered =
      c !== undefined && c >= '0' && c <= '9' ? ORDERED_MARKER.exec(line.slice(i, i + 11)) : null;
    if (ordered) {
      markers++;
      i += ordered[0].length;
      continue;
    }
    break;
  }
  return { depth: markers === 0 ? 0 : markers + Math.floor(indent / 2), markers, content: i };
}

/** The cells of a table line, split at unescaped pipes: where each pipe is, in the line. */
function pipesOf(line: string, from: number): number[] {
  const pipes: number[] = [];
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') i++;
    else if (c === '|') pipes.push(i);
  }
  return pipes;
}

const DELIMITER_ROW = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/u;

/** How many cells a table line has, as GFM counts them (leading and trailing pipes are borders). */
function cellCount(line: string, content: number): { cells: number; pipes: number[]; leading: boolean } {
  const body = line.slice(content).trimEnd();
  const pipes = pipesOf(line, content);
  const leading = body.startsWith('|');
  const trailing = body.length > 1 && body.endsWith('|') && !body.endsWith('\\|');
  return { cells: pipes.length + 1 - (leading ? 1 : 0) - (trailing ? 1 : 0), pipes, leading };
}

const EMPHASIS_MARK = /[*_~]/gu;
const countMarks = (s: string) => s.match(EMPHASIS_MARK)?.length ?? 0;

/** An empty line, or a line cut after `keep` characters. */
type Cut = { line: number; keep: number };

/**
 * Finds, line by line, the input that would make the parser or the writers crawl, and cuts it:
 * lines nested deeper than `limits.depth`, table rows below `limits.rows`, cells right of
 * `limits.columns`, paragraphs (or table rows) with more than `limits.emphasis` emphasis marks;
 * and shortens words longer than `limits.wordLength`.
 */
function cutPathological(text: string, file: string, limits: Limits, diagnostics: Diagnostic[]): string {
  const lines = splitLines(text);
  const cuts: Cut[] = [];
  const at = (line: number, column = 1): SourcePosition => ({ file, line: line + 1, column });

  // Runs of emptied lines are reported once: the first line, and how many.
  let deepRun: { first: number; last: number; deepest: number } | null = null;
  const flushDeep = () => {
    if (!deepRun) return;
    const count = deepRun.last - deepRun.first + 1;
    diagnostics.push(
      limitDiagnostic(
        at(deepRun.first),
        `nesting of ${deepRun.deepest.toLocaleString('en')} levels of lists or block quotes`,
        'depth',
        String(limits.depth),
        count === 1 ? 'the line was not read' : `${count.toLocaleString('en')} lines were not read`,
      ),
    );
    deepRun = null;
  };

  let fence: string | null = null;
  let paragraph: { first: number; marks: number } | null = null;
  const endParagraph = (last: number) => {
    if (paragraph && paragraph.marks > limits.emphasis) {
      for (let l = paragraph.first; l <= last; l++) cuts.push({ line: l, keep: 0 });
      diagnostics.push(
        limitDiagnostic(
          at(paragraph.first),
          `paragraph of ${paragraph.marks.toLocaleString('en')} emphasis marks (\`*\`, \`_\`, \`~\`)`,
          'emphasis',
          String(limits.emphasis),
          'the paragraph was not read',
        ),
      );
    }
    paragraph = null;
  };

  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] as Line).text;
    const prefix = containerPrefix(line);
    const content = line.slice(prefix.content);
    const fenceMark = FENCE.exec(content.trimStart())?.[1];
    // Inside fenced code, lines are text, whatever markers they start with: nothing to parse.
    // Only fences at the top level count: one inside a list or a quote ends with it, and what
    // follows is parsed again, so its lines are checked like any others.
    if (fence !== null) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null;
      continue;
    }
    if (prefix.depth > limits.depth && !THEMATIC_BREAK.test(line)) {
      endParagraph(n - 1);
      cuts.push({ line: n, keep: 0 });
      if (deepRun && deepRun.last === n - 1) {
        deepRun.last = n;
        deepRun.deepest = Math.max(deepRun.deepest, prefix.depth);
      } else {
        flushDeep();
        deepRun = { first: n, last: n, deepest: prefix.depth };
      }
      continue;
    }
    flushDeep();

    if (fenceMark && prefix.markers === 0 && /^ {0,3}[`~]/u.test(line)) {
      endParagraph(n - 1);
      fence = fenceMark;
      continue;
    }

    const next = lines[n + 1]?.text;
    const header = cellCount(line, prefix.content);
    const nextPrefix = next === undefined ? null : containerPrefix(next);
    const delimiter = next !== undefined && nextPrefix ? next.slice(nextPrefix.content).trim() : '';
    if (header.pipes.length > 0 && DELIMITER_ROW.test(delimiter) && delimiter.includes('-')) {
      endParagraph(n - 1);
      n = cutTable(lines, n, limits, cuts, diagnostics, at);
      continue;
    }

    if (content.trim() === '' || prefix.markers > 0 || HEADING.test(content.trimStart())) endParagraph(n - 1);
    if (content.trim() === '') continue;
    paragraph ??= { first: n, marks: 0 };
    paragraph.marks += countMarks(content);
    if (HEADING.test(content.trimStart())) endParagraph(n);
  }
  endParagraph(lines.length - 1);
  flushDeep();
  const keep = new Map<number, number>();
  for (const cut of cuts)
    keep.set(cut.line, Math.min(keep.get(cut.line) ?? Number.POSITIVE_INFINITY, cut.keep));
  let longWords = 0;
  const edited = lines.map((l, i) => {
    const k = keep.get(i);
    // A kept `\r` keeps the line ending of a CRLF file.
    const line =
      k === undefined
        ? l.text
        : l.text.slice(0, k) + (l.text.endsWith('\r') && k < l.text.length ? '\r' : '');
    return line.length > limits.wordLength
      ? shortenWords(line, i, limits.wordLength, () => ++longWords, diagnostics, at)
      : line;
  });
  if (longWords > REPORTED_EACH) {
    diagnostics.push(
      limitDiagnostic(
        at(0),
        `${(longWords - REPORTED_EACH).toLocaleString('en')} more long words in this file`,
        'wordLength',
        limits.wordLength.toLocaleString('en'),
        'they were shortened',
      ),
    );
  }
  return cuts.length === 0 && longWords === 0 ? text : edited.join('\n');
}

/**
 * A character of a word: not a space, not a table's cell border, and not a character of a script
 * that breaks lines between any two characters (Chinese, Japanese, Korean).
 */
const WORD_CHARACTER = '[^\\s|\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}]';

/** `[text](destination)` and `[label]: destination`: destinations are never shown. */
const DESTINATION = /\]\([^)\s]*\)/gu;
const DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*\S+/u;

/**
 * Shortens the words of a line longer than `max` characters, keeping their start and an ellipsis.
 * Link destinations do not count: `[docs](https://…)` shows only `docs`.
 */
function shortenWords(
  line: string,
  n: number,
  max: number,
  count: () => number,
  diagnostics: Diagnostic[],
  at: (line: number, column?: number) => SourcePosition,
): string {
  if (DEFINITION.test(line)) return line;
  const visible = line.replace(DESTINATION, (m) => `](${' '.repeat(m.length - 3)})`);
  const long = [...visible.matchAll(new RegExp(`${WORD_CHARACTER}{${max + 1},}`, 'gu'))];
  if (long.length === 0) return line;
  let out = line;
  for (const m of long.reverse()) {
    const start = m.index ?? 0;
    const length = m[0].length;
    out = `${out.slice(0, start + max)}…${out.slice(start + length)}`;
    if (count() <= REPORTED_EACH) {
      diagnostics.push(
        limitDiagnostic(
          { ...at(n, start + 1), endLine: n + 1, endColumn: start + length + 1 },
          `word of ${length.toLocaleString('en')} characters`,
          'wordLength',
          max.toLocaleString('en'),
          'it was shortened',
        ),
      );
    }
  }
  return out;
}

/**
 * A table from its header line `first`: cuts rows beyond `limits.rows`, cells beyond
 * `limits.columns` and rows with too many emphasis marks. Returns the table's last line.
 */
function cutTable(
  lines: Line[],
  first: number,
  limits: Limits,
  cuts: Cut[],
  diagnostics: Diagnostic[],
  at: (line: number, column?: number) => SourcePosition,
): number {
  let last = first + 1;
  // GFM ends a table at a blank line or at the start of another block.
  while (last + 1 < lines.length) {
    const line = (lines[last + 1] as Line).text;
    const prefix = containerPrefix(line);
    const content = line.slice(prefix.content).trimStart();
    if (content === '' || HEADING.test(content) || FENCE.test(content) || prefix.depth > limits.depth) break;
    last++;
  }
  const rows = last - first - 1;
  if (rows > limits.rows) {
    for (let l = first + 2 + limits.rows; l <= last; l++) cuts.push({ line: l, keep: 0 });
    diagnostics.push(
      limitDiagnostic(
        at(first),
        `table of ${rows.toLocaleString('en')} rows`,
        'rows',
        limits.rows.toLocaleString('en'),
        `the ${rows - limits.rows === 1 ? 'row' : `${(rows - limits.rows).toLocaleString('en')} rows`} after row ${limits.rows.toLocaleString('en')} (from line ${(first + 3 + limits.rows).toLocaleString('en')}) ${rows - limits.rows === 1 ? 'was' : 'were'} not read`,
      ),
    );
  }
  const end = Math.min(last, first + 1 + limits.rows);
  const delimiter = lines[first + 1] as Line;
  const columns = cellCount(delimiter.text, containerPrefix(delimiter.text).content).cells;
  if (columns > limits.columns) {
    for (let l = first; l <= end; l++) {
      const line = (lines[l] as Line).text;
      const { pipes, leading } = cellCount(line, containerPrefix(line).content);
      // The pipe that closes cell number `limits.columns`.
      const closing = pipes[leading ? limits.columns : limits.columns - 1];
      if (closing !== undefined) cuts.push({ line: l, keep: closing + 1 });
    }
    diagnostics.push(
      limitDiagnostic(
        at(first),
        `table of ${columns.toLocaleString('en')} columns`,
        'columns',
        String(limits.columns),
        `the cells right of column ${limits.columns} were not read`,
      ),
    );
  }
  for (let l = first; l <= end; l++) {
    const marks = countMarks((lines[l] as Line).text);
    if (marks > limits.emphasis) {
      cuts.push({ line: l, keep: 0 });
      diagnostics.push(
        limitDiagnostic(
          at(l),
          `table row of ${marks.toLocaleString('en')} emphasis marks (\`*\`, \`_\`, \`~\`)`,
          'emphasis',
          String(limits.emphasis),
          'the row was not read',
        ),
      );
    }
  }
  return last;
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

const SCHEME = /^([a-z][a-z0-9+.-]*):/iu;

/**
 * Where an image comes from, when rolemark must say it will not take it from there: a remote URL
 * or a path outside the content folder. Null for a path inside it and for inline `data:` images.
 */
export function externalImage(url: string, file: string, contentRoot: string): string | null {
  const trimmed = url.trim();
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'data') return null;
  if (scheme === 'file' || (scheme && /^[a-z]$/u.test(scheme))) return 'outside';
  if (scheme || trimmed.startsWith('//')) return 'remote';
  if (trimmed.startsWith('/') || trimmed.startsWith('\\') || isAbsolute(trimmed)) return 'outside';
  let path = trimmed.replace(/[?#].*$/su, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape: judge the path as written.
  }
  const target = resolve(dirname(resolve(file)), path);
  const rel = relative(contentRoot, target);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? 'outside' : null;
}

/** Reports images that are remote or outside the content folder. Walks the tree without recursion. */
function checkImages(root: Root, file: string, contentRoot: string, diagnostics: Diagnostic[]): void {
  const definitions = new Map<string, Definition>();
  const images: Nodes[] = [];
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'definition') definitions.set(node.identifier, node);
    else if (node.type === 'image' || node.type === 'imageReference') images.push(node);
    if ('children' in node)
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  images.sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0));
  for (const image of images) {
    const url =
      image.type === 'image'
        ? image.url
        : image.type === 'imageReference'
          ? definitions.get(image.identifier)?.url
          : undefined;
    if (url === undefined) continue;
    const where = externalImage(url, file, contentRoot);
    if (!where) continue;
    const shown = url.length > 80 ? `${url.slice(0, 77)}…` : url;
    diagnostics.push({
      ruleId: 'image-external',
      severity: 'warning',
      message:
        where === 'remote'
          ? `Unexpected remote image \`${shown}\`: rolemark never fetches URLs; the charter shows its description`
          : `Unexpected image \`${shown}\` outside the content folder: rolemark never reads files outside it; the charter shows its description`,
      ...positionOf(file, image),
    });
  }
}

/**
 * The folder every file of a set is in (their deepest common folder), as an absolute path: the
 * content root that images must stay inside.
 */
export function commonFolder(files: readonly string[]): string {
  const dirs = files.map((f) => dirname(resolve(f)).split(sep));
  if (dirs.length === 0) return resolve('.');
  const first = dirs[0] as string[];
  let n = first.length;
  for (const d of dirs) {
    let k = 0;
    while (k < n && k < d.length && d[k] === first[k]) k++;
    n = k;
  }
  return first.slice(0, n).join(sep) || sep;
}
