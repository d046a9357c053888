import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importGraph, runtimeGraph } from './import-graph.js';

/**
 * `rolemark build`'s main thread reads the command line and the configuration, lists the inputs
 * and sends the build's thread its job (src/cli/build-thread.ts); the build's thread reads and
 * parses. Every module the main thread imports is compiled there, from its ES chunk, before the
 * job is sent (Node 20 has no code cache for ES modules): through `rolemark/lint` (src/lint.ts) it
 * compiled the reader, micromark and the Markdown formatter, twice the code it runs
 * (docs/performance.md, round six). These are the modules it imports for that, and what they load.
 */
const graph = runtimeGraph(importGraph('src'));

/** The files `file` imports with a static `import` (loaded with it), not `import()`. */
function staticImports(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  return (graph.get(file) ?? [])
    .filter((edge) => !/\bimport\(/u.test(lines[edge.line - 1] ?? ''))
    .map((edge) => edge.to);
}

/** Every file loaded with `file`, itself included. */
function loadedWith(file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const to of staticImports(f)) visit(to);
  };
  visit(file);
  return seen;
}

/** What `import()` in `file` loads, on the line that holds `marker`. */
function dynamicTarget(file: string, marker: string): string | undefined {
  const lines = readFileSync(file, 'utf8').split('\n');
  return (graph.get(file) ?? []).find(
    (edge) => lines[edge.line - 1]?.includes(marker) && /\bimport\(/u.test(lines[edge.line - 1] ?? ''),
  )?.to;
}

describe('the main thread of `rolemark build`', () => {
  it('loads the configuration and the options without the reader', () => {
    const config = dynamicTarget('src/cli/options.ts', 'loadConfig');
    const inputs = dynamicTarget('src/cli/content.ts', 'findInputs');
    expect([config, inputs]).toEqual(['src/options.ts', 'src/read/files.ts']);
    const loaded = new Set([...loadedWith(config as string), ...loadedWith(inputs as string)]);
    // The control: what it does load (yaml's configuration reader, the rule registry's names).
    expect(loaded).toContain('src/config/load.ts');
    expect(loaded).toContain('src/rules/index.ts');
    for (const reader of ['src/lint.ts', 'src/read/load.ts', 'src/read/markdown.ts', 'src/workflow/fmt.ts'])
      expect(loaded.has(reader), reader).toBe(false);
  });

  it('starts the build’s thread from a module that loads nothing else of rolemark’s', () => {
    // bin.ts starts it before it loads the CLI: every module loaded first delays the thread's start.
    expect(dynamicTarget('src/bin.ts', 'prestartBuildThread')).toBe('src/cli/build-start.ts');
    expect([...loadedWith('src/cli/build-start.ts')]).toEqual(['src/cli/build-start.ts']);
  });
});
