import { describe, expect, it } from 'vitest';
import { bootstrapMeanCI, bootstrapRatioCI } from '../../../server/stats/bootstrap.ts';
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
