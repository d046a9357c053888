// Bundles the CLI into dist/bundle/ with esbuild, for start-up time: Node resolves and compiles
// a few large files much faster than the ~300 small modules of our code and of unified, remark,
// micromark, yaml and yargs (measured in bench/results.md: `rolemark check` start-up). Code
// splitting keeps every lazily imported part (the PDF and DOCX writers, diff, import, watch…)
// in chunks of its own, loaded only when a command needs it. The writers' libraries stay
// external: pdfkit and fontkit read data files next to their own modules, and they are loaded
// only by `build`.

import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Bundles into `outdir`; the worker is an entry of its own, beside the chunks that load it. */
export async function bundle(outdir = 'dist/bundle') {
  await build({
    entryPoints: { rolemark: 'src/bin.ts', 'chunks/render-worker': 'src/render/render-worker.ts' },
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
    external: [
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
    ],
    // Some dependencies are CommonJS and call `require`; give the ESM bundle one.
    banner: {
      js: "import { createRequire as __rolemarkCreateRequire } from 'node:module'; const require = __rolemarkCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await bundle(process.argv[2]);
