import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as rolemark from '../src/index.js';
import { tempDir } from './helpers.js';

describe('library API', () => {
  it('does what the README shows: load, check, compose, render, build', async () => {
    const { load, check, compose, render, build } = rolemark;
    const model = await load(['content']);
    expect(check(model).filter((d) => d.severity === 'error')).toEqual([]);
    const ir = compose(model, { role: 'product-owner' });
    expect(ir.kind).toBe('role-charter');
    const pdf = await render(ir, 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const out = join(tempDir(), 'out');
    const progress: rolemark.BuildProgress[] = [];
    const result = await build(['content'], { out, formats: ['md'], onProgress: (e) => progress.push(e) });
    expect(result.ok).toBe(true);
    expect(progress.map((e) => e.type)).toEqual(['plan', 'output']);
  });

  it('exposes everything the CLI does: diff, CSV, import, init, watch, shards', () => {
    for (const name of [
      'diff',
      'diffVersions',
      'formatDiff',
      'hasChanges',
      'renderCsv',
      'importFile',
      'importTable',
      'parseCsv',
      'readXlsx',
      'init',
      'watch',
      'parseShard',
      'planOutputs',
      'buildModel',
    ] as const) {
      expect(typeof (rolemark as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('ships type declarations that a TypeScript project can use on their own', () => {
    // The package as `npm pack` ships it: `prepare` compiles it on `npm ci`; compile it again
    // only when a source file is newer than its declarations.
    const tsc = resolve('node_modules/typescript/bin/tsc');
    if (isStale('dist/index.d.ts', 'src')) {
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'ignore' });
    }
    expect(existsSync('dist/index.d.ts')).toBe(true);
    const dir = tempDir();
    // The package as npm installs it: its package.json, `exports` and `types` are what resolve.
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(resolve('.'), join(dir, 'node_modules', 'rolemark'), 'dir');
    writeFileSync(
      join(dir, 'use.ts'),
      [
        "import { load, check, compose, render, build, diffVersions, formatDiff, type Model, type ModelDiff } from 'rolemark';",
        'export async function main(): Promise<number> {',
        "  const model: Model = await load(['content']);",
        "  const errors = check(model).filter((d) => d.severity === 'error');",
        "  const pdf: Buffer = await render(compose(model, { document: 'x' }), 'pdf');",
        "  const r = await build(['content'], { out: 'out', force: true, shard: { index: 1, count: 2 } });",
        "  const d: ModelDiff = (await diffVersions('HEAD~1')).diff;",
        "  return errors.length + pdf.length + r.rendered.length + formatDiff(d, 'md').length;",
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2023',
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [resolve('node_modules/@types')],
        },
        files: ['use.ts'],
      }),
    );
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
    expect(readFileSync(join(dir, 'use.ts'), 'utf8')).toContain("from 'rolemark'");
  });
});

/** Whether `output` is missing or older than any file under `sources`. */
function isStale(output: string, sources: string): boolean {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? newer(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs > built,
    );
  return newer(sources);
}
