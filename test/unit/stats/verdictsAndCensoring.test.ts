import { describe, expect, it } from 'vitest';
import { substituteCensored } from '../../../server/stats/censoring.ts';
import { changeVerdict, trendVerdict } from '../../../server/stats/verdicts.ts';

describe('changeVerdict', () => {
  const significant = { p: 0.01, ratio: 2 };
  it('too few data: a side below 2, or 2 / C(n1+n2, n1) ≥ 0.05', () => {
    expect(changeVerdict({ n1: 1, n2: 9, ...significant })).toBe('too_few_data');
    expect(changeVerdict({ n1: 3, n2: 3, ...significant })).toBe('too_few_data'); // 2/20 = 0.1
    expect(changeVerdict({ n1: 3, n2: 4, ...significant })).toBe('too_few_data'); // 2/35 = 0.057
    expect(changeVerdict({ n1: 2, n2: 7, ...significant })).toBe('too_few_data'); // 2/36 = 0.056
  });
  it('enough data once the exact test can reach 0.05', () => {
    expect(changeVerdict({ n1: 4, n2: 4, ...significant })).toBe('increase'); // 2/70 = 0.029
    expect(changeVerdict({ n1: 3, n2: 5, ...significant })).toBe('increase'); // 2/56 = 0.036
    expect(changeVerdict({ n1: 2, n2: 8, ...significant })).toBe('increase'); // 2/45 = 0.044
  });
  it('direction by the ratio, significance by p < 0.05', () => {
    expect(changeVerdict({ n1: 7, n2: 7, p: 0.01, ratio: 0.6 })).toBe('decrease');
    expect(changeVerdict({ n1: 7, n2: 7, p: 0.05, ratio: 3 })).toBe('no_clear_change');
    expect(changeVerdict({ n1: 7, n2: 7, p: 0.2, ratio: 0.5 })).toBe('no_clear_change');
    expect(changeVerdict({ n1: 7, n2: 7, p: 0.001, ratio: Infinity })).toBe('increase');
  });
});

describe('trendVerdict', () => {
  it('too few data below 5 points', () => {
    expect(trendVerdict({ n: 4, p: 0.001, slope: 1 })).toBe('too_few_data');
  });
  it('by p < 0.05 and the sign of the slope', () => {
    expect(trendVerdict({ n: 5, p: 0.03, slope: 2 })).toBe('increase');
    expect(trendVerdict({ n: 30, p: 0.001, slope: -0.1 })).toBe('decrease');
    expect(trendVerdict({ n: 30, p: 0.3, slope: -0.1 })).toBe('no_clear_change');
    expect(trendVerdict({ n: 30, p: 0.01, slope: 0 })).toBe('no_clear_change');
  });
});

describe('substituteCensored', () => {
  it('leaves measured values alone', () => {
    expect(substituteCensored(12.5, false, 5, 'half_loq')).toBe(12.5);
    expect(substituteCensored(null, false, 5, 'half_loq')).toBeNull();
  });
  it('LOQ/2, 0 or LOQ for a censored value', () => {
    expect(substituteCensored(null, true, 5, 'half_loq')).toBe(2.5);
    expect(substituteCensored(null, true, 5, 'zero')).toBe(0);
    expect(substituteCensored(null, true, 5, 'loq')).toBe(5);
  });
  it('null when the LOQ is needed but unknown; zero needs no LOQ', () => {
    expect(substituteCensored(null, true, null, 'half_loq')).toBeNull();
    expect(substituteCensored(null, true, null, 'loq')).toBeNull();
    expect(substituteCensored(null, true, null, 'zero')).toBe(0);
  });
});
