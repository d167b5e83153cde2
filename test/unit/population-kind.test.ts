import { describe, expect, it } from 'vitest';
import { perPopulationKind, perPopulationKinds } from '../../server/i18n/charts.ts';
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
  it('a unit over several areas: pe when all are, "or pe" when some are, persons when none are', () => {
    expect(perPopulationKinds('mg/dygn/1000 inv.', ['pe', 'pe'], 'sv')).toBe('mg/dygn/1000 pe');
    expect(perPopulationKinds('mg/dygn/1000 inv.', ['persons', 'pe'], 'sv')).toBe('mg/dygn/1000 inv. eller pe');
    expect(perPopulationKinds('mg/day/1000 inh.', ['pe', 'persons'], 'en')).toBe('mg/day/1000 inh. or pe');
    expect(perPopulationKinds('mg/dygn/1000 inv.', ['persons'], 'sv')).toBe('mg/dygn/1000 inv.');
    expect(perPopulationKinds('mg/dygn/1000 inv.', [], 'sv')).toBe('mg/dygn/1000 inv.');
    expect(perPopulationKinds('ng/L', ['pe', 'persons'], 'sv')).toBe('ng/L');
  });
});
