import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderKey } from '../src/build.js';
import { compose, load } from '../src/index.js';

/**
 * The built-in team-charter and role-charter templates compose exactly the IR the hand-written
 * composers made before templates existed: these golden files were written by that code, and
 * since then only `labels` changed (every IR now carries the words the writers print: rolesOf,
 * notes, total, role, continued, noteOn, colon) and the role charters list each activity once, under the heading
 * of all its codes ("Owns and does" for A/R). The theme is left out here (templates-theme.test.ts),
 * and so are the nodes' source positions, as the build's cache key leaves them out (test/ir-sources.test.ts).
 */
function golden(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('built-in charters compose the same IR as before templates', async () => {
  const model = await load(['content']);
  for (const doc of model.documents) {
    it(`team-charter of ${doc.id}`, () => {
      const { theme: _, ...ir } = compose(model, { document: doc.id });
      golden(`test/golden/ir/team-charter.${doc.id}.json`, JSON.stringify(ir, renderKey, 1));
    });
  }
  for (const role of model.roles) {
    it(`role-charter of ${role.id}`, () => {
      const { theme: _, ...ir } = compose(model, { role: role.id });
      golden(`test/golden/ir/role-charter.${role.id}.json`, JSON.stringify(ir, renderKey, 1));
    });
  }
});
