import { describe, expect, it } from 'vitest';
import { bootstrapMeanCI, bootstrapRatioCI, percentileInterval } from '../../../server/stats/bootstrap.ts';
import { seededRandom } from '../../../server/demo/generate.ts';
import { expectBootstrapAgreement, fixtures } from './scipyFixtures.ts';

describe('bootstrapMeanCI vs scipy.stats.bootstrap(method="percentile", n_resamples=10000)', () => {
  const cases = fixtures.bootstrapMean.filter((c) => c.scipy !== null);
  it.each(cases)('$name', ({ values, scipy, scipyConverged }) => {
    expectBootstrapAgreement(bootstrapMeanCI(values), scipy!, 'mean CI', scipyConverged);
  });
});

describe('bootstrapRatioCI vs SciPy (two independent samples, statistic mean(c)/mean(b))', () => {
  const cases = fixtures.bootstrapRatio.filter((c) => c.scipy !== null);
  it.each(cases)('$name', ({ current, baseline, scipy, scipyConverged }) => {
    expectBootstrapAgreement(bootstrapRatioCI(current, baseline), scipy!, 'ratio CI', scipyConverged);
  });
});

describe('bootstrap determinism and edge cases', () => {
  const values = fixtures.bootstrapMean.find((c) => c.values.length >= 50)!.values;

  it('same input ⇒ the identical interval, whatever ran before', () => {
    const first = bootstrapMeanCI(values);
    bootstrapMeanCI([1, 2, 3]);
    bootstrapRatioCI([1, 2], [3, 4]);
    expect(bootstrapMeanCI([...values])).toEqual(first);
    expect(bootstrapRatioCI(values, [1, 2, 3, 4])).toEqual(bootstrapRatioCI([...values], [1, 2, 3, 4]));
  });

  it('a different seed gives a (slightly) different interval', () => {
    expect(bootstrapMeanCI(values, { seed: 1 })).not.toEqual(bootstrapMeanCI(values, { seed: 2 }));
  });

  it('n = 0 ⇒ null, n = 1 ⇒ [v, v], constant data ⇒ [v, v]', () => {
    expect(bootstrapMeanCI([])).toBeNull();
    expect(bootstrapMeanCI([7.5])).toEqual([7.5, 7.5]);
    expect(bootstrapMeanCI([2.5, 2.5, 2.5, 2.5])).toEqual([2.5, 2.5]);
    expect(bootstrapRatioCI([12], [8])).toEqual([1.5, 1.5]);
    expect(bootstrapRatioCI([], [1])).toBeNull();
  });

  it('no finite interval from an all-zero baseline', () => {
    expect(bootstrapRatioCI([1, 2], [0, 0])).toBeNull();
  });

  it('the interval contains the mean and widens with the level', () => {
    const ci95 = bootstrapMeanCI(values)!;
    const ci80 = bootstrapMeanCI(values, { level: 0.8 })!;
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    expect(ci95[0]).toBeLessThan(m);
    expect(ci95[1]).toBeGreaterThan(m);
    expect(ci95[1] - ci95[0]).toBeGreaterThan(ci80[1] - ci80[0]);
  });
});

describe('percentileInterval: the tails read in one pass give exactly the type-7 quantiles of a full sort', () => {
  // Reference: NumPy's percentile (linear, type 7) on the sorted copy, written out: position
  // (n − 1)·p between the order statistics ⌊·⌋ and ⌊·⌋ + 1.
  const type7 = (sorted: Float64Array, p: number) => {
    const h = (sorted.length - 1) * p;
    const i = Math.floor(h);
    const j = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (h - i) * (sorted[j] - sorted[i]);
  };
  const random = seededRandom(20_261_202);
  const draws: [string, (n: number) => Float64Array][] = [
    ['continuous', (n) => Float64Array.from({ length: n }, () => random() * 100)],
    ['heavy ties (5 distinct values)', (n) => Float64Array.from({ length: n }, () => Math.floor(random() * 5))],
    ['one value', (n) => new Float64Array(n).fill(3.5)],
    ['ascending', (n) => Float64Array.from({ length: n }, (_, i) => i)],
    ['descending with a long low tail', (n) => Float64Array.from({ length: n }, (_, i) => (i < n / 10 ? -1e6 - i : n - i))],
  ];
  it.each(draws)('%s', (_name, draw) => {
    for (const n of [1024, 1500, 4000, 10_007]) {
      for (const level of [0.95, 0.9, 0.99, 0.5]) {
        const values = draw(n);
        const sorted = Float64Array.from(values).sort();
        const got = percentileInterval(Float64Array.from(values), level);
        const alpha = (1 - level) / 2;
        expect(got).toEqual([type7(sorted, alpha), type7(sorted, 1 - alpha)]);
      }
    }
  });
});
