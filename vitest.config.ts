import { configDefaults, defineConfig } from 'vitest/config';

// Files that replace a module with vi.mock, or reset the registry, need a fresh module registry;
// every other file shares its worker's modules (isolate: false), which halves the suite's time
// (124 s → 66 s on 2 cores): most of the time was each file compiling the same source graph again.
const needsIsolation = [
  'test/hostile-fs-errors.test.ts',
  'test/early-render-guess.test.ts',
  'test/pdf-warm-fonts.test.ts',
  'test/docx-format-once.test.ts',
  'test/docx-pass-over.test.ts',
  'test/docx-layout-lazy.test.ts',
  'test/shaping-cache.test.ts',
];

export default defineConfig({
  test: {
    // End-to-end tests (LibreOffice conversions, child processes on 20 MB inputs, worker pools on
    // a large chart) run with `npm run test:e2e` and in CI, so that `npm test` stays under 2 min.
    exclude: [...configDefaults.exclude, 'test/**/*.e2e.test.ts'],
    // Render tests spawn qpdf, pdftotext and LibreOffice; give them room on a small machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two workers on the 2-core machines CI and we use: vitest's default (cores − 1) ran one file at
    // a time, 193 s for the suite; two take 117 s, most tests wait on child processes anyway.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/**/*.e2e.test.ts', ...needsIsolation],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: needsIsolation, isolate: true } },
    ],
  },
});
