import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { RolemarkError } from '../errors.js';
import { decodeText } from './decode.js';
import { prepareHtml } from './html.js';
import { HARD_FILE_SIZE, sizeLimitDiagnostic } from './limits.js';
import { readRegular } from './regular-file.js';
import type { SourceFile } from './source.js';

const MARKDOWN = /\.(md|markdown)$/iu;

/** The path as diagnostics show it: relative to the working directory, with `/` separators. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  const shown = rel === '' || rel.startsWith('..') ? path : rel;
  return shown.split(sep).join('/');
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, out);
    else if (entry.isFile() && MARKDOWN.test(entry.name)) out.push(path);
  }
}

/** The Markdown files named by `inputs` (files, or folders searched recursively), in a stable order. */
export async function findInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(input);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new RolemarkError(
        `Cannot read input \`${input}\`: ${code === 'ENOENT' ? 'no such file or folder' : String(code ?? error)}`,
      );
    }
    if (info.isDirectory()) {
      const found: string[] = [];
      await walk(input, found);
      if (found.length === 0) throw new RolemarkError(`No Markdown files (.md) in \`${input}\``);
      files.push(...found);
    } else {
      files.push(input);
    }
  }
  return [...new Set(files)];
}

/**
 * Reads Markdown files. Text in UTF-8 (a byte-order mark is dropped), UTF-16 or Windows-1252 is
 * decoded, with a warning for the latter two (src/read/decode.ts); a file that is not text throws.
 * A file larger than {@link HARD_FILE_SIZE} is not read at all, whatever the configured limit: it
 * comes back empty, with an `input-limit` error.
 */
export async function readSources(paths: readonly string[]): Promise<SourceFile[]> {
  const settled = await Promise.allSettled(
    paths.map(async (path): Promise<SourceFile> => {
      const file = displayPath(path);
      // Regular files only, never more than the hard limit, whatever `stat` says (see
      // regular-file.ts): `/dev/zero` or a FIFO is refused, not read until memory runs out.
      const read = await readRegular(path, { maxBytes: HARD_FILE_SIZE, shown: file });
      if (read.tooLarge !== undefined)
        return {
          file,
          text: '',
          diagnostics: [sizeLimitDiagnostic(file, read.tooLarge, HARD_FILE_SIZE, null)],
        };
      const bytes = read.bytes;
      const decoded = decodeText(bytes, file);
      return {
        file,
        text: decoded.text,
        ...(decoded.diagnostics.length > 0 ? { diagnostics: decoded.diagnostics } : {}),
      };
    }),
  );
  // The files are read at once; the one refused is the first in the order given, not the first
  // whose read happened to end first (a large file read before a small one), so that the same
  // inputs always get the same message.
  const sources = settled.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });
  await prepareHtml(sources.map((s) => s.text));
  return sources;
}
