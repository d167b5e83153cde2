import type { AppContext } from '../context.ts';
import type { CensoredMode, Metric } from '../domain/loads.ts';
import { dumpingDays } from '../domain/dumping.ts';
import type { Caller, Verdict } from '../domain/types.ts';
import { scopedAreas } from './scope.ts';
import { allSeries, type Series } from './series.ts';
import { benjaminiHochberg } from '../stats/index.ts';
import { changeOf, pooledSBetweenLog, trendOf, type ChangeResult, type DateRange, type TrendOptions, type TrendResult } from '../stats/seriesStats.ts';
import { cachedPatiently } from './cache.ts';
import { Turns } from '../turns.ts';

export { baselineOf, changeOf, statPoints, trendOf, unitOf, pooledSBetweenLog, type DateRange, type MeanEstimator } from '../stats/seriesStats.ts';

export interface StatsQuery {
  metric: Metric;
  censored: CensoredMode;
}

/**
 * Parent cocaine is not a use indicator (DOMAIN.md "Corrections"): it stays in the data for the
 * cocaine/BE ratio (the dumping check) but is left out of the overview's rows, verdicts and counts.
 */
export const NOT_A_USE_INDICATOR: ReadonlySet<string> = new Set(['cocaine']);

export type OverviewRow = ChangeResult & { q: number | null; dumpingDays?: string[] };

/** Benjamini–Hochberg over the rows' p-values; the verdict then uses q < 0.05 (refusals untouched). */
function adjusted<T extends { p: number | null; verdict: Verdict }>(rows: T[], direction: (r: T) => number | null): (T & { q: number | null })[] {
  const qv = benjaminiHochberg(rows.map((r) => r.p));
  return rows.map((r, i) => {
    const qi = qv[i];
    if (qi === null || r.verdict === 'too_few_data' || r.verdict === 'mostly_below_loq' || r.verdict === 'loq_changed') return { ...r, q: qi };
    const d = direction(r);
    const verdict: Verdict = qi < 0.05 && d !== null && d !== 0 ? (d > 0 ? 'increase' : 'decrease') : 'no_clear_change';
    return { ...r, verdict, q: qi };
  });
}

/** s_b pooled per substance over the organisation's areas (own measurements only). */
function pooledBySubstance(series: readonly Series[]): Map<string, number | null> {
  const bySubstance = new Map<string, Series[]>();
  for (const s of series) {
    const list = bySubstance.get(s.substance);
    if (list) list.push(s);
    else bySubstance.set(s.substance, [s]);
  }
  return new Map([...bySubstance].map(([k, list]) => [k, pooledSBetweenLog(list)]));
}

/**
 * One area's change for one substance, with s_b pooled over the caller's organisation's areas
 * for that substance when the area's own campaigns are too few (DOMAIN.md "Campaigns").
 */
export async function changeFor(ctx: AppContext, caller: Caller, series: Series, baseline: DateRange, current: DateRange, q: StatsQuery): Promise<ChangeResult> {
  const everyone: Caller = { ...caller, role: 'coordinator' };
  const { series: same } = await allSeries(ctx, everyone, q, { substance: series.substance });
  return changeOf(series, baseline, current, { pooledSBetweenLog: pooledSBetweenLog(same) });
}

/**
 * Every area × substance for a baseline and a comparison period (parent cocaine left out).
 * q-values (Benjamini–Hochberg) over every row with a p-value, over all areas whatever the
 * caller's role; viewers then see only the rows of areas they may see. The verdict uses q < 0.05.
 * Dumping days (cocaine/BE) are attached to the benzoylecgonine row.
 */
export async function overview(ctx: AppContext, caller: Caller, baseline: DateRange, current: DateRange, q: StatsQuery): Promise<OverviewRow[]> {
  const key = `overview|${caller.organisationId}|${caller.organisationIds.join(',')}|${baseline.from}|${baseline.to}|${current.from}|${current.to}|${q.metric}|${q.censored}`;
  const { value: rows } = await cachedPatiently(ctx, key, async () => {
    const everyone: Caller = { ...caller, role: 'coordinator' };
    const { series } = await allSeries(ctx, everyone, q);
    const pooled = pooledBySubstance(series);
    // In slices with a pause between them: at national scale (thousands of series) the other
    // requests of a busy server get their turn while this runs.
    const out: ChangeResult[] = [];
    const turns = new Turns();
    for (const s of series) {
      if (NOT_A_USE_INDICATOR.has(s.substance)) continue;
      out.push(changeOf(s, baseline, current, { pooledSBetweenLog: pooled.get(s.substance) ?? null }));
      if (turns.due) await turns.take();
    }
    const dumping = dumpingDays(series);
    return adjusted(out, (r) => (r.ratio === null ? null : r.ratio - 1)).map((r): OverviewRow => {
      const flagged = r.substance === 'benzoylecgonine' ? dumping.get(r.area)?.filter((d) => d >= current.from && d <= current.to) : undefined;
      return { ...r, ...(flagged ? { dumpingDays: flagged } : {}) };
    });
  });
  if (caller.role !== 'viewer') return rows;
  const visible = new Set((await scopedAreas(ctx, caller)).map((a) => a.code));
  return rows.filter((r) => visible.has(r.area));
}

/**
 * Several trends shown together (an area's substances): Benjamini–Hochberg over their
 * Mann–Kendall p-values; each verdict then uses q < 0.05 (DOMAIN.md: "Many trend rows at once").
 */
export function trendsAdjusted(series: readonly Series[], range?: Partial<DateRange>, opts: TrendOptions = {}): (TrendResult & { p: number | null; q: number | null })[] {
  const rows = series.map((s) => {
    const t = trendOf(s, range, opts);
    return { ...t, p: t.mannKendall && t.verdict !== 'too_few_data' && t.verdict !== 'mostly_below_loq' ? t.mannKendall.p : null };
  });
  return adjusted(rows, (r) => r.sen?.slopePerYear ?? null);
}

/**
 * One series' trend with its campaigns' intervals (a chart), its verdict and q adjusted over the
 * trends of `siblings` (the area's substances) as trendsAdjusted does. The siblings' intervals
 * are not needed for that (the p-values do not depend on them) and are not computed.
 */
export function trendAdjustedAmong(one: Series, siblings: readonly Series[], range?: Partial<DateRange>, opts: TrendOptions = {}): TrendResult & { p: number | null; q: number | null } {
  const { intervals: _intervals, ...withoutIntervals } = opts;
  const same = (s: Series) => s.area === one.area && s.substance === one.substance;
  const among = siblings.some(same) ? siblings.map((s) => (same(s) ? one : s)) : [...siblings, one];
  const adjusted = trendsAdjusted(among, range, withoutIntervals).find((t) => t.area === one.area && t.substance === one.substance)!;
  const detailed = trendOf(one, range, opts);
  return { ...detailed, p: adjusted.p, q: adjusted.q, verdict: adjusted.verdict };
}
