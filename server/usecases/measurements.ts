import type { AppContext } from '../context.ts';
import { deriveLoads, substitutedConcentration, type CensoredMode } from '../domain/loads.ts';
import type { Caller } from '../domain/types.ts';
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
  // Read in pages by id with a pause between them, so a national-scale read (a million rows)
  // leaves room for other requests instead of holding the event loop for seconds.
  // Many areas: the unary + keeps SQLite on the rowid order (pages by id) instead of an area index
  // plus a sort per page. A few areas (a chart, an area page): the area index, in one page.
  const many = byId.size > 10;
  const where = ['m.active = 1', `${many ? '+' : ''}m.area_id in (${[...byId.keys()].join(',')})`];
  const params: (string | number)[] = [];
  if (q.substances) {
    where.push(`m.substance_key in (${q.substances.map(() => '?').join(',') || "''"})`);
    params.push(...q.substances);
  }
  if (q.from) { where.push('m.date >= ?'); params.push(q.from); }
  if (q.to) { where.push('m.date <= ?'); params.push(q.to); }
  const page = ctx.sqlite.prepare(
    `select m.id, m.area_id, m.substance_key, m.date, m.sample_start, m.sample_end, m.concentration_ng_l, m.censored, m.loq_ng_l,
            m.population, m.batch_id, f.flow_m3_per_day, s.correction_factor, s.dose_mg
     from measurements m join substances s on s.key = m.substance_key
     left join daily_flows f on f.area_id = m.area_id and f.date = m.date and f.active = 1
     where ${where.join(' and ')} and m.id > ? order by m.id limit ?`,
  ).raw();
  const mode = q.censored ?? 'half_loq';
  const rows: (MeasurementOut & { id: number })[] = [];
  const PAGE = many ? 20_000 : Number.MAX_SAFE_INTEGER;
  let after = q.afterId ?? 0;
  while (true) {
    const want = q.limit ? Math.min(PAGE, q.limit - rows.length) : PAGE;
    if (want <= 0) break;
    const raw = page.all(...params, after, want) as [number, number, string, string, string | null, string | null, number | null, number, number | null, number | null, number, number | null, number | null, number | null][];
    for (const [id, areaId, substance, date, sampleStart, sampleEnd, concentrationNgL, censoredInt, loqNgL, ownPopulation, batchId, flowM3PerDay, correctionFactor, doseMg] of raw) {
      const area = byId.get(areaId)!;
      const population = ownPopulation ?? areaPopulationOn(area, date);
      const censored = censoredInt === 1;
      const conc = substitutedConcentration(concentrationNgL, censored, loqNgL, mode);
      const d = deriveLoads({ concentrationNgL: conc, flowM3PerDay, population, correctionFactor, doseMg });
      rows.push({
        id, area: area.code, substance, date, sampleStart, sampleEnd, concentrationNgL, censored, loqNgL, flowM3PerDay, population,
        loadMgPerDay: d.loadMgPerDay, normalizedLoad: d.normalizedLoad, consumption: d.consumption, doses: d.doses, batchId,
      });
    }
    if (raw.length < want) break;
    after = raw[raw.length - 1][0];
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { rows, areas };
}
