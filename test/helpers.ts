import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../server/config.ts';
import { createContext, type AppContext } from '../server/context.ts';

export const SHARED = path.resolve(process.cwd(), '../shared');
export const SAMPLES = path.join(SHARED, 'samples');
export const ADMIN = { email: 'admin@example.se', password: 'correct horse battery' };

export function tempDir(prefix = 'lagesbild-test-'): string {
  const base = path.resolve(process.cwd(), 'test/.tmp');
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, prefix));
}

/** A real context on a fresh SQLite file in a temp dir. */
export async function testContext(env: Record<string, string> = {}): Promise<{ ctx: AppContext; config: Config; dir: string }> {
  const dir = tempDir();
  const config = loadConfig({
    DATA_DIR: dir, LAGESBILD_ADMIN_EMAIL: ADMIN.email, LAGESBILD_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'silent', ...env,
  });
  const { ctx } = await createContext(config);
  return { ctx, config, dir };
}
