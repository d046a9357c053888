// Bundles the CLI into dist/bundle/ with esbuild, for start-up time: Node resolves and compiles
// a few large files much faster than the ~300 small modules of our code and of unified, remark,
// micromark, yaml and yargs (measured in bench/results.md: `rolemark check` start-up). Code
// splitting keeps every lazily imported part (the PDF and DOCX writers, diff, import, watch…)
// in chunks of its own, loaded only when a command needs it. The writers' libraries stay
// external: pdfkit and fontkit read data files next to their own modules, and they are loaded
// only by `build`.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * The writers' libraries, loaded through the V8 code cache of src/code-cache.ts; linebreak too, so
 * that the PDF typesetter's `import` and pdfkit's `require` share one copy of it (one Unicode table
 * decoded, not two), and its table is inflated by zlib (code-cache.ts, `nativeInflate`); and fflate,
 * the DOCX writer's zip, whose CommonJS build the build thread's CommonJS file requires anyway.
 */
const CACHED = /^(pdfkit|fontkit|docx|docx\/layout|linebreak|fflate)$/;
const CODE_CACHE = fileURLToPath(new URL('../src/code-cache.ts', import.meta.url));

/**
 * `import … from 'docx'` (and pdfkit, fontkit, docx/layout) becomes a CommonJS module of the
 * bundle whose exports are `cachedRequire('docx')`: the package's CommonJS build, compiled with the
 * code cache. esbuild turns the named imports into property reads of those exports.
 */
const codeCache = {
  name: 'code-cache',
  setup(b) {
    b.onResolve({ filter: CACHED }, (args) =>
      args.namespace === 'code-cache'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'code-cache' },
    );
    b.onLoad({ filter: /.*/, namespace: 'code-cache' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(CODE_CACHE)}).cachedRequire(${JSON.stringify(args.path)});`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

/**
 * Libraries that do costly work when they are loaded (tables, patterns, `Intl.Segmenter`) and
 * whose default export, a function, only some runs call: @sindresorhus/transliterate only for a
 * name that is not ASCII (src/model/slug.ts), string-width only to format (`fmt`, `check --fix`).
 * In both bundles each is imported as a function that loads the library on its first call:
 * esbuild's `require` of a bundled ES module runs that module then, not when the bundle loads.
 * That is 30–40% of `check`'s own start-up (docs/performance.md, round four).
 */
const LAZY = /^(@sindresorhus\/transliterate|string-width)$/;

const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    b.onResolve({ filter: LAZY }, (args) =>
      args.namespace === 'lazy' ? undefined : { path: args.path, namespace: 'lazy' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: `export default (...args) => require(${JSON.stringify(args.path)}).default(...args);`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

/**
 * yargs looks for its host's package.json (for its version and a "yargs" parser setting) from
 * the folder before `node_modules` in its own path, and from the current folder when there is
 * none, as in the bundle: every command listed the current folder and each of its parents until
 * one had a package.json (in /tmp on a shared machine, 53,000 entries: ~0.1 s of the main thread
 * before a build's job could be sent; docs/performance.md, round seven), and a content folder's
 * package.json could set rolemark's parser. In the bundle it starts from the bundle's own folder
 * instead, and finds rolemark's package.json.
 */
const YARGS_SHIM = /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/;
const MAIN_FILENAME = "__dirname.substring(0, __dirname.lastIndexOf('node_modules'))";
const yargsFromBundle = {
  name: 'yargs-from-bundle',
  setup(b) {
    b.onLoad({ filter: YARGS_SHIM }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(MAIN_FILENAME)) throw new Error(`${args.path}: yargs' mainFilename not found`);
      return { contents: text.replace(MAIN_FILENAME, '__dirname'), loader: 'js' };
    });
  },
};

/** Left out of every bundle: loaded from node_modules by the commands that need them. */
const EXTERNAL = [
  'pdfkit',
  'fontkit',
  'docx',
  'docx/*',
  'linebreak',
  'bidi-js',
  'dejavu-fonts-ttf',
  'fflate',
  'mammoth',
  'read-excel-file',
  'read-excel-file/*',
];

/**
 * `rolemark check`'s path (src/cli/check-fast.ts: the reader, the rules, the reporters) once more,
 * as one CommonJS file, `chunks/check.cjs`, which bin.ts loads through the V8 code cache of
 * src/code-cache.ts. Node 20 caches the compilation of scripts, not of ES modules: compiling the
 * ESM chunks was about a tenth of `check` (docs/performance.md, round three). The file sits among
 * the chunks, so that the paths it works out from its own location (`import.meta.url`, given to it
 * by the banner) are the chunks' own.
 */
async function bundleCheck(outdir) {
  await bundleScript('src/cli/check-fast.ts', `${outdir}/chunks/check.cjs`, [lazyModules]);
}

/**
 * The build's thread (src/cli/build-worker.ts) the same way, `chunks/build-worker.cjs`, which its
 * entry, `chunks/build-worker.js` (src/cli/build-worker-entry.ts), loads through the code cache:
 * compiling its ES chunks was 0.1 s or more of every cold build's thread (docs/performance.md,
 * round six). Its dynamic imports (the API, the writers) are in the file, each run when imported.
 */
async function bundleBuildWorker(outdir) {
  await bundleScript('src/cli/build-worker.ts', `${outdir}/chunks/build-worker.cjs`, [
    codeCache,
    lazyModules,
  ]);
}

/** One CommonJS file of `entry` and all it imports, for the code cache (see above). */
async function bundleScript(entry, outfile, plugins) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    legalComments: 'linked',
    sourcemap: 'linked',
    external: EXTERNAL,
    define: { 'import.meta.url': '__rolemarkImportMetaUrl' },
    banner: { js: "var __rolemarkImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins,
    logLevel: 'warning',
  });
}

/** Bundles into `outdir`; the workers are entries of their own, beside the chunks that load them. */
export async function bundle(outdir = 'dist/bundle') {
  // Chunks of an earlier bundle, and its code cache, would only be stale.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: {
      rolemark: 'src/bin.ts',
      'chunks/render-thread': 'src/workflow/render-thread.ts',
      'chunks/build-worker': 'src/cli/build-worker-entry.ts',
    },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'linked',
    sourcemap: 'linked',
    // The readers of `import` (mammoth, read-excel-file) are large and loaded by that command only:
    // they stay in node_modules rather than be copied into the package's bundle.
    external: EXTERNAL,
    // Some dependencies are CommonJS and call `require`; give the ESM bundle one.
    banner: {
      js: "import { createRequire as __rolemarkCreateRequire } from 'node:module'; const require = __rolemarkCreateRequire(import.meta.url);",
    },
    plugins: [codeCache, lazyModules, yargsFromBundle],
    logLevel: 'warning',
  });
  await bundleCheck(outdir);
  await bundleBuildWorker(outdir);
  writeFingerprint(outdir);
}

/**
 * The code fingerprint of the bundle, part of every build cache key, written once here instead of
 * worked out by every build: src/workflow/cache.ts, `hashCode`, which this follows (package.json,
 * then each .js, .cjs, .ts and .json file by path; test/build-threads.e2e.test.ts compares the two).
 */
function writeFingerprint(outdir) {
  const root = resolve(outdir);
  const hash = createHash('sha256');
  hash.update(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url))));
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        // Not the caches runs keep beside the bundle (compiled code, shaped words: JSON files).
        if (!(dir === root && entry.name === 'code-cache')) walk(path);
      } else if (/\.(c?js|ts|json)$/u.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  walk(root);
  files.sort();
  for (const file of files) hash.update(file.slice(root.length)).update(readFileSync(file));
  writeFileSync(join(root, 'code-fingerprint.txt'), `${hash.digest('hex')}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await bundle(process.argv[2]);
