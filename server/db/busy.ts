import type SQLite from 'better-sqlite3';
import {
  type CompiledQuery, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult,
} from 'kysely';

/**
 * SQLite has one writer. better-sqlite3's busy timeout waits for it synchronously: the whole event
 * loop (every request, /healthz) froze for as long as another process (the CLI importing) held
 * the write lock. The request connection therefore runs with busy_timeout 0 and waits here, with
 * timers, for at most WRITE_WAIT_MS; then the SQLITE_BUSY error goes up and app.ts answers 503 with
 * Retry-After.
 */
export const WRITE_WAIT_MS = 1500;
/** First pause between attempts; doubled up to MAX_PAUSE_MS. */
const FIRST_PAUSE_MS = 5;
const MAX_PAUSE_MS = 100;

export const isBusy = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Tries `attempt` until it does not throw SQLITE_BUSY or `waitMs` passed, pausing with timers in
 * between (`pause` may hand the connection to others meanwhile). The last busy error is thrown.
 */
export async function retryWhileBusy<T>(attempt: () => T, opts: { waitMs?: number; pause?: (ms: number) => Promise<void> } = {}): Promise<T> {
  const deadline = Date.now() + (opts.waitMs ?? WRITE_WAIT_MS);
  const pause = opts.pause ?? sleep;
  for (let ms = FIRST_PAUSE_MS; ; ms = Math.min(ms * 2, MAX_PAUSE_MS)) {
    try {
      return attempt();
    } catch (e) {
      if (!isBusy(e) || Date.now() >= deadline) throw e;
    }
    await pause(Math.min(ms, Math.max(1, deadline - Date.now())));
  }
}

/** Kysely's one-connection mutex (as in its SqliteDriver). */
class Mutex {
  private held: Promise<void> | undefined;
  private release: (() => void) | undefined;
  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise((r) => { this.release = r; });
  }
  unlock(): void {
    const r = this.release;
    this.held = undefined;
    this.release = undefined;
    r?.();
  }
}

/**
 * Kysely's SqliteDriver with the lock wait made asynchronous:
 * - a transaction begins with `begin immediate` (the write lock first, so no statement inside it
 *   can meet a busy database half-way, where a retry would be wrong);
 * - a statement outside a transaction that meets SQLITE_BUSY had no effect and is tried again.
 * While waiting, the connection goes back to the others (reads go on); the mutex is held for a whole
 * transaction, so an autocommit retry never lands inside someone else's transaction.
 */
class BusyAwareDriver implements Driver {
  private mutex = new Mutex();
  private connection: DatabaseConnection;

  constructor(private db: SQLite.Database) {
    const mutex = this.mutex;
    const pause = async (ms: number) => {
      mutex.unlock();
      await sleep(ms);
      await mutex.lock();
    };
    const run = (q: CompiledQuery): QueryResult<unknown> => {
      const stmt = db.prepare(q.sql);
      if (stmt.reader) return { rows: stmt.all(q.parameters as unknown[]) };
      const { changes, lastInsertRowid } = stmt.run(q.parameters as unknown[]);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    };
    this.connection = {
      executeQuery: async <R>(q: CompiledQuery): Promise<QueryResult<R>> => {
        if (db.inTransaction) return run(q) as QueryResult<R>;
        return (await retryWhileBusy(() => run(q), { pause })) as QueryResult<R>;
      },
      streamQuery: () => {
        throw new Error('streaming is not used on SQLite');
      },
    };
    this.pauseForOthers = pause;
  }

  private pauseForOthers: (ms: number) => Promise<void>;

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }
  async beginTransaction(): Promise<void> {
    await retryWhileBusy(() => this.db.exec('begin immediate'), { pause: this.pauseForOthers });
  }
  async commitTransaction(): Promise<void> {
    this.db.exec('commit');
  }
  async rollbackTransaction(): Promise<void> {
    if (this.db.inTransaction) this.db.exec('rollback');
  }
  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }
  async destroy(): Promise<void> {
    this.db.close();
  }
}

/** SqliteDialect whose driver waits for the write lock asynchronously (see BusyAwareDriver). */
export class BusyAwareSqliteDialect implements Dialect {
  constructor(private db: SQLite.Database) {}
  createDriver(): Driver { return new BusyAwareDriver(this.db); }
  createQueryCompiler() { return new SqliteQueryCompiler(); }
  createAdapter() { return new SqliteAdapter(); }
  createIntrospector(db: Kysely<unknown>) { return new SqliteIntrospector(db); }
}
