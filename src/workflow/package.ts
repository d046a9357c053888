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

/** The version of rolemark, as in its package.json. */
export const version: string = (
  JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;

/** The folder of the code that is running (`src` under tests, `dist` once compiled). */
export const codeRoot: string = dirname(dirname(fileURLToPath(import.meta.url)));
