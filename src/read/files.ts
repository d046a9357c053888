import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { RolemarkError } from '../errors.js';
import type { SourceFile } from './load.js';

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

/** Reads Markdown files as UTF-8 (a byte-order mark is dropped). */
export async function readSources(paths: readonly string[]): Promise<SourceFile[]> {
  return Promise.all(
    paths.map(async (path) => {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        throw new RolemarkError(
          `Cannot read \`${displayPath(path)}\`: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        );
      }
      return { file: displayPath(path), text: text.replace(/^\uFEFF/u, '') };
    }),
  );
}
