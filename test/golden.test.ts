import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.js';

/** Compares with a golden file; `UPDATE_GOLDEN=1 npm test` rewrites it after a deliberate change. */
function golden(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('golden outputs of the example content', () => {
  it('export --format json', async () => {
    const { code, stdout } = await cli('export', 'content', '--format', 'json');
    expect(code).toBe(0);
    golden('test/golden/product-roles.json', stdout);
  });

  it('export --format md', async () => {
    const { code, stdout } = await cli('export', 'content', '--format', 'md');
    expect(code).toBe(0);
    golden('test/golden/product-roles.md', stdout);
  });
});
