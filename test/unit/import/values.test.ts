/**
 * Cell readers of server/import/values.ts: numbers, censored results, units, dates.
 * Expected values are worked out by hand; the arithmetic is in the comments where it is not obvious.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  concentrationFactor, flowFactor, localDateTime, looksLikeDecimalComma, parseConcentrationCell, parseNumber, parseSampleTime,
  slashEvidence, splitHeaderUnit, tidy, type Read,
} from '../../../server/import/values.ts';

/** The value of a successful read, or a failure naming the code. */
function value<T>(r: Read<T>): T {
  if (!r.ok) throw new Error(`expected a value, got ${r.code}: ${r.message}`);
  return r.value;
}
function failure<T>(r: Read<T>): { code: string; message: string } {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return { code: r.code, message: r.message };
}

describe('parseNumber', () => {
  it('reads a decimal comma and a decimal point', () => {
    expect(parseNumber('402,2', ',')).toBe(402.2);
    expect(parseNumber('402.2', '.')).toBe(402.2);
    expect(parseNumber('0,4022', ',')).toBe(0.4022);
    expect(parseNumber('72,037037', ',')).toBe(72.037037);
    // A point in a comma file is still a decimal point when it cannot be a thousands group.
    expect(parseNumber('402.2', ',')).toBe(402.2);
    // A comma in a point file is only a thousands separator (groups of three); "402,2" is not a number there.
    expect(parseNumber('402,2', '.')).toBeNaN();
  });

  it('drops spaces, no-break spaces (U+00A0), narrow no-break spaces (U+202F) and thin spaces between thousands', () => {
    expect(parseNumber('1 234,5', ',')).toBe(1234.5);
    expect(parseNumber('1\u00a0029,3', ',')).toBe(1029.3);
    expect(parseNumber('6\u00a0224', ',')).toBe(6224);
    expect(parseNumber('6\u00a0224', '.')).toBe(6224);
    expect(parseNumber('1\u202f234\u202f567,25', ',')).toBe(1234567.25);
    expect(parseNumber('24\u2009000', '.')).toBe(24000);
    expect(parseNumber('  402,2  ', ',')).toBe(402.2);
  });

  it('reads thousands points in a comma file and thousands commas in a point file', () => {
    expect(parseNumber('1.234,5', ',')).toBe(1234.5);
    expect(parseNumber('1.234.567,8', ',')).toBe(1234567.8);
    // A lone point with three decimals is a decimal point, with or without a sign (the fast
    // path for plain cells and the general path agree): "0.025" is never 25.
    expect(parseNumber('1.234', ',')).toBe(1.234);
    expect(parseNumber('+1.234', ',')).toBe(1.234);
    expect(parseNumber('-1.234', ',')).toBe(-1.234);
    expect(parseNumber('0.025', ',')).toBe(0.025);
    expect(parseNumber('1,234.5', '.')).toBe(1234.5);
    expect(parseNumber('1,234', '.')).toBe(1234);
  });

  it('reads signs, the typographic minus and exponents', () => {
    expect(parseNumber('-12,0', ',')).toBe(-12);
    expect(parseNumber('\u221212,5', ',')).toBe(-12.5);
    expect(parseNumber('+3', '.')).toBe(3);
    expect(parseNumber('1e3', '.')).toBe(1000);
    expect(parseNumber('2,5E-2', ',')).toBe(0.025);
    expect(parseNumber(',5', ',')).toBe(0.5);
  });

  it('gives NaN for anything else', () => {
    for (const raw of ['', '   ', 'abc', 'tre hundra', '1,2,3', '1.2.3', '1.234,5.6', '12 mg', '--1', '0x1A', 'Infinity', 'NaN', '=1+1']) {
      expect(parseNumber(raw, ','), JSON.stringify(raw)).toBeNaN();
      expect(parseNumber(raw, '.'), JSON.stringify(raw)).toBeNaN();
    }
  });

  it('gives NaN for a number too large to be real (10^15 and beyond), which a unit factor could overflow', () => {
    // Number("1e400") is Infinity; a stored Infinity would come back from JSON as null.
    expect(parseNumber('1e400', '.')).toBeNaN();
    expect(parseNumber('-1e400', ',')).toBeNaN();
    expect(parseNumber('9'.repeat(400), '.')).toBeNaN();
    // 1e306 µg/L × 1000 = 1e309 = Infinity ng/L; 1e305 m³/s × 86 400 overflows too.
    expect(parseNumber('1e306', '.')).toBeNaN();
    expect(parseNumber('1e15', '.')).toBeNaN();
    expect(parseNumber('1 000 000 000 000 000', ',')).toBeNaN();
    expect(parseNumber('999 999 999 999 999', ',')).toBe(999_999_999_999_999);
    expect(parseNumber('1e-320', '.')).toBe(1e-320);
  });
});

describe('parseNumber, as a property', () => {
  /** mantissa × 10^-decimals, written with the separators; the exact decimal text for Number(). */
  const numberArb = fc.record({
    m: fc.integer({ min: 0, max: 99_999_999 }), d: fc.integer({ min: 0, max: 4 }),
    decimal: fc.constantFrom(',' as const, '.' as const), thousands: fc.constantFrom('', ' ', '\u00a0', '\u202f', '\u2009'),
    sign: fc.constantFrom('', '-', '+', '\u2212'), pad: fc.constantFrom('', ' ', '  '),
  }).map(({ m, d, decimal, thousands, sign, pad }) => {
    const digits = String(m).padStart(d + 1, '0');
    const int = digits.slice(0, digits.length - d), frac = digits.slice(digits.length - d);
    const exact = `${int}${d ? `.${frac}` : ''}`;
    const text = `${pad}${sign}${int.replace(/\B(?=(\d{3})+$)/g, thousands)}${d ? `${decimal}${frac}` : ''}${pad}`;
    const value = (sign === '' || sign === '+' ? 1 : -1) * Number(exact);
    return { text, decimal, value };
  });

  it('reads every number written with spaces of any kind between thousands, either decimal separator and any sign', () => {
    fc.assert(fc.property(numberArb, ({ text, decimal, value }) => {
      // === rather than toBe: "-0" gives -0, which equals 0 as a measurement.
      expect(parseNumber(text, decimal) === value, `${JSON.stringify(text)} (${decimal}) → ${parseNumber(text, decimal)}, expected ${value}`).toBe(true);
    }), { numRuns: 2000 });
  });
});

describe('tidy and looksLikeDecimalComma', () => {
  it('removes binary noise from unit conversion', () => {
    expect(0.0563 * 1000).not.toBe(56.3); // 56.300000000000004
    expect(tidy(0.0563 * 1000)).toBe(56.3);
    expect(tidy(0.4022 * 1000)).toBe(402.2);
    expect(tidy(0.1 + 0.2)).toBe(0.3);
    // 72.037037 L/s × 86.4 = 6220.8 + 0.037037 × 86.4 (= 3.1999968) = 6223.9999968 m³/d
    expect(tidy(72.037037 * 86.4)).toBe(6223.9999968);
  });

  it('spots cells written with a decimal comma', () => {
    for (const raw of ['402,2', '< 2,0', '<0,5', '1 029,3', '1\u00a0029,3', '-12,0']) expect(looksLikeDecimalComma(raw), raw).toBe(true);
    for (const raw of ['402.2', '402', 'EXS-ARV', '2020-09-14', 'a,b', '']) expect(looksLikeDecimalComma(raw), raw).toBe(false);
  });
});

describe('parseConcentrationCell', () => {
  it('reads plain values', () => {
    expect(value(parseConcentrationCell('402,2', ','))).toEqual({ kind: 'value', value: 402.2 });
    expect(value(parseConcentrationCell('1 029,3', ','))).toEqual({ kind: 'value', value: 1029.3 });
    expect(value(parseConcentrationCell('0', '.'))).toEqual({ kind: 'value', value: 0 });
  });

  it('reads "<number" as censored with that number as the limit', () => {
    expect(value(parseConcentrationCell('<5', ','))).toEqual({ kind: 'below', loq: 5 });
    expect(value(parseConcentrationCell('< 5,0', ','))).toEqual({ kind: 'below', loq: 5 });
    expect(value(parseConcentrationCell('<0.5', '.'))).toEqual({ kind: 'below', loq: 0.5 });
    expect(value(parseConcentrationCell('<0,0005', ','))).toEqual({ kind: 'below', loq: 0.0005 });
    expect(value(parseConcentrationCell(' <\u00a01\u00a0000 ', ','))).toEqual({ kind: 'below', loq: 1000 });
  });

  it('reads the words for "not detected" as censored with the limit from the LOQ column', () => {
    for (const raw of ['<LOQ', '< LOQ', '<loq', '<RG', '< LOD', 'n.d.', 'N.D.', 'nd', 'ND', 'n.d', 'ej påvisad', 'Ej påvisat', 'ej detekterad', 'not detected', 'BLQ', 'b.d.l.', 'below LOQ', 'under rapporteringsgräns']) {
      expect(value(parseConcentrationCell(raw, ',')), raw).toEqual({ kind: 'below_loq' });
    }
  });

  it('rejects negative values and non-positive limits', () => {
    const neg = failure(parseConcentrationCell('-12,0', ','));
    expect(neg.code).toBe('negative_value');
    expect(neg.message).toContain('-12,0');
    expect(failure(parseConcentrationCell('\u22120,5', ',')).code).toBe('negative_value');
    expect(failure(parseConcentrationCell('<0', ',')).code).toBe('negative_value');
    expect(failure(parseConcentrationCell('< -2', ',')).code).toBe('negative_value');
  });

  it('rejects text and empty cells', () => {
    expect(failure(parseConcentrationCell('tre hundra', ',')).code).toBe('not_a_number');
    expect(failure(parseConcentrationCell('<abc', ',')).code).toBe('not_a_number');
    expect(failure(parseConcentrationCell('>1000', ',')).code).toBe('not_a_number');
    expect(failure(parseConcentrationCell('=cmd|\'/c calc\'!A1', ',')).code).toBe('not_a_number');
    expect(failure(parseConcentrationCell('1e400', '.')).code).toBe('not_a_number');
    expect(failure(parseConcentrationCell('', ',')).code).toBe('missing_value');
    expect(failure(parseConcentrationCell('   ', ',')).code).toBe('missing_value');
  });
});

describe('units', () => {
  it('converts concentration units to ng/L', () => {
    const cases: [string, number | null][] = [
      ['ng/L', 1], ['ng/l', 1], ['NG / L', 1], ['(ng/L)', 1],
      ['µg/m³', 1], ['μg/m³', 1], // micro sign U+00B5 and Greek mu U+03BC
      ['ug/m3', 1], ['µg/m3', 1], ['pg/mL', 1],
      ['µg/L', 1000], ['ug/l', 1000], ['mg/m³', 1000], ['mg/m3', 1000], ['ng/mL', 1000],
      ['kg/l', null], ['ng', null], ['', null], ['mg/L', null], ['%', null],
    ];
    for (const [unit, f] of cases) expect(concentrationFactor(unit), unit).toBe(f);
  });

  it('converts flow units to m³/day', () => {
    const cases: [string, number | null][] = [
      ['m³/d', 1], ['m3/d', 1], ['m3/day', 1], ['m3/dygn', 1], ['m³/dygn', 1], ['m3 per dygn', 1], ['m3/24h', 1],
      ['L/s', 86.4], ['l/s', 86.4], // 1 L/s × 86 400 s/day ÷ 1000 L/m³ = 86.4 m³/day
      ['m³/h', 24], ['m3/h', 24],
      ['m3/s', 86400], ['l/d', 0.001],
      ['gallons/day', null], ['m3', null], ['', null], ['ng/L', null],
    ];
    for (const [unit, f] of cases) expect(flowFactor(unit), unit).toBe(f);
  });

  it('splits a unit off a header', () => {
    expect(splitHeaderUnit('Flöde (m3/d)')).toEqual({ name: 'Flöde', unit: 'm3/d' });
    expect(splitHeaderUnit('Flöde (L/s)')).toEqual({ name: 'Flöde', unit: 'L/s' });
    expect(splitHeaderUnit('Flow [m³/h]')).toEqual({ name: 'Flow', unit: 'm³/h' });
    expect(splitHeaderUnit('Amphetamine (ng/L)')).toEqual({ name: 'Amphetamine', unit: 'ng/L' });
    expect(splitHeaderUnit('Bensoylekgonin (µg/m³)')).toEqual({ name: 'Bensoylekgonin', unit: 'µg/m³' });
    expect(splitHeaderUnit('Kokain µg/m3')).toEqual({ name: 'Kokain', unit: 'µg/m3' });
    expect(splitHeaderUnit('6-MAM (Heroin-metabolit) (ng/L)')).toEqual({ name: '6-MAM (Heroin-metabolit)', unit: 'ng/L' });
    // A parenthesis that is not a unit stays part of the name.
    expect(splitHeaderUnit('Cannabis (THCA-metabolit)')).toEqual({ name: 'Cannabis (THCA-metabolit)', unit: null });
    expect(splitHeaderUnit('  Provpunkt ')).toEqual({ name: 'Provpunkt', unit: null });
  });
});

describe('parseSampleTime', () => {
  const at = (raw: string) => value(parseSampleTime(raw));

  it('reads ISO dates, with a space or T before the time, with or without seconds', () => {
    expect(at('2020-09-14')).toEqual({ date: '2020-09-14', time: null });
    expect(at('2020-9-4')).toEqual({ date: '2020-09-04', time: null });
    expect(at('2020-09-14 07:00')).toEqual({ date: '2020-09-14', time: '07:00' });
    expect(at('2020-09-14T07:00')).toEqual({ date: '2020-09-14', time: '07:00' });
    expect(at('2020-09-14T07:00:59')).toEqual({ date: '2020-09-14', time: '07:00' });
    expect(at('2020-09-14 07:00:00.250')).toEqual({ date: '2020-09-14', time: '07:00' });
    expect(at('2020-09-14 7.05')).toEqual({ date: '2020-09-14', time: '07:05' });
    expect(at(' 2020-09-14 ')).toEqual({ date: '2020-09-14', time: null });
  });

  it('converts a UTC or offset time to the date and time in Stockholm', () => {
    // September 2020 is summer time (CEST, UTC+2): 23:30 Z on the 13th is 01:30 on the 14th.
    expect(at('2020-09-13T23:30:00Z')).toEqual({ date: '2020-09-14', time: '01:30' });
    expect(at('2020-09-13T23:30z')).toEqual({ date: '2020-09-14', time: '01:30' });
    // January is winter time (CET, UTC+1): 23:30 Z on the 15th is 00:30 on the 16th.
    expect(at('2020-01-15T23:30:00Z')).toEqual({ date: '2020-01-16', time: '00:30' });
    // 05:00 Z + 2 h = 07:00 CEST.
    expect(at('2020-09-14T05:00:00.123Z')).toEqual({ date: '2020-09-14', time: '07:00' });
    // Already in Stockholm's offset: unchanged.
    expect(at('2020-09-14T07:00:00+02:00')).toEqual({ date: '2020-09-14', time: '07:00' });
    expect(at('2020-09-14T07:00+0200')).toEqual({ date: '2020-09-14', time: '07:00' });
    // 07:00 at UTC−05:00 is 12:00 Z, 14:00 CEST.
    expect(at('2020-09-14T07:00:00-05:00')).toEqual({ date: '2020-09-14', time: '14:00' });
    // 01:00 at UTC+09:00 is 16:00 Z the day before, 18:00 CEST on the 13th.
    expect(at('2020-09-14T01:00+09:00')).toEqual({ date: '2020-09-13', time: '18:00' });
    // Summer time starts 2021-03-28 at 01:00 Z: 00:59 Z is 01:59 CET, 01:00 Z is 03:00 CEST.
    expect(at('2021-03-28T00:59Z')).toEqual({ date: '2021-03-28', time: '01:59' });
    expect(at('2021-03-28T01:00Z')).toEqual({ date: '2021-03-28', time: '03:00' });
  });

  it('reads DD.MM.YYYY (with a time) and YYYYMMDD', () => {
    expect(at('14.09.2020')).toEqual({ date: '2020-09-14', time: null });
    expect(at('1.9.2020')).toEqual({ date: '2020-09-01', time: null });
    expect(at('14.09.2020 07:00')).toEqual({ date: '2020-09-14', time: '07:00' });
    expect(at('20200914')).toEqual({ date: '2020-09-14', time: null });
  });

  it('rejects impossible dates and times as bad_date', () => {
    const bad = failure(parseSampleTime('2023-13-45'));
    expect(bad.code).toBe('bad_date');
    expect(bad.message).toContain('month 13');
    for (const raw of ['2023-13-45 07:00', '2020-09-31', '31.09.2020', '20201314', '2020-00-10', '2020-09-14 24:00', '2020-09-14 07:60',
      '2020-09-14 lunch', '1989-12-31', '2101-01-01', '', 'igår', '14 sep 2020', '2020/09/14', '2020-09-14T07:00+25:00']) {
      expect(failure(parseSampleTime(raw)).code, JSON.stringify(raw)).toBe('bad_date');
    }
    expect(at('1990-01-01').date).toBe('1990-01-01');
    expect(at('2100-12-31').date).toBe('2100-12-31');
  });

  it('knows February 29 only in leap years', () => {
    expect(at('2020-02-29').date).toBe('2020-02-29'); // 2020 ÷ 4
    expect(at('2000-02-29').date).toBe('2000-02-29'); // 2000 ÷ 400
    expect(at('29.02.2024').date).toBe('2024-02-29');
    expect(failure(parseSampleTime('2021-02-29')).code).toBe('bad_date');
    expect(failure(parseSampleTime('2100-02-29')).code).toBe('bad_date'); // 2100 ÷ 100, not ÷ 400
    expect(failure(parseSampleTime('29.02.2023')).code).toBe('bad_date');
    expect(failure(parseSampleTime('29/02/2023', 'dmy')).code).toBe('bad_date');
  });

  it('calls 02/03/2020 ambiguous, with both readings and a hint', () => {
    const amb = failure(parseSampleTime('02/03/2020'));
    expect(amb.code).toBe('ambiguous_date');
    expect(amb.message).toContain('2020-03-02');
    expect(amb.message).toContain('2020-02-03');
    expect(amb.message).toContain('YYYY-MM-DD');
  });

  it('resolves a slashed date that can be read only one way, or by the file order', () => {
    expect(at('14/09/2020')).toEqual({ date: '2020-09-14', time: null });
    expect(at('09/14/2020')).toEqual({ date: '2020-09-14', time: null });
    expect(at('14/09/2020 07:00')).toEqual({ date: '2020-09-14', time: '07:00' });
    expect(value(parseSampleTime('02/03/2020', 'dmy')).date).toBe('2020-03-02');
    expect(value(parseSampleTime('02/03/2020', 'mdy')).date).toBe('2020-02-03');
    // Day and month alike: both readings are the same date, so nothing is ambiguous.
    expect(at('05/05/2020')).toEqual({ date: '2020-05-05', time: null });
    expect(at('12/12/2020 07:00')).toEqual({ date: '2020-12-12', time: '07:00' });
    // Against the file's order, 14/09 has month 14.
    expect(failure(parseSampleTime('14/09/2020', 'mdy')).code).toBe('bad_date');
  });

  it('gives the file-order evidence of a slashed date', () => {
    expect(slashEvidence('14/09/2020')).toBe('dmy');
    expect(slashEvidence(' 14/09/2020 07:00')).toBe('dmy');
    expect(slashEvidence('09/14/2020')).toBe('mdy');
    expect(slashEvidence('02/03/2020')).toBeNull();
    expect(slashEvidence('2020-09-14')).toBeNull();
    expect(slashEvidence('Kokain')).toBeNull();
  });

  it('writes the local date-time only when a time was given', () => {
    expect(localDateTime(at('2020-09-14 07:00'))).toBe('2020-09-14T07:00');
    expect(localDateTime(at('2020-09-14'))).toBeNull();
  });
});

describe('hostile cells', () => {
  it('reads a 200 000-character cell in linear time (no regular-expression backtracking blow-up)', () => {
    // Before: parseNumber took ~30 s on 177 000 digits followed by a letter (\d+\.?\d* backtracks
    // quadratically), looksLikeDecimalComma ~3 s on 2 000 spaces (cubic), hours on 20 000.
    for (const fill of [' ', '7', '(', '<', '1 ', '1.', '\u00a0', '-', '1,', ' (', 'n ', '2020-']) {
      for (const suffix of ['', 'x', ',x', ')']) {
        const s = fill.repeat(Math.ceil(200_000 / fill.length)) + suffix;
        const t = performance.now();
        expect(parseNumber(s, ',')).toBeNaN();
        expect(parseNumber(s, '.')).toBeNaN();
        expect(parseConcentrationCell(s, ',').ok && s.trim() !== '').toBe(false);
        parseSampleTime(s);
        parseSampleTime(`2020-09-14 ${s}`);
        splitHeaderUnit(s);
        looksLikeDecimalComma(s);
        slashEvidence(s);
        concentrationFactor(s);
        flowFactor(s);
        expect(performance.now() - t, JSON.stringify(fill + suffix)).toBeLessThan(1000);
      }
    }
  });
});
