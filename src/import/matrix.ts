import { RolemarkError } from '../errors.js';
import { builtInSchemes, findScheme, RACI, schemeNames } from '../model/schemes.js';
import { slugify } from '../model/slug.js';
import type { Scheme } from '../model/types.js';
import { parseCell } from '../read/cells.js';
import { DEFAULT_LIMITS } from '../read/limits.js';
import { nameKey } from '../read/markdown.js';
import { parseRoleHeading } from '../read/roles.js';

export interface ImportOptions {
  /** The title of a table without a Document column; its title row (if any) by default. */
  title?: string;
  /** The title when the table gives none and `title` is not set: the file's name, say. */
  fallbackTitle?: string;
  /** The scheme's name; detected from the codes in the cells by default. */
  scheme?: string;
  /** The file the rows came from, for messages. */
  file?: string;
  /** The spreadsheet file and sheet the rows came from, for positions in messages. */
  source?: { file: string; sheet?: string };
}

/**
 * Where a line of the Markdown made came from in the spreadsheet: its row, and for each cell of
 * the Markdown line (by the column where the cell starts) the spreadsheet's column, both 1-based.
 */
export interface SourcePlace {
  line: number;
  row: number;
  cells: { start: number; column: number }[];
}

/** One Markdown document made from a table. */
export interface ImportedDocument {
  title: string;
  /** A file name for it: the slug of its title, with `.md`. */
  fileName: string;
  /** The document's scheme: given, or detected from the codes in its rows. */
  scheme: string;
  markdown: string;
  roles: number;
  activities: number;
  /** The spreadsheet places of the Markdown's table lines, for messages about the sheet. */
  places: SourcePlace[];
  /** The spreadsheet file (and sheet) the document came from. */
  source?: { file: string; sheet?: string };
}

/** The spreadsheet row and column of a place in an imported document's Markdown, if it has one. */
export function sheetPlace(
  doc: ImportedDocument,
  line: number,
  column: number,
): { row: number; column: number } | undefined {
  const place = doc.places.find((p) => p.line === line);
  if (!place) return undefined;
  const cell = [...place.cells].reverse().find((c) => c.start <= column) ?? place.cells[0];
  return { row: place.row, column: cell?.column ?? 1 };
}

export interface ImportResult {
  documents: ImportedDocument[];
  /** The scheme detected over the whole table (each document may differ). */
  scheme: string;
  /** Things the user should look at: columns left as text, unnamed rows. */
  warnings: string[];
}

const DOCUMENT = /^(document|team|process|chart|raci)$/iu;
const ACTIVITY =
  /^(activit(y|ies)|tasks?|deliverables?|steps?|decisions?|work ?items?|responsibilit(y|ies)|items?|process steps?|what)$/iu;
const GROUP = /^(group|phase|stage|category|section|area|workstream|epic)$/iu;

/**
 * Undoes the guard spreadsheet exports put before text that looks like a formula, and drops
 * control characters (a NUL from a broken export must not reach the Markdown: issue 18).
 */
const unguard = (s: string) =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu, '')
    .trim()
    .replace(/^'(?=[=+\-@])/u, '');

/** Escapes text for a Markdown heading or table cell, so that it reads back as the same text. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*\n\s*/gu, ' ')
    .replace(/([\\`*[\]<|~])/gu, '\\$1')
    .replace(/(^|\W)_|_(?=\W|$)/gu, (m) => m.replace('_', '\\_'))
    .replace(/&(?=#?[a-z0-9]+;)/giu, '\\&')
    .replace(/^([#>+-]|\d+[.)])(?=\s|$)/u, '\\$1');
}

/** The codes of a cell, for choosing the scheme: notes and decoration left out. */
const shortCells = (cells: readonly string[]) =>
  cells.filter((c) => c !== '' && c.replace(/\([^)]*\)/gu, '').trim().length <= 8);

function chooseScheme(columns: readonly string[][]): Scheme {
  let best: Scheme = RACI;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const scheme of builtInSchemes()) {
    let score = 0;
    for (const cell of columns.flatMap(shortCells)) score += parseCell(cell, scheme).unknown.length;
    if (score < bestScore) [best, bestScore] = [scheme, score];
  }
  return best;
}

/** A column holds codes when most of its filled cells read as codes of the scheme. */
function isRoleColumn(cells: readonly string[], scheme: Scheme): boolean {
  const filled = cells.filter((c) => c !== '');
  if (filled.length === 0) return true;
  const clean = filled.filter((c) => parseCell(c, scheme).unknown.length === 0).length;
  return clean * 2 >= filled.length;
}

interface Row {
  document: string | null;
  group: string | null;
  activity: string;
  cells: string[];
  line: number;
}

/**
 * Turns a spreadsheet RACI chart (rows of cells, from CSV or XLSX) into canonical rolemark
 * Markdown: one document per value of a `Document` column (or one document), a Roles section with
 * every role column (`Product Owner (PO)` gives a name and an alias), and the matrix, split into
 * groups by a `Group` column or by rows that hold only a name. Columns whose cells are not codes
 * are kept as text columns. Throws a `RolemarkError` when no table can be found.
 */
export function importTable(
  input: readonly (readonly string[])[],
  options: ImportOptions = {},
): ImportResult {
  const file = options.file ?? 'the table';
  const warnings: string[] = [];
  const rows = input
    .map((cells, i) => ({ cells: cells.map(unguard), line: i + 1 }))
    .filter((r) => r.cells.some((c) => c !== ''));
  // Title rows: lines above the header with a single filled cell ("RACI chart, Project X").
  let titleRow: string | null = null;
  while (rows.length > 0 && (rows[0]?.cells.filter((c) => c !== '').length ?? 0) < 2) {
    titleRow ??= rows[0]?.cells.find((c) => c !== '') ?? null;
    rows.shift();
  }
  const header = rows.shift();
  if (!header) {
    throw new RolemarkError(
      `No table in ${file}: expected a header row (Activity, then one column per role) and rows of codes`,
    );
  }
  const heads = header.cells;
  // A loop, not Math.max(...rows): 200,000 arguments overflow the stack.
  let width = heads.length;
  for (const r of rows) width = Math.max(width, r.cells.length);
  const documentCol = heads.findIndex((h) => DOCUMENT.test(h));
  let activityCol = heads.findIndex((h, i) => i !== documentCol && ACTIVITY.test(h));
  if (activityCol < 0) activityCol = heads.findIndex((h, i) => i !== documentCol && !GROUP.test(h));
  if (activityCol < 0) activityCol = documentCol === 0 ? 1 : 0;
  const groupCol = heads.findIndex((h, i) => i < activityCol && i !== documentCol && GROUP.test(h));
  const others = [...Array(width).keys()].filter((i) => ![documentCol, activityCol, groupCol].includes(i));
  const column = (i: number) => rows.map((r) => r.cells[i] ?? '');

  let scheme = RACI;
  if (options.scheme !== undefined) {
    const found = findScheme(options.scheme);
    if (!found) {
      throw new RolemarkError(
        `Unknown scheme \`${options.scheme}\`, expected one of ${schemeNames().join(', ')}`,
      );
    }
    scheme = found;
  } else {
    scheme = chooseScheme(others.map(column));
  }
  const roleCols = others.filter((i) => (heads[i] ?? '') !== '' && isRoleColumn(column(i), scheme));
  const textCols = others.filter((i) => !roleCols.includes(i) && column(i).some((c) => c !== ''));
  if (roleCols.length === 0) {
    throw new RolemarkError(
      `No role columns in ${file}: expected columns named after roles, holding codes such as ${scheme.codes.map((c) => c.code).join(', ')}`,
    );
  }
  for (const i of textCols) {
    warnings.push(
      `${file}: column "${heads[i] || i + 1}" holds text rather than codes; kept as a text column`,
    );
  }

  // Rows: a row with only a name, followed by rows with codes, starts a group.
  const parsed: Row[] = [];
  let group: string | null = null;
  rows.forEach((r, n) => {
    const activity = r.cells[activityCol] ?? '';
    const filled = [...roleCols, ...textCols].some((i) => (r.cells[i] ?? '') !== '');
    if (groupCol < 0 && !filled && activity !== '') {
      const next = rows[n + 1];
      if (next && roleCols.some((i) => (next.cells[i] ?? '') !== '')) {
        group = activity;
        return;
      }
    }
    if (activity === '') warnings.push(`${file}:${r.line}: a row without an activity name`);
    parsed.push({
      document: documentCol >= 0 ? r.cells[documentCol] || null : null,
      group: groupCol >= 0 ? r.cells[groupCol] || null : group,
      activity,
      cells: r.cells,
      line: r.line,
    });
  });

  const defaultTitle = options.title ?? titleRow ?? options.fallbackTitle ?? 'Responsibilities';
  const byDocument = new Map<string, Row[]>();
  for (const row of parsed) {
    const title = row.document ?? defaultTitle;
    const list = byDocument.get(title);
    if (list) list.push(row);
    else byDocument.set(title, [row]);
  }
  // Never make Markdown that the reader would cut short: a chart it reads whole or an error now.
  const columnCount = 1 + roleCols.length + textCols.length;
  if (columnCount > DEFAULT_LIMITS.columns) {
    throw new RolemarkError(
      `${file}: ${columnCount} columns; rolemark reads at most ${DEFAULT_LIMITS.columns} in one table (limits.columns)`,
    );
  }
  for (const [title, docRows] of byDocument) {
    if (docRows.length > DEFAULT_LIMITS.rows) {
      throw new RolemarkError(
        `${file}: ${docRows.length} rows for "${title}"; rolemark reads at most ${DEFAULT_LIMITS.rows} in one table (limits.rows)`,
      );
    }
  }
  if (byDocument.size === 0) byDocument.set(defaultTitle, []);
  const names = new Set<string>();
  // A role is defined once, in the first document that uses it; later documents name it in their
  // table headers, as a chart split over several files does.
  const defined = new Set<string>();
  const documents = [...byDocument].map(([title, docRows]): ImportedDocument => {
    const used = roleCols.filter((i) => documentCol < 0 || docRows.some((r) => (r.cells[i] ?? '') !== ''));
    let fileName = `${slugify(title, 'document')}.md`;
    for (let k = 2; names.has(fileName); k++) fileName = `${slugify(title, 'document')}-${k}.md`;
    names.add(fileName);
    // Each document keeps its own scheme: a RASCI team and a RACI team can share a sheet.
    const docScheme =
      options.scheme !== undefined || documentCol < 0
        ? scheme
        : chooseScheme(used.map((i) => docRows.map((r) => r.cells[i] ?? '')));
    const { markdown, places } = documentMarkdown(title, docScheme, {
      roleHeads: used.map((i) => heads[i] as string),
      textHeads: textCols.map((i) => heads[i] || `Column ${i + 1}`),
      rows: docRows,
      columns: [...used, ...textCols],
      activityColumn: activityCol,
      headerRow: header.line,
      defined,
    });
    return {
      title,
      fileName,
      scheme: docScheme.name,
      markdown,
      roles: used.length,
      activities: docRows.length,
      places,
      ...(options.source ? { source: options.source } : {}),
    };
  });
  return { documents, scheme: scheme.name, warnings };
}

function documentMarkdown(
  title: string,
  scheme: Scheme,
  parts: {
    roleHeads: readonly string[];
    textHeads: readonly string[];
    rows: readonly Row[];
    columns: readonly number[];
    activityColumn: number;
    headerRow: number;
    /** Keys of the roles defined by earlier documents; this one adds its own. */
    defined: Set<string>;
  },
): { markdown: string; places: SourcePlace[] } {
  const { textHeads, rows, columns, defined } = parts;
  const places: SourcePlace[] = [];
  /** Records where the table line about to be pushed came from. */
  const place = (text: string, row: number) => {
    const sheetColumns = [parts.activityColumn, ...columns];
    const cells: SourcePlace['cells'] = [];
    let k = 0;
    for (let i = 0; i < text.length - 1; i++) {
      if (text[i] === '|' && text[i - 1] !== '\\') {
        cells.push({ start: i + 1, column: (sheetColumns[k] ?? 0) + 1 });
        k++;
      }
    }
    places.push({ line: lines.length + 1, row, cells });
  };
  const roles = parts.roleHeads.map((h) => parseRoleHeading(h));
  const lines: string[] = [];
  if (scheme.name !== RACI.name) lines.push('---', `scheme: ${scheme.name}`, '---');
  lines.push(`# ${escapeMarkdown(title)}`, '');
  const fresh = roles.filter((role) => {
    const key = nameKey(role.name);
    if (defined.has(key)) return false;
    defined.add(key);
    return true;
  });
  if (fresh.length > 0) lines.push('## Roles', '');
  for (const role of fresh) {
    const aliases = role.aliases.length > 0 ? ` (${role.aliases.map(escapeMarkdown).join(', ')})` : '';
    lines.push(`### ${escapeMarkdown(role.name)}${aliases}`, '');
  }
  lines.push('## Responsibilities', '');
  const header = [
    'Activity',
    ...roles.map((r) => escapeMarkdown(r.aliases[0] ?? r.name)),
    ...textHeads.map(escapeMarkdown),
  ];
  const rule = ['---', ...roles.map(() => ':-:'), ...textHeads.map(() => '---')];
  const table = (part: readonly Row[]) => {
    const head = `| ${header.join(' | ')} |`;
    place(head, parts.headerRow);
    lines.push(head, `|${rule.join('|')}|`);
    for (const r of part) {
      const text = `| ${[r.activity, ...columns.map((i) => r.cells[i] ?? '')].map(escapeMarkdown).join(' | ')} |`;
      place(text, r.line);
      lines.push(text);
    }
    lines.push('');
  };
  let i = 0;
  while (i < rows.length) {
    const group = rows[i]?.group ?? null;
    let j = i;
    while (j < rows.length && (rows[j]?.group ?? null) === group) j++;
    if (group !== null) lines.push(`### ${escapeMarkdown(group)}`, '');
    table(rows.slice(i, j));
    i = j;
  }
  if (rows.length === 0) table([]);
  return { markdown: `${lines.join('\n').trimEnd()}\n`, places };
}
