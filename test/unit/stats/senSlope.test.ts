import { describe, expect, it } from 'vitest';
import { roundHalfEven, senSlope } from '../../../server/stats/senSlope.ts';
import { expectClose, expectCloseInterval, fixtures } from './scipyFixtures.ts';

describe('senSlope vs scipy.stats.theilslopes(values, years, alpha=0.95)', () => {
  it.each(fixtures.theilSlopes)('$name', ({ years, values, expected }) => {
    const actual = senSlope(years, values);
    if (expected === null) return expect(actual).toBeNull();
    expectClose(actual!.slope, expected.slope, 'slope');
    expectClose(actual!.intercept, expected.intercept, 'intercept');
    expectCloseInterval(actual!.ci95, expected.ci95, 'ci95');
  });
});

describe('senSlope by hand', () => {
  it('rounds the interval ranks half to even, as np.round: 0.5 → 0, 1.5 → 2, 2.5 → 2, 2.6 → 3', () => {
    expect([0.5, 1.5, 2.5, 2.4, 2.6, 3.5].map(roundHalfEven)).toEqual([0, 2, 2, 2, 3, 4]);
  });

  it('x = [0, 1, 2], y = [0, 2, 3]: slopes 2, 1.5, 1 ⇒ median 1.5; intercept = 2 − 1.5·1 = 0.5', () => {
    const r = senSlope([0, 1, 2], [0, 2, 3])!;
    expect(r.slope).toBe(1.5);
    expect(r.intercept).toBe(0.5);
  });

  it('pairs with equal x are skipped: x = [0, 0, 1], y = [1, 3, 5] ⇒ slopes 4 and 2 ⇒ 3', () => {
    expect(senSlope([0, 0, 1], [1, 3, 5])!.slope).toBe(3);
  });

  it('n = 10 without ties: σ² = 10·9·25/18 = 125, z = 1.959964, 45 slopes', () => {
    // z·σ = 1.959964 · 11.180340 = 21.9131 (z = Φ⁻¹(0.025) < 0)
    // Ru = min(round((45 + 21.9131)/2), 44) = round(33.457) = 33
    // Rl = max(round((45 − 21.9131)/2) − 1, 0) = round(11.543) − 1 = 11 ⇒ the 12th and the 34th slope.
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const y = [3, 1, 4, 1.5, 5, 9, 2, 6, 5.5, 3.5];
    const slopes: number[] = [];
    for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) slopes.push((y[j] - y[i]) / (x[j] - x[i]));
    slopes.sort((a, b) => a - b);
    expect(senSlope(x, y)!.ci95).toEqual([slopes[11], slopes[33]]);
  });

  it('no slope without two distinct times', () => {
    expect(senSlope([1], [2])).toBeNull();
    expect(senSlope([1, 1], [2, 3])).toBeNull();
    expect(() => senSlope([1, 2], [1])).toThrow(RangeError);
  });

  it('is fast for ten years of daily values (3 650 points, 6.7 M slopes)', () => {
    const n = 3650;
    const x = Array.from({ length: n }, (_, i) => i / 365.25);
    const y = x.map((t, i) => 100 * Math.exp(0.05 * t) * (1 + 0.3 * Math.sin(i * 12.9898)));
    const start = performance.now();
    const r = senSlope(x, y)!;
    const elapsed = performance.now() - start;
    expect(r.ci95![0]).toBeLessThan(r.slope);
    // Generous for a loaded 2-core machine: ~0.5 s alone, up to ~4 s with other jobs running.
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe('order statistics by selection', () => {
  it('agree with a full sort at every rank, with ties and for sizes around the Floyd–Rivest cut-off', async () => {
    const { orderStatistics } = await import('../../../server/stats/select.ts');
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const n of [1, 2, 5, 601, 602, 5000]) {
      const data = Float64Array.from({ length: n }, () => Math.round(random() * 50) / 7);
      const sorted = Float64Array.from(data).sort();
      const ranks = [0, n - 1, n >> 1, Math.floor(n / 3), Math.floor((2 * n) / 3)];
      expect(orderStatistics(Float64Array.from(data), ranks)).toEqual(ranks.map((r) => sorted[r]));
    }
  });
});

describe('order statistics of long arrays with close ranks (narrowed to a band first)', () => {
  const sortedAt = (data: Float64Array, ranks: number[]) => {
    const sorted = Float64Array.from(data).sort();
    return ranks.map((r) => sorted[r]);
  };

  it('agree with a full sort for the median and an interval around it, with ties and sorted input', async () => {
    const { orderStatistics } = await import('../../../server/stats/select.ts');
    let seed = 11;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const n of [4096, 5001, 39_060]) {
      const shapes = [
        Float64Array.from({ length: n }, () => random()),
        Float64Array.from({ length: n }, () => Math.round(random() * 20)), // heavy ties
        Float64Array.from({ length: n }, (_, i) => i), // ascending: the even sample still brackets
        Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? -Infinity : i % 11 === 0 ? Infinity : random())),
      ];
      for (const data of shapes) {
        const mid = n >> 1;
        const ranks = [mid - 1, mid, Math.round(n * 0.46), Math.round(n * 0.54), n - 1 - mid];
        expect(orderStatistics(Float64Array.from(data), ranks)).toEqual(sortedAt(data, ranks));
      }
    }
  });

  it('a sample that misses the band (the wanted values hide between sampled positions) still gives the sorted values', async () => {
    const { orderStatistics } = await import('../../../server/stats/select.ts');
    // 1024 evenly spaced sample positions all hold 0; every other value is 1…n, so the sample's
    // pivots are 0 and 0 and no wanted rank falls within the band: the plain selection decides.
    const n = 8192;
    const stride = n / 1024;
    const data = Float64Array.from({ length: n }, (_, i) => (i % stride === stride / 2 ? 0 : i + 1));
    const ranks = [4000, 4096, 4200];
    expect(orderStatistics(Float64Array.from(data), ranks)).toEqual(sortedAt(data, ranks));
  });

  it('rejects ranks outside the array', async () => {
    const { orderStatistics } = await import('../../../server/stats/select.ts');
    expect(() => orderStatistics(new Float64Array(3), [3])).toThrow(RangeError);
    expect(() => orderStatistics(new Float64Array(3), [0.5])).toThrow(RangeError);
  });
});

