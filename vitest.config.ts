import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every project; `npm run test:fast` (unit + integration) is the developer's
 * loop: in-process tests only, no browser, no child processes of Node, no fuzzing. It runs two
 * workers (Vitest's default is one fewer than the cores: one here) that each load the modules once
 * (--no-isolate), where `npm test` keeps one isolated worker for its timing-sensitive suites.
 *   unit         test/unit: pure modules and small pieces with a temp database
 *   integration  test/integration: the real app in process (app.request), a temp SQLite file
 *   process      child processes of Node: real servers and CLIs (crash recovery, SIGTERM, online backup,
 *                the built server, a CLI's commit seen by a running server, the report read back with
 *                pdftotext/pdftoppm), the charts under a CSP-like flag, a fresh process's password cost
 *   e2e          Chromium through playwright-core (needs Debian's chromium)
 *   fuzz         generated and mutated import files
 *   postgres     only with TEST_DATABASE_URL (scripts/pg-test-cluster.sh start): the integration suite
 *                again on PostgreSQL, a fresh schema per test context (SQLite-file tests excluded)
 */
const PROCESS = [
  'test/integration/crash.test.ts',
  'test/integration/operations-process.test.ts',
  'test/integration/built-server.test.ts',
  'test/integration/report.test.ts',
  'test/integration/stalls-process.test.ts',
  'test/integration/data-version.test.ts',
  'test/unit/charts/csp.test.ts',
  'test/unit/auth/password-cost.test.ts',
];

/** In-process suites: new password hashes at a test cost (the file says why and where the real cost is tested). */
const CHEAP_HASHES = ['test/setup/cheap-hashes.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Transformed modules are kept on disk between runs (node_modules/.experimental-vitest-cache).
    experimental: { fsModuleCache: true },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: PROCESS, setupFiles: CHEAP_HASHES } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], exclude: PROCESS, setupFiles: CHEAP_HASHES } },
      { extends: true, test: { name: 'process', include: PROCESS } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
      { extends: true, test: { name: 'fuzz', include: ['test/fuzz/**/*.test.ts'] } },
      ...(process.env.TEST_DATABASE_URL
        ? [{
          extends: true as const,
          test: {
            name: 'postgres', include: ['test/integration/*.test.ts'],
            // SQLite's own file: crash recovery, online backup, the import connection's foreign-key check,
            // and the flow-repeat rows read back through better-sqlite3 (import-flow-repeats)
            exclude: ['test/integration/crash.test.ts', 'test/integration/operations-process.test.ts', 'test/integration/built-server.test.ts', 'test/integration/import-references.test.ts', 'test/integration/import-flow-repeats.test.ts'],
            env: { LAGESBILD_TEST_DB: 'postgres' },
            setupFiles: CHEAP_HASHES,
          },
        }]
        : []),
    ],
  },
});
