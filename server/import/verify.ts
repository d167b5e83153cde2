import type SQLite from 'better-sqlite3';
import type { ImportKind } from './columns.ts';
import type { SqliteBulkWriter } from './writer.ts';

/** The tables each kind writes besides measurements and flows, checked whole (they are small). */
const CHECKED_TABLES: Partial<Record<ImportKind, string[]>> = {
  areas: ['areas', 'area_aliases', 'area_populations'],
  reference: ['reference_sites', 'reference_values'],
};

/**
 * What the foreign keys would have refused, checked once before commit on the import's
 * connection (which runs without them): the batch row's organisation and user (the audit row
 * repeats them), the (small) tables a kind writes, and, for measurements and flows, the distinct areas
 * and substances written (they come from the registry, read inside this transaction, so this
 * holds by construction; the check makes it independent of that). Throws like a failed foreign
 * key would: the caller rolls back and nothing is written.
 */
export function verifyReferences(conn: SQLite.Database, kind: ImportKind | null, writer: SqliteBulkWriter | null, batchId: number): void {
  const violations: string[] = [];
  const batch = conn.prepare(
    `select (select count(*) from organisations o where o.id = b.organisation_id) as org,
            b.user_id is null or (select count(*) from users u where u.id = b.user_id) as usr
     from import_batches b where b.id = ?`,
  ).get(batchId) as { org: number; usr: number } | undefined;
  if (!batch || !batch.org || !batch.usr) violations.push('import_batches/audit_log → organisations/users');
  for (const t of kind ? CHECKED_TABLES[kind] ?? [] : []) {
    const rows = conn.prepare(`pragma foreign_key_check(${t})`).all() as { table: string; parent: string }[];
    if (rows.length) violations.push(`${t} → ${rows[0].parent} (${rows.length} rows)`);
  }
  const ids = writer ? [...writer.areaIds] : [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const found = (conn.prepare(`select count(*) as n from areas where id in (${part.map(() => '?').join(',')})`).get(...part) as { n: number }).n;
    if (found !== part.length) violations.push(`measurements/daily_flows → areas (${part.length - found} unknown area ids)`);
  }
  const keys = writer ? [...writer.substanceKeys] : [];
  for (let i = 0; i < keys.length; i += 500) {
    const part = keys.slice(i, i + 500);
    const found = (conn.prepare(`select count(*) as n from substances where key in (${part.map(() => '?').join(',')})`).get(...part) as { n: number }).n;
    if (found !== part.length) violations.push(`measurements → substances (${part.length - found} unknown substance keys)`);
  }
  if (violations.length) throw new Error(`FOREIGN KEY constraint failed: ${violations.join('; ')}`);
}

