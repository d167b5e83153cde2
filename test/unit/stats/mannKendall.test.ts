import { describe, expect, it } from 'vitest';
import { mannKendall } from '../../../server/stats/mannKendall.ts';
import { expectClose, fixtures } from './scipyFixtures.ts';

describe('mannKendall vs the Python reference on scipy.stats.norm', () => {
  it.each(fixtures.mannKendall)('$name', ({ values, expected }) => {
    const actual = mannKendall(values);
    if (expected === null) return expect(actual).toBeNull();
    expect(actual!.s).toBe(expected.s);
    for (const key of ['varS', 'z', 'p', 'tau'] as const) expectClose(actual![key], expected[key], key);
  });
});

describe('mannKendall by hand', () => {
  it('[1, 2, 3, 4, 5]: S = 10 (all 10 pairs rise), varS = 5·4·15/18, z = (10 − 1)/√varS', () => {
    const r = mannKendall([1, 2, 3, 4, 5])!;
    expect(r.s).toBe(10);
    expectClose(r.varS, (5 * 4 * 15) / 18); // 16.6667
    expectClose(r.z, 9 / Math.sqrt((5 * 4 * 15) / 18)); // 2.204541
    expect(r.p).toBeCloseTo(0.027486, 6); // 2·(1 − Φ(2.204541))
    expect(r.tau).toBe(1);
  });

  it('ties: [1, 1, 2]: S = 0 + 1 + 1 = 2; varS = (3·2·11 − 2·1·9)/18 = 48/18', () => {
    const r = mannKendall([1, 1, 2])!;
    expect(r.s).toBe(2);
    expectClose(r.varS, 48 / 18);
    expectClose(r.tau, 2 / 3);
  });

  it('constant series: S = 0, z = 0, p = 1', () => {
    expect(mannKendall([2.5, 2.5, 2.5, 2.5, 2.5])).toEqual({ s: 0, varS: 0, z: 0, p: 1, tau: 0 });
  });

  it('fewer than 2 values ⇒ null', () => {
    expect(mannKendall([])).toBeNull();
    expect(mannKendall([3])).toBeNull();
  });
});

describe('mannKendall S = the pairwise sum Σ_{i<j} sign(x_j − x_i)', () => {
  it('random series with many ties, 2 … 300 values', () => {
    let seed = 5;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const n of [2, 3, 10, 47, 280, 300]) {
      for (const levels of [2, 5, 1000]) {
        const x = Array.from({ length: n }, () => Math.floor(random() * levels) / 3);
        let s = 0;
        for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) s += Math.sign(x[j] - x[i]);
        expect(mannKendall(x)!.s).toBe(s);
      }
    }
  });
});

