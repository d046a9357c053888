import { shortNames } from '../../compose/short-names.js';
import type { MatrixBlock } from '../../ir/types.js';
import { startsRtl } from './bidi.js';
import { fitRotatedHeaders, textPoints } from './header-fit.js';
import { DEFAULT_PAGE, type Page } from './look.js';
import { STYLE, textWidth } from './styles.js';

/**
 * How a DOCX matrix is laid out before it is written: page, header direction, widths, column
 * groups, and (as the PDF's matrix-plan.ts does) the density of its rows and whether its headers
 * print short names with a key of whole names. Word's pagination cannot be known ahead, so the
 * pages a density takes are estimated from the rows' lines (header-fit.ts's Calibri widths, on the
 * safe side); the plan that ends on the fewest pages wins, the most comfortable among those.
 */

/** Above this many roles the headers are rotated, so the columns can stay narrow. */
export const ROTATE_ABOVE = 6;
/**
 * The narrowest a role column gets: a rotated 8 pt header line, and a cell holding two codes
 * ("A/R", 8.5 pt bold) with its margins. More roles than fit at this width are split into groups.
 */
export const MIN_ROLE_COLUMN = 480;

/** How a matrix of `roles` columns is laid out: page, header direction, widths, column groups. */
export interface MatrixLayout {
  landscape: boolean;
  rotated: boolean;
  activityWidth: number;
  roleWidth: number;
  /** Column groups, as [first, last) role indexes: one table each, every one with the activity column. */
  groups: [number, number][];
  /** The type scale (a poster's is larger): the role names are 8 pt times this. */
  scale: number;
  /** The tallest a rotated header row should get, in DXA: a third of the text's height. */
  maxHeader: number;
  /**
   * The headers print short names, upright, under a header row with the key of the codes and of
   * the whole names (repeated on every page with the header): see {@link planMatrix}.
   */
  abbreviated: boolean;
  /** The text of each column's header: the role's name, or its short name when abbreviated. */
  headers: string[];
  density: Density;
}

/** The rows' type and padding: the PDF's regular, compact and dense settings. */
export interface Density {
  name: 'regular' | 'compact' | 'dense';
  /** Paragraph styles of activity names, code cells, group bands and upright role names. */
  text: string;
  code: string;
  band: string;
  role: string;
  /** Sizes in points at the default type scale: activity names, codes, upright role names. */
  size: number;
  codeSize: number;
  headerSize: number;
  /** A cell's top and bottom margin, in DXA. */
  padY: number;
}

export const REGULAR: Density = {
  name: 'regular',
  text: STYLE.tableText,
  code: STYLE.tableCode,
  band: STYLE.groupBand,
  role: STYLE.matrixRole,
  size: 8.5,
  codeSize: 8.5,
  headerSize: 8,
  padY: 40,
};
const COMPACT: Density = {
  name: 'compact',
  text: STYLE.tableTextCompact,
  code: STYLE.tableCodeCompact,
  band: STYLE.groupBandCompact,
  role: STYLE.matrixRoleCompact,
  size: 7.5,
  codeSize: 7.5,
  headerSize: 7,
  padY: 20,
};
const DENSE: Density = {
  name: 'dense',
  text: STYLE.tableTextDense,
  code: STYLE.tableCodeDense,
  band: STYLE.groupBandDense,
  role: STYLE.matrixRoleDense,
  size: 7,
  codeSize: 7,
  headerSize: 6.5,
  padY: 10,
};

export function matrixLayout(
  roles: number,
  page: Page = DEFAULT_PAGE,
  scale = 1,
  /** The role names: a word wider than its column turns the headers, rather than break mid-word. */
  names: readonly string[] = [],
  /** In a landscape section of its own: the composer's decision (IR `landscape`), never the writer's. */
  landscape = false,
): MatrixLayout {
  let rotated = roles > ROTATE_ABOVE;
  const width = textWidth(landscape, page);
  // Larger type (a poster's) needs a wider activity column, or every name wraps.
  const k = Math.max(1, scale);
  let activityWidth = Math.round(
    rotated
      ? Math.min(3800 * k, Math.max(2800, width * 0.25))
      : Math.min(4200 * k, Math.max(2400, width * 0.36)),
  );
  if (!rotated && roles > 0) {
    // Horizontal names wrap at spaces only: "développement" must fit its column whole (cell
    // margins 80 DXA a side), or Word breaks it inside ("développem|ent"); then they turn.
    const column = (width - activityWidth) / roles - 160;
    const widest = Math.max(
      0,
      ...names.flatMap((n) => n.split(/\s+/u)).map((w) => textPoints(w, 8 * scale) * 20),
    );
    if (widest > column) {
      rotated = true;
      activityWidth = Math.round(Math.min(3800 * k, Math.max(2800, width * 0.25)));
    }
  }
  const perTable = Math.max(1, Math.floor((width - activityWidth) / MIN_ROLE_COLUMN));
  const count = Math.max(1, Math.ceil(roles / perTable));
  // Balanced groups (15 + 15 rather than 22 + 8), so every table has the same column widths.
  const size = Math.max(1, Math.ceil(roles / count));
  const groups: [number, number][] = [];
  for (let from = 0; from < Math.max(roles, 1); from += size)
    groups.push([from, Math.min(roles, from + size)]);
  const height =
    (landscape || page.landscape ? page.width : page.height) - page.margin.top - page.margin.bottom;
  return {
    landscape,
    rotated,
    activityWidth,
    roleWidth: Math.floor((width - activityWidth) / size),
    groups,
    scale,
    maxHeader: Math.round(height / 3),
    abbreviated: false,
    headers: [...names],
    density: REGULAR,
  };
}

/** Letters of right-to-left scripts: a rotated Word cell misplaces them (see {@link planMatrix}). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
/** A role cell's left and right margin when the headers are short names, in DXA. */
export const SHORT_PAD_X = 20;
/** The narrowest role column under a short name: "A/R" at 7 pt and its margins. */
const MIN_SHORT_COLUMN = 320;
/** The widest: wider columns only spread the table thin (the PDF's 58 pt). */
const MAX_SHORT_COLUMN = 1160;
/** The activity column's least width beside short-named columns (some 125 pt; the PDF's 130). */
const MIN_ACTIVITY = 2500;
/** Line height against the type size: Calibri/Carlito at single spacing. */
const LINE = 1.22;

/** Whether a name can be printed whole, and in its place, running up a rotated Word cell. */
export const rotatable = (name: string): boolean => !RTL.test(name) && !startsRtl(name);

/**
 * Plans a matrix block: {@link matrixLayout}'s page and headers, then two decisions the PDF makes
 * too (pdf/matrix-plan.ts):
 *
 * - Short names, upright, with a key of whole names in a header row above them, when the headers
 *   would be rotated and a name cannot be (LibreOffice draws an Arabic or Hebrew name in a rotated
 *   cell in the neighbouring column, or above the table: ten variants of run and paragraph
 *   direction flags were tried), or every role has a short name of its own; and in a handout
 *   whose roles all have one. A poster keeps whole names where it can: it is read from afar.
 * - The density: a wide matrix or a handout takes the compact or dense setting when that ends it
 *   on an earlier page; a short, narrow one keeps the regular.
 */
export function planMatrix(
  block: MatrixBlock,
  page: Page = DEFAULT_PAGE,
  scale = 1,
  /** On a landscape section: the composer's decision, or this writer's own (see {@link wordTurns}). */
  landscape = block.landscape !== undefined,
): MatrixLayout {
  const names = block.columns.map((c) => c.name);
  const base = matrixLayout(names.length, page, scale, names, landscape);
  const roles = block.columns.filter((c) => c.roleId !== '');
  const ownShort = roles.length > 0 && roles.every((c) => c.short);
  const abbreviated =
    (base.rotated && roles.some((c) => !rotatable(c.name))) ||
    (ownShort && scale <= 1 && (base.rotated || block.focus !== undefined));
  const wide = base.rotated || base.groups.length > 1 || abbreviated;
  const ladder =
    block.sheetOf !== undefined || scale > 1
      ? [REGULAR]
      : wide || block.focus
        ? [REGULAR, COMPACT, DENSE]
        : [REGULAR];
  let best: { layout: MatrixLayout; pages: number } | undefined;
  for (const density of ladder) {
    const layout = abbreviated ? shortLayout(block, base, page, density) : { ...base, density };
    const pages = pagesOf(block, layout, page);
    if (!best || pages < best.pages) best = { layout, pages };
  }
  return (best as { layout: MatrixLayout }).layout;
}

/**
 * Whether the DOCX turns a matrix's page that the composer keeps portrait: Word's physical limit,
 * not a second rule. The composer plans on the sheet the PDF prints; Word's pages end at 22 in
 * (look.ts, WORD_MAX_PAGE), so a poster's portrait A1 or A0 page is scaled down to 0.66 or 0.47 of
 * the sheet while its type keeps the poster's size, and 40 role columns that fit across the sheet
 * no longer fit across Word's page: the matrix would split into two tables where the PDF has one.
 * It turns when its portrait plan splits and a landscape section holds it in fewer tables.
 */
export function wordTurns(block: MatrixBlock, page: Page, scale: number): boolean {
  if (block.landscape || page.landscape) return false;
  const portrait = planMatrix(block, page, scale, false).groups.length;
  return portrait > 1 && planMatrix(block, page, scale, true).groups.length < portrait;
}

/** Widths and groups when the headers are short names: columns as narrow as their text allows. */
function shortLayout(block: MatrixBlock, base: MatrixLayout, page: Page, density: Density): MatrixLayout {
  const headers = shortNames(block.columns);
  const k = Math.max(1, base.scale);
  const width = textWidth(base.landscape, page);
  const words = headers.flatMap((h) => h.split(/\s+/u)).map((w) => textPoints(w, density.headerSize * k));
  const cells = block.rows.flatMap((r) =>
    r.type === 'activity' ? r.cells.map((c) => textPoints(c.codes.join('/'), density.codeSize * k)) : [],
  );
  const need = Math.ceil(Math.max(0, ...words, ...cells) * 20) + 2 * SHORT_PAD_X;
  const least = Math.max(MIN_SHORT_COLUMN, need);
  const n = Math.max(1, headers.length);
  // The activity names' share: a handout's few columns leave them room to stay on one line.
  const want =
    block.focus !== undefined
      ? Math.round(width * 0.48)
      : Math.round(Math.min(4200 * k, Math.max(2800, width * 0.36)));
  const perTable = Math.max(1, Math.floor((width - Math.min(want, MIN_ACTIVITY)) / least));
  const count = Math.ceil(n / perTable);
  const size = Math.ceil(n / count);
  const groups: [number, number][] = [];
  for (let from = 0; from < n; from += size) groups.push([from, Math.min(n, from + size)]);
  let roleWidth = Math.floor(Math.max(least, Math.min(MAX_SHORT_COLUMN * k, (width - want) / size)));
  // A handout's few short-named columns need little room: the activity names take the rest and
  // stay on one line (the PDF's 30 pt columns beside at least 320 pt of names).
  if (block.focus !== undefined)
    roleWidth = Math.floor(Math.max(least, Math.min(roleWidth, Math.max(600 * k, (width - 6400) / size))));
  return {
    ...base,
    rotated: false,
    abbreviated: true,
    headers,
    groups: block.columns.length === 0 ? base.groups : groups,
    activityWidth: width - roleWidth * size,
    roleWidth,
    density,
  };
}

/** Lines of the words at `size` points in `width` points, breaking at spaces (an estimate). */
function lines(words: readonly string[], size: number, width: number): number {
  let count = 1;
  let used = 0;
  const space = textPoints(' ', size);
  for (const word of words) {
    // Regular type is some 5 % narrower than the bold the widths are for.
    const w = textPoints(word, size) * 0.95;
    if (used === 0) used = w;
    else if (used + space + w <= width) used += space + w;
    else {
      count++;
      used = w;
    }
    // A word wider than the line breaks inside it, over as many lines as it needs.
    if (w > width) {
      count += Math.ceil(w / width) - 1;
      used = w % width;
    }
  }
  return count;
}

/** The header rows' height in points: the key and short names, or the rotated names. */
export function headerPoints(block: MatrixBlock, layout: MatrixLayout, textWidthPt: number): number {
  const k = Math.max(1, layout.scale);
  if (layout.abbreviated) {
    const key = block.columns
      .map((c, i) => (c.roleId === '' ? '' : `${layout.headers[i]} ${c.name}`))
      .filter((s) => s !== '')
      .join(' · ');
    const codes = block.codes.map((c) => `${c.code} ${c.label}`).join('   ');
    const keyLines = lines(wordsIn(`${codes}   ${key}`), 7 * k, textWidthPt - 8);
    const short = Math.max(
      1,
      ...layout.headers.map((h) =>
        lines(wordsIn(h), layout.density.headerSize * k, layout.roleWidth / 20 - 3),
      ),
    );
    return keyLines * 7 * k * LINE + 6 + short * layout.density.headerSize * k * LINE + 4;
  }
  if (layout.rotated)
    return (
      fitRotatedHeaders(
        block.columns.map((c) => c.name),
        layout.roleWidth,
        8 * layout.scale,
        layout.maxHeader,
      ).height / 20
    );
  return 3 * 8 * k * LINE + 4;
}

/** The pages a layout takes, rows packed whole (rows never split), from the top of a page. */
const wordsIn = (text: string) => text.split(/\s+/u).filter((w) => w !== '');

/** The words of each row's name, split once per matrix: it is planned up to nine times. */
const wordsOf = new WeakMap<MatrixBlock, string[][]>();
function rowWords(block: MatrixBlock): string[][] {
  let words = wordsOf.get(block);
  if (!words) {
    words = block.rows.map((row) => wordsIn(row.name));
    wordsOf.set(block, words);
  }
  return words;
}

function pagesOf(block: MatrixBlock, layout: MatrixLayout, page: Page): number {
  const d = layout.density;
  const k = Math.max(1, layout.scale);
  const landscape = layout.landscape || page.landscape;
  const height = ((landscape ? page.width : page.height) - page.margin.top - page.margin.bottom) / 20;
  const width = textWidth(layout.landscape, page) / 20;
  const room = height - headerPoints(block, layout, width) - 2;
  const nameWidth = layout.activityWidth / 20 - 8;
  // Each table of the matrix has the same rows: their heights are worked out once.
  const words = rowWords(block);
  const heights = block.rows.map((row, i) => {
    const n = row.type === 'group' ? 1 : lines(words[i] as string[], d.size * k, nameWidth);
    return n * d.size * k * LINE + (2 * d.padY) / 20 + 0.5;
  });
  let pages = 0;
  for (const _ of layout.groups) {
    let used = 0;
    pages++;
    for (const h of heights) {
      if (used + h > room && used > 0) {
        pages++;
        used = 0;
      }
      used += h;
    }
  }
  return pages;
}
