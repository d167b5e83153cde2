import type { AppContext } from './context.ts';
import { deriveLoads, substitutedConcentration, type CensoredMode } from './domain/loads.ts';
import type { Caller } from './http/types.ts';
import { areaPopulationOn, scopedAreas, type ScopedArea } from './scope.ts';

export interface MeasurementOut {
  area: string;
  substance: string;
  date: string;
  sampleStart: string | null;
  sampleEnd: string | null;
  concentrationNgL: number | null;
  censored: boolean;
  loqNgL: number | null;
  flowM3PerDay: number | null;
  population: number | null;
  loadMgPerDay: number | null;
  normalizedLoad: number | null;
  consumption: number | null;
  doses: number | null;
  batchId: number;
}

export interface MeasurementQuery {
  areas?: string[];
  substances?: string[];
  from?: string;
  to?: string;
  censored?: CensoredMode;
  limit?: number;
  /** The id after which to continue (opaque to callers). */
  afterId?: number;
  /** Include areas withheld from viewers (for roll-ups only; never returned to a viewer as such). */
  includeWithheld?: boolean;
}

/**
 * Active measurements (their batch not retracted, not superseded) with the day's flow and the
 * sample's population, and the calculation chain applied to the `censored` setting's value.
 */
export async function listMeasurements(ctx: AppContext, caller: Caller, q: MeasurementQuery = {}): Promise<{ rows: (MeasurementOut & { id: number })[]; areas: ScopedArea[] }> {
  const areas = await scopedAreas(ctx, caller, { includeWithheld: q.includeWithheld });
  const wanted = q.areas ? areas.filter((a) => q.areas!.includes(a.code)) : areas;
  if (wanted.length === 0) return { rows: [], areas };
  const byId = new Map(wanted.map((a) => [a.id, a]));
  let query = ctx.db.selectFrom('measurements as m')
    .innerJoin('substances as s', 's.key', 'm.substance_key')
    .leftJoin('daily_flows as f', (j) => j.onRef('f.area_id', '=', 'm.area_id').onRef('f.date', '=', 'm.date').on('f.active', '=', 1))
    .select(['m.id', 'm.area_id', 'm.substance_key', 'm.date', 'm.sample_start', 'm.sample_end', 'm.concentration_ng_l', 'm.censored', 'm.loq_ng_l',
      'm.population', 'm.batch_id', 'f.flow_m3_per_day', 's.correction_factor', 's.dose_mg'])
    .where('m.active', '=', 1)
    .where('m.area_id', 'in', [...byId.keys()]);
  if (q.substances) query = query.where('m.substance_key', 'in', q.substances.length ? q.substances : ['']);
  if (q.from) query = query.where('m.date', '>=', q.from);
  if (q.to) query = query.where('m.date', '<=', q.to);
  if (q.afterId) query = query.where('m.id', '>', q.afterId);
  query = query.orderBy('m.id');
  if (q.limit) query = query.limit(q.limit);
  const raw = await query.execute();
  const mode = q.censored ?? 'half_loq';
  const rows = raw.map((r) => {
    const area = byId.get(r.area_id)!;
    const population = r.population ?? areaPopulationOn(area, r.date);
    const censored = r.censored === 1;
    const conc = substitutedConcentration(r.concentration_ng_l, censored, r.loq_ng_l, mode);
    const d = deriveLoads({ concentrationNgL: conc, flowM3PerDay: r.flow_m3_per_day, population, correctionFactor: r.correction_factor, doseMg: r.dose_mg });
    return {
      id: r.id, area: area.code, substance: r.substance_key, date: r.date, sampleStart: r.sample_start, sampleEnd: r.sample_end,
      concentrationNgL: r.concentration_ng_l, censored, loqNgL: r.loq_ng_l, flowM3PerDay: r.flow_m3_per_day, population, ...d, batchId: r.batch_id,
    };
  });
  return { rows, areas };
}
