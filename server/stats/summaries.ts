// The use-case-level statistics the HTTP layer, the CLI and the report call: one area and
// substance, values already substituted for censored days (see censoring.ts).
import { bootstrapMeanCI, bootstrapRatioCI } from './bootstrap.ts';
import { describe, mean, medianOfSorted, sortedCopy, type Description } from './describe.ts';
import { detectableRatio } from './detectableRatio.ts';
import { epochDay } from './isoDate.ts';
import { mannKendall, type MannKendallResult } from './mannKendall.ts';
import { mannWhitneyU } from './mannWhitney.ts';
import { senSlope } from './senSlope.ts';
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
 * trendSummary with what a chart's Sen line needs: SciPy's intercept median(y) − slope·median(x)
 * (x in years from the first date), the first and last date and the years of the last.
 */
export interface TrendDetail {
  summary: TrendSummary;
  /** Null when there is no Sen slope. */
  intercept: number | null;
  first: string | null;
  last: string | null;
  lastYears: number | null;
}

export function trendDetail(points: readonly StatPoint[]): TrendDetail {
  // Date order; points with the same date keep their order (Array.prototype.sort is stable).
  // Series usually come in date order already, and then need no sort.
  const dated = points.map((p) => ({ day: epochDay(p.date), value: p.value, date: p.date }));
  if (dated.some((p, i) => i > 0 && p.day < dated[i - 1].day)) dated.sort((a, b) => a.day - b.day);
  const n = dated.length;
  const values = dated.map((p) => p.value);
  const years = dated.map((p) => (p.day - dated[0].day) / 365.25);
  const mk = mannKendall(values);
  const sen = senSlope(years, values);
  const median = n === 0 ? null : medianOfSorted(sortedCopy(values));
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
    intercept: sen?.intercept ?? null,
    first: n === 0 ? null : dated[0].date,
    last: n === 0 ? null : dated[n - 1].date,
    lastYears: n === 0 ? null : years[n - 1],
  };
}
