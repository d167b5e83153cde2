import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../context.ts';
import { backupSqlite } from '../db/backup.ts';
import { insertAudit } from '../db/repositories/audit.repository.ts';

/** A consistent copy of the database to a new file (`cli backup`), checked and logged. */
export async function backupDatabase(ctx: AppContext, target: string): Promise<{ bytes: number; integrity: string }> {
  if (ctx.store.kind !== 'sqlite') {
    // The IT department backs up its own PostgreSQL server; a copy of one schema here would be a second, unmanaged backup.
    throw new Error('backup copies the embedded SQLite file only. On PostgreSQL use the server\'s own backups, e.g. pg_dump -Fc "$DATABASE_URL" > lagesbild.dump');
  }
  const dest = path.resolve(target);
  if (fs.existsSync(dest)) throw new Error(`${dest} exists already; choose a new file name.`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const integrity = await backupSqlite(ctx.store.sqlite, dest);
  await insertAudit(ctx.db, { organisationId: null, userId: null, actor: 'cli', action: 'backup', target: dest, details: {} });
  return { bytes: fs.statSync(dest).size, integrity };
}
