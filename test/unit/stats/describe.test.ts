import { describe as suite, expect, it } from 'vitest';
import { describe } from '../../../server/stats/describe.ts';
import { expectClose, fixtures } from './scipyFixtures.ts';

const FIELDS = ['shareCensored', 'mean', 'median', 'geometricMean', 'q1', 'q3', 'min', 'max'] as const;

suite('describe vs NumPy/SciPy (mean, median, percentile type 7, gmean)', () => {
  it.each(fixtures.describe)('$name', ({ values, censoredFlags, expected }) => {
    const actual = describe(values, { censoredFlags });
    expect(actual.n).toBe(expected.n);
    expect(actual.nCensored).toBe(expected.nCensored);
    for (const field of FIELDS) expectClose(actual[field], expected[field], field);
  });
});

suite('describe by hand', () => {
  it('[1, 2, 3, 4]: quartiles at (n−1)·p = 0.75 and 2.25 ⇒ 1.75 and 3.25; gmean = 24^(1/4)', () => {
    const d = describe([4, 1, 3, 2]);
    expectClose(d.q1, 1.75);
    expectClose(d.q3, 3.25);
    expectClose(d.median, 2.5);
    expectClose(d.geometricMean, 24 ** 0.25); // 2.2133638...
    expect(d).toMatchObject({ n: 4, nCensored: 0, shareCensored: 0, min: 1, max: 4 });
  });

  it('sorts numerically, not as strings', () => {
    expect(describe([10, 9, 100])).toMatchObject({ min: 9, max: 100, median: 10 });
  });

  it('empty input gives n 0 and nulls', () => {
    expect(describe([])).toEqual({
      n: 0, nCensored: 0, shareCensored: null, mean: null, median: null, geometricMean: null,
      q1: null, q3: null, min: null, max: null,
    });
  });

  it('geometric mean is null with a zero or a negative value', () => {
    expect(describe([0, 1, 2]).geometricMean).toBeNull();
    expect(describe([-1, 1, 2]).geometricMean).toBeNull();
  });

  it('counts censored values: 2 of 5 ⇒ share 0.4', () => {
    expect(describe([1, 2, 3, 4, 5], { censoredFlags: [true, false, true, false, false] })).toMatchObject({
      nCensored: 2,
      shareCensored: 0.4,
    });
  });
});
