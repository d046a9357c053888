import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/**
 * The import graph of `src/`, read from the source text: every static `import … from`,
 * `export … from`, side-effect `import '…'` and dynamic `import('…')` with a relative specifier,
 * type-only imports included (an upward type import is still a dependency on the layer above).
 *
 * Why not dependency-cruiser: it parses TypeScript through the `typescript` package's compiler
 * API, and this project is on TypeScript 7 (the native compiler, whose package has no such API),
 * so it would need `@swc/core` as a second compiler only for this test. `tsc --explainFiles`
 * gives the real graph but costs a full type check (7.5 s). The sources are formatted by Biome, so
 * a static import always starts a line; a JSDoc example never does (its lines start with ` *`),
 * and dynamic imports in comments are skipped line by line. The test below checks the scanner
 * against files whose imports it knows.
 */
export type ImportGraph = Map<string, Edge[]>;

export interface Edge {
  /** Path of the imported file, relative to the repository, `.ts` (e.g. `src/read/load.ts`). */
  to: string;
  /** The line of the import in the importing file. */
  line: number;
  /** `import type` / `export type`: erased when compiled, so no cycle at run time. */
  typeOnly: boolean;
}

const STATIC = /^(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative specifiers `source` imports, each with its line (1-based). */
export function importsOf(source: string): { specifier: string; line: number; typeOnly: boolean }[] {
  const found: { specifier: string; line: number; typeOnly: boolean }[] = [];
  const lineAt = (index: number) => source.slice(0, index).split('\n').length;
  for (const match of source.matchAll(STATIC)) {
    const specifier = match[1] ?? match[2];
    const typeOnly = /^(?:import|export)\s+type\b/.test(match[0]);
    if (specifier) found.push({ specifier, line: lineAt(match.index), typeOnly });
  }
  source.split('\n').forEach((text, i) => {
    const trimmed = text.trimStart();
    if (trimmed.startsWith('*') || trimmed.startsWith('//') || trimmed.startsWith('/*')) return;
    for (const match of text.matchAll(DYNAMIC))
      if (match[1]) found.push({ specifier: match[1], line: i + 1, typeOnly: false });
  });
  return found.filter((entry) => entry.specifier.startsWith('.'));
}

/** Every `.ts` file under `root` (e.g. `src`) and the files of `root` it imports. */
export function importGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(root, file).split('\\').join('/'))
    .sort();
  for (const file of files) {
    const edges = importsOf(readFileSync(file, 'utf8')).map(({ specifier, line, typeOnly }) => ({
      to: normalize(join(dirname(file), specifier))
        .split('\\')
        .join('/')
        .replace(/\.js$/, '.ts'),
      line,
      typeOnly,
    }));
    graph.set(file, edges);
  }
  return graph;
}

/** The graph without type-only imports: what runs. */
export function runtimeGraph(graph: ImportGraph): ImportGraph {
  return new Map([...graph].map(([file, edges]) => [file, edges.filter((e) => !e.typeOnly)]));
}

/** The strongly connected components with more than one file (Tarjan), each sorted. */
export function cycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const { to } of graph.get(file) ?? []) {
      if (!graph.has(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file) ?? 0, index.get(to) ?? 0));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}
