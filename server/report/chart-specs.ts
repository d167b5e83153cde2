/**
 * Adapts the report's data to the dashboard's chart builders (server/charts), so the report
 * draws exactly the dashboard's Vega-Lite specs. Pure. Figures the report also prints (baseline
 * mean and interval, weekday/weekend means, reference values) go in as the report shows them
 * (`displayValue`), so a chart label never reads differently from the table.
 */
import { METRICS, referenceSpec, timeseriesSpec, weekdaySpec } from '../charts/index.ts';
import type { ChartSpec, TimeseriesPoint, WeekdayValue } from '../charts/types.ts';
import { epochDay, isoWeekday, meanByWeekday } from '../stats/index.ts';
import { displayValue } from './format.ts';
import type { Lang, ReportPointInput, ReportReferenceInput, ReportResultInput } from './types.ts';

/** Plot sizes in px, chosen so that a chart fills the PDF's text width at a readable scale. */
export const CHART_SIZE = { width: 520, timeseriesHeight: 140, weekdayHeight: 120 } as const;

const CENSORED_SUBSTITUTION = { half_loq: 'loq/2', zero: 'zero', loq: 'loq' } as const;

/** Campaign index per point: runs of sampling dates with gaps of at most 2 days (API.md). */
export function campaignPoints(points: readonly ReportPointInput[]): TimeseriesPoint[] {
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  let campaign = 0;
  return sorted.map((p, i) => {
    if (i > 0 && epochDay(p.date) - epochDay(sorted[i - 1].date) > 2) campaign += 1;
    return { date: p.date, value: p.value, censored: p.censored, loqNgL: p.loqNgL, campaign };
  });
}

/**
 * Most points a report's time series draws per series: the chart is 520 px wide, so more are
 * drawn on top of each other, and every point is a vector shape in the PDF (a 30-year series of a
 * value every third day, 24 charts' worth, took the worker many minutes and a GB of memory).
 */
export const MAX_DRAWN_POINTS = 400;

/**
 * The points a chart draws: all of them up to MAX_DRAWN_POINTS; beyond, the mean of each run of
 * `days` calendar days (buckets of equal length from the first date, about MAX_DRAWN_POINTS / 2 of
 * them), drawn at the bucket's middle sampling date, censored only if every value in it was.
 * Campaigns stay as they were: consecutive buckets share a line when the last point of one and
 * the first of the next were of one campaign. The tables and statistics use every value.
 */
export function drawnPoints(points: readonly ReportPointInput[]): { points: TimeseriesPoint[]; bucketDays: number } {
  const all = campaignPoints(points);
  if (all.length <= MAX_DRAWN_POINTS) return { points: all, bucketDays: 1 };
  const first = epochDay(all[0].date);
  const span = epochDay(all[all.length - 1].date) - first + 1;
  const bucketDays = Math.max(2, Math.ceil(span / (MAX_DRAWN_POINTS / 2)));
  const out: TimeseriesPoint[] = [];
  let campaign = 0;
  let prevLast = -1;
  for (let i = 0; i < all.length;) {
    const bucket = Math.floor((epochDay(all[i].date) - first) / bucketDays);
    let j = i;
    while (j < all.length && Math.floor((epochDay(all[j].date) - first) / bucketDays) === bucket) j += 1;
    const run = all.slice(i, j);
    const valued = run.filter((p) => p.value !== null && Number.isFinite(p.value));
    const value = valued.length ? valued.reduce((sum, p) => sum + (p.value as number), 0) / valued.length : null;
    const loqs = run.map((p) => p.loqNgL).filter((l): l is number => l !== null);
    if (out.length && run[0].campaign !== prevLast) campaign += 1;
    prevLast = run[run.length - 1].campaign;
    out.push({
      date: run[Math.floor((run.length - 1) / 2)].date, value, censored: valued.length > 0 && valued.every((p) => p.censored),
      loqNgL: loqs.length ? Math.max(...loqs) : null, campaign,
    });
    i = j;
  }
  return { points: out, bucketDays };
}

/** Mean per sampling weekday with the number of samples and how many were below LOQ. */
export function weekdayValues(points: readonly ReportPointInput[]): WeekdayValue[] {
  const withValue = points.filter((p): p is ReportPointInput & { value: number } => p.value !== null);
  const means = meanByWeekday(withValue.map((p) => ({ date: p.date, value: p.value })));
  return means.map((m) => ({
    weekday: m.weekday as WeekdayValue['weekday'],
    mean: m.mean,
    n: m.n,
    nCensored: withValue.filter((p) => p.censored && isoWeekday(p.date) === m.weekday).length,
  }));
}

export interface AreaRef { code: string; name: string }

export interface SubstanceChartInput {
  lang: Lang;
  substanceName: string;
  periodLabel: string;
  period: { from: string; to: string };
  censoredMode: keyof typeof CENSORED_SUBSTITUTION;
  /** The area drawn alone (time series with band, weekday profile, reference). */
  main: AreaRef & { result: ReportResultInput };
  /** Every area with data for the substance, in report order (area comparison when more than one). */
  all: (AreaRef & { result: ReportResultInput })[];
  reference: (ReportReferenceInput & { cityNames: Map<string, string> }) | null;
}

export interface SubstanceCharts {
  timeseries: ChartSpec;
  weekday: ChartSpec;
  comparison: ChartSpec | null;
  reference: ChartSpec | null;
}

export function substanceCharts(input: SubstanceChartInput): SubstanceCharts {
  const metric = METRICS[input.lang].normalisedLoad;
  const subst = CENSORED_SUBSTITUTION[input.censoredMode];
  const drawn = (a: AreaRef & { result: ReportResultInput }) => drawnPoints(a.result.points);
  const series = (a: AreaRef & { result: ReportResultInput }) => ({
    areaCode: a.code, areaName: a.name, substanceKey: a.result.substance, substanceName: input.substanceName, points: drawn(a).points,
  });
  const meansOfDays = (areas: (AreaRef & { result: ReportResultInput })[]) => Math.max(...areas.map((a) => drawn(a).bucketDays));
  const r = input.main.result;
  const timeseries = timeseriesSpec({
    lang: input.lang, metric, width: CHART_SIZE.width, height: CHART_SIZE.timeseriesHeight, censoredSubstitution: subst,
    series: [series(input.main)], pointsAreMeansOfDays: meansOfDays([input.main]),
    baseline: r.mean === null ? null : { mean: displayValue(r.mean), ci95: r.ci95 && [displayValue(r.ci95[0]), displayValue(r.ci95[1])], from: input.period.from, to: input.period.to },
  });
  const weekday = weekdaySpec({
    lang: input.lang, metric, width: CHART_SIZE.width, height: CHART_SIZE.weekdayHeight,
    areaName: input.main.name, substanceName: input.substanceName, periodLabel: input.periodLabel,
    days: weekdayValues(r.points), weekdayMean: displayValue(r.weekdayMean), weekendMean: displayValue(r.weekendMean), ratio: r.weekendRatio,
  });
  const comparison = input.all.length > 1
    ? timeseriesSpec({ lang: input.lang, metric, width: CHART_SIZE.width, height: CHART_SIZE.timeseriesHeight, censoredSubstitution: subst, series: input.all.map(series), pointsAreMeansOfDays: meansOfDays(input.all) })
    : null;
  const ref = input.reference;
  const reference = ref && (ref.swedishCities.length > 0 || ref.europeanMedian !== null)
    ? referenceSpec({
      lang: input.lang, metric, width: 380, substanceName: input.substanceName, year: ref.year,
      area: { name: input.main.name, value: displayValue(r.mean), periodLabel: input.periodLabel },
      cities: ref.swedishCities.map((c) => ({ name: ref.cityNames.get(c.city) ?? c.city, country: 'SE', value: displayValue(c.dailyMean) })),
      europeanMedian: displayValue(ref.europeanMedian), europeanCityCount: ref.nCities,
    })
    : null;
  return { timeseries, weekday, comparison, reference };
}
