import { describe, expect, it } from 'vitest';
import { cycles, importGraph, importsOf, runtimeGraph } from './import-graph.js';

/**
 * The layer rules of docs/architecture.md, over the import graph of src/: an import may only
 * point down (or stay in its layer), and no files import each other in a circle. A file's layer
 * is its folder under src/ (or its name, for a file directly in src/).
 */
const LAYERS: readonly (readonly string[])[] = [
  ['errors', 'model'], // types every layer shares
  ['read', 'import'], // Markdown → Model; other formats (CSV, XLSX, DOCX) → Markdown
  ['rules'], // pure checks over the Model
  ['config'], // settings, validated against the rule registry
  ['ir', 'lang'], // the document IR: what every writer renders; the words documents print, per language
  ['templates'], // template and theme files and their parsing
  ['compose'], // the composer: Model + template → IR (the matrix, role blocks, directives)
  ['render'], // writers: IR → PDF, DOCX; serialisers: Model → md, json, csv
  ['build', 'workflow', 'outputs', 'output-paths', 'output-names', 'code-cache', 'diff'], // whole runs
  ['index', 'lint'], // the public API (lint.ts: its reading and checking half)
  ['cli'], // the only place that prints or exits
  ['bin'],
];

const rank = new Map(LAYERS.flatMap((names, i) => names.map((name) => [name, i] as const)));

function layerOf(file: string): string {
  const parts = file.replace(/^src\//, '').split('/');
  return parts.length === 1 ? (parts[0] ?? '').replace(/\.ts$/, '') : (parts[0] ?? '');
}

/**
 * Today's violations, each named, to be removed as they are fixed (issue 17). An entry that no
 * longer happens fails the test too, so that the list only shrinks.
 */
const ALLOWED_UPWARD: Record<string, string> = {
  'src/read/load.ts -> src/config/frontmatter.ts':
    'the custom scheme of a frontmatter (`scheme:` as a mapping) decides how the tables are read, and it is validated by config/ against the schema built from the rule registry; the YAML is parsed once, by the reader',
};

/**
 * Cycles through `import type` only (erased when compiled), each named by the folder it stays in
 * (a helper added there joins it without a new entry), with why it is still there.
 */
const ALLOWED_CYCLES: Record<string, string> = {};

const graph = importGraph('src');

describe('architecture: layers point down', () => {
  it('knows the layer of every file in src/', () => {
    const unknown = [...graph.keys()].filter((file) => !rank.has(layerOf(file)));
    expect(unknown).toEqual([]);
  });

  it('has no import that points up, except the named ones', () => {
    const upward: string[] = [];
    for (const [from, edges] of graph) {
      for (const { to } of edges) {
        if ((rank.get(layerOf(to)) ?? 0) > (rank.get(layerOf(from)) ?? 0)) upward.push(`${from} -> ${to}`);
      }
    }
    expect([...new Set(upward)].sort()).toEqual(Object.keys(ALLOWED_UPWARD).sort());
  });

  it('has no import cycle at run time', () => {
    expect(cycles(runtimeGraph(graph))).toEqual([]);
  });

  it('has no cycle through type imports either, except the named ones', () => {
    const folderOf = (component: string[]) =>
      Object.keys(ALLOWED_CYCLES).find((folder) => component.every((file) => file.startsWith(folder)));
    const found = cycles(graph);
    expect(found.filter((c) => !folderOf(c)).map((c) => c.join(' '))).toEqual([]);
    // An entry that no cycle needs any more fails too, so that the list only shrinks.
    expect([...new Set(found.map(folderOf))].sort()).toEqual(Object.keys(ALLOWED_CYCLES).sort());
  });
});

describe('the import scanner', () => {
  it('finds static, type-only, re-exported, side-effect and dynamic imports, and only those', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      'import {',
      '  c,',
      '  type D,',
      "} from './c.js';",
      "export type * from './e.js';",
      "export { f } from './f.js';",
      "import './g.js';",
      "import { h } from 'node:fs';",
      '/**',
      " * import { x } from './not-an-import.js';",
      " * await import('./nor-this.js');",
      ' */',
      "// const m = await import('./comment.js');",
      "const i = await import('./i.js');",
      "const s = 'import nothing from this string';",
    ].join('\n');
    expect(importsOf(source)).toEqual([
      { specifier: './a.js', line: 1, typeOnly: false },
      { specifier: '../b.js', line: 2, typeOnly: true },
      { specifier: './c.js', line: 3, typeOnly: false },
      { specifier: './e.js', line: 7, typeOnly: true },
      { specifier: './f.js', line: 8, typeOnly: false },
      { specifier: './g.js', line: 9, typeOnly: false },
      { specifier: './i.js', line: 16, typeOnly: false },
    ]);
  });

  it('finds a cycle and leaves a chain alone', () => {
    const edge = (to: string) => ({ to, line: 1, typeOnly: false });
    const graph = new Map([
      ['a', [edge('b')]],
      ['b', [edge('c')]],
      ['c', [edge('a'), edge('d')]],
      ['d', [edge('e')]],
      ['e', []],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
  });
});
