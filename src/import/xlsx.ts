import { strFromU8, type UnzipFileInfo, unzipSync } from 'fflate';
import { RolemarkError } from '../errors.js';

/**
 * Reads the cells of one sheet of an Excel workbook (.xlsx, Office Open XML) as text. Only what a
 * RACI chart needs: shared, inline and formula strings, numbers and booleans; no styles, no
 * formulas evaluated. The parts are machine-written XML of a fixed shape, so regular expressions
 * read them reliably; fflate unzips them, and only the parts needed are inflated.
 */

/** Refuse parts that would inflate beyond this: a chart is kilobytes, a zip bomb is gigabytes. */
const MAX_PART_BYTES = 64 * 1024 * 1024;

const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/giu, (_m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e.toLowerCase()] ?? '';
  });

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}="([^"]*)"`, 'u').exec(tag)?.[1];

/** The text of `<t>` elements, leaving out phonetic guides (`<rPh>`) of East Asian text. */
const textOf = (xml: string): string =>
  decode(
    [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/gu, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\s*\/>/gu)]
      .map((m) => m[1] ?? '')
      .join(''),
  );

/** `BC12` → 54 (0-based column index). */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    if (ch < 'A' || ch > 'Z') break;
    n = n * 26 + (ch.charCodeAt(0) - 64);
  }
  return n - 1;
}

export interface XlsxSheet {
  name: string;
  rows: string[][];
}

/** The names of a workbook's sheets, in order. */
export function sheetNames(bytes: Uint8Array): string[] {
  return listSheets(unzipParts(bytes, () => true)).map((s) => s.name);
}

function unzipParts(bytes: Uint8Array, want: (name: string) => boolean): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, {
      filter: (f: UnzipFileInfo) => {
        if (!want(f.name) || !/\.(xml|rels)$/u.test(f.name)) return false;
        if (f.originalSize > MAX_PART_BYTES)
          throw new RolemarkError(`The workbook part ${f.name} is too large`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof RolemarkError) throw error;
    throw new RolemarkError('Not an Excel workbook (.xlsx): the file is not a valid zip archive');
  }
}

function listSheets(parts: Record<string, Uint8Array>): { name: string; path: string }[] {
  const workbook = parts['xl/workbook.xml'];
  const rels = parts['xl/_rels/workbook.xml.rels'];
  if (!workbook || !rels) throw new RolemarkError('Not an Excel workbook (.xlsx): it has no xl/workbook.xml');
  const targets = new Map<string, string>();
  for (const m of strFromU8(rels).matchAll(/<Relationship\b[^>]*>/gu)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  return [...strFromU8(workbook).matchAll(/<sheet\b[^>]*>/gu)].flatMap((m) => {
    const name = decode(attr(m[0], 'name') ?? '');
    const path = targets.get(attr(m[0], 'r:id') ?? '');
    return path ? [{ name, path }] : [];
  });
}

/** Reads one sheet (the first by default) of an .xlsx file into rows of cell texts. */
export function readXlsx(bytes: Uint8Array, sheet?: string): XlsxSheet {
  const index = listSheets(unzipParts(bytes, (n) => n.startsWith('xl/') && !n.includes('/worksheets/')));
  const chosen = sheet === undefined ? index[0] : index.find((s) => s.name === sheet);
  if (!chosen) {
    throw new RolemarkError(
      sheet === undefined
        ? 'The workbook has no sheet'
        : `No sheet named "${sheet}"; the workbook has ${index.map((s) => `"${s.name}"`).join(', ')}`,
    );
  }
  const parts = unzipParts(bytes, (n) => n === chosen.path || n === 'xl/sharedStrings.xml');
  const shared = parts['xl/sharedStrings.xml'];
  const strings = shared
    ? [...strFromU8(shared).matchAll(/<si>([\s\S]*?)<\/si>/gu)].map((m) => textOf(m[1] ?? ''))
    : [];
  const xml = parts[chosen.path];
  if (!xml) throw new RolemarkError(`The workbook lacks its sheet "${chosen.name}" (${chosen.path})`);
  const rows: string[][] = [];
  for (const row of strFromU8(xml).matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>|<row\b([^>]*)\/>/gu)) {
    const r = Number(attr(row[1] ?? row[3] ?? '', 'r') ?? rows.length + 1) - 1;
    const cells: string[] = [];
    let next = 0;
    for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/gu)) {
      const ref = attr(c[1] ?? '', 'r');
      const col = ref ? columnIndex(ref) : next;
      next = col + 1;
      const type = attr(c[1] ?? '', 't') ?? 'n';
      const body = c[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/u.exec(body)?.[1];
      let text = '';
      if (type === 's') text = strings[Number(v)] ?? '';
      else if (type === 'inlineStr') text = textOf(/<is>([\s\S]*?)<\/is>/u.exec(body)?.[1] ?? '');
      else if (type === 'b') text = v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : '';
      else if (v !== undefined) text = decode(v);
      while (cells.length < col) cells.push('');
      cells[col] = text;
    }
    // Blank rows keep their place (messages give row numbers), up to a sane gap.
    if (r > rows.length && r - rows.length < 10_000) while (rows.length < r) rows.push([]);
    rows.push(cells);
  }
  return { name: chosen.name, rows };
}
