import type { Db } from '../connection.ts';

/**
 * Whether each first-hour step has left its trace in the database, for one set of organisations.
 * Each question is an `exists`-style probe (limit 1), so the home page asks it cheaply on every visit.
 */
export interface ChecklistFacts { areas: boolean; flow: boolean; lab: boolean; baselineChosen: boolean; report: boolean }

export async function checklistFacts(db: Db, organisationIds: number[]): Promise<ChecklistFacts> {
  if (!organisationIds.length) return { areas: false, flow: false, lab: false, baselineChosen: false, report: false };
  const area = await db.selectFrom('areas').select('id').where('organisation_id', 'in', organisationIds).limit(1).executeTakeFirst();
  const flow = area && await db.selectFrom('daily_flows').innerJoin('areas', 'areas.id', 'daily_flows.area_id')
    .select('daily_flows.id').where('areas.organisation_id', 'in', organisationIds).where('daily_flows.active', '=', 1).limit(1).executeTakeFirst();
  const lab = area && await db.selectFrom('measurements').innerJoin('areas', 'areas.id', 'measurements.area_id')
    .select('measurements.id').where('areas.organisation_id', 'in', organisationIds).where('measurements.active', '=', 1).limit(1).executeTakeFirst();
  const period = await db.selectFrom('periods').select('id').where('organisation_id', 'in', organisationIds).where('baseline', '=', 1).limit(1).executeTakeFirst()
    ?? await db.selectFrom('campaigns').select('id').where('organisation_id', 'in', organisationIds).where('baseline_chosen', '=', 1)
      .where('deleted_at', 'is', null).limit(1).executeTakeFirst();
  const report = await db.selectFrom('audit_log').select('id').where('organisation_id', 'in', organisationIds).where('action', '=', 'report_exported').limit(1).executeTakeFirst();
  return { areas: Boolean(area), flow: Boolean(flow), lab: Boolean(lab), baselineChosen: Boolean(period), report: Boolean(report) };
}
