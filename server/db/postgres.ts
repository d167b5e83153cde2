import pg from 'pg';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import { postgresMigrationProvider } from './migrations-pg.ts';

export interface OpenedPostgres {
  db: Kysely<Database>;
  /** The pool behind `db`, for COPY (pgWriter) and for closing: `db.destroy()` ends it too. */
  pool: pg.Pool;
}

export interface PostgresOptions {
  /**
   * Work in this schema instead of `public` (search_path of every connection). Lets several test
   * files share one database without seeing each other's rows.
   */
  schema?: string;
  /** Pool size; several app instances share the server's max_connections. */
  max?: number;
  /** Errors of idle pooled connections (server restart, network); without a listener they crash the process. */
  onIdleError?: (err: Error) => void;
}

export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//i.test(url);

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const INT8 = 20;
const NUMERIC = 1700;

/**
 * `count(*)`, `sum(integer)` and bigint columns come back from pg as strings, numeric (e.g.
 * `avg(integer)`) too; better-sqlite3 gives numbers. The code expects numbers, so parse them,
 * refusing an int8 that a double cannot hold exactly rather than rounding it silently.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((id: number, format?: 'text' | 'binary') => {
    if (format !== 'binary' && id === INT8) {
      return (v: string) => {
        const n = Number(v);
        if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${v} does not fit a JavaScript number`);
        return n;
      };
    }
    if (format !== 'binary' && id === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(id, format);
  }) as typeof pg.types.getTypeParser,
};

/** A Kysely over a `pg` pool for a postgres:// URL. Opening connects lazily: nothing happens until the first query. */
export function openPostgres(url: string, options: PostgresOptions = {}): OpenedPostgres {
  if (!isPostgresUrl(url)) throw new Error('not a postgres:// URL');
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`schema name ${JSON.stringify(options.schema)}: lower-case letters, digits and _ only`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    // Dates and times are ISO text in this schema; keep the session in UTC so that anything the
    // server formats (now(), casts) agrees with `new Date().toISOString()`.
    options: `-c TimeZone=UTC${options.schema ? ` -c search_path=${options.schema}` : ''}`,
  });
  pool.on('error', options.onIdleError ?? ((err) => console.error('postgres: idle connection error:', err.message)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}

/**
 * Applies migrations-pg.ts. Kysely's migrator takes a lock row (select … for update), so several
 * instances starting at once migrate one after the other.
 */
export async function migratePostgresToLatest(db: Kysely<Database>, options: { schema?: string } = {}): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: postgresMigrationProvider,
    // With a schema, the migration tables (and the schema itself) are created there, not in public.
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`PostgreSQL migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
}
