// Writes docs/rules.md and schema/*.json from the compiled rule metadata (run `npm run docs:rules`,
// which compiles first). A test fails when the committed files differ from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const { generatedFiles } = await import('../dist/rules/generate.js');
for (const [path, text] of Object.entries(generatedFiles('.'))) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
