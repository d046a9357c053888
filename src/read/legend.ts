import type { List, Paragraph, Table, TableCell } from 'mdast';
import { builtInSchemes, RACI } from '../model/schemes.js';
import type { Finding, Scheme, SchemeCode, SourcePosition } from '../model/types.js';
import { codeIndex, codesOfLabel } from './codes.js';
import { finding } from './findings.js';
import { readAcrosticItem, readLegendText, splitLabel, type TextEntry } from './legendtext.js';
import { type LineIndex, Locator, nodeText, positionOf } from './markdown.js';
import { collapse } from './text.js';
import {
  conceptsIn,
  conceptsOf,
  fold,
  isKnownLabel,
  isRoleHeader,
  LEGEND_CODE_HEADERS,
  LEGEND_MEANING_HEADERS,
  sameMeaning,
} from './vocabulary.js';

/** One letter a legend defines: `**S** = Support: helps the responsible role`. */
export interface LegendEntry {
  code: string;
  label: string;
  description?: string;
  source: SourcePosition;
}

export { readLegendText } from './legendtext.js';

/** A paragraph that is a legend, with each entry's position. */
export function legendOfParagraph(
  node: Paragraph,
  file: string,
  text: string,
  lines: LineIndex,
): LegendEntry[] | undefined {
  const entries = readLegendText(nodeText(node));
  if (!entries || !trusted(entries)) return undefined;
  const locate = new Locator(file, text, lines, node);
  return entries.map((e) => entry(e, locate.find(e.code)));
}

/** A list whose every item is a legend entry: `- **R** = Responsible`. */
export function legendOfList(
  node: List,
  file: string,
  text: string,
  lines: LineIndex,
): LegendEntry[] | undefined {
  const entries: LegendEntry[] = [];
  const read: TextEntry[] = [];
  for (const item of node.children) {
    const acrostic = readAcrosticItem(item);
    const found = acrostic ? [acrostic] : readLegendText(nodeText(item));
    if (!found) return undefined;
    read.push(...found);
    const locate = new Locator(file, text, lines, item);
    for (const e of found) entries.push(entry(e, locate.find(e.code)));
  }
  return entries.length > 0 && trusted(read) ? entries : undefined;
}

/**
 * Entries whose label is not a known code label (`E (Expert)`) make a legend only beside one
 * that is: a list of `X (Something)` items alone is not a legend.
 */
const trusted = (entries: readonly TextEntry[]): boolean =>
  entries.some((e) => !e.loose) || entries.length === 0;

const entry = (e: TextEntry, source: SourcePosition): LegendEntry => ({
  code: e.code,
  label: e.label,
  ...(e.description ? { description: e.description } : {}),
  source,
});

const cellText = (table: Table, row: number, col: number): string => {
  const cell = table.children[row]?.children[col];
  return cell ? nodeText(cell).normalize('NFKC').trim() : '';
};

const isCodeText = (t: string) => /^\p{Lu}{1,2}$/u.test(t.replace(/[*_`]/gu, ''));

/**
 * A legend table: `| Code | Meaning |` (in any supported language), or a table with one column of
 * letters and one of code labels. Such a table is never read as a matrix.
 */
export function legendOfTable(node: Table, file: string): LegendEntry[] | undefined {
  const header = node.children[0];
  if (!header) return undefined;
  const inHeader = headerLegend(node, file);
  if (inHeader) return inHeader;
  const width = header.children.length;
  const rows = node.children.length - 1;
  let codeCol = -1;
  let labelCol = -1;
  const headers = header.children.map((_, i) => fold(cellText(node, 0, i)));
  for (let i = 0; i < width && codeCol < 0; i++) {
    if (LEGEND_CODE_HEADERS.has(headers[i] as string)) codeCol = i;
  }
  if (codeCol >= 0) labelCol = headers.findIndex((h, i) => i !== codeCol && LEGEND_MEANING_HEADERS.has(h));
  // `| 缩写 | 英文 | 含义 |`: the column whose words fit the letters holds the labels, whatever
  // the headers say; the column the headers named then explains them.
  let explained = -1;
  let firstRow = 1;
  if (codeCol >= 0 && labelCol >= 0 && fitCount(node, codeCol, labelCol) * 2 < rows) {
    const best = bestLabelColumn(node, codeCol);
    if (best >= 0) {
      explained = labelCol;
      labelCol = best;
    }
  }
  if (codeCol < 0 || labelCol < 0) {
    // No telling header: a column of letters beside a column of code labels.
    if (rows < 2) return undefined;
    codeCol = -1;
    labelCol = -1;
    for (let i = 0; i < width && codeCol < 0; i++) {
      let letters = 0;
      for (let r = 1; r <= rows; r++) if (isCodeText(cellText(node, r, i))) letters++;
      if (letters === rows) codeCol = i;
    }
    if (codeCol < 0) return undefined;
    labelCol = bestLabelColumn(node, codeCol);
    if (labelCol < 0) return lettersWithDescriptions(node, file, codeCol);
    // `| R | 実行責任者(Responsible) |` as the first line: the header is an entry too.
    const letter = cellText(node, 0, codeCol).replace(/[*_`]/gu, '');
    if (isCodeText(letter) && fitsLetter(letter, labelOf(cellText(node, 0, labelCol)).label)) firstRow = 0;
  }
  const descCol =
    explained >= 0
      ? explained
      : headers.findIndex(
          (h, i) => i !== codeCol && i !== labelCol && /descr|defini|explan|bedeut|signif/u.test(h),
        );
  const entries: LegendEntry[] = [];
  for (let r = firstRow; r <= rows; r++) {
    const code = cellText(node, r, codeCol).replace(/[*_`]/gu, '');
    if (!isCodeText(code)) continue;
    const { label, description } = labelOf(cellText(node, r, labelCol));
    if (label === '') continue;
    const extra = descCol >= 0 ? cellText(node, r, descCol) : '';
    const desc = [description, extra].filter((d) => d !== '').join(' ');
    entries.push({
      code,
      label,
      ...(desc ? { description: desc } : {}),
      source: positionOf(file, node.children[r]?.children[codeCol]),
    });
  }
  return entries;
}

/**
 * `| Role | Description |` whose rows are `**R** | Does the work`: the letters of a built-in scheme,
 * each with a sentence and no label. The letters keep the scheme's meaning (label left empty). Only
 * a small table of distinct letters beside sentences is one, so that `| ID | Task |` stays a table.
 */
function lettersWithDescriptions(node: Table, file: string, codeCol: number): LegendEntry[] | undefined {
  const width = node.children[0]?.children.length ?? 0;
  const rows = node.children.length - 1;
  const head = fold(cellText(node, 0, codeCol));
  if (
    width > 3 ||
    rows < 2 ||
    codeCol !== 0 ||
    !(head === '' || LEGEND_CODE_HEADERS.has(head) || isRoleHeader(head))
  )
    return undefined;
  const letters = new Set(builtInSchemes().flatMap((s) => s.codes.map((c) => c.code)));
  const seen = new Set<string>();
  const entries: LegendEntry[] = [];
  for (let r = 1; r <= rows; r++) {
    const code = cellText(node, r, codeCol).replace(/[*_`]/gu, '');
    if (!letters.has(code) || seen.has(code)) return undefined;
    seen.add(code);
    const others = (node.children[r]?.children ?? []).map((_, i) =>
      i === codeCol ? '' : cellText(node, r, i),
    );
    if (others.some((t) => isCodeText(t))) return undefined;
    const description = others.filter((t) => t !== '').join(' ');
    // A sentence, not a code or a name: two words at least.
    if (!description || !/\p{L}+\s+\p{L}+/u.test(description)) return undefined;
    entries.push({
      code,
      label: '',
      description,
      source: positionOf(file, node.children[r]?.children[codeCol]),
    });
  }
  return entries;
}

/**
 * A header row made of legend entries, `| D = Driver | A = Approver | C = Contributor |`, with
 * the rows under it explaining each: a legend, never a matrix.
 */
function headerLegend(node: Table, file: string): LegendEntry[] | undefined {
  const cells = node.children[0]?.children ?? [];
  if (cells.length < 2) return undefined;
  const entries: LegendEntry[] = [];
  for (const [i, cell] of cells.entries()) {
    const found = readLegendText(nodeText(cell));
    if (found?.length !== 1 || found[0]?.loose) return undefined;
    const e = found[0] as TextEntry;
    const below = node.children
      .slice(1)
      .map((row) => collapse(row.children[i] ? nodeText(row.children[i] as TableCell) : ''))
      .filter((t) => t !== '');
    const description = [e.description, ...below].filter((t) => t !== undefined && t !== '').join(' ');
    entries.push({
      code: e.code,
      label: e.label,
      ...(description ? { description } : {}),
      source: positionOf(file, cell),
    });
  }
  return entries;
}

/**
 * How many rows of a column hold a label that fits the row's letter. A label counts when it fits
 * its letter in some built-in scheme (`C` beside `Consulted`, not beside `実行`), so that a
 * two-row matrix whose activity looks like a label is no legend.
 */
function fitCount(node: Table, codeCol: number, col: number): number {
  let known = 0;
  for (let r = 1; r < node.children.length; r++) {
    const letter = cellText(node, r, codeCol).replace(/[*_`]/gu, '');
    if (fitsLetter(letter, labelOf(cellText(node, r, col)).label)) known++;
  }
  return known;
}

/** The first column (other than the letters) whose labels fit the letters in half the rows at least. */
function bestLabelColumn(node: Table, codeCol: number): number {
  const width = node.children[0]?.children.length ?? 0;
  const rows = node.children.length - 1;
  for (let i = 0; i < width; i++) if (i !== codeCol && fitCount(node, codeCol, i) * 2 >= rows) return i;
  return -1;
}

/** Whether a label can mean a letter: some built-in scheme gives the letter that meaning, or the label is new. */
function fitsLetter(letter: string, label: string): boolean {
  if (!isKnownLabel(label)) return false;
  const codes = builtInSchemes().flatMap((s) => s.codes);
  return (
    codes.some((c) => c.code === letter && sameMeaning(c.label, label)) ||
    !codes.some((c) => c.code === letter)
  );
}

/** `Support: helps the responsible role` → label and description. */
const labelOf = (cell: string): { label: string; description: string } => splitLabel(cell);

const PALETTE = ['#9ED9BF', '#D8B4E2', '#F2A58E', '#C9D7A0', '#B8C4E8', '#E8C4B8', '#C8E6E6', '#E6D3A3'];

const firstByCode = (entries: readonly LegendEntry[]): LegendEntry[] => {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.code) && seen.add(e.code));
};

/**
 * The scheme a document's legends define. A built-in scheme when one has every letter of the
 * legend with the same meaning, in any supported language (the smallest such: `S = Support` alone
 * gives RASCI); otherwise a custom scheme made of the legend's letters and labels (added to
 * RACI's when the legend only defines new letters), so that the charter says what the legend says.
 */
export function schemeFromLegend(legend: readonly LegendEntry[]): Scheme | undefined {
  const entries = firstByCode(legend);
  if (entries.length === 0) return undefined;
  const builtIn = builtInSchemes();
  const fits = builtIn.filter((s) => entries.every((e) => s.codes.some((c) => means(c, e))));
  const smallest = fits.reduce<Scheme | undefined>(
    (best, s) => (best === undefined || s.codes.length < best.codes.length ? s : best),
    undefined,
  );
  if (smallest) return smallest;
  return customScheme(entries);
}

/** Whether a scheme's code is what a legend entry defines; an entry without a label (`**R** | Does the work`) matches by letter. */
const means = (c: { code: string; label: string }, e: { code: string; label: string }): boolean =>
  c.code === e.code && (e.label === '' || sameMeaning(c.label, e.label));

function customScheme(given: LegendEntry[]): Scheme {
  // A letter without a label takes the label a built-in scheme gives it.
  const entries = given.map((e) =>
    e.label !== ''
      ? e
      : {
          ...e,
          label:
            builtInSchemes()
              .flatMap((s) => s.codes)
              .find((c) => c.code === e.code)?.label ?? e.code,
        },
  );
  const racis = new Set(RACI.codes.map((c) => c.code));
  // Only a legend of new letters adds to RACI; a legend of words (`Owns`, `Helps`) is a scheme of its own.
  const extendsRaci = entries.every((e) => [...e.code].length === 1 && !racis.has(e.code));
  const used = new Set<string>();
  const colorOf = (e: { code: string; label: string }): string => {
    for (const s of builtInSchemes()) {
      const c = s.codes.find((x) => x.code === e.code && sameMeaning(x.label, e.label));
      if (c && !used.has(c.color)) return c.color;
    }
    return PALETTE.find((p) => !used.has(p)) ?? '#E0E0E0';
  };
  const codes: SchemeCode[] = [];
  if (extendsRaci) {
    for (const c of RACI.codes) {
      codes.push({ ...c });
      used.add(c.color);
    }
  }
  for (const e of entries) {
    const color = colorOf(e);
    used.add(color);
    // A letter a built-in scheme knows, with the same meaning, keeps its one-line explanation.
    const known = builtInSchemes()
      .flatMap((sc) => sc.codes)
      .find((c) => c.code === e.code && sameMeaning(c.label, e.label));
    const description = e.description ?? known?.description;
    codes.push({ code: e.code, label: e.label, color, ...(description ? { description } : {}) });
  }
  // By label first (`Approver`), then by what the description says (`Owns: accountable for it`).
  const withConcept = (concepts: string[]) =>
    codes.find((c) => conceptsOf(c.label).some((k) => concepts.includes(k)))?.code ??
    codes.find((c) => conceptsIn(c.description ?? '').some((k) => concepts.includes(k)))?.code;
  const has = (code: string) => codes.some((c) => c.code === code);
  const accountable = withConcept(['accountable', 'approver', 'decide']) ?? (has('A') ? 'A' : null);
  const doer =
    withConcept(['responsible', 'driver', 'perform']) ?? (has('R') && accountable !== 'R' ? 'R' : null);
  for (const c of codes) if (c.code === accountable) c.cardinality = { min: 1, max: 1 };
  const words = codes.some((c) => [...c.code].length > 1);
  const letters = codes.map((c) => c.code).join(words ? '/' : '');
  const name = builtInSchemes().some((s) => s.name === letters) ? `${letters} (legend)` : letters;
  return { name, codes, accountable, doer };
}

/**
 * The scheme the headers of tables with codes as columns imply, when no legend says. The default
 * scheme (RACI, or the configuration's) when it has a code for every one of them; otherwise the
 * smallest built-in scheme that has (`Driver | Approver | Contributors | Informed` gives DACI,
 * `R | A | S | C | I` RASCI); otherwise the default.
 */
export function schemeFromHeaders(headers: readonly string[], fallback: Scheme = RACI): Scheme {
  const covers = (scheme: Scheme) => {
    const index = codeIndex(scheme);
    return headers.every((h) => codesOfLabel(h, index) !== undefined);
  };
  if (headers.length === 0 || covers(fallback)) return fallback;
  let best: Scheme | undefined;
  for (const scheme of builtInSchemes()) {
    if (covers(scheme) && (!best || scheme.codes.length < best.codes.length)) best = scheme;
  }
  return best ?? fallback;
}

/** `R, A, S, C, I` */
export const codeList = (scheme: Scheme): string => scheme.codes.map((c) => c.code).join(', ');

/**
 * Frontmatter `scheme:` wins over a legend. When the legend says something else, that is worth a
 * warning at the legend: its letters will be read as the frontmatter's scheme says.
 */
export function reportOverriddenLegend(
  scheme: Scheme,
  legend: readonly LegendEntry[],
  diagnostics: Finding[],
): void {
  const fromLegend = schemeFromLegend(legend);
  const first = legend[0];
  if (!fromLegend || !first || fromLegend.name === scheme.name) return;
  const missing = legend.filter((e) => !scheme.codes.some((c) => means(c, e)));
  if (missing.length === 0) return;
  diagnostics.push(
    finding(
      'legend-overridden',
      `Unexpected legend for ${fromLegend.name} (${codeList(fromLegend)}): the frontmatter \`scheme: ${scheme.name}\` wins, so ${missing.map((e) => `\`${e.code}\` = ${e.label || (e.description ?? '')}`).join(', ')} is not read as the legend says`,
      first.source,
    ),
  );
}
