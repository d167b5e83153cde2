import type { AppContext } from './context.ts';
import { METRIC_UNIT, type CensoredMode, type Metric } from './domain/loads.ts';
import { dumpingDays } from './domain/dumping.ts';
import type { Caller } from './http/types.ts';
import { allSeries, type Series, type SeriesPoint } from './series.ts';
import { baselineSummary, benjaminiHochberg, changeSummary, trendSummary, type StatPoint } from './stats/index.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)] : (s[m - 1] + s[m]) / 2;
}
import { cached } from './cache.ts';

export interface DateRange { from: string; to: string }

export interface StatsQuery {
  metric: Metric;
  censored: CensoredMode;
}

/** Points with a value (a day without flow has no load) within a date range, as stats take them. */
export function statPoints(points: SeriesPoint[], range?: Partial<DateRange>): StatPoint[] {
  return points
    .filter((p) => p.value != null && (!range?.from || p.date >= range.from) && (!range?.to || p.date <= range.to))
    .map((p) => ({ date: p.date, value: p.value as number, censored: p.censored }));
}

/** The unit of a metric's values, as shown next to every figure. */
export function unitOf(metric: Metric): string {
  return METRIC_UNIT[metric];
}

export function baselineOf(series: Series, range: DateRange) {
  const pts = statPoints(series.points, range);
  const missing = series.points.filter((p) => p.date >= range.from && p.date <= range.to && p.value == null).length;
  return { area: series.area, substance: series.substance, from: range.from, to: range.to, source: series.source, ...baselineSummary(pts), nWithoutValue: missing, unit: unitOf(series.metric) };
}

export function changeOf(series: Series, baseline: DateRange, current: DateRange) {
  const r = changeSummary(statPoints(series.points, baseline), statPoints(series.points, current));
  return { area: series.area, substance: series.substance, baselinePeriod: baseline, currentPeriod: current, ...r, unit: unitOf(series.metric) };
}

export function trendOf(series: Series, range?: Partial<DateRange>) {
  const pts = statPoints(series.points, range);
  const t = trendSummary(pts);
  // The Sen line's end points for charts, through SciPy's intercept median(y) − slope·median(x)
  // (time in years from the first date).
  let line: { date: string; value: number }[] | null = null;
  if (pts.length >= 2 && t.sen) {
    const sorted = [...pts].sort((a, b) => a.date.localeCompare(b.date));
    const day0 = Date.parse(sorted[0].date);
    const years = sorted.map((p) => (Date.parse(p.date) - day0) / (365.25 * 86_400_000));
    const intercept = median(sorted.map((p) => p.value)) - t.sen.slopePerYear * median(years);
    line = [
      { date: sorted[0].date, value: intercept },
      { date: sorted[sorted.length - 1].date, value: intercept + t.sen.slopePerYear * years[years.length - 1] },
    ];
  }
  return { area: series.area, substance: series.substance, from: pts[0]?.date ?? null, to: pts[pts.length - 1]?.date ?? null, ...t, line, unit: unitOf(series.metric) };
}

export type OverviewRow = ReturnType<typeof changeOf> & { q: number | null; dumpingDays?: string[] };

/**
 * Every area × substance for a baseline and a comparison period. q-values (Benjamini–Hochberg)
 * over every row with a p-value, over all areas whatever the caller's role; viewers then see
 * only the rows of areas they may see. The verdict uses q < 0.05.
 */
export async function overview(ctx: AppContext, caller: Caller, baseline: DateRange, current: DateRange, q: StatsQuery): Promise<OverviewRow[]> {
  const key = `overview|${caller.organisationIds.join(',')}|${baseline.from}|${baseline.to}|${current.from}|${current.to}|${q.metric}|${q.censored}`;
  const rows = await cached(ctx, key, async () => {
    const everyone: Caller = { ...caller, role: 'coordinator' };
    const { series } = await allSeries(ctx, everyone, q);
    const out = series.map((s) => changeOf(s, baseline, current));
    const p = out.map((r) => (r.verdict === 'too_few_data' ? null : r.mannWhitney?.p ?? null));
    const qv = benjaminiHochberg(p);
    const dumping = dumpingDays(series);
    return out.map((r, i): OverviewRow => {
      const qi = qv[i];
      const verdict = r.verdict === 'too_few_data' || qi === null ? r.verdict : qi < 0.05 ? (r.ratio! > 1 ? 'increase' : 'decrease') : 'no_clear_change';
      const flagged = r.substance === 'cocaine' ? dumping.get(r.area)?.filter((d) => d >= current.from && d <= current.to) : undefined;
      return { ...r, verdict, q: qi, ...(flagged ? { dumpingDays: flagged } : {}) };
    });
  });
  if (caller.role !== 'viewer') return rows;
  const { areas } = await allSeries(ctx, caller, q);
  const visible = new Set(areas.map((a) => a.code));
  return rows.filter((r) => visible.has(r.area));
}
