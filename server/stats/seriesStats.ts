// The statistics of one series (area × substance × metric) as the API, the charts, the report
// and the bench show them: points with a value in a date range, then the pure summaries. Pure
// (no I/O), so a worker thread can run it too (bulk.ts); server/statistics.ts re-exports it.
import { METRIC_UNIT, type Metric } from '../domain/loads.ts';
import type { Series, SeriesPoint } from './types.ts';
import { baselineSummary, changeSummary, trendDetail, type StatPoint } from './summaries.ts';

export interface DateRange { from: string; to: string }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)] : (s[m - 1] + s[m]) / 2;
}

/** Points with a value (a day without flow has no load) within a date range, as stats take them. */
export function statPoints(points: SeriesPoint[], range?: Partial<DateRange>): StatPoint[] {
  const from = range?.from;
  const to = range?.to;
  const out: StatPoint[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p.value != null && (!from || p.date >= from) && (!to || p.date <= to)) out.push({ date: p.date, value: p.value, censored: p.censored });
  }
  return out;
}

/** The unit of a metric's values, as shown next to every figure. */
export function unitOf(metric: Metric): string {
  return METRIC_UNIT[metric];
}

export function baselineOf(series: Series, range: DateRange) {
  const pts = statPoints(series.points, range);
  let missing = 0;
  for (const p of series.points) if (p.date >= range.from && p.date <= range.to && p.value == null) missing++;
  return { area: series.area, substance: series.substance, from: range.from, to: range.to, source: series.source, ...baselineSummary(pts), nWithoutValue: missing, unit: unitOf(series.metric) };
}

export function changeOf(series: Series, baseline: DateRange, current: DateRange) {
  const r = changeSummary(statPoints(series.points, baseline), statPoints(series.points, current));
  return { area: series.area, substance: series.substance, baselinePeriod: baseline, currentPeriod: current, ...r, unit: unitOf(series.metric) };
}

export function trendOf(series: Series, range?: Partial<DateRange>) {
  const pts = statPoints(series.points, range);
  const detail = trendDetail(pts);
  const t = detail.summary;
  // The Sen line's end points for charts, through SciPy's intercept median(y) − slope·median(x)
  // (time in years from the first date). trendDetail has both medians and the end points; a
  // zero median of the values is recomputed as before (its sign follows the sort it came from).
  let line: { date: string; value: number }[] | null = null;
  if (pts.length >= 2 && t.sen) {
    const slope = t.sen.slopePerYear;
    if (detail.medianValue === 0) line = senLineBySorting(pts, slope);
    else {
      const intercept = detail.medianValue! - slope * detail.medianYears!;
      line = [
        { date: detail.first!.date, value: intercept },
        { date: detail.last!.date, value: intercept + slope * detail.lastYears! },
      ];
    }
  }
  return { area: series.area, substance: series.substance, from: pts[0]?.date ?? null, to: pts[pts.length - 1]?.date ?? null, ...t, line, unit: unitOf(series.metric) };
}

/** The Sen line by sorting the points by date (the definition trendOf's fast path follows). */
function senLineBySorting(pts: StatPoint[], slopePerYear: number): { date: string; value: number }[] {
  const sorted = [...pts].sort((a, b) => a.date.localeCompare(b.date));
  const day0 = Date.parse(sorted[0].date);
  const years = sorted.map((p) => (Date.parse(p.date) - day0) / (365.25 * 86_400_000));
  const intercept = median(sorted.map((p) => p.value)) - slopePerYear * median(years);
  return [
    { date: sorted[0].date, value: intercept },
    { date: sorted[sorted.length - 1].date, value: intercept + slopePerYear * years[years.length - 1] },
  ];
}
