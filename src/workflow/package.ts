import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the rolemark package: the nearest folder above this module with a package.json
 * named `rolemark`. The same from `src/` (tests) and from `dist/` (the installed CLI).
 */
export const packageRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'rolemark') return dir;
    } catch {
      // No package.json here: keep climbing.
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('rolemark: cannot find its own package.json');
    dir = parent;
  }
})();

const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  version: string;
  repository?: string | { url?: string };
};

/** The version of rolemark, as in its package.json. */
export const version: string = manifest.version;

/**
 * The project's web address, from package.json's `repository` (`git+https://…/x.git` →
 * `https://…/x`): the one place it is written, so that SARIF's links follow it
 * (test/links.test.ts holds README and docs to the same address).
 */
export const repositoryUrl: string = webAddress(manifest.repository);

/** package.json's `repository` as a web address: `git+https://host/o/n.git` → `https://host/o/n`. */
export function webAddress(repository: string | { type?: string; url?: string } | undefined): string {
  const url = (typeof repository === 'string' ? repository : repository?.url) ?? '';
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/u.exec(url)?.[1];
  if (shorthand) return `https://github.com/${shorthand}`;
  return url
    .replace(/^git\+/u, '')
    .replace(/^git:\/\//u, 'https://')
    .replace(/\.git$/u, '');
}

/** The folder of the code that is running (`src` under tests, `dist` once compiled). */
export const codeRoot: string = dirname(dirname(fileURLToPath(import.meta.url)));
