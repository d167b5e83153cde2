import { mean as ssMean, quantileSorted } from 'simple-statistics';
import { assertFinite } from './validate.ts';

export interface Description {
  n: number;
  nCensored: number;
  /** nCensored / n; null when n = 0. */
  shareCensored: number | null;
  mean: number | null;
  median: number | null;
  /** exp(mean(ln x)); null if any value ≤ 0 (as scipy.stats.gmean would be 0 or NaN). */
  geometricMean: number | null;
  /** Quartiles by linear interpolation (NumPy's default, Hyndman–Fan type 7). */
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
}

/** Numeric ascending copy (Array.prototype.sort would compare as strings). */
export function sortedCopy(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** Quantile of an ascending array, type 7 (simple-statistics 7.12 uses (n − 1)·p, as NumPy). */
export function quantileType7(sorted: Float64Array | readonly number[], p: number): number {
  return quantileSorted(sorted as unknown as number[], p);
}

/** Median of an ascending array: the middle value or the mean of the two middle values. */
export function medianOfSorted(sorted: Float64Array | readonly number[]): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : ssMean(values as number[]);
}

export function geometricMean(values: readonly number[]): number | null {
  if (values.length === 0 || values.some((v) => !(v > 0))) return null;
  return Math.exp(ssMean(values.map(Math.log)));
}

export function describe(values: readonly number[], opts: { censoredFlags?: readonly boolean[] } = {}): Description {
  assertFinite(values, 'values');
  const n = values.length;
  const nCensored = opts.censoredFlags ? opts.censoredFlags.filter(Boolean).length : 0;
  if (n === 0) {
    return { n: 0, nCensored, shareCensored: null, mean: null, median: null, geometricMean: null, q1: null, q3: null, min: null, max: null };
  }
  const sorted = sortedCopy(values);
  return {
    n,
    nCensored,
    shareCensored: nCensored / n,
    mean: mean(values),
    median: medianOfSorted(sorted),
    geometricMean: geometricMean(values),
    q1: quantileType7(sorted, 0.25),
    q3: quantileType7(sorted, 0.75),
    min: sorted[0],
    max: sorted[n - 1],
  };
}
