import { describe, expect, it } from 'vitest';
import { baselineSummary, changeSummary, trendSummary } from '../../../server/stats/summaries.ts';
import { expectBootstrapAgreement, expectClose, expectCloseInterval, fixtures } from './scipyFixtures.ts';

const DESCRIBE_FIELDS = ['shareCensored', 'mean', 'median', 'geometricMean', 'q1', 'q3', 'min', 'max'] as const;
const WEEKDAY_FIELDS = ['weekdayMean', 'weekendMean', 'weekendRatio'] as const;

describe('baselineSummary vs NumPy/SciPy', () => {
  it.each(fixtures.baselineSummary)('$name', ({ points, expected, scipyCi95, scipyCi95Converged }) => {
    const actual = baselineSummary(points);
    expect([actual.n, actual.nCensored]).toEqual([expected.n, expected.nCensored]);
    for (const field of [...DESCRIBE_FIELDS, ...WEEKDAY_FIELDS]) expectClose(actual[field], expected[field], field);
    if (scipyCi95) expectBootstrapAgreement(actual.ci95, scipyCi95, 'ci95', scipyCi95Converged);
    else if (points.length === 1) expect(actual.ci95).toEqual([points[0].value, points[0].value]);
    expect(baselineSummary(points)).toEqual(actual); // reproducible report
  });
});

describe('changeSummary vs NumPy/SciPy', () => {
  it.each(fixtures.changeSummary)('$name', ({ baselinePoints, currentPoints, expected, scipyCi95, scipyCi95Converged }) => {
    const actual = changeSummary(baselinePoints, currentPoints);
    expect(actual.baseline.n).toBe(expected.baseline.n);
    expect(actual.current.n).toBe(expected.current.n);
    expectClose(actual.baseline.mean, expected.baseline.mean, 'baseline mean');
    expectClose(actual.current.mean, expected.current.mean, 'current mean');
    expectClose(actual.ratio, expected.ratio, 'ratio');
    if (expected.mannWhitney === null) expect(actual.mannWhitney).toBeNull();
    else {
      expectClose(actual.mannWhitney!.u, expected.mannWhitney.u, 'U');
      expectClose(actual.mannWhitney!.p, expected.mannWhitney.p, 'p');
    }
    expectClose(actual.detectableRatio, expected.detectableRatio, 'detectableRatio');
    expect(actual.verdict).toBe(expected.verdict);
    if (scipyCi95) expectBootstrapAgreement(actual.ci95, scipyCi95, 'ci95', scipyCi95Converged);
  });

  it('a rise from an all-zero baseline: no ratio, but still an increase', () => {
    const day = (d: number, value: number) => ({ date: `2024-03-${String(d).padStart(2, '0')}`, value, censored: value === 0 });
    const r = changeSummary([1, 2, 3, 4, 5].map((d) => day(d, 0)), [11, 12, 13, 14, 15].map((d) => day(d, 4 + d)));
    expect(r.ratio).toBeNull();
    expect(r.ci95).toBeNull();
    expect(r.verdict).toBe('increase'); // exact p = 2/C(10,5) = 2/252 but the baseline zeros tie: asymptotic p ≈ 0.007
  });
});

describe('trendSummary vs SciPy theilslopes and the Mann–Kendall reference', () => {
  it.each(fixtures.trendSummary)('$name', ({ points, expected }) => {
    const actual = trendSummary(points);
    expect(actual.n).toBe(expected.n);
    expect(actual.verdict).toBe(expected.verdict);
    if (expected.mannKendall === null) expect(actual.mannKendall).toBeNull();
    else {
      expect(actual.mannKendall!.s).toBe(expected.mannKendall.s);
      for (const key of ['varS', 'z', 'p', 'tau'] as const) expectClose(actual.mannKendall![key], expected.mannKendall[key], key);
    }
    if (expected.sen === null) expect(actual.sen).toBeNull();
    else {
      expectClose(actual.sen!.slopePerYear, expected.sen.slopePerYear, 'slopePerYear');
      expectCloseInterval(actual.sen!.ci95, expected.sen.ci95, 'sen ci95');
      expectClose(actual.sen!.percentPerYear, expected.sen.percentPerYear, 'percentPerYear');
    }
  });

  it('takes points in date order whatever order they come in', () => {
    const points = fixtures.trendSummary.find((c) => c.points.length >= 20)!.points;
    expect(trendSummary([...points].reverse())).toEqual(trendSummary(points));
  });
});
