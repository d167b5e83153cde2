import SQLite from 'better-sqlite3';

/**
 * An online, consistent copy through SQLite's backup API (safe while the server writes), then
 * checked with PRAGMA integrity_check on the copy. Returns the check's answer ('ok').
 */
export async function backupSqlite(sqlite: SQLite.Database, dest: string): Promise<string> {
  await sqlite.backup(dest);
  const copy = new SQLite(dest, { readonly: true });
  try {
    return (copy.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
  } finally {
    copy.close();
  }
}
