import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type pg from 'pg';
import { Kysely, Migrator } from 'kysely';
import { BusyAwareSqliteDialect } from './busy.ts';
import type { Database } from './schema.ts';
import { migrationProvider } from './migrations.ts';
import { isPostgresUrl, migratePostgresToLatest, openPostgres } from './postgres.ts';

export type Db = Kysely<Database>;

export interface OpenedDb {
  db: Db;
  /** The raw handle, for prepared bulk statements and the backup API. */
  sqlite: SQLite.Database;
}

/** The page size of a new SQLite file (bytes). */
export const PAGE_SIZE = 8192;

/** Opens (and creates) the SQLite file in WAL mode with foreign keys on; the lock wait is asynchronous (db/busy.ts). */
export function openDatabase(file: string): OpenedDb {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // 8 KiB pages for a new file (before WAL: an existing file keeps the page size it has). Inserting
  // the national bench file's 1.26 M values into the measurements table and its indexes, 64 per
  // statement, took 4.4 s at SQLite's default 4 KiB and 4.0 s at 8 KiB (median of 4, quiet machine).
  sqlite.pragma(`page_size = ${PAGE_SIZE}`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // No synchronous wait for the write lock (it froze the event loop): BusyAwareSqliteDialect waits with timers.
  sqlite.pragma('busy_timeout = 0');
  const db = new Kysely<Database>({ dialect: new BusyAwareSqliteDialect(sqlite) });
  return { db, sqlite };
}

/**
 * What lies behind `ctx.db`, for the few paths that cannot go through Kysely alone: the import's
 * bulk writer (prepared statements on SQLite, COPY on PostgreSQL), the measurements hot read and
 * the backup (SQLite only).
 */
export type Store =
  | { kind: 'sqlite'; file: string; sqlite: SQLite.Database }
  | { kind: 'postgres'; pool: pg.Pool; schema?: string };

/** `DATABASE_URL=postgres://…` chooses PostgreSQL; otherwise the SQLite file under DATA_DIR. Migrates either. */
export async function openStore(config: { dataDir: string; databaseUrl?: string; databaseSchema?: string }): Promise<{ db: Db; store: Store }> {
  if (isPostgresUrl(config.databaseUrl)) {
    const { db, pool } = openPostgres(config.databaseUrl, { schema: config.databaseSchema });
    await migratePostgresToLatest(db, { schema: config.databaseSchema });
    return { db, store: { kind: 'postgres', pool, schema: config.databaseSchema } };
  }
  const file = dbFile(config);
  const { db, sqlite } = openDatabase(file);
  await migrateToLatest(db);
  return { db, store: { kind: 'sqlite', file, sqlite } };
}

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
}

export function dbFile(config: { dataDir: string }): string {
  return path.join(config.dataDir, 'lagesbild.sqlite');
}
