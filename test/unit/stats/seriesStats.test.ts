import { describe, expect, it } from 'vitest';
import { trendOf } from '../../../server/stats/seriesStats.ts';
import type { Series } from '../../../server/stats/types.ts';

const series = (points: { date: string; value: number | null }[]): Series => ({
  area: 'A',
  substance: 's',
  metric: 'normalized_load',
  censoredMode: 'half_loq',
  source: 'own',
  points: points.map((p) => ({ ...p, censored: false, loqNgL: 1, concentrationNgL: p.value })),
});

describe('trendOf: the Sen line through SciPy’s intercept', () => {
  it('by hand: three days 0, 2, 3 (given out of order, one day without a value)', () => {
    // x = 0, 1, 2 days = 0, 1/365.25, 2/365.25 years; slopes per year 2·365.25, 1.5·365.25, 1·365.25
    // ⇒ median 1.5·365.25. Intercept = median(y) − slope·median(x) = 2 − 1.5·365.25/365.25 = 0.5;
    // at the last day: 0.5 + 1.5·365.25 · 2/365.25 = 3.5.
    const t = trendOf(
      series([
        { date: '2024-01-03', value: 3 },
        { date: '2024-01-01', value: 0 },
        { date: '2024-01-04', value: null },
        { date: '2024-01-02', value: 2 },
      ]),
    );
    expect(t.sen!.slopePerYear).toBeCloseTo(1.5 * 365.25, 9);
    expect(t.line!.map((p) => p.date)).toEqual(['2024-01-01', '2024-01-03']);
    expect(t.line![0].value).toBeCloseTo(0.5, 12);
    expect(t.line![1].value).toBeCloseTo(3.5, 12);
  });

  it('no line without two distinct dates', () => {
    expect(trendOf(series([{ date: '2024-01-01', value: 1 }])).line).toBeNull();
    expect(trendOf(series([{ date: '2024-01-01', value: 1 }, { date: '2024-01-01', value: 2 }])).line).toBeNull();
    expect(trendOf(series([])).line).toBeNull();
  });
});
