/**
 * `build --out` pointing at a folder rolemark did not write is refused before anything is planned,
 * rendered or printed (issue 15: a new user saw "Rendering 28 of 28 outputs", then, after the
 * render, the refusal). The folder and its files are left as they were.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.js';
import { tempDir } from './helpers.js';

describe('build --out a folder of other files', () => {
  it('is refused first, with nothing planned, rendered or printed', async () => {
    const dir = tempDir();
    const roles = Array.from({ length: 14 }, (_, i) => `R${i}`);
    const chart = `# Big\n\n| Activity | ${roles.join(' | ')} |\n|---|${roles.map(() => '---|').join('')}\n| Ship | A/R |${roles
      .slice(1)
      .map(() => ' C |')
      .join('')}\n`;
    mkdirSync(join(dir, 'content'));
    writeFileSync(join(dir, 'content', 'big.md'), chart);
    const docs = join(dir, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'README.md'), 'Our handbook\n');
    const r = await cli('build', join(dir, 'content'), '--out', docs);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `rolemark: Refusing to build into \`${docs}\`: it holds files rolemark did not write (it has no .rolemark-cache.json), and a build replaces the output folder whole. Choose a new or empty folder, or delete this one first.\n`,
    );
    expect(readdirSync(docs)).toEqual(['README.md']);
    expect(readFileSync(join(docs, 'README.md'), 'utf8')).toBe('Our handbook\n');
    // No staging folder was made beside it.
    expect(readdirSync(dir).sort()).toEqual(['content', 'docs']);
  });
});
