import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { kyselyOnClient, lockImports, PgImportWriter } from './pgWriter.ts';
import type { OnConflict } from './report.ts';
import type { ImportKind } from './columns.ts';
import { verifyReferences } from './verify.ts';
import { isBusy, retryWhileBusy } from '../db/busy.ts';
import { DryRunWriter, prepareDryRunConnection } from './dry-run.ts';
import { SqliteBulkWriter, type FlowRow, type MeasurementRow, type WriteOutcome } from './writer.ts';

/** What the importer writes values through: an outcome per row, as the row is read. */
export interface ImportWriter {
  insertValue(m: MeasurementRow): WriteOutcome;
  /** Several values at once (SQLite: multi-row INSERTs), with the outcomes `insertValue` would give one after the other. */
  insertValues?(ms: MeasurementRow[]): WriteOutcome[];
  insertFlow(f: FlowRow): WriteOutcome;
}

/** How long an import waits for another process's write (the CLI) before answering `busy`. */
const IMPORT_LOCK_WAIT_MS = 2000;

/** Page cache of the SQLite import connection (KiB). */
const IMPORT_CACHE_KB = 16 * 1024;

/** One import's transaction, on either database. */
export interface ImportTx {
  /**
   * A dry run that never takes the write lock (SQLite, every kind of file: import/dry-run.ts): no
   * import_batches row, nothing written to the database; lab and flow rows go to the connection's
   * TEMP tables, areas and reference files are only compared with what is stored.
   */
  readOnly: boolean;
  /** Kysely inside the transaction (registry, checks, areas, reference, batch row, audit). */
  db: Kysely<Database>;
  /** The bulk writer: prepared statements on SQLite, in memory + COPY at `flush` on PostgreSQL. */
  writer(batchId: number, onConflict: OnConflict, areaIds: number[]): Promise<ImportWriter>;
  /** Writes whatever the writer still holds (PostgreSQL); call before reading the values back. */
  flush(): Promise<void>;
  /**
   * Before commit: what foreign keys would have refused. SQLite's import connection runs without
   * per-row foreign-key checks (a quarter of the insert work), so they are checked once here and a
   * violation throws (the transaction rolls back); PostgreSQL keeps its constraints, a no-op.
   */
  verifyReferences(kind: ImportKind | null, batchId: number): void;
}

/**
 * Runs one import in one transaction, committed only if `work` says so, rolled back on any error:
 * all or nothing on both databases. Returns 'busy' if the database cannot be had for writing.
 *
 * SQLite: a second connection with `begin immediate` (the one write lock; the CLI and a server
 * may import at once). PostgreSQL: a pooled connection holding `pg_advisory_xact_lock` for each
 * organisation the import may write to (in id order, so two imports cannot deadlock), which
 * serialises imports of those organisations across every app instance until the commit.
 */
export async function withImportTransaction<T>(
  ctx: AppContext, organisationIds: number[], work: (tx: ImportTx) => Promise<{ commit: boolean; result: T }>, opts: { readOnly?: boolean } = {},
): Promise<T | 'busy'> {
  const store = ctx.store;
  if (store.kind === 'sqlite') {
    const conn = new SQLite(store.file);
    // The lock is waited for with timers (retryWhileBusy), never by SQLite's synchronous busy wait.
    conn.pragma('busy_timeout = 0');
    // No per-row foreign-key lookups (three B-tree searches per measurement: a quarter of the
    // insert work): every reference is checked once before commit instead (verifyReferences).
    conn.pragma('foreign_keys = OFF');
    // The rows' hot pages are the end of each area's range of the identity index (area, date,
    // substance) and the table's end: 16 MB holds them for hundreds of areas (measured on the
    // national bench file with flow and population: 8, 16 and 32 MB took the same time, 32 MB
    // cost 20 MB more peak RSS; with the old index order (area, substance, date) 16 MB was slow).
    conn.pragma(`cache_size = -${IMPORT_CACHE_KB}`);
    const readOnly = Boolean(opts.readOnly);
    try {
      if (readOnly) {
        prepareDryRunConnection(conn);
        // Deferred: a read snapshot only; the TEMP tables it writes lock nothing but themselves.
        conn.exec('begin');
      } else {
        try {
          await retryWhileBusy(() => conn.exec('begin immediate'), { waitMs: IMPORT_LOCK_WAIT_MS });
        } catch (e) {
          if (isBusy(e)) return 'busy';
          throw e;
        }
      }
      // Kysely over the same connection runs inside the transaction begun above.
      const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: conn }) });
      let sqliteWriter: SqliteBulkWriter | null = null;
      const tx: ImportTx = {
        db,
        readOnly,
        writer: async (batchId, onConflict) => {
          if (readOnly) return new DryRunWriter(conn, onConflict);
          const w = (sqliteWriter = new SqliteBulkWriter(conn, onConflict));
          w.useBatch(batchId);
          return w;
        },
        flush: async () => {},
        verifyReferences: (kind, batchId) => verifyReferences(conn, kind, sqliteWriter, batchId),
      };
      const { commit, result } = await work(tx);
      conn.exec(commit ? 'commit' : 'rollback');
      return result;
    } finally {
      if (conn.inTransaction) conn.exec('rollback');
      conn.close();
    }
  }

  const client = await store.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    for (const id of [...new Set(organisationIds)].sort((a, b) => a - b)) await lockImports(client, id);
    const db = kyselyOnClient(client);
    let writer: PgImportWriter | null = null;
    const tx: ImportTx = {
      db,
      readOnly: false, // PostgreSQL: the rolled-back transaction blocks no one (row locks, advisory lock per organisation)
      writer: async (batchId, onConflict, areaIds) => {
        const w = (writer = await PgImportWriter.load(db, areaIds, batchId, onConflict));
        return { insertValue: (m) => w.measurement(m), insertFlow: (f) => w.flow(f) };
      },
      flush: async () => { await writer?.flush(client, db); },
      verifyReferences: () => {},
    };
    const { commit, result } = await work(tx);
    await client.query(commit ? 'commit' : 'rollback');
    return result;
  } catch (err) {
    await client.query('rollback').catch((e: Error) => { broken = e; });
    throw err;
  } finally {
    client.release(broken);
  }
}
