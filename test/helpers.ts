import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { loadText } from '../src/lint.js';

/**
 * A model from Markdown given inline, as file `test.md`, as the API's `loadText` reads it: the
 * reader's findings at their default severities.
 */
export const modelOf = (text: string, file = 'test.md', options?: Parameters<typeof loadText>[1]) =>
  loadText([{ file, text }], options);

export const tempDir = (prefix = 'rolemark-test-') => mkdtempSync(join(tmpdir(), prefix));

/** Runs a command-line tool and returns its stdout (throws with its stderr when it fails). */
export function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The text of a PDF as pdftotext reads it, keeping the layout of lines. */
export function pdfText(pdf: Buffer | string, layout = true): string {
  const path = typeof pdf === 'string' ? pdf : join(tempDir(), 'file.pdf');
  if (typeof pdf !== 'string') writeFileSync(path, pdf);
  return run('pdftotext', [...(layout ? ['-layout'] : []), path, '-']);
}

/** `pdffonts` rows: name and whether the font is embedded. */
export function pdfFonts(path: string): { name: string; embedded: boolean }[] {
  const lines = run('pdffonts', [path])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '');
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type… encoding emb sub uni object ID: emb is the 5th field from the end.
    return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes' };
  });
}

/** A part of a DOCX (zip) as text, `word/document.xml` by default. */
export function docxPart(docx: Buffer, part = 'word/document.xml'): string {
  const files = unzipSync(new Uint8Array(docx));
  const data = files[part];
  if (!data) throw new Error(`no ${part} in the DOCX`);
  return strFromU8(data);
}

/** The five predefined XML entities decoded (pdftotext -bbox and WordprocessingML text). */
export const decodeEntities = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The visible text of WordprocessingML: the runs' text, each paragraph on a line of its own. */
export function docxText(xml: string): string {
  const out: string[] = [];
  for (const m of xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<\/w:p>|<w:tab\/>/g)) {
    if (m[0] === '</w:p>') out.push('\n');
    else if (m[0] === '<w:tab/>') out.push('\t');
    else out.push(decodeEntities(m[1] ?? ''));
  }
  return out.join('');
}

/** Every table of a DOCX body as rows of cell texts (footnote marks excluded). */
export function docxTables(xml: string): string[][][] {
  const tables: string[][][] = [];
  for (const table of xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []) {
    const rows = (table.match(/<w:tr>[\s\S]*?<\/w:tr>|<w:tr [\s\S]*?<\/w:tr>/g) ?? []).map((row) =>
      (row.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map((cell) =>
        decodeEntities(
          (cell.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join(''),
        ),
      ),
    );
    tables.push(rows);
  }
  return tables;
}

/**
 * Every file below an output folder, by its path relative to it; without the build cache's
 * manifest when `manifest` is false (its keys hash the code, so two builds compare without it).
 */
export function outputFiles(dir: string, manifest = true): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (manifest || entry.name !== '.rolemark-cache.json')
        found.set(path, readFileSync(join(dir, path)));
    }
  };
  walk('');
  return found;
}

/** Runs `body` with these environment variables set (undefined: unset), then puts them back. */
export async function withEnv(
  vars: Record<string, string | undefined>,
  body: () => Promise<void>,
): Promise<void> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    await body();
  } finally {
    apply(saved);
  }
}

/** Runs `body` with the `git` of folder `bin` first on PATH, and no GIT_DIR or GIT_WORK_TREE. */
export const withGitFirst = (bin: string, body: () => Promise<void>): Promise<void> =>
  withEnv(
    { PATH: `${bin}${delimiter}${process.env.PATH}`, GIT_DIR: undefined, GIT_WORK_TREE: undefined },
    body,
  );

/**
 * A generated chart's text (bench/generate.ts) with two mistakes in its first rows that have an A
 * and an empty cell: a second A on one row (accountable-multiple, an error) and a code no scheme
 * has on the next (a reader's finding).
 */
export function withMistakes(text: string): string {
  let changed = 0;
  return text
    .split('\n')
    .map((line) => {
      if (changed < 2 && /^\| .* \| A(\/R)? \|/u.test(line) && line.includes('|  |')) {
        changed++;
        return line.replace('|  |', changed === 1 ? '| A |' : '| Z |');
      }
      return line;
    })
    .join('\n');
}

/** The smallest chart a build renders: one role, one activity (the source-date tests). */
export const CREW_CHART = `# Crew

## Roles

### Lead (LD)

## Responsibilities

| Activity | LD |
|---|---|
| Plan | A/R |
`;

/**
 * A stand-in `git` (a shell script) in a folder of its own, for {@link withGitFirst}, and an empty
 * file it may record its calls in: `body` gets that file's path quoted for the shell.
 */
export function fakeGit(body: (record: string) => string[]): { bin: string; record: string } {
  const bin = tempDir('rolemark-fake-git-');
  const record = join(bin, 'calls.txt');
  writeFileSync(record, '');
  writeFileSync(join(bin, 'git'), ['#!/bin/sh', ...body(JSON.stringify(record))].join('\n'), { mode: 0o755 });
  return { bin, record };
}
