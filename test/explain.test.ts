import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainModel } from '../src/cli/explain-model.js';
import { loadSources } from '../src/read/load.js';
import { cli } from './cli-helpers.js';

/**
 * `rolemark explain` prints, block by block, how the reader took each file. A shape fixture
 * (test/fixtures/shapes/<name>/) with an `explain.txt` holds its exact expected explanation, paths
 * relative to the folder; `UPDATE_GOLDEN=1` rewrites them after a deliberate change (then review).
 */
const ROOT = 'test/fixtures/shapes';

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}

const explained = readdirSync(ROOT)
  .filter((name) => existsSync(join(ROOT, name, 'explain.txt')))
  .sort();

describe('rolemark explain: each fixture with an explain.txt explains exactly that', () => {
  it('has explained fixtures', () => {
    expect(explained.length).toBeGreaterThanOrEqual(6);
  });

  it.each(explained)('%s', (fixture) => {
    const dir = join(ROOT, fixture);
    const model = loadSources(
      markdownFiles(dir).map((path) => ({
        file: relative(dir, path).split(sep).join('/'),
        text: readFileSync(path, 'utf8'),
      })),
    );
    const actual = explainModel(model);
    const path = join(dir, 'explain.txt');
    if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
    expect(actual).toBe(readFileSync(path, 'utf8'));
  });
});

describe('the explain command', () => {
  const file = join(ROOT, 'explain-mixed', 'handbook.md');

  it('prints one line per block, with the block position, and exits 0 even on a chart not read', async () => {
    const { code, stdout, stderr } = await cli('explain', file);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      `${file} (RASCI)`,
      '  1:1 frontmatter → metadata (scheme: RASCI)',
      '  11:1 list → roles (Platform Lead, Site Reliability Engineer, Developer)',
    ]);
    expect(stdout).toContain(
      '  25:1 table → matrix, roles as columns (PL = Platform Lead, SRE = Site Reliability Engineer, Dev = Developer), 3 activities in 2 groups, 9 assignments, Notes kept as metadata\n',
    );
    expect(stdout).toContain('  40:1 table → NOT READ: no cell holds a code of RASCI');
  });

  it('check --explain prints the same explanation before the report, with check’s exit code', async () => {
    const explain = await cli('explain', file);
    const { code, stdout } = await cli('check', '--explain', '--reporter', 'plain', '--no-color', file);
    expect(code).toBe(1);
    expect(stdout.startsWith(`${explain.stdout}\n`)).toBe(true);
    expect(stdout).toContain(`${file}:40:1  error  Unexpected table that looks like a responsibility chart`);
  });

  it('check --explain --reporter json keeps stdout JSON: the explanation goes to stderr', async () => {
    const { stdout, stderr } = await cli('check', '--explain', '--reporter', 'json', file);
    expect(() => JSON.parse(stdout)).not.toThrow();
    expect(stderr).toContain(`${file} (RASCI)\n  1:1 frontmatter → metadata (scheme: RASCI)\n`);
  });

  it('explain of a path that does not exist is a usage error (exit 2), not a stack trace', async () => {
    const { code, stdout, stderr } = await cli('explain', 'no/such/file.md');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^rolemark: .*no\/such\/file\.md/u);
  });

  it('explain -o writes the explanation to a file instead of stdout', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const out = join(mkdtempSync(join(tmpdir(), 'rolemark-explain-')), 'explain.txt');
    const printed = await cli('explain', file);
    const { code, stdout } = await cli('explain', file, '-o', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
  });

  it('check without --explain prints no explanation', async () => {
    const { stdout } = await cli('check', '--reporter', 'plain', file);
    expect(stdout).not.toContain('→');
  });
});
