import { defineConfig } from 'vitest/config';

const common = { testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks' as const };

/**
 * `npm test` runs everything on SQLite. With TEST_DATABASE_URL set (scripts/pg-test-cluster.sh
 * start), a second project runs the integration suite again on PostgreSQL (test/helpers.ts gives
 * each context a fresh schema). Tests of SQLite's own file (crash, backup) stay SQLite-only.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { ...common, name: 'sqlite', include: ['test/**/*.test.ts'] } },
      ...(process.env.TEST_DATABASE_URL
        ? [{
          test: {
            ...common, name: 'postgres', include: ['test/integration/*.test.ts'], exclude: ['test/integration/crash.test.ts'],
            env: { LAGESBILD_TEST_DB: 'postgres' },
          },
        }]
        : []),
    ],
  },
});
