import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import { openStore, type Db, type Store } from './db/connection.ts';
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
  /** SQLite or PostgreSQL behind `db`; only the bulk import, the measurements hot read and backup look. */
  store: Store;
  /**
   * The raw better-sqlite3 handle, for SQLite-only tools (bench, fuzz, tests that inspect the file).
   * Throws on PostgreSQL: application code goes through `db`, or branches on `store.kind`.
   */
  readonly sqlite: SQLite.Database;
  config: Config;
  logger: Logger;
  /** The stored data version as this process last saw it; caches key on it (usecases/cache.ts). */
  dataVersion: DataVersion;
  /** Imports are written one at a time. */
  importLock: SerialLock;
  /** Run by destroy() before the database closes (e.g. the report worker closing its connection to it). */
  beforeDestroy: (() => Promise<void>)[];
  destroy(): Promise<void>;
}

export interface StartupNotice {
  /** Set when a first admin was created with a generated password (printed once). */
  oneTimeAdmin?: { email: string; password: string };
}

export async function createContext(config: Config, opts: { logger?: Logger } = {}): Promise<{ ctx: AppContext; notice: StartupNotice }> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const { db, store } = await openStore(config);
  cleanUploads(config.dataDir);
  // Several instances starting at once on one PostgreSQL database: seed one after the other, so
  // that there is one organisation and one first admin (SQLite: one process owns the file).
  const notice = store.kind === 'postgres'
    ? await db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(hashtext('lagesbild-seed'))`.execute(tx);
      return seedDatabase(tx, config);
    })
    : await seedDatabase(db, config);
  const ctx: AppContext = {
    db,
    store,
    config,
    logger,
    dataVersion: { value: await readDataVersion(db), checkedAt: Date.now(), read: () => readDataVersion(db) },
    importLock: new SerialLock(),
    beforeDestroy: [],
    get sqlite(): SQLite.Database {
      if (store.kind !== 'sqlite') throw new Error('ctx.sqlite: this context runs on PostgreSQL');
      return store.sqlite;
    },
    async destroy() {
      for (const f of ctx.beforeDestroy.splice(0)) await f();
      await db.destroy();
    },
  };
  // Existing databases get their detected campaigns (and a baseline) on the first start after the
  // migration, and after commits made while no sync ran (skipped when nothing changed since).
  await syncDetectedCampaigns(ctx, null, undefined, { unlessSynced: true });
  return { ctx, notice };
}
