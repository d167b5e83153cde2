import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../../server/stats/benjaminiHochberg.ts';
import { expectClose, fixtures } from './scipyFixtures.ts';

describe("benjaminiHochberg vs scipy.stats.false_discovery_control(p, method='bh')", () => {
  it.each(fixtures.benjaminiHochberg)('$name', ({ p, q }) => {
    const actual = benjaminiHochberg(p);
    expect(actual).toHaveLength(q.length);
    actual.forEach((value, i) => expectClose(value, q[i], `q[${i}]`));
  });
});

describe('benjaminiHochberg by hand', () => {
  it("SciPy's docs example: [0.5, 0.6, 0.1, 0.001] ⇒ [0.6, 0.6, 0.2, 0.004]", () => {
    // sorted 0.001·4/1 = 0.004, 0.1·4/2 = 0.2, 0.5·4/3 = 0.667 → min with 0.6·4/4 = 0.6
    const q = benjaminiHochberg([0.5, 0.6, 0.1, 0.001]);
    [0.6, 0.6, 0.2, 0.004].forEach((expected, i) => expectClose(q[i], expected));
  });

  it('nulls are kept and not counted: [0.01, null, 0.04] ⇒ family of 2: [0.02, null, 0.04]', () => {
    const q = benjaminiHochberg([0.01, null, 0.04]);
    expect(q[1]).toBeNull();
    expectClose(q[0], 0.02);
    expectClose(q[2], 0.04);
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.5, 1.2])).toThrow(RangeError);
    expect(() => benjaminiHochberg([Number.NaN])).toThrow(RangeError);
  });
});
