import { describe, expect, it } from 'vitest';
import { cycles, importGraph, importsOf, runtimeGraph } from './import-graph.js';

/**
 * The layer rules of docs/architecture.md, over the import graph of src/: an import may only
 * point down (or stay in its layer), and no files import each other in a circle. A file's layer
 * is its folder under src/ (or its name, for a file directly in src/).
 */
const LAYERS: readonly (readonly string[])[] = [
  ['errors', 'model', 'thread-state'], // what every layer shares: types, errors, state one per thread
  ['read', 'import'], // Markdown → Model; other formats (CSV, XLSX, DOCX) → Markdown
  ['rules'], // pure checks over the Model
  ['config'], // settings, validated against the rule registry
  ['ir', 'lang'], // the document IR: what every writer renders; the words documents print, per language
  ['templates'], // template and theme files and their parsing
  ['compose'], // the composer: Model + template → IR (the matrix, role blocks, directives)
  ['render', 'export'], // render/: writers, IR → PDF, DOCX; export/: serialisers, Model → md, json, csv
  ['build', 'workflow', 'outputs', 'output-paths', 'output-names', 'code-cache', 'diff'], // whole runs
  ['index', 'lint', 'options'], // the public API (lint.ts: its reading and checking half; options.ts: resolveOptions)
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
const ALLOWED_UPWARD: Record<string, string> = {};

/**
 * Cycles through `import type` only (erased when compiled), each named by the folder it stays in
 * (a helper added there joins it without a new entry), with why it is still there.
 */
const ALLOWED_CYCLES: Record<string, string> = {};

const graph = importGraph('src');

/**
 * What the CLI (src/cli) may import from the rest of src/: the public API — `index.ts`, and
 * `lint.ts`, its reading and checking half (`rolemark/lint`, which also carries `resolveOptions`
 * of `options.ts`) — and these modules, each with why it is not reached through the API. Every
 * command goes through the API for reading, checking, formatting, composing and building (issue
 * 17: the CLI imported 33 internal modules before).
 */
const CLI_MAY_IMPORT: Record<string, string> = {
  'src/index.ts': 'the public API',
  'src/lint.ts': 'the public API, reading and checking half (rolemark/lint): check, explain, fmt, rules',
  'src/errors.ts':
    'RolemarkError, which the API exports too; imported on its own so that a command loads nothing else before it needs it',
  'src/model/did-you-mean.ts':
    "the one did-you-mean, for yargs' unknown options when the command line is parsed: loading the API for it would slow every command's start",
  'src/workflow/package.ts': '`--version` and the SARIF report: the package metadata, not a library function',
  'src/render/formats.ts':
    "`build --format`'s choices, needed when yargs lays out the options of every command: index.ts would load the composer at start-up",
  'src/rules/diagnostic.ts':
    'diagnosticJson, the one JSON shape of a diagnostic, for the json reporter that every command loads with main.ts',
  'src/outputs.ts':
    "the build's main thread only answers signals (build-thread.ts): it checks the output folder (preflightOutput) and removes a stopped build's staging folder (abandonOutput) without loading the reader and writers, which the build's thread loads",
  'src/output-names.ts':
    "the names written differently in file names, printed after a build by the main thread, which never loads the API's reader and writers (as above)",
  'src/workflow/early-render.ts':
    "the build thread starts the render worker as soon as it has its job, before it has loaded the API (docs/performance.md, round four): loading index.ts first would put the reader's loading before it",
  'src/code-cache.ts':
    "the build worker's V8 code cache, written when its thread ends: start-up machinery, not the API",
  'src/options.ts':
    "the configuration and a command's options (`loadConfig`, `resolveOptions`), which every command reads first: through lint.ts they loaded the reader and the formatter too, which `build`'s main thread never runs (docs/performance.md, round six)",
  'src/read/files.ts':
    '`findInputs`, the files a command reads, for the same reason: the main thread of `build` lists them and never parses them',
  'src/workflow/safe-write.ts':
    '`import` writes the Markdown it made where --out says, never through a link: the CLI writes files, the API returns them',
};

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

describe('architecture: the CLI is built on the public API', () => {
  it('imports from the rest of src/ only the API and the named modules', () => {
    const used = new Set<string>();
    for (const [from, edges] of graph) {
      if (!from.startsWith('src/cli/')) continue;
      for (const { to } of edges) if (!to.startsWith('src/cli/')) used.add(to);
    }
    // A module not in the list fails; an entry the CLI no longer needs fails too (it only shrinks).
    expect([...used].sort()).toEqual(Object.keys(CLI_MAY_IMPORT).sort());
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
