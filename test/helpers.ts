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

/** A real context on a fresh SQLite file in a temp dir (organisation named; pass ORGANISATION_NAME: '' for a first run). */
export async function testContext(env: Record<string, string> = {}): Promise<{ ctx: AppContext; config: Config; dir: string }> {
  const dir = tempDir();
  const config = loadConfig({
    DATA_DIR: dir, LAGESBILD_ADMIN_EMAIL: ADMIN.email, LAGESBILD_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'silent', ORGANISATION_NAME: 'Testkommun', ...env,
  });
  const { ctx } = await createContext(config);
  return { ctx, config, dir };
}
