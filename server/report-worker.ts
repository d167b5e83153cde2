/**
 * The report worker (a worker_threads thread, started by usecases/report-jobs.ts): assembles and
 * renders reports off the request thread, so that a long one (a 30-year PDF) never stalls other
 * requests. It opens its own connection to each context's database with that context's first job,
 * without migrating or seeding (the server did both), keeps it until told to release it, and runs
 * the same use cases as the request thread would.
 */
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { dbFile, openDatabase, type Store } from './db/connection.ts';
import { isPostgresUrl, openPostgres } from './db/postgres.ts';
import { readDataVersion } from './db/repositories/data-version.repository.ts';
import { SerialLock } from './lock.ts';
import { createLogger } from './logger.ts';
import { exportFollowUp, exportReport } from './usecases/report.ts';
import { exportCounty } from './usecases/county-report.ts';
import type { ReportWorkerMessage, ReportWorkerReply } from './usecases/report-jobs.ts';

/**
 * Reports are background work: the worker thread runs at a lower CPU priority (nice 10) than the
 * request thread, so that /healthz, logins and uploads keep their turn on a busy machine while a
 * long report renders. On Linux, setpriority(0) applies to the calling thread only.
 */
export const REPORT_WORKER_NICE = 10;
if (process.platform === 'linux') {
  try { os.setPriority(0, Math.max(os.getPriority(0), REPORT_WORKER_NICE)); } catch { /* not permitted: normal priority */ }
}

function openContext(config: Config): AppContext {
  let store: Store;
  let db: AppContext['db'];
  if (isPostgresUrl(config.databaseUrl)) {
    const pg = openPostgres(config.databaseUrl, { schema: config.databaseSchema });
    db = pg.db;
    store = { kind: 'postgres', pool: pg.pool, schema: config.databaseSchema };
  } else {
    const file = dbFile(config);
    const opened = openDatabase(file);
    db = opened.db;
    store = { kind: 'sqlite', file, sqlite: opened.sqlite };
  }
  return {
    db, store, config, logger: createLogger(config.logLevel), importLock: new SerialLock(), beforeDestroy: [],
    dataVersion: { value: -1, checkedAt: 0, read: () => readDataVersion(db) },
    get sqlite(): SQLite.Database {
      if (store.kind !== 'sqlite') throw new Error('ctx.sqlite: this context runs on PostgreSQL');
      return store.sqlite;
    },
    async destroy() { await db.destroy(); },
  };
}

const contexts = new Map<string, AppContext>();
parentPort!.on('message', async (m: ReportWorkerMessage) => {
  if ('release' in m) {
    const ctx = contexts.get(m.release);
    contexts.delete(m.release);
    await ctx?.destroy().catch(() => undefined);
    parentPort!.postMessage({ released: m.release });
    return;
  }
  const { job } = m;
  let reply: ReportWorkerReply;
  try {
    let ctx = contexts.get(m.context);
    if (!ctx) contexts.set(m.context, (ctx = openContext(m.config)));
    const result = job.kind === 'baseline'
      ? await exportReport(ctx, job.caller, job.options, job.format)
      : job.kind === 'county'
        ? await exportCounty(ctx, job.caller, job.options, job.format)
        : await exportFollowUp(ctx, job.caller, job.kind, job.options, job.format);
    reply = { id: job.id, result };
  } catch (e) {
    reply = { id: job.id, error: String((e as Error).stack ?? e) };
  }
  if ('result' in reply && reply.result.ok) {
    // A copy of its own (a small Buffer may share Node's pool), moved rather than cloned.
    const bytes = new Uint8Array(reply.result.report.bytes);
    reply = { id: job.id, result: { ok: true, report: { ...reply.result.report, bytes: bytes as Buffer } } };
    parentPort!.postMessage(reply, [bytes.buffer]);
  } else parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });
