import { describe, expect, it } from 'vitest';
import { mannWhitneyU, uCounts } from '../../../server/stats/mannWhitney.ts';
import { expectClose, fixtures } from './scipyFixtures.ts';

describe("mannWhitneyU vs scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method='auto')", () => {
  it.each(fixtures.mannWhitney)('$name ($method)', ({ x, y, u, p, method }) => {
    const actual = mannWhitneyU(x, y)!;
    expectClose(actual.u, u, 'U1');
    expectClose(actual.p, p, 'p');
    expect(actual.method).toBe(method);
  });
});

describe('mannWhitneyU by hand', () => {
  it('x = [1, 2], y = [3, 4, 5]: R1 = 1 + 2 = 3, U1 = 3 − 2·3/2 = 0; exact P(U ≤ 0) = 1/C(5,2) = 1/10 ⇒ p = 0.2', () => {
    expect(mannWhitneyU([1, 2], [3, 4, 5])).toEqual({ u: 0, p: 0.2, method: 'exact' });
    expect(mannWhitneyU([4, 5], [1, 2, 3])).toEqual({ u: 6, p: 0.2, method: 'exact' });
  });

  it('x = [1, 2], y = [2, 3] (a tie): ranks 1, 2.5 | 2.5, 4; U1 = 3.5 − 3 = 0.5, U = max(0.5, 3.5) = 3.5', () => {
    // μ = 2; Σ(t³−t) = 8 − 2 = 6; σ = √(4/12 · (5 − 6/12)) = √1.5; z = (3.5 − 2 − 0.5)/√1.5 = 0.816497
    // p = 2·(1 − Φ(0.816497)) = 0.414216
    const r = mannWhitneyU([1, 2], [2, 3])!;
    expect(r.u).toBe(0.5);
    expect(r.method).toBe('asymptotic');
    expect(r.p).toBeCloseTo(0.414216, 6);
  });

  it('7 + 7 completely separated: exact p = 2/C(14,7) = 2/3432', () => {
    expectClose(mannWhitneyU([1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14])!.p, 2 / 3432);
  });

  it('U-distribution counts for m = 2, n = 3 are 1, 1, 2, 2, 2, 1, 1 (C(5,2) = 10 in all)', () => {
    expect(Array.from(uCounts(2, 3, 6))).toEqual([1, 1, 2, 2, 2, 1, 1]);
  });

  it('empty sample ⇒ null', () => {
    expect(mannWhitneyU([], [1, 2])).toBeNull();
  });
});
