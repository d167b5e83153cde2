// What every statistic of one series starts from, computed once per series instead of once per
// statistic: the points with a value (in the series' own order) and, when the series is in date
// order (as the database gives it), date ranges found by binary search instead of a filter over
// every point. The overview, the bench and an area page ask for the baseline, the change and the
// trend of the same series one after the other; each used to rebuild these from all its points.
// A series is not changed after it is built (usecases/series.ts); the entry is dropped anyway if
// its points array is replaced or grows.
import type { Series, SeriesPoint } from './types.ts';

export interface IndexedPoint {
  date: string;
  value: number;
  censored: boolean;
  /** A censored day's LOQ in the metric's unit; null when unknown. */
  loq: number | null;
}

interface SeriesIndex {
  points: SeriesPoint[];
  length: number;
  /** Points with a value, in the series' order. */
  withValue: IndexedPoint[];
  /** The series' points are in ascending date order (then ranges are contiguous). */
  ascending: boolean;
  /** Memoised results derived from `withValue` alone (detected campaigns, their logs …). */
  derived: Map<string, unknown>;
}

const indexes = new WeakMap<Series, SeriesIndex>();

function indexOf(series: Series): SeriesIndex {
  const known = indexes.get(series);
  if (known && known.points === series.points && known.length === series.points.length) return known;
  const points = series.points;
  const withValue: IndexedPoint[] = [];
  let ascending = true;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (i > 0 && points[i - 1].date > p.date) ascending = false;
    if (p.value == null) continue;
    // The point itself when it already has the shape (no copy of every point of every series
    // kept alive beside the series); a copy only where the LOQ is absent rather than null.
    withValue.push(p.loq !== undefined ? (p as IndexedPoint) : { date: p.date, value: p.value, censored: p.censored, loq: null });
  }
  const index: SeriesIndex = { points, length: points.length, withValue, ascending, derived: new Map() };
  indexes.set(series, index);
  return index;
}

/** First index i in [0, n) with date(i) ≥ target (n when none). */
function lowerBound(n: number, dateAt: (i: number) => string, target: string): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dateAt(mid) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i with date(i) > target. */
function upperBound(n: number, dateAt: (i: number) => string, target: string): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dateAt(mid) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The points with a value within [from, to] (either end open when absent), in the series' order:
 * what statPoints returns, without rebuilding it. The array and its points are shared (the
 * points may be the series' own, with more fields): callers must not change them.
 */
export function pointsWithValue(series: Series, from?: string, to?: string): readonly IndexedPoint[] {
  const index = indexOf(series);
  const all = index.withValue;
  if (!from && !to) return all;
  if (!index.ascending) return all.filter((p) => (!from || p.date >= from) && (!to || p.date <= to));
  const dateAt = (i: number) => all[i].date;
  const lo = from ? lowerBound(all.length, dateAt, from) : 0;
  const hi = to ? upperBound(all.length, dateAt, to) : all.length;
  return hi > lo ? all.slice(lo, hi) : [];
}

/** Days within [from, to] that have no value (a day without flow has no load). */
export function daysWithoutValue(series: Series, from: string, to: string): number {
  const index = indexOf(series);
  const points = index.points;
  let lo = 0;
  let hi = points.length;
  if (index.ascending) {
    const dateAt = (i: number) => points[i].date;
    lo = lowerBound(points.length, dateAt, from);
    hi = upperBound(points.length, dateAt, to);
  }
  let missing = 0;
  for (let i = lo; i < hi; i++) {
    const p = points[i];
    if (p.value == null && p.date >= from && p.date <= to) missing++;
  }
  return missing;
}

/** `make()` once per series and key, as long as the series' points stay the same. */
export function memoised<T>(series: Series, key: string, make: (all: readonly IndexedPoint[]) => T): T {
  const index = indexOf(series);
  if (index.derived.has(key)) return index.derived.get(key) as T;
  const value = make(index.withValue);
  index.derived.set(key, value);
  return value;
}
