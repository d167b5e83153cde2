import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Caller } from '../domain/types.ts';

export type RetractResult =
  | { ok: true; measurements: number; flows: number; restored: number }
  | { ok: false; status: 404 | 409 | 422; message: string };

/**
 * Retracts a batch: its rows leave every figure, values it had replaced come back, nothing is
 * erased. One transaction, taken in turn with imports.
 */
export async function retractBatch(ctx: AppContext, caller: Caller, batchId: number, reason: string): Promise<RetractResult> {
  return ctx.importLock.run(() => ctx.db.transaction().execute(async (tx): Promise<RetractResult> => {
    const batch = await tx.selectFrom('import_batches').select(['id', 'status', 'kind', 'file_name'])
      .where('id', '=', batchId).where('organisation_id', 'in', caller.organisationIds).executeTakeFirst();
    if (!batch) return { ok: false, status: 404, message: 'No such import batch.' };
    if (batch.status === 'retracted') return { ok: false, status: 409, message: `Batch ${batchId} is already retracted.` };
    if (batch.kind === 'areas') return { ok: false, status: 422, message: 'An areas import cannot be retracted; edit the areas instead (their history is kept).' };
    const now = new Date().toISOString();
    const m = await tx.updateTable('measurements').set({ active: 0 }).where('batch_id', '=', batchId).where('active', '=', 1).executeTakeFirst();
    const f = await tx.updateTable('daily_flows').set({ active: 0 }).where('batch_id', '=', batchId).where('active', '=', 1).executeTakeFirst();
    await tx.updateTable('reference_values').set({ active: 0 }).where('batch_id', '=', batchId).execute();
    // Values this batch had replaced come back, unless a later batch holds that identity now.
    const rm = await sql`update measurements set active = 1, superseded_by_batch_id = null
      where superseded_by_batch_id = ${batchId} and not exists (
        select 1 from measurements o where o.area_id = measurements.area_id and o.substance_key = measurements.substance_key and o.date = measurements.date and o.active = 1)`.execute(tx);
    const rf = await sql`update daily_flows set active = 1, superseded_by_batch_id = null
      where superseded_by_batch_id = ${batchId} and not exists (
        select 1 from daily_flows o where o.area_id = daily_flows.area_id and o.date = daily_flows.date and o.active = 1)`.execute(tx);
    await tx.updateTable('import_batches').set({ status: 'retracted', retracted_at: now, retracted_by: caller.email, retract_reason: reason }).where('id', '=', batchId).execute();
    const restored = Number(rm.numAffectedRows ?? 0n) + Number(rf.numAffectedRows ?? 0n);
    await tx.insertInto('audit_log').values({
      at: now, organisation_id: caller.organisationId, user_id: caller.userId, actor: caller.email, action: 'retract', target: `batch:${batchId}`,
      details_json: JSON.stringify({ reason, fileName: batch.file_name, measurements: Number(m.numUpdatedRows), flows: Number(f.numUpdatedRows), restored }),
    }).execute();
    ctx.dataVersion.value += 1;
    return { ok: true, measurements: Number(m.numUpdatedRows), flows: Number(f.numUpdatedRows), restored };
  }));
}
