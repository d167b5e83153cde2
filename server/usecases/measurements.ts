import type { AppContext } from '../context.ts';
import { deriveLoads, substitutedConcentration, type CensoredMode } from '../domain/loads.ts';
import type { Caller } from '../domain/types.ts';
import { dosesAllowed } from '../domain/substances.ts';
import { areaPopulationOn, scopedAreas, type ScopedArea } from './scope.ts';
import { readActiveMeasurements } from '../db/repositories/measurements.repository.ts';
import { substanceFactors } from './substances.ts';

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
  const mode = q.censored ?? 'half_loq';
  const rows: (MeasurementOut & { id: number })[] = [];
  // The caller's organisation's correction factors and doses (its own or its county's over the shared default).
  const factors = await substanceFactors(ctx, caller);
  const pages = readActiveMeasurements(ctx.db, ctx.store, { areaIds: [...byId.keys()], substances: q.substances, from: q.from, to: q.to, afterId: q.afterId, limit: q.limit });
  for await (const raw of pages) {
    for (const [id, areaId, substance, date, sampleStart, sampleEnd, concentrationNgL, censoredInt, loqNgL, ownPopulation, batchId, flowM3PerDay, defaultFactor, defaultDose] of raw) {
      const own = factors.get(substance);
      const correctionFactor = own ? own.correctionFactor : defaultFactor;
      const doseMg = own ? own.doseMg : defaultDose;
      const area = byId.get(areaId)!;
      const population = ownPopulation ?? areaPopulationOn(area, date);
      const censored = censoredInt === 1;
      const conc = substitutedConcentration(concentrationNgL, censored, loqNgL, mode);
      const d = deriveLoads({ concentrationNgL: conc, flowM3PerDay, population, correctionFactor, doseMg });
      rows.push({
        id, area: area.code, substance, date, sampleStart, sampleEnd, concentrationNgL, censored, loqNgL, flowM3PerDay, population,
        loadMgPerDay: d.loadMgPerDay, normalizedLoad: d.normalizedLoad, consumption: d.consumption, doses: dosesAllowed(substance) ? d.doses : null, batchId,
      });
    }
  }
  return { rows, areas };
}
