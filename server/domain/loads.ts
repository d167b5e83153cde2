/**
 * The calculation chain of DOMAIN.md, pure:
 *   load (mg/day) = C (ng/L) × Q (m³/day) / 1000
 *   normalised load (mg/day/1000 inh) = load × 1000 / P
 *   consumption = normalised load × CF;  doses = consumption / dose (mg)
 * Each step is null when an input it needs is missing.
 */
import type { CensoredMode } from './types.ts';

export interface LoadInputs {
  concentrationNgL: number | null;
  flowM3PerDay: number | null;
  population: number | null;
  correctionFactor: number | null;
  doseMg: number | null;
}

export interface DerivedLoads {
  loadMgPerDay: number | null;
  normalizedLoad: number | null;
  consumption: number | null;
  doses: number | null;
}

export function deriveLoads(i: LoadInputs): DerivedLoads {
  const loadMgPerDay = i.concentrationNgL != null && i.flowM3PerDay != null ? (i.concentrationNgL * i.flowM3PerDay) / 1000 : null;
  const normalizedLoad = loadMgPerDay != null && i.population != null && i.population > 0 ? (loadMgPerDay * 1000) / i.population : null;
  const consumption = normalizedLoad != null && i.correctionFactor != null ? normalizedLoad * i.correctionFactor : null;
  const doses = consumption != null && i.doseMg != null && i.doseMg > 0 ? consumption / i.doseMg : null;
  return { loadMgPerDay, normalizedLoad, consumption, doses };
}

export type Metric = 'normalized_load' | 'concentration' | 'load' | 'consumption' | 'doses';
export type { CensoredMode };
export const METRICS: Metric[] = ['normalized_load', 'concentration', 'load', 'consumption', 'doses'];
export const CENSORED_MODES: CensoredMode[] = ['half_loq', 'zero', 'loq'];

export const METRIC_UNIT: Record<Metric, string> = {
  normalized_load: 'mg/day/1000 inh',
  concentration: 'ng/L',
  load: 'mg/day',
  consumption: 'mg/day/1000 inh',
  doses: 'doses/day/1000 inh',
};

/** The number that stands in for a value below LOQ, as the `censored` setting says. */
export function substitutedConcentration(concentrationNgL: number | null, censored: boolean, loqNgL: number | null, mode: CensoredMode): number | null {
  if (!censored) return concentrationNgL;
  if (mode === 'zero') return 0;
  if (loqNgL == null) return null;
  return mode === 'loq' ? loqNgL : loqNgL / 2;
}

export function metricValue(d: DerivedLoads & { concentrationNgL: number | null }, metric: Metric): number | null {
  switch (metric) {
    case 'concentration': return d.concentrationNgL;
    case 'load': return d.loadMgPerDay;
    case 'normalized_load': return d.normalizedLoad;
    case 'consumption': return d.consumption;
    case 'doses': return d.doses;
  }
}
