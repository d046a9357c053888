import { readdirSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * Which original sources of a bundled file ran, from V8's block coverage (`NODE_V8_COVERAGE`) and
 * the bundle's source map: a source ran when a position of its code lies in a range that ran.
 * Bundled modules are inlined, so no module hook sees them; this does.
 */

interface Range {
  startOffset: number;
  endOffset: number;
  count: number;
}

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The generated offset (in `text`), source index and source line of every mapping of a source map. */
function mappings(
  text: string,
  map: { mappings: string },
): { offset: number; source: number; line: number }[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const out: { offset: number; source: number; line: number }[] = [];
  let source = 0;
  let sourceLine = 0;
  map.mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = VLQ.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      if (fields.length < 4) continue;
      source += fields[1] ?? 0;
      sourceLine += fields[2] ?? 0;
      out.push({ offset: (lineStarts[lineIndex] ?? 0) + column, source, line: sourceLine + 1 });
    }
  });
  return out;
}

/**
 * The lines (1-based) of each source (by absolute path) with code that ran in `bundle`, compiled
 * through `Module.wrap` (src/code-cache.ts), from the coverage files in `coverageDir`.
 */
export function linesThatRan(coverageDir: string, bundle: string): Map<string, Set<number>> {
  const text = readFileSync(bundle, 'utf8');
  const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as { sources: string[]; mappings: string };
  // Offsets in the coverage are in the wrapped source; the map's are in the file.
  const prefix = Module.wrap('\0').indexOf('\0');
  const ranges: Range[] = [];
  for (const file of readdirSync(coverageDir)) {
    const { result } = JSON.parse(readFileSync(join(coverageDir, file), 'utf8')) as {
      result: { url: string; functions: { ranges: Range[] }[] }[];
    };
    for (const script of result.filter((s) => s.url.endsWith(bundle.split('/').pop() as string)))
      for (const fn of script.functions) {
        // Not the script and Module.wrap's function, which hold the bundle's top level: the
        // declarations esbuild hoists there out of a module run with it, whether the module
        // runs or not. A module's own code runs in functions (esbuild's `__esm` ones too).
        if ((fn.ranges[0] as Range).startOffset <= prefix) continue;
        ranges.push(...fn.ranges);
      }
  }
  if (ranges.length === 0) throw new Error(`no coverage of ${bundle} in ${coverageDir}`);
  // The ranges nest (functions, and blocks within them): a sweep over positions in order keeps
  // the open ones on a stack, the innermost on top.
  ranges.sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  const ran = new Map<string, Set<number>>();
  const open: Range[] = [];
  let next = 0;
  const points = mappings(text, map).sort((a, b) => a.offset - b.offset);
  for (const { offset, source, line } of points) {
    const at = offset + prefix;
    while (next < ranges.length && (ranges[next] as Range).startOffset <= at) {
      const range = ranges[next++] as Range;
      while (open.length > 0 && (open.at(-1) as Range).endOffset <= range.startOffset) open.pop();
      open.push(range);
    }
    while (open.length > 0 && (open.at(-1) as Range).endOffset <= at) open.pop();
    const innermost = open.at(-1);
    if (!innermost || innermost.count === 0) continue;
    const name = resolve(dirname(bundle), map.sources[source] as string);
    if (!ran.has(name)) ran.set(name, new Set());
    ran.get(name)?.add(line);
  }
  return ran;
}

/** The sources (absolute paths) with code that ran in `bundle` (see linesThatRan). */
export function sourcesThatRan(coverageDir: string, bundle: string): Set<string> {
  return new Set(linesThatRan(coverageDir, bundle).keys());
}

/** The lines of a function declared at the start of a line (`function name(`), to its closing `}`. */
export function functionLines(file: string, name: string): number[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith(`function ${name}(`));
  if (start < 0) throw new Error(`no function ${name} in ${file}`);
  const end = lines.findIndex((l, i) => i > start && l === '}');
  return Array.from({ length: end - start + 1 }, (_, i) => start + i + 1);
}
