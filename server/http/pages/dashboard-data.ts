import type { AppContext } from '../../context.ts';
import { cached } from '../../cache.ts';
import { CENSORED_MODES, METRICS, type CensoredMode, type Metric } from '../../domain/loads.ts';
import { withheldCount, type ScopedArea } from '../../scope.ts';
import type { Caller } from '../types.ts';
import type { Lang } from '../../i18n/index.ts';
import type { MeasurementSummary } from '../../../web/pages/dashboard.tsx';

/** What the dashboard pages (Lägesbild, area, substance) read besides series and statistics. */

export interface CatalogSubstance {
  key: string;
  name: string;
  correctionFactor: number | null;
  doseMg: number | null;
}

/** The substance catalog in its display order, named in the page's language. */
export async function substanceCatalog(ctx: AppContext, lang: Lang): Promise<CatalogSubstance[]> {
  const rows = await ctx.db.selectFrom('substances').select(['key', 'name_sv', 'name_en', 'correction_factor', 'dose_mg']).orderBy('sort_order').orderBy('key').execute();
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

/** How many measurements there are, from how many areas and substances, over which dates (cached until data change). */
export async function measurementSummary(ctx: AppContext, caller: Caller, areas: ScopedArea[]): Promise<MeasurementSummary> {
  const summary: MeasurementSummary = { count: 0, areas: 0, substances: 0, from: null, to: null };
  if (!areas.length) return summary;
  return cached(ctx, `measurement-summary|${caller.organisationIds.join(',')}|${caller.role === 'viewer' ? 'v' : 'c'}`, () => countMeasurements(ctx, areas));
}

async function countMeasurements(ctx: AppContext, areas: ScopedArea[]): Promise<MeasurementSummary> {
  const row = await ctx.db.selectFrom('measurements')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'), eb.fn.min('date').as('from'), eb.fn.max('date').as('to'),
      eb.fn.count<number>('area_id').distinct().as('areas'), eb.fn.count<number>('substance_key').distinct().as('substances'),
    ])
    .where('active', '=', 1).where('area_id', 'in', areas.map((a) => a.id)).executeTakeFirstOrThrow();
  return { count: Number(row.count), areas: Number(row.areas), substances: Number(row.substances), from: row.from, to: row.to };
}
