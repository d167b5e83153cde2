// The use-case-level statistics the HTTP layer, the CLI and the report call: one area and
// substance, values already substituted for censored days (see censoring.ts).
import { bootstrapMeanCI, bootstrapRatioCI } from './bootstrap.ts';
import { describe, mean, medianOfSorted, type Description } from './describe.ts';
import { detectableRatio } from './detectableRatio.ts';
import { epochDay } from './isoDate.ts';
import { kendallSBySorting, mannKendallFromS, tieTermOfSorted, type MannKendallResult } from './mannKendall.ts';
import { mannWhitneyU } from './mannWhitney.ts';
import { senSlopeAscending } from './senSlope.ts';
import { changeVerdict, trendVerdict, type Verdict } from './verdicts.ts';
import { weekdayWeekend, type WeekdayWeekend } from './weekday.ts';

export interface StatPoint {
  /** Sampling start day, YYYY-MM-DD. */
  date: string;
  /** The value statistics use (for a censored day: the substituted value). */
  value: number;
  censored: boolean;
}

export interface BaselineSummary extends Description, WeekdayWeekend {
  ci95: [number, number] | null;
}

export interface ChangeSummary {
  baseline: { n: number; mean: number | null };
  current: { n: number; mean: number | null };
  /** current mean / baseline mean; null when either is missing or the baseline mean is 0. */
  ratio: number | null;
  ci95: [number, number] | null;
  mannWhitney: { u: number; p: number } | null;
  detectableRatio: number | null;
  verdict: Verdict;
}

export interface TrendSummary {
  n: number;
  mannKendall: MannKendallResult | null;
  sen: { slopePerYear: number; ci95: [number, number] | null; percentPerYear: number | null } | null;
  verdict: Verdict;
}

/** seed: mixed into the bootstrap's data-derived seed; resamples: default 4 000 (API: ≥ 2 000). */
export interface SummaryOptions {
  seed?: number;
  resamples?: number;
}

const valuesOf = (points: readonly StatPoint[]): number[] => points.map((p) => p.value);

export function baselineSummary(points: readonly StatPoint[], opts: SummaryOptions = {}): BaselineSummary {
  const values = valuesOf(points);
  return {
    ...describe(values, { censoredFlags: points.map((p) => p.censored) }),
    ci95: bootstrapMeanCI(values, opts),
    ...weekdayWeekend(points, 'euda'),
  };
}

export function changeSummary(
  baselinePoints: readonly StatPoint[],
  currentPoints: readonly StatPoint[],
  opts: SummaryOptions = {},
): ChangeSummary {
  const baselineValues = valuesOf(baselinePoints);
  const currentValues = valuesOf(currentPoints);
  const baselineMean = mean(baselineValues);
  const currentMean = mean(currentValues);
  const ratio = baselineMean === null || currentMean === null || baselineMean === 0 ? null : currentMean / baselineMean;
  const test = mannWhitneyU(currentValues, baselineValues);
  // A rise from an all-zero baseline has no finite ratio but is still a direction.
  const direction = ratio ?? (baselineMean === 0 && currentMean !== null && currentMean > 0 ? Infinity : null);
  return {
    baseline: { n: baselineValues.length, mean: baselineMean },
    current: { n: currentValues.length, mean: currentMean },
    ratio,
    ci95: ratio === null ? null : bootstrapRatioCI(currentValues, baselineValues, opts),
    mannWhitney: test && { u: test.u, p: test.p },
    detectableRatio: detectableRatio(baselineValues, baselineValues.length, currentValues.length),
    verdict: changeVerdict({ n1: currentValues.length, n2: baselineValues.length, p: test?.p ?? null, ratio: direction }),
  };
}

/** Points in any order; they are taken in date order. Time axis: years = days / 365.25. */
export function trendSummary(points: readonly StatPoint[]): TrendSummary {
  return trendDetail(points).summary;
}

/**
 * trendSummary with what a Sen line through SciPy's intercept needs, computed on the way:
 * median of the values (ascending typed-array order), median of the years, the first and the
 * last point in date order and the years of the last.
 */
export interface TrendDetail {
  summary: TrendSummary;
  medianValue: number | null;
  medianYears: number | null;
  first: StatPoint | null;
  last: StatPoint | null;
  lastYears: number | null;
}

let trendScratch: Float64Array = new Float64Array(4 * 512);

export function trendDetail(points: readonly StatPoint[]): TrendDetail {
  // Equivalent to mannKendall(values) + senSlope(years, values) on the date-ordered points
  // (stable order for equal dates), sharing one sorted copy of the values between the tie terms,
  // Kendall's S and the median, and with the times already ascending.
  const n = points.length;
  // Four arrays of n from one reused buffer (nothing returned refers to them).
  if (trendScratch.length < 4 * n) trendScratch = new Float64Array(4 * n);
  const days = trendScratch.subarray(0, n);
  const values = trendScratch.subarray(n, 2 * n);
  const years = trendScratch.subarray(2 * n, 3 * n);
  const sorted = trendScratch.subarray(3 * n, 4 * n);
  let inOrder = true;
  for (let i = 0; i < n; i++) {
    days[i] = epochDay(points[i].date);
    if (i > 0 && days[i] < days[i - 1]) inOrder = false;
  }
  let order: number[] | null = null;
  if (!inOrder) {
    order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => days[a] - days[b]);
  }
  const day0 = n > 0 ? days[order ? order[0] : 0] : 0;
  for (let i = 0; i < n; i++) {
    const k = order ? order[i] : i;
    const value = points[k].value;
    if (!Number.isFinite(value)) throw new RangeError(`values[${i}] is not a finite number: ${value}`);
    values[i] = value;
    years[i] = (days[k] - day0) / 365.25;
  }
  sorted.set(values);
  sorted.sort();
  const tieTermValues = tieTermOfSorted(sorted);
  // Sen's slope first: its pairwise pass gives Kendall's S on the way when it runs as WebAssembly.
  const trend = senSlopeAscending(years, values, tieTermOfSorted(years), tieTermValues);
  const sen = trend.sen;
  const mk = n < 2 ? null : mannKendallFromS(trend.s ?? kendallSBySorting(values, sorted), n, tieTermValues);
  const median = n === 0 ? null : medianOfSorted(sorted);
  const summary: TrendSummary = {
    n,
    mannKendall: mk,
    sen: sen && {
      slopePerYear: sen.slope,
      ci95: sen.ci95,
      percentPerYear: median === null || median === 0 ? null : (100 * sen.slope) / median,
    },
    verdict: trendVerdict({ n, p: mk?.p ?? null, slope: sen?.slope ?? null }),
  };
  return {
    summary,
    medianValue: median,
    medianYears: n === 0 ? null : medianOfSorted(years),
    first: n === 0 ? null : points[order ? order[0] : 0],
    last: n === 0 ? null : points[order ? order[n - 1] : n - 1],
    lastYears: n === 0 ? null : years[n - 1],
  };
}
