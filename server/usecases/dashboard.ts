import type { AppContext } from '../context.ts';
import { summarizeMeasurements } from '../db/repositories/measurements.repository.ts';
import { findSubstances } from '../db/repositories/substances.repository.ts';
import { CENSORED_MODES, METRICS, type CensoredMode, type Metric } from '../domain/loads.ts';
import type { Caller, Lang } from '../domain/types.ts';
import { cached } from './cache.ts';
import { withheldCount, type ScopedArea } from './scope.ts';

/** What the dashboard pages (Lägesbild, area, substance) read besides series and statistics. */

export interface CatalogSubstance {
  key: string;
  name: string;
  correctionFactor: number | null;
  doseMg: number | null;
}

/** The substance catalog in its display order, named in the page's language. */
export async function substanceCatalog(ctx: AppContext, lang: Lang): Promise<CatalogSubstance[]> {
  const rows = await findSubstances(ctx.db);
  return rows.map((s) => ({ key: s.key, name: lang === 'sv' ? s.name_sv : s.name_en, correctionFactor: s.correction_factor, doseMg: s.dose_mg }));
}

export function parseMetric(v: string | undefined, fallback: Metric = 'normalized_load'): Metric {
  return (METRICS as string[]).includes(v ?? '') ? (v as Metric) : fallback;
}

export function parseCensored(v: string | undefined): CensoredMode {
  return (CENSORED_MODES as string[]).includes(v ?? '') ? (v as CensoredMode) : 'half_loq';
}

export async function withheldInfo(ctx: AppContext, caller: Caller): Promise<{ withheld: number; minPopulation: number }> {
  return { withheld: await withheldCount(ctx, caller), minPopulation: ctx.config.minPublicPopulation };
}

export interface MeasurementSummary { count: number; areas: number; substances: number; from: string | null; to: string | null }

/** How many measurements there are, from how many areas and substances, over which dates (cached until data change). */
export async function measurementSummary(ctx: AppContext, caller: Caller, areas: ScopedArea[]): Promise<MeasurementSummary> {
  const summary: MeasurementSummary = { count: 0, areas: 0, substances: 0, from: null, to: null };
  if (!areas.length) return summary;
  return cached(ctx, `measurement-summary|${caller.organisationIds.join(',')}|${caller.role === 'viewer' ? 'v' : 'c'}`, () => summarizeMeasurements(ctx.db, areas.map((a) => a.id)));
}
