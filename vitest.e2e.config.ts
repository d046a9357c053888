import { defineConfig } from 'vitest/config';

/** `npm run test:e2e`: the slow end-to-end tests that `npm test` leaves out (see vitest.config.ts). */
export default defineConfig({
  test: {
    include: ['test/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
