import type { List, Paragraph, Table } from 'mdast';
import { builtInSchemes, RACI } from '../model/schemes.js';
import type { Diagnostic, Scheme, SchemeCode, SourcePosition } from '../model/types.js';
import { codeIndex, codesOfLabel } from './codes.js';
import { type LineIndex, Locator, nodeText, positionOf } from './markdown.js';
import { collapse, trimWhere } from './text.js';
import {
  conceptsOf,
  fold,
  isKnownLabel,
  LEGEND_CODE_HEADERS,
  LEGEND_MEANING_HEADERS,
  LEGEND_PREFIXES,
  sameMeaning,
} from './vocabulary.js';

/** One letter a legend defines: `**S** = Support: helps the responsible role`. */
export interface LegendEntry {
  code: string;
  label: string;
  description?: string;
  source: SourcePosition;
}

interface TextEntry {
  code: string;
  label: string;
  description?: string;
}

// A single capital letter, standing alone, then `=`, `:`, a dash or an arrow.
const ENTRY = /(?<![\p{L}\p{N}])(\p{Lu})(?![\p{L}\p{N}])\s*(=|:|–|—|-|→|⇒)\s*/gu;

/**
 * Reads a legend written as text: `R = Responsible, A = Accountable`, `**S** = Support`,
 * `Legend: C – Consulted (gives input)`. Every part of the text must be an entry, or it is not a
 * legend. With `:` or a dash the label must be a known code label, so that a list item such as
 * `R: Content Strategist` (a role for an activity) is not taken for a legend.
 */
export function readLegendText(text: string): TextEntry[] | undefined {
  let body = collapse(text.normalize('NFKC').replace(/[*_`]/gu, ''));
  const prefix = /^([^:=]{1,24}):\s*/u.exec(body);
  if (prefix && LEGEND_PREFIXES.has(fold(prefix[1] as string))) body = body.slice(prefix[0].length);
  const matches = [...body.matchAll(ENTRY)];
  const first = matches[0];
  if (!first || body.slice(0, first.index).replace(/[\s(,;|·]/gu, '') !== '') return undefined;
  const entries: TextEntry[] = [];
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i] as RegExpExecArray;
    const end = matches[i + 1]?.index ?? body.length;
    const rest = trimWhere(body.slice(m.index + m[0].length, end), /[\s,;|·)]/u, 'end').trim();
    const split = /^(.*?)(?:\s*[:(]\s*|\s+[-–—]\s+|\.\s+)(.*)$/u.exec(rest);
    const label = trimWhere(split ? (split[1] as string) : rest, /[.\s]/u);
    const description = split ? (split[2] as string).replace(/\)$/u, '').trim() : '';
    if (label === '' || label.length > 40) return undefined;
    const sep = m[2] as string;
    if (sep !== '=' && sep !== '→' && sep !== '⇒' && !isKnownLabel(label)) return undefined;
    entries.push({ code: m[1] as string, label, ...(description ? { description } : {}) });
  }
  return entries;
}

/** A paragraph that is a legend, with each entry's position. */
export function legendOfParagraph(
  node: Paragraph,
  file: string,
  text: string,
  lines: LineIndex,
): LegendEntry[] | undefined {
  const entries = readLegendText(nodeText(node));
  if (!entries) return undefined;
  const locate = new Locator(file, text, lines, node);
  return entries.map((e) => ({ ...e, source: locate.find(e.code) }));
}

/** A list whose every item is a legend entry: `- **R** = Responsible`. */
export function legendOfList(
  node: List,
  file: string,
  text: string,
  lines: LineIndex,
): LegendEntry[] | undefined {
  const entries: LegendEntry[] = [];
  for (const item of node.children) {
    const found = readLegendText(nodeText(item));
    if (!found) return undefined;
    const locate = new Locator(file, text, lines, item);
    for (const e of found) entries.push({ ...e, source: locate.find(e.code) });
  }
  return entries.length > 0 ? entries : undefined;
}

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
  const width = header.children.length;
  const rows = node.children.length - 1;
  let codeCol = -1;
  let labelCol = -1;
  const headers = header.children.map((_, i) => fold(cellText(node, 0, i)));
  for (let i = 0; i < width && codeCol < 0; i++) {
    if (LEGEND_CODE_HEADERS.has(headers[i] as string)) codeCol = i;
  }
  if (codeCol >= 0) labelCol = headers.findIndex((h, i) => i !== codeCol && LEGEND_MEANING_HEADERS.has(h));
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
    for (let i = 0; i < width && labelCol < 0; i++) {
      if (i === codeCol) continue;
      let known = 0;
      for (let r = 1; r <= rows; r++) if (isKnownLabel(labelOf(cellText(node, r, i)).label)) known++;
      if (known * 2 >= rows) labelCol = i;
    }
    if (labelCol < 0) return undefined;
  }
  const descCol = headers.findIndex(
    (h, i) => i !== codeCol && i !== labelCol && /descr|defini|explan|bedeut|signif/u.test(h),
  );
  const entries: LegendEntry[] = [];
  for (let r = 1; r <= rows; r++) {
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

/** `Support: helps the responsible role` → label and description. */
function labelOf(cell: string): { label: string; description: string } {
  const text = collapse(cell);
  const split = /^(.*?)(?:\s*[:(]\s*|\s+[-–—]\s+|\.\s+)(.*)$/u.exec(text);
  if (!split) return { label: trimWhere(text, /[.\s]/u), description: '' };
  return { label: (split[1] as string).trim(), description: (split[2] as string).replace(/\)$/u, '').trim() };
}

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
  const fits = builtIn.filter((s) =>
    entries.every((e) => {
      const c = s.codes.find((x) => x.code === e.code);
      return c !== undefined && sameMeaning(c.label, e.label);
    }),
  );
  const smallest = fits.reduce<Scheme | undefined>(
    (best, s) => (best === undefined || s.codes.length < best.codes.length ? s : best),
    undefined,
  );
  if (smallest) return smallest;
  return customScheme(entries);
}

function customScheme(entries: LegendEntry[]): Scheme {
  const racis = new Set(RACI.codes.map((c) => c.code));
  const extendsRaci = entries.every((e) => !racis.has(e.code));
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
  const withConcept = (concepts: string[]) =>
    codes.find((c) => conceptsOf(c.label).some((k) => concepts.includes(k)))?.code;
  const has = (code: string) => codes.some((c) => c.code === code);
  const accountable = withConcept(['accountable', 'approver', 'decide']) ?? (has('A') ? 'A' : null);
  const doer =
    withConcept(['responsible', 'driver', 'perform']) ?? (has('R') && accountable !== 'R' ? 'R' : null);
  for (const c of codes) if (c.code === accountable) c.cardinality = { min: 1, max: 1 };
  const letters = codes.map((c) => c.code).join('');
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
  diagnostics: Diagnostic[],
): void {
  const fromLegend = schemeFromLegend(legend);
  const first = legend[0];
  if (!fromLegend || !first || fromLegend.name === scheme.name) return;
  const missing = legend.filter(
    (e) => !scheme.codes.some((c) => c.code === e.code && sameMeaning(c.label, e.label)),
  );
  if (missing.length === 0) return;
  diagnostics.push({
    ruleId: 'legend-overridden',
    severity: 'warning',
    message: `Unexpected legend for ${fromLegend.name} (${codeList(fromLegend)}): the frontmatter \`scheme: ${scheme.name}\` wins, so ${missing.map((e) => `\`${e.code}\` = ${e.label}`).join(', ')} is not read as the legend says`,
    ...first.source,
  });
}
