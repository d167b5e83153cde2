import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalSf } from '../../../server/stats/normal.ts';
import { studentTCdf, studentTQuantile } from '../../../server/stats/studentT.ts';
import { expectClose, fixtures } from './scipyFixtures.ts';

describe('standard normal vs scipy.special.ndtr / norm.sf / ndtri', () => {
  it.each(fixtures.normalCdf)('Φ($x)', ({ x, cdf, sf }) => {
    expectClose(normalCdf(x), cdf, `cdf(${x})`);
    expectClose(normalSf(x), sf, `sf(${x})`);
  });
  it.each(fixtures.normalQuantile)('Φ⁻¹($p)', ({ p, x }) => expectClose(normalQuantile(p), x, `ndtri(${p})`));

  it('handles the ends', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalCdf(0)).toBe(0.5);
    expect(normalSf(40)).toBe(0);
  });
});

describe('Student t vs scipy.stats.t', () => {
  it.each(fixtures.studentT)('ppf($p, df=$df)', ({ p, df, q, cdfAtQ }) => {
    expectClose(studentTQuantile(p, df), q, `t.ppf(${p}, ${df})`);
    expectClose(studentTCdf(1.3, df), cdfAtQ, `t.cdf(1.3, ${df})`);
  });

  it('df = 1 is the Cauchy distribution: t_{0.75} = tan(π/4) = 1', () => {
    expectClose(studentTQuantile(0.75, 1), 1);
  });
  it('df = 2 has a closed form: t_p = (2p − 1)·√(2 / (4p(1 − p))); p = 0.975 ⇒ 0.95·√(2/0.0975) = 4.302653', () => {
    expectClose(studentTQuantile(0.975, 2), 0.95 * Math.sqrt(2 / 0.0975));
  });
});
