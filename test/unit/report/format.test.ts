/**
 * The report's number formatter against an independent statement of its rule:
 * Intl.NumberFormat with 3 significant digits below 1 000 and whole numbers from 1 000 up
 * (sv-SE: decimal comma, no-break space between thousands; en-US: "." and ",").
 */
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../server/i18n/index.ts';
import { displayValue, reportFormat } from '../../../server/report/format.ts';

function intl(v: number, lang: 'sv' | 'en'): string {
  const locale = lang === 'sv' ? 'sv-SE' : 'en-US';
  const nf = Math.abs(v) >= 1000 ? new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }) : new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 });
  return nf.format(v).replace(/\u2212/g, '-');
}

/** A deterministic spread of magnitudes (xorshift), plus the rounding edges. */
function values(): number[] {
  let x = 0x9e3779b9;
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
  const out = [0.0012345, 0.012345, 0.1, 0.5, 0.995, 0.9995, 1, 9.995, 12.45, 12.3, 99.95, 100, 123.456, 999.4, 999.5, 999.6, 1000, 1234.5, 45678.9, 1_234_567];
  for (let i = 0; i < 3000; i++) out.push(10 ** (next() * 8 - 3) * (1 + next()));
  return out;
}

describe('report number format', () => {
  for (const lang of ['sv', 'en'] as const) {
    it(`${lang}: every figure reads as the Intl rule says`, () => {
      const f = reportFormat(lang);
      for (const v of values()) expect(f.number(v), String(v)).toBe(intl(v, lang));
    });
  }

  it('a decimal tie rounds up as written (9.995 → 10), and charts get the shown value', () => {
    expect(reportFormat('sv').number(9.995)).toBe('10');
    expect(reportFormat('sv').number(12.45)).toBe('12,5');
    expect(displayValue(9.995)).toBe(10);
    expect(displayValue(84.10645654761905)).toBe(84.1);
    expect(displayValue(1234.5)).toBe(1235);
    // the chart label of the shown value is the report's text
    for (const v of values()) expect(formatNumber(displayValue(v), 'sv'), String(v)).toBe(reportFormat('sv').number(v));
  });

  it('Swedish: decimal comma and a no-break space between thousands', () => {
    const f = reportFormat('sv');
    expect(f.number(84.10645654761905)).toBe('84,1');
    expect(f.number(0.0897)).toBe('0,0897');
    expect(f.number(12345.6)).toBe('12\u00a0346');
    expect(f.count(24000)).toBe('24\u00a0000');
    expect(f.percent(3 / 7)).toBe('43\u00a0%');
    expect(f.exact(2.333)).toBe('2,333');
    expect(f.exact(152)).toBe('152');
    expect(f.interval([65.44572007440478, 103.23073452380952])).toBe('65,4–103');
    expect(f.number(null)).toBe('–');
  });

  it('English: point and comma', () => {
    const f = reportFormat('en');
    expect(f.number(1234.5)).toBe('1,235');
    expect(f.percent(0.5)).toBe('50%');
    expect(f.date('2020-09-14')).toBe('14 Sep 2020');
  });

  it('timestamps are Swedish local time, summer and winter', () => {
    expect(reportFormat('sv').timestamp('2020-09-21T06:30:00.000Z')).toBe('2020-09-21 kl. 08:30');
    expect(reportFormat('sv').timestamp('2020-12-21T06:30:00.000Z')).toBe('2020-12-21 kl. 07:30');
    expect(reportFormat('en').timestamp('2020-12-21T06:30:00.000Z')).toBe('21 Dec 2020, 07:30 (Swedish time)');
  });
});
