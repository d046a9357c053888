import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionLines, linesThatRan } from '../coverage-sources.js';
import { tempDir } from '../helpers.js';

/**
 * `rolemark check` must start fast: it must not load pdfkit, docx or fontkit. This compiles the
 * CLI, runs it under a module loader hook that records every module URL Node resolves, and looks
 * at the list. A control run proves that the hook does see those packages when they are loaded.
 */
const ROOT = resolve('.');
// Inside the repository, so that the compiled files find node_modules.
const DIST = join(ROOT, 'node_modules', '.cache', 'rolemark-no-writers');
const HOOKS = tempDir('rolemark-hooks-');

function loaded(args: string[], cwd = ROOT): string[] {
  const record = join(HOOKS, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(record, '');
  execFileSync(
    process.execPath,
    ['--require', join(HOOKS, 'require.cjs'), '--import', join(HOOKS, 'register.mjs'), ...args],
    {
      cwd,
      env: { ...process.env, ROLEMARK_LOADED: record, NO_COLOR: '1' },
      encoding: 'utf8',
    },
  );
  return readFileSync(record, 'utf8').split('\n').filter(Boolean);
}

const WRITERS = /\/node_modules\/(pdfkit|docx|fontkit|@foliojs-fork)\/|\/render\/(pdf|docx)\//;

describe('rolemark check loads no PDF or DOCX code', () => {
  beforeAll(() => {
    rmSync(DIST, { recursive: true, force: true });
    mkdirSync(DIST, { recursive: true });
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', DIST],
      { cwd: ROOT },
    );
    writeFileSync(
      join(HOOKS, 'register.mjs'),
      "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n",
    );
    // require() (the bundle's check.cjs, and what it requires) is not seen by the loader hook.
    writeFileSync(
      join(HOOKS, 'require.cjs'),
      [
        "const Module = require('node:module');",
        "const { appendFileSync } = require('node:fs');",
        "const { pathToFileURL } = require('node:url');",
        'const resolve = Module._resolveFilename;',
        'Module._resolveFilename = function (...args) {',
        '  const file = resolve.apply(this, args);',
        "  if (!file.startsWith('node:') && !Module.isBuiltin(file)) appendFileSync(process.env.ROLEMARK_LOADED, pathToFileURL(file).href + '\\n');",
        '  return file;',
        '};',
      ].join('\n'),
    );
    writeFileSync(
      join(HOOKS, 'hooks.mjs'),
      [
        "import { appendFileSync } from 'node:fs';",
        'export async function resolve(specifier, context, next) {',
        '  const result = await next(specifier, context);',
        "  appendFileSync(process.env.ROLEMARK_LOADED, result.url + '\\n');",
        '  return result;',
        '}',
      ].join('\n'),
    );
  }, 120_000);

  it('check content/ resolves the reader and the rules, and none of the writers', () => {
    const urls = loaded([join(DIST, 'bin.js'), 'check', 'content', '--reporter', 'json']);
    // The hook saw the run: the reader's and the rules' modules are there.
    expect(urls.some((u) => u.includes('/node_modules/unified/'))).toBe(true);
    expect(urls.some((u) => u.endsWith('/rules/engine.js'))).toBe(true);
    expect(urls.filter((u) => WRITERS.test(u))).toEqual([]);
  });

  it('explain content/ resolves the reader, and none of the writers', () => {
    const urls = loaded([join(DIST, 'bin.js'), 'explain', 'content']);
    expect(urls.some((u) => u.endsWith('/read/load.js'))).toBe(true);
    expect(urls.some((u) => u.endsWith('/cli/commands/explain.js'))).toBe(true);
    expect(urls.filter((u) => WRITERS.test(u))).toEqual([]);
  });

  it('the bundled CLI (the installed `rolemark`) loads none of the writers for check either', async () => {
    const { bundle } = (await import(join(ROOT, 'scripts', 'bundle.mjs'))) as {
      bundle: (outdir: string) => Promise<void>;
    };
    const outdir = join(ROOT, 'node_modules', '.cache', 'rolemark-no-writers-bundle');
    rmSync(outdir, { recursive: true, force: true });
    await bundle(outdir);
    const urls = loaded([join(outdir, 'rolemark.js'), 'check', 'content', '--reporter', 'json']);
    expect(urls.some((u) => u.includes('/rolemark-no-writers-bundle/chunks/'))).toBe(true);
    // check runs from the CommonJS bundle of its path (scripts/bundle.mjs), not the ES chunks.
    expect(urls.some((u) => u.endsWith('/rolemark-no-writers-bundle/chunks/check.cjs'))).toBe(true);
    expect(urls.filter((u) => /\/chunks\/(check-fast|lint)-/.test(u))).toEqual([]);
    expect(
      urls.filter((u) => WRITERS.test(u) || /\/chunks\/(pdf|docx|render-worker|render-thread)[-.]/.test(u)),
    ).toEqual([]);
  }, 60_000);

  it('the bundled check (chunks/check.cjs) reports what the modules report, HTML tables and explanations included', () => {
    const outdir = join(ROOT, 'node_modules', '.cache', 'rolemark-no-writers-bundle');
    const cli = (bin: string, args: string[]) => {
      try {
        return execFileSync(process.execPath, [bin, 'check', ...args], {
          cwd: ROOT,
          env: { ...process.env, NO_COLOR: '1', ROLEMARK_CODE_CACHE: tempDir('rolemark-check-cache-') },
          encoding: 'utf8',
        });
      } catch (error) {
        const e = error as { status: number; stdout: string; stderr: string };
        return `exit ${e.status}\n${e.stdout}${e.stderr}`;
      }
    };
    const outputs = [
      ['content', '--reporter', 'json'],
      ['test/fixtures/shapes/html-table-groups', '--explain'],
      ['test/fixtures/shapes/messy-data'],
      ['test/fixtures/shapes/legend-ja', '--reporter', 'sarif'],
      ['no-such-folder'],
    ].map((args) => {
      const bundled = cli(join(outdir, 'rolemark.js'), args);
      expect(bundled).toBe(cli(join(DIST, 'bin.js'), args));
      return bundled;
    });
    // Five different reports: diagnostics, explanations, SARIF and an error were all compared.
    expect(new Set(outputs).size).toBe(5);
  }, 60_000);

  it('the bundled check does not run transliterate, string-width or literal autolinks for plain charts (start-up)', async () => {
    // Their set-up when loaded was a third of check's own start-up (docs/performance.md, round
    // four); the bundle loads them on first use (scripts/bundle.mjs), and plain names do not use
    // transliterate (src/model/slug.ts). Literal autolinks were a quarter of parsing, and text
    // without `@`, `&`, `www.` or `://` has none (src/read/markdown.ts). Bundled modules are
    // inlined: V8's coverage shows what ran.
    const outdir = join(ROOT, 'node_modules', '.cache', 'rolemark-no-writers-bundle');
    if (!existsSync(join(outdir, 'chunks', 'check.cjs'))) {
      const { bundle } = (await import(join(ROOT, 'scripts', 'bundle.mjs'))) as {
        bundle: (outdir: string) => Promise<void>;
      };
      await bundle(outdir);
    }
    const ran = (folder: string) => {
      const coverage = tempDir('rolemark-check-coverage-');
      execFileSync(process.execPath, [join(outdir, 'rolemark.js'), 'check', folder, '--reporter', 'json'], {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_V8_COVERAGE: coverage,
          ROLEMARK_CODE_CACHE: tempDir('rolemark-check-cache-'),
        },
        encoding: 'utf8',
      });
      return linesThatRan(coverage, join(outdir, 'chunks', 'check.cjs'));
    };
    // remark-gfm's walk of the whole tree for addresses in the text, after parsing.
    const transform = join(ROOT, 'node_modules/mdast-util-gfm-autolink-literal/lib/index.js');
    const walk = functionLines(transform, 'transformGfmAutolinkLiterals');
    const walked = (lines: Map<string, Set<number>>) => walk.filter((l) => lines.get(transform)?.has(l));
    const lazy =
      /node_modules\/(@sindresorhus\/transliterate|string-width|get-east-asian-width|strip-ansi)\//;
    // content/ has an en dash in an activity's name: punctuation, which needs no transliteration.
    const plainLines = ran('content');
    const plain = [...plainLines.keys()];
    expect(plain).toContain(join(ROOT, 'node_modules/micromark/lib/create-tokenizer.js'));
    expect(plain).toContain(join(ROOT, 'src/model/slug.ts'));
    expect(plain.filter((s) => lazy.test(s))).toEqual([]);
    expect(walked(plainLines)).toEqual([]);
    expect(plain).toContain(join(ROOT, 'node_modules/micromark-extension-gfm-table/lib/syntax.js'));
    // Control: a name transliterate is needed for loads it, and the coverage shows it.
    const roads = tempDir('rolemark-roads-');
    writeFileSync(
      join(roads, 'roads.md'),
      '# Roads\n\nSee www.example.org.\n\n| Activity | Straßenbauleiterin | Team |\n|---|---|---|\n| Plan the works | A/R | C |\n',
    );
    const roadsLines = ran(roads);
    expect(walked(roadsLines).length).toBeGreaterThan(3);
    const loaded = [...roadsLines.keys()].filter((s) => lazy.test(s));
    expect(loaded).toContain(join(ROOT, 'node_modules/@sindresorhus/transliterate/index.js'));
    expect(loaded.filter((s) => !s.includes('/@sindresorhus/transliterate/'))).toEqual([]);
  }, 60_000);

  it('the main bundle loads transliterate and string-width on first use too: not for `explain` of a plain chart, yes for `fmt`', async () => {
    // scripts/bundle.mjs gives both bundles the lazy-modules plugin; `explain`, `build` and `fmt`
    // start from the main bundle (rolemark.js and its chunks).
    const outdir = join(ROOT, 'node_modules', '.cache', 'rolemark-no-writers-bundle');
    if (!existsSync(join(outdir, 'chunks', 'check.cjs'))) {
      const { bundle } = (await import(join(ROOT, 'scripts', 'bundle.mjs'))) as {
        bundle: (outdir: string) => Promise<void>;
      };
      await bundle(outdir);
    }
    const lazy = /node_modules\/(@sindresorhus\/transliterate|string-width|get-east-asian-width)\//;
    const ran = (args: string[]) => {
      const coverage = tempDir('rolemark-main-coverage-');
      execFileSync(process.execPath, [join(outdir, 'rolemark.js'), ...args], {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_V8_COVERAGE: coverage,
          ROLEMARK_CODE_CACHE: tempDir('rolemark-main-cache-'),
        },
        encoding: 'utf8',
      });
      const files = [
        join(outdir, 'rolemark.js'),
        ...readdirSync(join(outdir, 'chunks'))
          .filter((f) => f.endsWith('.js'))
          .map((f) => join(outdir, 'chunks', f)),
      ];
      // A chunk the command never loaded has no coverage at all.
      const ranIn = (f: string) => {
        try {
          return [...linesThatRan(coverage, f).keys()];
        } catch {
          return [];
        }
      };
      return new Set(files.flatMap(ranIn));
    };
    const explained = [...ran(['explain', 'content'])];
    expect(explained).toContain(join(ROOT, 'src/model/slug.ts'));
    expect(explained.filter((s) => lazy.test(s))).toEqual([]);
    // Control: formatting a table measures its cells' widths with string-width.
    const dir = tempDir('rolemark-fmt-lazy-');
    writeFileSync(join(dir, 'team.md'), '# Team\n\n| Activity | Dev 🚀 |\n|---|---|\n| Ship it | A/R |\n');
    const formatted = [...ran(['fmt', join(dir, 'team.md')])];
    expect(formatted.filter((s) => lazy.test(s)).length).toBeGreaterThan(0);
  }, 60_000);

  it('the hook does see pdfkit and docx when they are loaded (control)', () => {
    const urls = loaded(['--input-type=module', '-e', "await import('pdfkit'); await import('docx');"]);
    expect(urls.filter((u) => WRITERS.test(u)).length).toBeGreaterThanOrEqual(2);
    const required = loaded(['-e', "require('pdfkit'); require('docx');"]);
    expect(required.filter((u) => WRITERS.test(u)).length).toBeGreaterThanOrEqual(2);
  });

  it('the bundle requires the writers’ libraries only for build (CommonJS, through the code cache)', () => {
    // The bundle loads pdfkit, fontkit and docx with require() (src/code-cache.ts); every such
    // load writes a code cache, one file per CommonJS file compiled.
    const outdir = join(ROOT, 'node_modules', '.cache', 'rolemark-no-writers-bundle');
    const run = (args: string[]) => {
      const cache = tempDir('rolemark-no-writers-cache-');
      execFileSync(process.execPath, [join(outdir, 'rolemark.js'), ...args], {
        cwd: ROOT,
        env: { ...process.env, ROLEMARK_CODE_CACHE: cache, NO_COLOR: '1' },
        stdio: 'ignore',
      });
      return readdirSync(cache);
    };
    // check writes the cache of its own bundle, chunks/check.cjs, and no other.
    expect(run(['check', 'content', '--reporter', 'json'])).toHaveLength(1);
    // Control: a build does load them.
    const out = tempDir('rolemark-no-writers-out-');
    expect(run(['build', 'content', '--out', out, '-q', '--format', 'pdf']).length).toBeGreaterThan(3);
  }, 60_000);
});
