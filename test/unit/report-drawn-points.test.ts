import { describe, expect, it } from 'vitest';
import { campaignPoints, drawnPoints, MAX_DRAWN_POINTS } from '../../server/report/chart-specs.ts';

const day = (i: number) => new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

describe('the points a report chart draws (long periods thinned)', () => {
  it('draws every point up to the limit, as campaignPoints gives them', () => {
    const pts = Array.from({ length: MAX_DRAWN_POINTS }, (_, i) => ({ date: day(i * 3), value: i, censored: false, loqNgL: 1 }));
    expect(drawnPoints(pts)).toEqual({ points: campaignPoints(pts), bucketDays: 1 });
  });

  it('beyond: the mean of each bucket of days at its middle date; censored only if all were; one daily campaign stays one line', () => {
    // 1000 daily values 0…999: span 1000 days / (400 / 2) = buckets of 5 days → 200 points.
    const pts = Array.from({ length: 1000 }, (_, i) => ({ date: day(i), value: i, censored: i >= 5 && i < 10 || i === 0, loqNgL: i === 7 ? 3 : 1 }));
    const { points, bucketDays } = drawnPoints(pts);
    expect(bucketDays).toBe(5);
    expect(points).toHaveLength(200);
    // Bucket 0: days 0–4, mean (0+1+2+3+4)/5 = 2, middle point day 2; one censored of five → not censored.
    expect(points[0]).toEqual({ date: day(2), value: 2, censored: false, loqNgL: 1, campaign: 0 });
    // Bucket 1: days 5–9 all censored, mean 7, largest LOQ 3.
    expect(points[1]).toEqual({ date: day(7), value: 7, censored: true, loqNgL: 3, campaign: 0 });
    // Last bucket: days 995–999, mean 997.
    expect(points[199]).toMatchObject({ date: day(997), value: 997, campaign: 0 });
  });

  it('a value every third day (each its own campaign) gives a new campaign per bucket; null values do not count in the mean', () => {
    const pts = Array.from({ length: 600 }, (_, i) => ({ date: day(i * 3), value: i % 10 === 9 ? null : i, censored: false, loqNgL: null }));
    // Span 1798 days / 200 → buckets of 9 days: three points each (0, 3, 6), 200 buckets.
    const { points, bucketDays } = drawnPoints(pts);
    expect(bucketDays).toBe(9);
    expect(points).toHaveLength(200);
    expect(points.map((p) => p.campaign)).toEqual(points.map((_, i) => i));
    // Bucket 3: points 9 (null), 10, 11 → mean (10 + 11) / 2 = 10.5.
    expect(points[3]).toMatchObject({ value: 10.5, loqNgL: null, date: day(30) });
  });
});
