import type { Heading, List, Nodes, Paragraph, Table } from 'mdast';
import type { BlockReading, SourcePosition } from '../model/types.js';
import { plausibleRoleName, splitNames } from './cellnames.js';
import { isCodeCell, isCodeLike, parseCell } from './cells.js';
import { codesOfLabel } from './codes.js';
import type { ActivityBuilder, ReadContext } from './context.js';
import { nodeText } from './markdown.js';
import { parseRoleHeading } from './roles.js';
import { cellText } from './rows.js';
import { collapse } from './text.js';
import { ACTIVITY_HEADERS, fold, isKnownLabel, LEADING_META_HEADERS } from './vocabulary.js';

/**
 * Why a block the reader did not take as a matrix might still be a chart, and what to say about
 * it. A block "looks like a chart" when two signals agree and one at least is the block's own (an
 * activity column, cells of letters or code words, code headers, role-like columns): a heading
 * that says RACI, or a legend elsewhere in the file, does not make every table there a chart.
 */

/** Headings that announce a responsibility chart, in the supported languages (and CJK). */
export const CHART_HEADING =
  /(?<![\p{L}])(?:raci|rasci|daci|rapid|cairo|ram)(?![\p{L}])|responsib|responsabil|verantwort|zust[aä]ndig|who does what|wer macht was|qui fait quoi|qui[eé]n hace qu[eé]|quem faz o qu[eê]|责任|責任|担当|职责/iu;

/** Where a block sits: the headings above it (outermost first), and whether the file has a legend. */
export interface BlockPlace {
  headings: readonly string[];
  legend: boolean;
}

export interface ChartLook {
  /** What was seen, for the message: `an "Activity" column`, `cells of letters (Z, Q)`. */
  seen: string[];
  /** Why no assignment came out of it. */
  why: string;
}

const quoteList = (items: readonly string[], max = 3): string =>
  items
    .slice(0, max)
    .map((t) => `\`${t}\``)
    .join(', ') + (items.length > max ? ', …' : '');

const chartHeading = (place: BlockPlace): string | undefined =>
  [...place.headings].reverse().find((h) => CHART_HEADING.test(h));

/** A header that reads as a role's short name (`PM`, `QA`, `A1`) rather than a word of prose. */
const ROLE_LIKE = /^\p{Lu}[\p{Lu}\p{N}&./-]{0,5}$/u;

/**
 * Whether a table that gave no assignments looks like a responsibility chart, and if so what was
 * seen and why it was not read. Linear in the table's cells.
 */
export function tableLooksLikeChart(
  table: Table,
  ctx: ReadContext,
  place: BlockPlace,
): ChartLook | undefined {
  const [header, ...rows] = table.children;
  if (!header) return undefined;
  const headers = header.children.map(cellText);
  const own: string[] = [];
  const context: string[] = [];
  const first = headers[0] ?? '';
  if (ACTIVITY_HEADERS.has(fold(first))) own.push(`an activity column ("${first}")`);

  const codeHeaders = headers.slice(1).filter((h) => /^\p{Lu}$/u.test(h) || isKnownLabel(h));
  if (codeHeaders.length >= 2) own.push(`code headers (${quoteList(codeHeaders)})`);
  const roleHeaders = headers
    .slice(1)
    .filter((h) => !codeHeaders.includes(h) && (ctx.roles.knows(h) || ROLE_LIKE.test(h)));
  if (roleHeaders.length >= 2 || roleHeaders.some((h) => ctx.roles.knows(h)))
    own.push(`role-like columns (${quoteList(roleHeaders)})`);

  let filled = 0;
  let real = 0;
  const names: string[] = [];
  const known = (name: string) => ctx.roles.knows(name);
  const letters: string[] = [];
  const realCodes: string[] = [];
  for (const row of rows) {
    row.children.forEach((cell, i) => {
      if (i === 0) return;
      const text = cellText(cell);
      if (text === '') return;
      filled++;
      if (plausibleRoleName(text, known) && text.length <= 40) names.push(text);
      const parsed = parseCell(text, ctx.scheme);
      if (isCodeCell(parsed)) {
        real++;
        if (!realCodes.includes(text)) realCodes.push(text);
      } else if (isCodeLike(parsed) || isKnownLabel(text)) {
        if (!letters.includes(text)) letters.push(text);
      }
    });
  }
  const codeish = real + letters.length;
  // Letters in the cells or code headers are the strong signs; an activity column or role-like
  // headers alone are not (a schedule `| Activity | Date | Owner |` has one).
  const strong = codeish > 0 && (real + countOf(rows, letters)) * 2 >= filled;
  if (strong) own.push(`cells of letters or code words (${quoteList([...realCodes, ...letters])})`);

  const heading = chartHeading(place);
  if (heading !== undefined) context.push(`a heading "${heading}"`);
  if (place.legend) context.push('a legend in the file');
  // Two of its own signs; or one and a heading that says RACI; or a strong one and a legend.
  const looks =
    own.length >= 2 ||
    (own.length === 1 && heading !== undefined) ||
    ((strong || codeHeaders.length >= 2) && place.legend);
  if (!looks) return undefined;

  const codes = ctx.scheme.codes.map((c) => c.code).join(', ');
  let why: string;
  if (filled === 0) why = 'its cells are empty and no column names a known role';
  else if (real === 0 && letters.length > 0)
    why = `no cell holds a code of ${ctx.scheme.name} (${codes}): ${quoteList(letters)} ${letters.length === 1 ? 'is' : 'are'} not among them`;
  else if (real > 0 && real * 2 < filled)
    why = `only ${real} of ${filled} cells hold codes of ${ctx.scheme.name} (${codes})`;
  else if (real > 0) why = 'its cells hold codes, but no column or row reads as a role';
  else if (names.length > 0 && names.length === filled) {
    const plain = headers.slice(1).filter((h) => !codeHeaders.includes(h));
    why = `its cells hold names (${quoteList([...new Set(names)])}) under headers that name no code of ${ctx.scheme.name} (${quoteList(plain)})`;
  } else why = 'no column names a role or holds codes';
  return { seen: [...own, ...context], why };
}

/** How many cells of `rows` hold one of `texts` (outside the first column). */
function countOf(rows: Table['children'], texts: readonly string[]): number {
  if (texts.length === 0) return 0;
  const set = new Set(texts);
  let n = 0;
  for (const row of rows) {
    for (let i = 1; i < row.children.length; i++) if (set.has(cellText(row.children[i]))) n++;
  }
  return n;
}

const LINE = /^\s*([^:=\n]{1,40}?)\s*(?::|=|\s[-–—]\s|→)\s*(.*)$/su;

/** Lines `R: names`, `Responsible - names` or `Name – A`: the lines of a list-form chart. */
function codeLines(lines: readonly string[], ctx: ReadContext): string[] {
  const found: string[] = [];
  const known = (name: string) => ctx.roles.knows(name);
  for (const line of lines) {
    const m = LINE.exec(line);
    if (!m) continue;
    const label = (m[1] as string).trim();
    const value = (m[2] as string).trim();
    // Names, not sentences: `Responsible: does the work` explains a letter.
    const names = (text: string) =>
      text !== '' && splitNames(text, known).every((p) => plausibleRoleName(p.name, known));
    // `R = Responsible`, `S = Support`: a legend's line (a letter, then a code's label), not a chart's.
    const legendLine = /^\p{Lu}$/u.test(label.replace(/[*_`]/gu, '')) && isKnownLabel(value);
    if (legendLine) continue;
    if (
      (codesOfLabel(label, ctx.codes) && names(value)) ||
      (value.length <= 40 && codesOfLabel(value, ctx.codes) && names(label))
    )
      found.push(collapse(line));
  }
  return found;
}

/** Whether a list or paragraph that gave no assignments looks like a list-form chart. */
export function linesLookLikeChart(
  node: List | Paragraph,
  ctx: ReadContext,
  place: BlockPlace,
): ChartLook | undefined {
  const lines =
    node.type === 'list'
      ? node.children.flatMap((item) =>
          item.children.flatMap((child) =>
            child.type === 'paragraph'
              ? [nodeText(child)]
              : child.type === 'list'
                ? child.children.map((i) => nodeText(i))
                : [],
          ),
        )
      : nodeText(node).split('\n');
  const found = codeLines(lines, ctx);
  if (found.length < 2) return undefined;
  const heading = chartHeading(place);
  const context = [
    ...(heading !== undefined ? [`a heading "${heading}"`] : []),
    ...(place.legend ? ['a legend in the file'] : []),
  ];
  // Three lines or more that pair codes with names are a chart on their own.
  if (context.length === 0 && found.length < 3) return undefined;
  return {
    seen: [`${found.length} lines that pair codes with names (${quoteList(found, 2)})`, ...context],
    why: 'lines of one code only, or no heading above them names the activity they are for',
  };
}

/** What a matrix block gave: its shape, the roles it names, its activities and groups. */
export function matrixReading(
  block: BlockReading['block'],
  source: SourcePosition,
  shape: NonNullable<BlockReading['shape']>,
  activities: readonly ActivityBuilder[],
  assignments: number,
  extra: Partial<BlockReading> = {},
): BlockReading {
  const groups = new Set(activities.map((a) => a.draft.group).filter((g) => g !== null));
  return {
    source,
    block,
    as: 'matrix',
    shape,
    ...extra,
    activities: activities.length,
    ...(groups.size > 0 ? { groups: groups.size } : {}),
    assignments,
  };
}

/**
 * The shape of a table the table readers took, told from what they gave: no activity of its own
 * means one row per role under a heading; codes as headers mean names in the cells; otherwise
 * roles are the columns, and the headers that name no role were kept as metadata.
 */
export function tableShape(
  table: Table,
  read: readonly ActivityBuilder[],
  ctx: ReadContext,
): Pick<BlockReading, 'shape' | 'roles' | 'metadata'> {
  const headers = (table.children[0]?.children ?? []).map(cellText);
  const used = new Set(read.flatMap((a) => a.draft.assignments.map((x) => x.role)));
  // `Jules Martin (PM)`: the role is the name before the parenthesis.
  const roles = (written: string[]) =>
    written.flatMap((w) => {
      const role = ctx.roles.find(w) ?? ctx.roles.find(parseRoleHeading(w).name);
      return role ? [{ written: w, role: role.id }] : [];
    });
  if (read.length === 0) return { shape: 'roles-as-rows' };
  // `| Team | Security | Networking |`: the activities are the headers, the roles the rows.
  const titles = new Set(headers.slice(1).map((h) => h.toLowerCase()));
  if (read.every((a) => titles.has(a.draft.name.toLowerCase())))
    return { shape: 'activities-as-columns', roles: [...used].map((id) => ({ written: '', role: id })) };
  const codeHeaders = headers.filter((h, i) => i > 0 && !ctx.roles.knows(h) && codesOfLabel(h, ctx.codes));
  if (codeHeaders.length >= 2) {
    return { shape: 'codes-as-columns', roles: [...used].map((id) => ({ written: '', role: id })) };
  }
  let activityCol = headers.findIndex((h) => ACTIVITY_HEADERS.has(fold(h)));
  if (activityCol < 0)
    activityCol = headers.findIndex((h) => !ctx.roles.find(h) && !LEADING_META_HEADERS.has(fold(h)));
  const named = headers.filter((_, i) => i !== activityCol);
  // Metadata columns are the keys the rows were given; the other headers are roles.
  const keys = new Set(read.flatMap((a) => Object.keys(a.draft.meta ?? {})));
  const metadata = named.filter((h) => keys.has(h === '' ? 'Column' : h));
  const found = roles(named.filter((h) => !keys.has(h)));
  return {
    shape: 'roles-as-columns',
    roles: found,
    ...(metadata.length > 0 ? { metadata } : {}),
  };
}

/** The headings above a node, outermost first, with the document's title. */
export function headingTexts(title: string | null, stack: readonly Heading[]): string[] {
  return [...(title ? [title] : []), ...stack.map((h) => collapse(nodeText(h)))];
}

/** A one-line reason a prose block was not read, for `rolemark explain`. */
export function proseReason(node: Nodes, ctx: ReadContext): string {
  if (node.type === 'table') {
    const cells = node.children.slice(1).flatMap((r) => r.children.slice(1).map(cellText));
    const any = cells.some((t) => t !== '' && isCodeCell(parseCell(t, ctx.scheme)));
    return any ? 'too few codes' : 'no codes';
  }
  if (node.type === 'list' || node.type === 'paragraph')
    return codeLines(nodeText(node).split('\n'), ctx).length > 0 ? 'codes with sentences' : 'no codes';
  return 'not a chart';
}
