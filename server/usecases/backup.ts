import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { AppContext } from '../context.ts';

/**
 * An online, consistent copy through SQLite's backup API (safe while the server writes),
 * then checked with PRAGMA integrity_check on the copy.
 */
export async function backupDatabase(ctx: AppContext, target: string): Promise<{ bytes: number; integrity: string }> {
  const dest = path.resolve(target);
  if (fs.existsSync(dest)) throw new Error(`${dest} exists already; choose a new file name.`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  await ctx.sqlite.backup(dest);
  const copy = new SQLite(dest, { readonly: true });
  const integrity = (copy.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
  copy.close();
  await ctx.db.insertInto('audit_log').values({ at: new Date().toISOString(), organisation_id: null, user_id: null, actor: 'cli', action: 'backup', target: dest, details_json: '{}' }).execute();
  return { bytes: fs.statSync(dest).size, integrity };
}
