import type { AppContext } from '../context.ts';
import { summarizeMeasurements } from '../db/repositories/measurements.repository.ts';
import { findSubstances } from '../db/repositories/substances.repository.ts';
import { CENSORED_MODES, METRICS, type CensoredMode, type Metric } from '../domain/loads.ts';
import type { Caller, Lang } from '../domain/types.ts';
import { cached } from './cache.ts';
import type { PeriodOut } from './periods.ts';
import { allSeries, type Series } from './series.ts';
import { overview, type OverviewRow } from './statistics.ts';
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

/** The default comparison: the baseline-flagged period against the latest other one (or the ones asked for by id). */
export function choosePeriods(periods: PeriodOut[], askedBaseline?: string, askedComparison?: string): { baseline: PeriodOut | null; comparison: PeriodOut | null } {
  const byId = (v?: string) => periods.find((p) => String(p.id) === v);
  const baseline = byId(askedBaseline) ?? periods.find((p) => p.baseline) ?? periods[0] ?? null;
  const comparison = byId(askedComparison) ?? [...periods].reverse().find((p) => p.id !== baseline?.id) ?? null;
  return { baseline, comparison };
}

/**
 * The Lägesbild comparison of every area × substance. Without any daily flow there is no load:
 * the comparison is then made on the concentration.
 */
export async function dashboardOverview(ctx: AppContext, caller: Caller, baseline: PeriodOut, comparison: PeriodOut): Promise<{ metric: 'normalized_load' | 'concentration'; rows: OverviewRow[] }> {
  const rows = await overview(ctx, caller, baseline, comparison, { metric: 'normalized_load', censored: 'half_loq' });
  if (rows.length && rows.every((o) => o.baseline.n === 0 && o.current.n === 0)) {
    const byConcentration = await overview(ctx, caller, baseline, comparison, { metric: 'concentration', censored: 'half_loq' });
    if (byConcentration.some((o) => o.baseline.n > 0 || o.current.n > 0)) return { metric: 'concentration', rows: byConcentration };
  }
  return { metric: 'normalized_load', rows };
}

/**
 * One area's series for its page, on the metric asked for, else the normalised load, or the
 * concentration when no day has a flow; with the count of days without flow.
 */
export async function areaSeries(ctx: AppContext, caller: Caller, code: string, askedMetric: string | undefined, censored: CensoredMode): Promise<{
  metric: Metric; series: Series[]; flow: { missingDays: number; totalDays: number };
}> {
  // Days without flow have no load: count them on the default metric's series.
  const loadSeries = (await allSeries(ctx, caller, { metric: 'normalized_load', censored }, { area: code })).series.filter((s) => s.area === code);
  const allDates = new Set<string>();
  const noFlow = new Set<string>();
  for (const s of loadSeries) for (const pt of s.points) {
    allDates.add(pt.date);
    if (pt.value == null) noFlow.add(pt.date);
  }
  const metric = parseMetric(askedMetric, allDates.size > 0 && noFlow.size === allDates.size ? 'concentration' : 'normalized_load');
  const series = metric === 'normalized_load' ? loadSeries
    : (await allSeries(ctx, caller, { metric, censored }, { area: code })).series.filter((s) => s.area === code);
  return { metric, series, flow: { missingDays: noFlow.size, totalDays: allDates.size } };
}
