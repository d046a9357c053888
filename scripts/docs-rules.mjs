// Writes docs/rules.md and schema/*.json from the rule metadata (run `npm run docs:rules`). The
// generator is TypeScript in scripts/, not part of the package: esbuild (already used for the
// bundle) compiles it into node_modules/.cache, where the packages it imports resolve. A test
// (test/rules/generated.test.ts) fails when the committed files differ from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const outfile = resolve('node_modules/.cache/rolemark-docs/generate-docs.mjs');
await build({
  entryPoints: ['scripts/generate-docs.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile,
  logLevel: 'error',
});
const { generatedFiles } = await import(pathToFileURL(outfile).href);
for (const [path, text] of Object.entries(generatedFiles('.'))) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
