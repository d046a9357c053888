/**
 * Limits on what one content file may hold. Markdown parsers and document writers slow down
 * sharply on pathological input (micromark takes minutes on lists nested thousands deep, and the
 * writers on tables of 100,000 rows), so rolemark stops such input early, with an `input-limit`
 * error that says which limit was hit, rather than dying slowly in CI. Each limit is far above
 * what a real chart needs and can be raised in the configuration (`limits:`), never in a content
 * file's frontmatter: the people who run the build set them, not the content.
 */
import type { Finding, SourcePosition } from '../model/types.js';
import { finding } from './findings.js';

export interface Limits {
  /** Bytes of one Markdown file (in UTF-8). */
  fileSize: number;
  /** Lines of one Markdown file. */
  lines: number;
  /** Body rows of one table. */
  rows: number;
  /** Columns of one table. */
  columns: number;
  /** Levels of lists and block quotes nested in each other. */
  depth: number;
  /** Characters of one role or activity name. */
  nameLength: number;
  /** Characters of one word (a run without spaces) of the text a charter shows. */
  wordLength: number;
  /** Emphasis marks (`*`, `_`, `~`) in one paragraph or table row. */
  emphasis: number;
  /** Roles of one document (its matrix's columns, its role sections). */
  roles: number;
  /** Cells of one document's matrix: its activities times its roles. */
  cells: number;
  /** Footnote references and definitions (`[^…]`) in one file. */
  footnotes: number;
  /** Links (inline links and images, autolinks, bare URLs) in one file. */
  links: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  fileSize: 1024 * 1024,
  lines: 50_000,
  rows: 2000,
  columns: 100,
  depth: 32,
  nameLength: 10_000,
  wordLength: 1000,
  emphasis: 500,
  // What the writers draw in about 10 s: the team charter's matrix is every activity of the
  // document against every role; 500 × 500 took the DOCX writer 272 s and 2 GB, 250 × 250 80 s
  // (a 2-core machine at load 11: about five times an idle one's time), and 2,079 × 2,079 ran
  // out of memory at 4.3 GB; 40,000 cells (2,079 × 19) took 250 s and 980 MB for DOCX and PDF.
  cells: 20_000,
  // Every role of a document is a column of its matrix and a section of its team charter, and the
  // writers spend about 13 ms of CPU on each (docx's page-number estimate most): with 8 activities,
  // 250 roles took a PDF and DOCX team charter 4.5 s, 500 6.4 s, 1,000 13 s and 2,000 29 s (2
  // cores, load 3). A real team names a few dozen.
  roles: 500,
  // The parser's footnote labels cost about 0.7 ms of CPU each (7,000: 5 s; 28,000: a check of
  // 23 s and a build of 58 s and 2.1 GB); a charter needs a handful.
  footnotes: 1000,
  // Every writer spends about 1 ms of CPU on a link (a hyperlink, a relationship, runs, the DOCX
  // page-number estimate): 5,000 took a build 7.7 s of CPU and 370 MB, 40,000 (a 950 KB file)
  // 41 s and 1.2 GB (a 2-core machine at load 11–18). A charter links a handful of pages.
  links: 5000,
};

/** Where each limit is set, for messages: `limits.rows` in the configuration. */
export const LIMIT_DESCRIPTIONS: Record<keyof Limits, string> = {
  fileSize:
    'The size of one Markdown file, in bytes, or as text with a unit (`1 MB`, `512 KB`). A larger file is not read. At most 64 MB, whatever the setting.',
  lines:
    'Lines of one Markdown file: the parser takes time and memory for each (a megabyte of short lines took 23 s and 1.4 GB). Lines after the limit are not read.',
  rows: 'Body rows of one table. Rows below the limit are not read.',
  columns: 'Columns of one table. Cells right of the limit are not read.',
  depth:
    'Levels of lists and block quotes nested in each other, counted on each line by its `>` and list markers and by its indentation (two spaces a level). Lines nested deeper are not read.',
  nameLength: 'Characters of one role or activity name. Longer names are shortened, with `…`.',
  wordLength:
    'Characters of one word (a run of text without spaces a line may break at, such as a pasted URL or base64 data; no-break spaces join words into one) that a charter shows: the writers break such a word character by character, which slows down sharply with its length. Longer words are shortened, with `…`. Link and image destinations are not counted.',
  roles:
    'Roles of one document: each is a column of its matrix and a section of its team charter, and the writers take about 13 ms for each (2,000 roles took a team charter 29 s). Roles after the limit are not read, nor their codes.',
  cells:
    "Cells of one document's matrix: its activities times its roles. The team charter draws every activity against every role, so the writers' time grows with this product (500 roles and 500 activities took minutes). Activities after the limit are not read.",
  footnotes:
    'Footnote references and definitions (`[^…]`) in one Markdown file: the parser takes far longer over each than over text (7,000 took 5 s). Lines from the one that passes the limit are not read.',
  links:
    'Links in one Markdown file: inline links and images, autolinks and bare URLs. Every writer spends about a millisecond on each (40,000 took a build 41 s and 1.2 GB). Lines from the one that passes the limit are not read.',
  emphasis:
    'Emphasis marks (`*`, `_`, `~`) in one paragraph or table row: the Markdown parser slows down sharply with many of them. A paragraph with more is not read.',
};

/**
 * Files above this size are never read, whatever the configured limit: reading them whole could
 * exhaust memory before any limit is checked.
 */
export const HARD_FILE_SIZE = 64 * 1024 * 1024;

/** The configured limits over the defaults. */
export function resolveLimits(limits: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...limits };
}

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  k: 1024,
  mb: 1024 ** 2,
  m: 1024 ** 2,
  gb: 1024 ** 3,
  g: 1024 ** 3,
};

/** `1048576`, `"1 MB"`, `"512KB"`, `"1.5 MB"` → bytes (1024-based); null when it is none of those. */
export function parseSize(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : null;
  if (typeof value !== 'string') return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?b?|[kmg])\s*$/iu.exec(value);
  if (!m) return null;
  const unit = UNITS[(m[2] ?? '').toLowerCase() || 'b'];
  if (unit === undefined) return null;
  const bytes = Math.round(Number(m[1]) * unit);
  return bytes > 0 ? bytes : null;
}

/** `1048576` → `1 MB`, `20971520` → `20 MB`, `1536` → `1.5 KB`. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
  ] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** An `input-limit` error: what was found, the limit, where to change it, what was done instead. */
export function limitDiagnostic(
  at: SourcePosition,
  found: string,
  limit: keyof Limits,
  value: string,
  consequence: string,
): Finding {
  return finding(
    'input-limit',
    `Unexpected ${found}, above the limit of ${value} (\`limits.${limit}\` in the configuration); ${consequence}`,
    at.endLine !== undefined && at.endColumn !== undefined
      ? at
      : { file: at.file, line: at.line, column: at.column },
  );
}

/** The error of a file too large to read; `limit` null for the hard limit nothing can raise. */
export function sizeLimitDiagnostic(
  file: string,
  size: number,
  max: number,
  limit: 'fileSize' | null,
): Finding {
  const d = limitDiagnostic(
    { file, line: 1, column: 1 },
    `file of ${formatSize(size)}`,
    'fileSize',
    formatSize(max),
    'the file was not read',
  );
  if (limit === null)
    d.message = `Unexpected file of ${formatSize(size)}, above rolemark's hard limit of ${formatSize(max)}; the file was not read`;
  return d;
}
