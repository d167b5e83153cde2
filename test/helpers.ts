import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../server/config.ts';
import { createContext, type AppContext } from '../server/context.ts';

/** The sample deliveries (copied from the project's shared/samples; see its README.md). */
const TEST_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SAMPLES = path.join(TEST_DIR, 'fixtures/samples');
/**
 * The EUDA/SCORE reference files may not be bundled with the project: tests that read them look
 * in ../shared/reference beside the checkout (or LAGESBILD_REFERENCE_DIR) and skip without them.
 */
export const REFERENCE_DIR = path.resolve(process.env.LAGESBILD_REFERENCE_DIR ?? path.join(TEST_DIR, '../../shared/reference'));
export const EUDA_FILES = ['euda-wastewater-2011-2022.csv', 'euda-sites.csv'] as const;
export const HAVE_EUDA = EUDA_FILES.every((f) => fs.existsSync(path.join(REFERENCE_DIR, f)));
export const EUDA_SKIP_NOTE = `EUDA reference files (${EUDA_FILES.join(', ')}) not found in ${REFERENCE_DIR}: put them there (or point LAGESBILD_REFERENCE_DIR at them) to run the tests that read them; skipped.`;
export const ADMIN = { email: 'admin@example.se', password: 'correct horse battery' };

export function tempDir(prefix = 'lagesbild-test-'): string {
  const base = path.resolve(process.cwd(), 'test/.tmp');
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, prefix));
}

/**
 * Which database the integration suite runs on: SQLite by default; PostgreSQL in the vitest project
 * `postgres` (vitest.config.ts), which exists when TEST_DATABASE_URL is set.
 */
export const ON_POSTGRES = process.env.LAGESBILD_TEST_DB === 'postgres' && !!process.env.TEST_DATABASE_URL;

let schemas = 0;
/** A schema of its own per context (test files run in parallel on one database). */
export function freshSchema(): string {
  schemas += 1;
  return `it_${process.pid}_${Date.now().toString(36)}_${schemas}`;
}

/** Environment for a context or a server process on the suite's database (empty on SQLite). */
export function databaseEnv(schema = freshSchema()): Record<string, string> {
  return ON_POSTGRES ? { DATABASE_URL: process.env.TEST_DATABASE_URL!, DATABASE_SCHEMA: schema } : {};
}

/** The environment that points a CLI or server process at the same database as `config`. */
export function sameDatabaseEnv(config: Config): Record<string, string> {
  return config.databaseUrl ? { DATABASE_URL: config.databaseUrl, ...(config.databaseSchema ? { DATABASE_SCHEMA: config.databaseSchema } : {}) } : {};
}

/** A real context on a fresh database: a SQLite file in a temp dir, or a fresh PostgreSQL schema (organisation named; pass ORGANISATION_NAME: '' for a first run). */
export async function testContext(env: Record<string, string> = {}): Promise<{ ctx: AppContext; config: Config; dir: string }> {
  const dir = tempDir();
  const config = loadConfig({
    DATA_DIR: dir, LAGESBILD_ADMIN_EMAIL: ADMIN.email, LAGESBILD_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'silent', ORGANISATION_NAME: 'Testkommun', ...databaseEnv(), ...env,
  });
  const { ctx } = await createContext(config);
  return { ctx, config, dir };
}
