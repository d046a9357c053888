/**
 * The package as the registry will show it: metadata, the README's links from the registry page,
 * what the tarball holds and weighs, and the Node.js versions rolemark says it supports.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webAddress } from '../src/workflow/package.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const readme = readFileSync('README.md', 'utf8');
// The address is package.json's own; test/links.test.ts holds every other link to it.
const REPO = webAddress(pkg.repository);
const OWNER_NAME = REPO.replace('https://github.com/', '');

describe('the package', () => {
  it('has a licence file and the registry page fields', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/^MIT License\n/u);
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPO}.git` });
    expect(pkg.homepage).toBe(`${REPO}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPO}/issues` });
  });

  it('README links and images work from the registry page: absolute, to files that exist', () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)|src="([^"]+)"/gu)].map((m) => m[1] ?? m[2] ?? '');
    expect(links.length).toBeGreaterThan(15);
    const slugs = new Set(
      [...readme.matchAll(/^#+ (.+)$/gmu)].map((m) =>
        (m[1] ?? '')
          .toLowerCase()
          .replace(/[^\w\- ]/gu, '')
          .replaceAll(' ', '-'),
      ),
    );
    for (const link of links) {
      if (link.startsWith('#')) {
        expect(slugs, link).toContain(link.slice(1));
        continue;
      }
      expect(link, 'a relative link breaks on the registry page').toMatch(/^https:\/\//u);
      const ours = new RegExp(
        `^https://(?:github\\.com/${OWNER_NAME}/blob|raw\\.githubusercontent\\.com/${OWNER_NAME})/main/([^#]+)`,
        'u',
      ).exec(link);
      if (ours?.[1]) expect(existsSync(ours[1]), link).toBe(true);
    }
  });

  it('packs no source maps nor code cache, and weighs what the README says', () => {
    // A code cache file, as any `rolemark build` from this checkout leaves (named by no real key).
    const cache = 'dist/bundle/code-cache/packed-test.bin';
    mkdirSync('dist/bundle/code-cache', { recursive: true });
    writeFileSync(cache, 'not a cache');
    let output: string;
    try {
      output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
    } finally {
      rmSync(cache, { force: true });
    }
    const [packed] = JSON.parse(output) as {
      size: number;
      unpackedSize: number;
      files: { path: string }[];
    }[];
    if (!packed) throw new Error('npm pack printed nothing');
    const paths = packed.files.map((f) => f.path);
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
    // Nor the V8 code cache a build writes beside the bundle (src/code-cache.ts): 4 MB, for one
    // Node version and architecture, made on the packer's machine.
    expect(paths.filter((p) => p.includes('code-cache/'))).toEqual([]);
    for (const file of [
      'LICENSE',
      'README.md',
      'package.json',
      'dist/bundle/rolemark.js',
      'dist/index.d.ts',
    ]) {
      expect(paths).toContain(file);
    }
    const stated = /about ([\d.]+) MB packed and ([\d.]+) MB unpacked/u.exec(readme);
    if (!stated) throw new Error('README does not state the packed and unpacked sizes');
    // Within a fifth: the README rounds, and the code grows a little with every change.
    expect(packed.size / 1e6 / Number(stated[1])).toBeGreaterThan(0.8);
    expect(packed.size / 1e6 / Number(stated[1])).toBeLessThan(1.2);
    expect(packed.unpackedSize / 1e6 / Number(stated[2])).toBeGreaterThan(0.8);
    expect(packed.unpackedSize / 1e6 / Number(stated[2])).toBeLessThan(1.2);
  });

  it('is tested on every Node.js line the README says it supports', () => {
    const stated = /supports the Node\.js lines ([\d, and]+) \(`engines: >=(\d+)`\)/u.exec(readme);
    if (!stated?.[1]) throw new Error('README does not state the supported Node.js lines');
    const lines = stated[1].split(/,\s*|\s+and\s+/u).map(Number);
    const ci = readFileSync('.github/workflows/ci.yml', 'utf8');
    const matrix = /node: \[([\d, ]+)\]/u.exec(ci)?.[1]?.split(',').map(Number);
    expect(matrix).toEqual(lines);
    expect(pkg.engines.node).toBe(`>=${Math.min(...lines)}`);
    expect(stated[2]).toBe(String(Math.min(...lines)));
    // .ci/run has the machine's Node, which must be one of them.
    expect(lines).toContain(Number(process.versions.node.split('.')[0]));
  });
});
