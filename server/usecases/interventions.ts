// Did a measure work? An event's treated area against its control (DOMAIN.md "Interventions"),
// on the series the statistics API uses; without a control, before/after with the reference trend.
import type { AppContext } from '../context.ts';
import { findReferenceYears } from '../db/repositories/reference.repository.ts';
import type { CensoredMode, Metric } from '../domain/loads.ts';
import type { Caller } from '../domain/types.ts';
import { evaluateIntervention, type InterventionResult } from '../stats/intervention.ts';
import type { Series } from '../stats/types.ts';
import { listEvents, type EventOut } from './periods.ts';
import { referenceFor } from './reference.ts';
import { seriesForStats } from './series.ts';

export interface InterventionQuery {
  event: number;
  /** The treated area; default the event's only treated area. */
  area?: string;
  /** The control area; default the event's; 'none' = before/after only. */
  control?: string;
  substance: string;
  metric: Metric;
  censored: CensoredMode;
}

/** The Swedish EUDA cities' change of the substance between the years around the event. */
export interface ReferenceTrend {
  source: 'euda_swedish_cities';
  fromYear: number;
  toYear: number;
  /** Cities with a value in both years: daily means (mg/day/1000 inh) and their ratio. */
  cities: { city: string; from: number; to: number; ratio: number }[];
  /** Geometric mean of the cities' ratios. */
  ratio: number;
}

export type ReferenceTrendReason = 'no_reference_data' | 'years_not_covered' | 'no_city_in_both_years';

export type InterventionOut = InterventionResult & {
  event: { id: number; title: string; from: string; to: string | null };
  area: string;
  substance: string;
  metric: Metric;
  /** Only without a control: the reference trend, or null with its reason. */
  referenceTrend?: ReferenceTrend | null;
  referenceTrendReason?: ReferenceTrendReason | null;
};

export type InterventionFailure =
  | { ok: false; reason: 'event_not_found' }
  | { ok: false; reason: 'unknown_substance' | 'unknown_area' | 'unknown_control'; field: 'substance' | 'area' | 'control' }
  | { ok: false; reason: 'area_required' | 'control_is_treated'; field: 'area' | 'control' };

const positive = (s: Series) => s.points.filter((p) => p.value != null && p.value > 0).map((p) => ({ date: p.date, value: p.value! }));
const yearOf = (d: string) => Number(d.slice(0, 4));

/**
 * The reference: EUDA Swedish cities in the latest imported year on or before the last day before
 * the event, against the earliest year on or after the first day after it (different years).
 */
export async function referenceTrend(ctx: AppContext, substance: string, beforeTo: string | null, afterFrom: string | null): Promise<{ trend: ReferenceTrend | null; reason: ReferenceTrendReason | null }> {
  // EUDA reports cocaine as benzoylecgonine.
  const key = substance === 'cocaine' ? 'benzoylecgonine' : substance;
  const years = await findReferenceYears(ctx.db, key);
  if (!years.length) return { trend: null, reason: 'no_reference_data' };
  if (!beforeTo || !afterFrom) return { trend: null, reason: 'years_not_covered' };
  const fromYear = [...years].reverse().find((y) => y <= yearOf(beforeTo));
  const toYear = years.find((y) => y >= yearOf(afterFrom) && (fromYear === undefined || y > fromYear));
  if (fromYear === undefined || toYear === undefined) return { trend: null, reason: 'years_not_covered' };
  const [a, b] = await Promise.all([referenceFor(ctx, key, fromYear), referenceFor(ctx, key, toYear)]);
  const later = new Map(b.swedishCities.filter((c) => c.dailyMean != null && c.dailyMean > 0).map((c) => [c.city, c.dailyMean!]));
  const cities = a.swedishCities.filter((c) => c.dailyMean != null && c.dailyMean > 0 && later.has(c.city))
    .map((c) => ({ city: c.city, from: c.dailyMean!, to: later.get(c.city)!, ratio: later.get(c.city)! / c.dailyMean! }));
  if (!cities.length) return { trend: null, reason: 'no_city_in_both_years' };
  const ratio = Math.exp(cities.reduce((s, c) => s + Math.log(c.ratio), 0) / cities.length);
  return { trend: { source: 'euda_swedish_cities', fromYear, toYear, cities, ratio }, reason: null };
}

/** Evaluates one event for one treated area and substance, by the pure evaluateIntervention. */
export async function interventionFor(ctx: AppContext, caller: Caller, q: InterventionQuery): Promise<{ ok: true; result: InterventionOut } | InterventionFailure> {
  const event: EventOut | undefined = (await listEvents(ctx, caller)).find((e) => e.id === q.event);
  if (!event) return { ok: false, reason: 'event_not_found' };
  const area = q.area ?? (event.areas.length === 1 ? event.areas[0] : undefined);
  if (!area) return { ok: false, reason: 'area_required', field: 'area' };
  const control = q.control === 'none' ? null : q.control ?? event.controlArea;
  if (control !== null && control === area) return { ok: false, reason: 'control_is_treated', field: 'control' };
  const opts = { metric: q.metric, censored: q.censored };
  const treated = await seriesForStats(ctx, caller, area, q.substance, opts);
  if (!treated.ok) return { ok: false, reason: treated.reason, field: treated.reason === 'unknown_substance' ? 'substance' : 'area' };
  let controlSeries: Series | null = null;
  if (control !== null) {
    const c = await seriesForStats(ctx, caller, control, q.substance, opts);
    if (!c.ok) return { ok: false, reason: 'unknown_control', field: 'control' };
    controlSeries = c.series;
  }
  const r = evaluateIntervention({
    treated: positive(treated.series), control: controlSeries ? positive(controlSeries) : null, controlArea: control, from: event.from, to: event.to,
  });
  const base = { ...r, event: { id: event.id, title: event.title, from: event.from, to: event.to }, area, substance: q.substance, metric: q.metric };
  if (controlSeries) return { ok: true, result: base };
  const ref = await referenceTrend(ctx, q.substance, r.before.to, r.after.from);
  return { ok: true, result: { ...base, referenceTrend: ref.trend, referenceTrendReason: ref.reason } };
}
