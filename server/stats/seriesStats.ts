// The statistics of one series (area × substance × metric) as the API, the charts, the report
// and the bench show them: points with a value in a date range, then the pure summaries. Pure
// (no I/O); server/statistics.ts re-exports it.
import { METRIC_UNIT, type Metric } from '../domain/loads.ts';
import type { Series, SeriesPoint } from './types.ts';
import { baselineSummary, changeSummary, trendDetail, type StatPoint } from './summaries.ts';

export interface DateRange { from: string; to: string }

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
  const { summary: t, intercept, first, last, lastYears } = trendDetail(pts);
  // The Sen line's end points for charts: SciPy's intercept median(y) − slope·median(x) at the
  // first date (x = 0), and intercept + slope·x at the last.
  const line =
    t.sen && intercept !== null && first !== null && last !== null && lastYears !== null
      ? [
          { date: first, value: intercept },
          { date: last, value: intercept + t.sen.slopePerYear * lastYears },
        ]
      : null;
  return { area: series.area, substance: series.substance, from: pts[0]?.date ?? null, to: pts[pts.length - 1]?.date ?? null, ...t, line, unit: unitOf(series.metric) };
}
