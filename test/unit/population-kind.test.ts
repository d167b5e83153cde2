import { describe, expect, it } from 'vitest';
import { perPopulationKind } from '../../server/i18n/charts.ts';
import { populationKindOfHeader } from '../../server/import/areas.ts';

describe('population kind (DOMAIN.md "Corrections": pe are not persons)', () => {
  it('reads pe only from a column labelled so', () => {
    expect(populationKindOfHeader('pe')).toBe('pe');
    expect(populationKindOfHeader('Personekvivalenter')).toBe('pe');
    expect(populationKindOfHeader('Anslutna (pe)')).toBe('pe');
    expect(populationKindOfHeader('Anslutna personer')).toBe('persons');
    expect(populationKindOfHeader('population')).toBe('persons');
    expect(populationKindOfHeader(undefined)).toBe('persons');
  });
  it('says "per 1000 pe" for pe, and leaves persons alone', () => {
    expect(perPopulationKind('mg/dygn/1000 inv.', 'pe')).toBe('mg/dygn/1000 pe');
    expect(perPopulationKind('doses/day/1000 inh.', 'pe')).toBe('doses/day/1000 pe');
    expect(perPopulationKind('mg/day/1000 inh', 'pe')).toBe('mg/day/1000 pe');
    expect(perPopulationKind('mg/dygn/1000 inv.', 'persons')).toBe('mg/dygn/1000 inv.');
    expect(perPopulationKind('ng/L', 'pe')).toBe('ng/L');
  });
});
