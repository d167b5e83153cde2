import { sql } from 'kysely';
import type { Db } from '../connection.ts';

/** The batches of the given organisations, newest first. */
export function findBatches(db: Db, organisationIds: number[]) {
  return db.selectFrom('import_batches')
    .select(['id', 'kind', 'file_name', 'size_bytes', 'sha256', 'actor', 'created_at', 'status', 'on_conflict', 'retracted_at', 'retracted_by', 'retract_reason', 'report_json'])
    .where('organisation_id', 'in', organisationIds).orderBy('id', 'desc').execute();
}

export function findBatch(db: Db, organisationIds: number[], id: number) {
  return db.selectFrom('import_batches').selectAll().where('id', '=', id).where('organisation_id', 'in', organisationIds).executeTakeFirst();
}

/**
 * Takes a batch's rows out of every figure and brings back the values it had replaced, unless a
 * later batch holds that identity now. Nothing is erased. Run inside a transaction.
 */
export async function retractBatchRows(tx: Db, batchId: number, by: string, reason: string, at: string): Promise<{ measurements: number; flows: number; restored: number }> {
  const m = await tx.updateTable('measurements').set({ active: 0 }).where('batch_id', '=', batchId).where('active', '=', 1).executeTakeFirst();
  const f = await tx.updateTable('daily_flows').set({ active: 0 }).where('batch_id', '=', batchId).where('active', '=', 1).executeTakeFirst();
  await tx.updateTable('reference_values').set({ active: 0 }).where('batch_id', '=', batchId).execute();
  const rm = await sql`update measurements set active = 1, superseded_by_batch_id = null
    where superseded_by_batch_id = ${batchId} and not exists (
      select 1 from measurements o where o.area_id = measurements.area_id and o.substance_key = measurements.substance_key and o.date = measurements.date and o.active = 1)`.execute(tx);
  const rf = await sql`update daily_flows set active = 1, superseded_by_batch_id = null
    where superseded_by_batch_id = ${batchId} and not exists (
      select 1 from daily_flows o where o.area_id = daily_flows.area_id and o.date = daily_flows.date and o.active = 1)`.execute(tx);
  await tx.updateTable('import_batches').set({ status: 'retracted', retracted_at: at, retracted_by: by, retract_reason: reason }).where('id', '=', batchId).execute();
  return { measurements: Number(m.numUpdatedRows), flows: Number(f.numUpdatedRows), restored: Number(rm.numAffectedRows ?? 0n) + Number(rf.numAffectedRows ?? 0n) };
}

/** When the latest import that still counts (committed, not retracted) was made, or null. */
export async function findLatestCommittedImportAt(db: Db, organisationIds: number[]): Promise<string | null> {
  if (!organisationIds.length) return null;
  const row = await db.selectFrom('import_batches').select((eb) => eb.fn.max('created_at').as('at'))
    .where('organisation_id', 'in', organisationIds).where('status', '=', 'committed').executeTakeFirst();
  return row?.at ?? null;
}
