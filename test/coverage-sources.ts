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

/** The generated offset (in `text`) and the source index of every mapping of a source map. */
function mappings(text: string, map: { mappings: string }): { offset: number; source: number }[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const out: { offset: number; source: number }[] = [];
  let source = 0;
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
      out.push({ offset: (lineStarts[lineIndex] ?? 0) + column, source });
    }
  });
  return out;
}

/**
 * The sources (absolute paths) with code that ran in `bundle`, compiled through
 * `Module.wrap` (src/code-cache.ts), from the coverage files in `coverageDir`.
 */
export function sourcesThatRan(coverageDir: string, bundle: string): Set<string> {
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
  const ran = new Set<string>();
  const open: Range[] = [];
  let next = 0;
  const points = mappings(text, map).sort((a, b) => a.offset - b.offset);
  for (const { offset, source } of points) {
    const at = offset + prefix;
    while (next < ranges.length && (ranges[next] as Range).startOffset <= at) {
      const range = ranges[next++] as Range;
      while (open.length > 0 && (open.at(-1) as Range).endOffset <= range.startOffset) open.pop();
      open.push(range);
    }
    while (open.length > 0 && (open.at(-1) as Range).endOffset <= at) open.pop();
    const innermost = open.at(-1);
    if (innermost && innermost.count > 0) ran.add(resolve(dirname(bundle), map.sources[source] as string));
  }
  return ran;
}
