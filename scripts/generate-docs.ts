/**
 * The files generated from the rule metadata: docs/rules.md and the JSON Schemas in schema/.
 * `npm run docs:rules` writes them; test/rules/generated.test.ts fails when one is stale.
 */
import { configSchema, frontmatterSchema } from '../src/config/schema.js';
import { rulesDocument } from '../src/rules/docs.js';
import { rules } from '../src/rules/index.js';
import { themeSchema } from '../src/templates/theme-schema.js';
import { readFixtures } from './rule-fixtures.js';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Generated files by path, relative to the repository root (which `root` is). */
export function generatedFiles(root = '.'): Record<string, string> {
  const fixtures = readFixtures(`${root}/test/fixtures/rules`);
  // The docs show fixtures by their path in the repository, whatever `root` is.
  for (const list of fixtures.values()) for (const f of list) f.path = f.path.replace(`${root}/`, '');
  return {
    'docs/rules.md': rulesDocument(rules, fixtures),
    'schema/config.schema.json': json(configSchema()),
    'schema/frontmatter.schema.json': json(frontmatterSchema()),
    'schema/theme.schema.json': json(themeSchema()),
  };
}
