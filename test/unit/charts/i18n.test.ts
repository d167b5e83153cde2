import { describe, expect, it } from 'vitest';
import {
  axisTitle,
  formatDate,
  formatDateLong,
  formatNumber,
  formatP,
  formatRatio,
  isoWeekday,
  METRICS,
  STRINGS,
  vegaLocale,
} from '../../../server/i18n/index.ts';

describe('chart i18n', () => {
  it('formats numbers with a decimal comma and no-break-space thousands in Swedish', () => {
    expect(formatNumber(1.5, 'sv')).toBe('1,5');
    expect(formatNumber(1234.56, 'sv')).toBe('1\u00a0235');
    expect(formatNumber(12.34, 'sv')).toBe('12,3');
    expect(formatNumber(0.01234, 'sv')).toBe('0,0123');
    expect(formatNumber(0.000000123, 'sv')).toBe('0,000000123');
    expect(formatNumber(-2.5, 'sv')).toBe('-2,5');
    expect(formatNumber(0, 'sv')).toBe('0');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(1.5, 'en')).toBe('1.5');
    expect(formatNumber(null, 'sv')).toBe('–');
    expect(formatNumber(Number.NaN, 'en')).toBe('–');
    expect(formatNumber(2, 'sv', { decimals: 2 })).toBe('2,00');
    expect(formatNumber(1.5, undefined)).toBe('1,5'); // Swedish is the default
  });

  it('formats ratios, p/q values and dates', () => {
    expect(formatRatio(2.44, 'sv')).toBe('2,4×');
    expect(formatRatio(0.456, 'sv')).toBe('0,46×');
    expect(formatRatio(12.4, 'en')).toBe('12×');
    expect(formatP(0.0004, 'sv')).toBe('< 0,001');
    expect(formatP(0.0312, 'sv')).toBe('0,031');
    expect(formatP(0.5, 'en')).toBe('0.50');
    expect(formatDate('2024-03-05', 'sv')).toBe('2024-03-05');
    expect(formatDate('2024-03-05', 'en')).toBe('5 Mar 2024');
    expect(formatDateLong('2024-03-05', 'sv')).toBe('tis 5 mar 2024');
    expect(formatDateLong('2024-05-05', 'en')).toBe('Sun 5 May 2024');
    expect(isoWeekday('2024-03-04')).toBe(1);
    expect(isoWeekday('2024-03-10')).toBe(7);
  });

  it('has the same keys in both languages and vega locales for both', () => {
    expect(Object.keys(STRINGS.en).sort()).toEqual(Object.keys(STRINGS.sv).sort());
    expect(Object.keys(METRICS.en).sort()).toEqual(Object.keys(METRICS.sv).sort());
    expect(vegaLocale('sv').number).toEqual({ decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', ' kr'] });
    expect(vegaLocale('sv').time.days).toHaveLength(7);
    expect(vegaLocale('en').time.shortMonths[4]).toBe('May');
    // copies: mutating one does not change the next
    vegaLocale('sv').number.decimal = '.';
    expect(vegaLocale('sv').number.decimal).toBe(',');
  });

  it('puts the unit in axis titles, falling back to the unit alone when too long', () => {
    expect(axisTitle(METRICS.sv.normalisedLoad)).toBe('Normaliserad belastning (mg/dygn/1000 inv.)');
    expect(axisTitle(METRICS.sv.normalisedLoad, 300)).toBe('mg/dygn/1000 inv.');
  });
});
