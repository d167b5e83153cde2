import type { Db } from '../connection.ts';

/** The stored data version (see the `data_version` migration). A transaction may be passed as `db`. */
export async function readDataVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('data_version').select('version').where('id', '=', 1).executeTakeFirst();
  return row?.version ?? 0;
}

/** Bumps the stored version and returns the new one; call inside the transaction of the change. */
export async function bumpDataVersion(db: Db): Promise<number> {
  const row = await db.updateTable('data_version').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', 1)
    .returning('version').executeTakeFirstOrThrow();
  return row.version;
}

/** The same bump for the import's raw better-sqlite3 connection, inside its own transaction. */
export const BUMP_DATA_VERSION_SQL = 'update data_version set version = version + 1 where id = 1 returning version';

/** The stored version and the one right after the last full campaign sync (null: never synced). */
export async function readCampaignsSyncState(db: Db): Promise<{ version: number; syncedAt: number | null }> {
  const row = await db.selectFrom('data_version').select(['version', 'campaigns_synced_version']).where('id', '=', 1).executeTakeFirst();
  return { version: row?.version ?? 0, syncedAt: row?.campaigns_synced_version ?? null };
}

/** Records that the detected campaigns match the data as of the current version. */
export async function markCampaignsSynced(db: Db): Promise<void> {
  await db.updateTable('data_version').set((eb) => ({ campaigns_synced_version: eb.ref('version') })).where('id', '=', 1).execute();
}
