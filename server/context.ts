import type SQLite from 'better-sqlite3';
import type { Config } from './config.ts';
import { dbFile, migrateToLatest, openDatabase, type Db } from './db/connection.ts';
import { SerialLock } from './lock.ts';
import { cleanUploads } from './import/files.ts';
import { createLogger, type Logger } from './logger.ts';
import { seedDatabase } from './db/seed.ts';
import { readDataVersion } from './db/repositories/data-version.repository.ts';
import type { DataVersion } from './usecases/cache.ts';
import { syncDetectedCampaigns } from './usecases/campaigns-sync.ts';

/** Everything a request or a CLI verb needs, created once at start and passed in. */
export interface AppContext {
  db: Db;
  sqlite: SQLite.Database;
  config: Config;
  logger: Logger;
  /** The stored data version as this process last saw it; caches key on it (usecases/cache.ts). */
  dataVersion: DataVersion;
  /** Imports are written one at a time. */
  importLock: SerialLock;
  destroy(): Promise<void>;
}

export interface StartupNotice {
  /** Set when a first admin was created with a generated password (printed once). */
  oneTimeAdmin?: { email: string; password: string };
}

export async function createContext(config: Config, opts: { logger?: Logger } = {}): Promise<{ ctx: AppContext; notice: StartupNotice }> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const { db, sqlite } = openDatabase(dbFile(config));
  await migrateToLatest(db);
  cleanUploads(config.dataDir);
  const notice = await seedDatabase(db, config);
  const ctx: AppContext = {
    db,
    sqlite,
    config,
    logger,
    dataVersion: { value: await readDataVersion(db), checkedAt: Date.now(), read: () => readDataVersion(db) },
    importLock: new SerialLock(),
    async destroy() {
      await db.destroy();
    },
  };
  // Existing databases get their detected campaigns (and a baseline) on the first start after the migration.
  await syncDetectedCampaigns(ctx, null);
  return { ctx, notice };
}
