import type { Db } from '../connection.ts';

/** The methods facts of one organisation (JSON), or undefined when none were saved yet. */
export function findMethodSettings(db: Db, organisationId: number) {
  return db.selectFrom('method_settings').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function upsertMethodSettings(db: Db, row: { organisation_id: number; settings_json: string; updated_at: string; updated_by: string }): Promise<void> {
  await db.insertInto('method_settings').values(row)
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ settings_json: row.settings_json, updated_at: row.updated_at, updated_by: row.updated_by }))
    .execute();
}
