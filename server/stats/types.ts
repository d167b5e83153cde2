// The data the statistics work on: one series (area × substance × metric) of daily points.
// Pure types: server/usecases/series.ts builds them from the database and re-exports them.
import type { CensoredMode, Metric } from '../domain/loads.ts';

export interface SeriesPoint {
  date: string;
  /** The metric's value with censored days substituted; null when it cannot be computed (no flow…). */
  value: number | null;
  censored: boolean;
  loqNgL: number | null;
  concentrationNgL: number | null;
  /** A censored day's LOQ in the metric's unit (upper bounds, Kaplan–Meier); null/absent when unknown. */
  loq?: number | null;
}

export interface Series {
  area: string;
  substance: string;
  metric: Metric;
  censoredMode: CensoredMode;
  points: SeriesPoint[];
  /** 'own' measurements, or 'rollup' of children (with the dates it covers and leaves out). */
  source: 'own' | 'rollup';
  children?: string[];
  incompleteDates?: string[];
}
