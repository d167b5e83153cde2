import { describe, expect, it } from 'vitest';
import { censoredMean, kaplanMeierMean } from '../../../server/stats/censoredMean.ts';
import { fixtures, expectMatches } from './fixtures.ts';

const observations = (values: number[], censored: boolean[]) => values.map((value, i) => ({ value, censored: censored[i] }));

describe('kaplanMeierMean vs scipy.stats.ecdf on flipped data', () => {
  it.each(fixtures.kaplanMeier)('$name', ({ values, censored, expected }) => {
    expectMatches(kaplanMeierMean(observations(values, censored)), expected);
  });
});

describe('kaplanMeierMean by hand', () => {
  it('[1, <2, 3, <4, 5]: S drops to 0.8 at 5, to 0.8·2/3 at 3, to 0 at 1 ⇒ 5 − (2·0.8 + 2·0.5333) = 2.3333', () => {
    expect(kaplanMeierMean(observations([1, 2, 3, 4, 5], [false, true, false, true, false]))).toBeCloseTo(7 / 3, 12);
  });
  it('lowest value censored: its probability sits at its LOQ ([<1, 2, 3, 4] ⇒ 2.5)', () => {
    expect(kaplanMeierMean(observations([1, 2, 3, 4], [true, false, false, false]))).toBeCloseTo(2.5, 12);
  });
  it('all censored or empty ⇒ null', () => {
    expect(kaplanMeierMean(observations([1, 2], [true, true]))).toBeNull();
    expect(kaplanMeierMean([])).toBeNull();
  });
});

describe('censoredMean bootstrap vs a NumPy percentile bootstrap (20 000 resamples)', () => {
  const cases = fixtures.kaplanMeier.filter((c) => c.bootstrap);
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(3));
  it.each(cases)('$name', ({ values, censored, bootstrap }) => {
    const r = censoredMean(observations(values, censored));
    const width = bootstrap[1] - bootstrap[0];
    expect(Math.abs(r.ci95![0] - bootstrap[0])).toBeLessThanOrEqual(0.05 * width);
    expect(Math.abs(r.ci95![1] - bootstrap[1])).toBeLessThanOrEqual(0.05 * width);
  });
  it('seeded: same data, same interval; another seed, another interval', () => {
    const obs = observations([0.8, 1.1, 1.9, 2.2, 3.0, 4.5, 1.0, 1.0, 6.1, 2.6], [false, false, false, false, false, false, true, true, false, true]);
    expect(censoredMean(obs).ci95).toEqual(censoredMean(obs).ci95);
    expect(censoredMean(obs, { seed: 7 }).ci95).not.toEqual(censoredMean(obs).ci95);
  });
});
