/**
 * Input that would make micromark or the writers crawl, cut on the text before parsing: nesting,
 * table rows and columns, emphasis marks, long words. Cut lines are emptied, never removed.
 */
import type { Finding, SourcePosition } from '../model/types.js';
import { REPORTED_EACH } from './characters.js';
import { type Limits, limitDiagnostic } from './limits.js';
import { shortenWords } from './long-words.js';

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
/**
 * What becomes a link: an inline link or image destination (`](`, the scheme it may start with
 * taken with it, so `[a](https://…)` counts once), an autolink (`<https:…>`), or a bare URL that
 * GFM turns into one (`https://…`, `www.…`).
 */
const LINK =
  /\]\(\s*<?(?:(?:https?|mailto):(?:\/\/)?|www\.)?|<[a-z][a-z0-9+.-]{1,31}:|\b(?:https?:\/\/|www\.)/giu;

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
export function cutPathological(text: string, file: string, limits: Limits, diagnostics: Finding[]): string {
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
  let notes = 0;
  let links = 0;
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
    // Links cost every writer (a hyperlink, a relationship, a run, a page-number estimate) about
    // 1 ms of CPU each: past the limit, the rest of the file is not read, as past `limits.lines`.
    links += line.match(LINK)?.length ?? 0;
    if (links > limits.links) {
      endParagraph(n - 1);
      for (let l = n; l < lines.length; l++) cuts.push({ line: l, keep: 0 });
      diagnostics.push(
        limitDiagnostic(
          at(n),
          `file of more than ${limits.links.toLocaleString('en')} links`,
          'links',
          limits.links.toLocaleString('en'),
          `the ${(lines.length - n).toLocaleString('en')} lines from this one were not read`,
        ),
      );
      break;
    }
    // Footnotes cost the parser far more than text (7,000 took 5 s of CPU): past the limit, the
    // rest of the file is not read, as past `limits.lines`.
    notes += line.split('[^').length - 1;
    if (notes > limits.footnotes) {
      endParagraph(n - 1);
      for (let l = n; l < lines.length; l++) cuts.push({ line: l, keep: 0 });
      diagnostics.push(
        limitDiagnostic(
          at(n),
          `file of more than ${limits.footnotes.toLocaleString('en')} footnote references and definitions`,
          'footnotes',
          limits.footnotes.toLocaleString('en'),
          `the ${(lines.length - n).toLocaleString('en')} lines from this one were not read`,
        ),
      );
      break;
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
 * A table from its header line `first`: cuts rows beyond `limits.rows`, cells beyond
 * `limits.columns` and rows with too many emphasis marks. Returns the table's last line.
 */
function cutTable(
  lines: Line[],
  first: number,
  limits: Limits,
  cuts: Cut[],
  diagnostics: Finding[],
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
