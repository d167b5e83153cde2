// Seeded percentile bootstrap. SciPy's scipy.stats.bootstrap(method='percentile') is the reference;
// with 4 000 resamples the Monte Carlo error of an endpoint is about 1 % of the interval's width.
import { orderStatistics, selectInPlace } from './select.ts';
import { hashValues, resampledMeans, xoshiroState } from './random.ts';
import { assertFinite } from './validate.ts';

export interface BootstrapOptions {
  /** Number of resamples (default 4 000; the API requires at least 2 000). */
  resamples?: number;
  /** Mixed with a hash of the data; the same data and seed give the same interval. */
  seed?: number;
  /** Confidence level, default 0.95. */
  level?: number;
}

export const DEFAULT_RESAMPLES = 4000;
const BASE_SEED = 0x5eed_ba5e;

/** Distributions at least this long take their interval ends from the two tails (tailValues). */
const TAIL_MIN_LENGTH = 1024;
const TAIL_SAMPLE = 256;
const tailSample = new Float64Array(TAIL_SAMPLE);
let lowScratch = new Float64Array(0);
let highScratch = new Float64Array(0);

/**
 * The values of `a` in its two tails, in one pass instead of two selections over all of it: every
 * value ≤ tLow (which holds ranks 0 … lowRank, as the lowest values) and every value ≥ tHigh (the
 * highest ones, from rank highOffset on). The thresholds are read off an evenly spaced sample, a
 * few standard deviations beyond the wanted ranks, as in narrowToBand (select.ts). Null when the
 * sample missed (a tail too short) or `a` holds a NaN: the caller then selects on all of `a`,
 * with the same result. An order statistic is a value of the multiset, so the result is exact.
 */
function tailValues(a: Float64Array, lowRank: number, highRank: number): { low: Float64Array; high: Float64Array; highOffset: number } | null {
  const n = a.length;
  const m = TAIL_SAMPLE;
  const sample = tailSample;
  for (let k = 0; k < m; k++) sample[k] = a[Math.floor(((k + 0.5) * n) / m)];
  sample.sort();
  const spread = (p: number) => Math.ceil(3 * Math.sqrt(m * p * (1 - p)) + 1);
  const pLow = (lowRank + 0.5) / n;
  const pHigh = (highRank + 0.5) / n;
  const iLow = Math.round(pLow * m) + spread(pLow);
  const iHigh = Math.round(pHigh * m) - spread(pHigh);
  if (iLow >= m || iHigh < 0) return null;
  const tLow = sample[iLow];
  const tHigh = sample[iHigh];
  if (lowScratch.length < n) {
    lowScratch = new Float64Array(n);
    highScratch = new Float64Array(n);
  }
  let nLow = 0;
  let nHigh = 0;
  let nan = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (v <= tLow) lowScratch[nLow++] = v;
    else if (v !== v) nan++;
    if (v >= tHigh) highScratch[nHigh++] = v;
  }
  if (nan > 0 || nLow <= lowRank || n - nHigh > highRank) return null;
  return { low: lowScratch.subarray(0, nLow), high: highScratch.subarray(0, nHigh), highOffset: n - nHigh };
}

/**
 * Type-7 quantiles at (1 − level)/2 and (1 + level)/2 of `distribution` (reordered in place), as
 * NumPy's percentile: each end interpolates between the order statistics around (n − 1)·p.
 * Two selections instead of four: after selecting rank k, rank k − 1 is the largest value to
 * its left; after selecting rank j, rank j + 1 is the smallest value to its right.
 */
export function percentileInterval(distribution: Float64Array, level: number): [number, number] | null {
  const alpha = (1 - level) / 2;
  const n = distribution.length;
  if (n === 0) return null;
  const hLo = (n - 1) * alpha;
  const hHi = (n - 1) * (1 - alpha);
  const lo0 = Math.floor(hLo);
  const lo1 = Math.min(n - 1, lo0 + 1);
  const hi0 = Math.floor(hHi);
  const hi1 = Math.min(n - 1, hi0 + 1);
  let a: number;
  let b: number;
  let c: number;
  let d: number;
  const tails = n >= TAIL_MIN_LENGTH && hi0 > lo1 ? tailValues(distribution, lo1, hi0) : null;
  if (tails) {
    [a, b] = orderStatistics(tails.low, [lo0, lo1]);
    [c, d] = orderStatistics(tails.high, [hi0 - tails.highOffset, hi1 - tails.highOffset]);
  } else if (n < 64 || hi0 <= lo1) {
    [a, b, c, d] = orderStatistics(distribution, [lo0, lo1, hi0, hi1]);
  } else {
    selectInPlace(distribution, lo1);
    b = distribution[lo1];
    a = b;
    if (lo0 < lo1) {
      a = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < lo1; i++) if (distribution[i] > a) a = distribution[i];
    }
    selectInPlace(distribution, hi0, lo1 + 1, n - 1);
    c = distribution[hi0];
    d = c;
    if (hi1 > hi0) {
      d = Number.POSITIVE_INFINITY;
      for (let i = hi0 + 1; i < n; i++) if (distribution[i] < d) d = distribution[i];
    }
  }
  const lo = a + (hLo - lo0) * (b - a);
  const hi = c + (hHi - hi0) * (d - c);
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

/** Reused buffers for the resampled statistics (read and dropped before each call returns). */
const scratch = { a: new Float64Array(DEFAULT_RESAMPLES), b: new Float64Array(DEFAULT_RESAMPLES) };

/**
 * A buffer of `length` values for a distribution that is consumed before the caller returns
 * (`which` keeps two in use at once apart); a fresh one when longer than the default.
 */
export function scratchDistribution(length: number, which: 'a' | 'b' = 'a'): Float64Array {
  if (length > DEFAULT_RESAMPLES) return new Float64Array(length);
  return scratch[which].subarray(0, length);
}

function seedFor(opts: BootstrapOptions, ...samples: readonly number[][]): number {
  let h = (BASE_SEED ^ (opts.seed ?? 0)) >>> 0;
  for (const sample of samples) h = hashValues(sample, h);
  return h;
}

/** Percentile bootstrap interval of the mean. n = 0 ⇒ null; n = 1 ⇒ [v, v]. */
export function bootstrapMeanCI(values: readonly number[], opts: BootstrapOptions = {}): [number, number] | null {
  assertFinite(values, 'values');
  if (values.length === 0) return null;
  if (values.length === 1) return [values[0], values[0]];
  const state = xoshiroState(seedFor(opts, values as number[]));
  const means = resampledMeans(Float64Array.from(values), state, scratchDistribution(opts.resamples ?? DEFAULT_RESAMPLES));
  return percentileInterval(means, opts.level ?? 0.95);
}

/**
 * Percentile bootstrap interval of mean(current) / mean(baseline), each group resampled on its
 * own. Null when a group is empty or the interval is not finite (a baseline resample of zeros).
 */
export function bootstrapRatioCI(
  current: readonly number[],
  baseline: readonly number[],
  opts: BootstrapOptions = {},
): [number, number] | null {
  assertFinite(current, 'current');
  assertFinite(baseline, 'baseline');
  if (current.length === 0 || baseline.length === 0) return null;
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const state = xoshiroState(seedFor(opts, current as number[], baseline as number[]));
  const currentMeans = resampledMeans(Float64Array.from(current), state, scratchDistribution(resamples, 'a'));
  const baselineMeans = resampledMeans(Float64Array.from(baseline), state, scratchDistribution(resamples, 'b'));
  const ratios = currentMeans; // in place
  for (let r = 0; r < resamples; r++) {
    const ratio = currentMeans[r] / baselineMeans[r];
    if (Number.isNaN(ratio)) return null;
    ratios[r] = ratio;
  }
  return percentileInterval(ratios, opts.level ?? 0.95);
}
