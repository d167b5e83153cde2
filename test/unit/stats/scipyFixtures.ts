// Typed access to test/fixtures/stats/scipy-fixtures.json (scripts/scipy/make_stats_fixtures.py)
// and the agreement rule of API.md: |a − b| ≤ max(1e-9·|b|, 1e-12).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

type Num = number | null;
type Interval = [number, number] | null;
interface Point { date: string; value: number; censored: boolean }
interface MannKendallExpected { s: number; varS: number; z: number; p: number; tau: number }
interface DescribeExpected {
  n: number; nCensored: number; shareCensored: Num; mean: Num; median: Num; geometricMean: Num;
  q1: Num; q3: Num; min: Num; max: Num;
}
interface WeekdayExpected { weekdayMean: Num; weekendMean: Num; weekendRatio: Num }

export interface ScipyFixtures {
  scipyVersion: string;
  normalCdf: { x: number; cdf: number; sf: number }[];
  normalQuantile: { p: number; x: number }[];
  studentT: { p: number; df: number; q: number; cdfAtQ: number }[];
  describe: { name: string; values: number[]; censoredFlags: boolean[]; expected: DescribeExpected }[];
  bootstrapMean: { name: string; values: number[]; scipy: Interval; scipyConverged: Interval }[];
  bootstrapRatio: { name: string; current: number[]; baseline: number[]; scipy: Interval; scipyConverged: Interval }[];
  weekday: {
    name: string; points: { date: string; value: number }[]; euda: WeekdayExpected; euda2021: WeekdayExpected;
    byWeekday: { weekday: number; n: number; mean: Num }[]; isoWeekdays: number[];
  }[];
  mannWhitney: { name: string; x: number[]; y: number[]; u: number; p: number; method: 'exact' | 'asymptotic' }[];
  mannKendall: { name: string; values: number[]; expected: MannKendallExpected | null }[];
  theilSlopes: { name: string; years: number[]; values: number[]; expected: { slope: number; intercept: number; ci95: Interval } | null }[];
  benjaminiHochberg: { name: string; p: Num[]; q: Num[] }[];
  detectableRatio: { name: string; baseline: number[]; n1: number; n2: number; expected: Num }[];
  baselineSummary: { name: string; points: Point[]; expected: DescribeExpected & WeekdayExpected; scipyCi95: Interval; scipyCi95Converged: Interval }[];
  changeSummary: {
    name: string; baselinePoints: Point[]; currentPoints: Point[]; scipyCi95: Interval; scipyCi95Converged: Interval;
    expected: {
      baseline: { n: number; mean: Num }; current: { n: number; mean: Num }; ratio: Num;
      mannWhitney: { u: number; p: number } | null; detectableRatio: Num; verdict: string;
    };
  }[];
  trendSummary: {
    name: string; points: Point[];
    expected: {
      n: number; mannKendall: MannKendallExpected | null; verdict: string;
      sen: { slopePerYear: number; ci95: Interval; percentPerYear: Num } | null;
    };
  }[];
}

export const fixtures: ScipyFixtures = JSON.parse(
  readFileSync(new URL('../../fixtures/stats/scipy-fixtures.json', import.meta.url), 'utf8'),
);

export const RELATIVE_TOLERANCE = 1e-9;
export const ABSOLUTE_FLOOR = 1e-12;

/** Numbers within tolerance; null (or NaN) expected ⇒ null actual. */
export function expectClose(actual: number | null | undefined, expected: number | null, label = ''): void {
  if (expected === null) {
    expect(actual ?? null, `${label}: expected null`).toBeNull();
    return;
  }
  expect(actual, `${label}: expected ${expected}, got null`).not.toBeNull();
  expect(actual, `${label}: expected a number`).toBeTypeOf('number');
  const tolerance = Math.max(RELATIVE_TOLERANCE * Math.abs(expected), ABSOLUTE_FLOOR);
  const difference = Math.abs((actual as number) - expected);
  expect(difference <= tolerance, `${label}: ${actual} vs SciPy ${expected} (|Δ| = ${difference} > ${tolerance})`).toBe(true);
}

export function expectCloseInterval(actual: Interval | undefined, expected: Interval, label = ''): void {
  if (expected === null) {
    expect(actual ?? null, `${label}: expected no interval`).toBeNull();
    return;
  }
  expect(actual, `${label}: expected an interval`).not.toBeNull();
  expectClose(actual![0], expected[0], `${label} low`);
  expectClose(actual![1], expected[1], `${label} high`);
}

/**
 * Bootstrap endpoints within 5 % of SciPy's interval width (API.md). `converged` is SciPy with
 * 200 000 resamples: the module must be within 5 % of it; against SciPy's 10 000-resample run
 * the allowance grows by that run's own distance from the converged value (its Monte Carlo error,
 * measured, not assumed), so a noisy reference cannot fail a correct module.
 */
export function expectBootstrapAgreement(
  actual: Interval,
  scipy: [number, number],
  label = '',
  converged: Interval = null,
): void {
  expect(actual, `${label}: expected an interval`).not.toBeNull();
  const width = scipy[1] - scipy[0];
  const floor = ABSOLUTE_FLOOR * Math.max(1, Math.abs(scipy[1]));
  for (const [i, side] of [[0, 'low'], [1, 'high']] as const) {
    const referenceNoise = converged ? Math.abs(scipy[i] - converged[i]) : 0;
    const allowed = Math.max(0.05 * width, floor) + referenceNoise;
    const difference = Math.abs(actual![i] - scipy[i]);
    expect(
      difference <= allowed,
      `${label} ${side}: ${actual![i]} vs SciPy ${scipy[i]} (|Δ| = ${difference} > 5 % of width ${width} + SciPy noise ${referenceNoise})`,
    ).toBe(true);
    if (converged) {
      const toConverged = Math.abs(actual![i] - converged[i]);
      const allowedConverged = Math.max(0.05 * (converged[1] - converged[0]), floor);
      expect(
        toConverged <= allowedConverged,
        `${label} ${side}: ${actual![i]} vs converged SciPy ${converged[i]} (|Δ| = ${toConverged} > ${allowedConverged})`,
      ).toBe(true);
    }
  }
}
