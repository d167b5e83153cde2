// Frozen copies of the statistics implementations as they were before the performance work
// (commit 3faa6c3). Test-only oracle: the optimised code must return bit-identical results.
/* eslint-disable */
import { quantileSorted } from 'simple-statistics';
import { normalQuantile, normalTwoSidedP } from '../../../server/stats/normal.ts';
import { trendVerdict, type Verdict } from '../../../server/stats/verdicts.ts';
import { assertFinite } from '../../../server/stats/validate.ts';

function legacySortedCopy(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}
function legacyMedianOfSorted(sorted: Float64Array | readonly number[]): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
void quantileSorted;

// ---- isoDate.ts

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (UTC). Throws RangeError on anything but a real calendar date. */
export function legacyEpochDay(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(isoDate)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date: ${isoDate}`);
  }
  return Math.round(ms / MS_PER_DAY);
}


// ---- select.ts

function legacySwap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

function legacySelectInPlace(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      legacySelectInPlace(a, k, newLeft, newRight);
    }
    const t = a[k];
    let i = left;
    let j = right;
    legacySwap(a, left, k);
    if (a[right] > t) legacySwap(a, left, right);
    while (i < j) {
      legacySwap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) legacySwap(a, left, j);
    else {
      j++;
      legacySwap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/**
 * The order statistics at `ranks` (0-based) of `a`, which is reordered. The lowest and highest
 * ranks are selected first over the whole array; the ranks between them then only need the
 * (usually short) part between those two, e.g. a median between the ends of its interval.
 */
export function legacyOrderStatistics(a: Float64Array, ranks: readonly number[]): number[] {
  const ascending = [...new Set(ranks)].sort((x, y) => x - y);
  const found = new Map<number, number>();
  if (ascending.length === 0) return [];
  const lo = ascending[0];
  const hi = ascending[ascending.length - 1];
  legacySelectInPlace(a, lo, 0, a.length - 1);
  found.set(lo, a[lo]);
  if (hi !== lo) {
    legacySelectInPlace(a, hi, lo + 1, a.length - 1);
    found.set(hi, a[hi]);
  }
  let left = lo + 1;
  for (const rank of ascending.slice(1, -1)) {
    legacySelectInPlace(a, rank, left, hi - 1);
    found.set(rank, a[rank]);
    left = rank + 1;
  }
  return ranks.map((rank) => found.get(rank)!);
}
// ---- mannKendall.ts

export interface LegacyMannKendallResult {
  s: number;
  /** [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over groups of t tied values. */
  varS: number;
  z: number;
  p: number;
  /** Kendall's tau-a: s / (n(n−1)/2). */
  tau: number;
}

/** Σ t(t−1)(2t+5) over groups of equal values (the tie term of Kendall's S variance). */
export function legacyKendallTieTerm(values: readonly number[] | Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  let term = 0;
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && sorted[end] === sorted[start]) end++;
    const t = end - start;
    term += t * (t - 1) * (2 * t + 5);
    start = end;
  }
  return term;
}

/** Values in time order. Null for fewer than 2 values. */
export function legacyMannKendall(values: readonly number[]): LegacyMannKendallResult | null {
  assertFinite(values, 'values');
  const n = values.length;
  if (n < 2) return null;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const vi = values[i];
    for (let j = i + 1; j < n; j++) {
      const d = values[j] - vi;
      s += d > 0 ? 1 : d < 0 ? -1 : 0;
    }
  }
  const varS = (n * (n - 1) * (2 * n + 5) - legacyKendallTieTerm(values)) / 18;
  const z = s > 0 ? (s - 1) / Math.sqrt(varS) : s < 0 ? (s + 1) / Math.sqrt(varS) : 0;
  return { s, varS, z, p: normalTwoSidedP(z), tau: s / ((n * (n - 1)) / 2) };
}
// ---- senSlope.ts

export interface LegacySenSlopeResult {
  slope: number;
  /** median(y) − slope · median(x) (SciPy's method='separate'). */
  intercept: number;
  /** Null where SciPy returns NaN. */
  ci95: [number, number] | null;
}

/** Round half to even, as NumPy's np.round. */
function legacyRoundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** All pairwise slopes over pairs with distinct x (unordered). */
export function legacyPairwiseSlopes(x: readonly number[], y: readonly number[]): Float64Array {
  const n = x.length;
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let count = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i];
    const yi = y[i];
    for (let j = i + 1; j < n; j++) {
      const dx = x[j] - xi;
      if (dx > 0) slopes[count++] = (y[j] - yi) / dx;
      else if (dx < 0) slopes[count++] = (yi - y[j]) / (xi - x[j]);
    }
  }
  return slopes.subarray(0, count);
}

/**
 * times: e.g. years; values: the measurements. Null when fewer than 2 points or all times equal.
 * `confidence` is SciPy's alpha argument (0.95 ⇒ a 95 % interval).
 */
export function legacySenSlope(times: readonly number[], values: readonly number[], confidence = 0.95): LegacySenSlopeResult | null {
  if (times.length !== values.length) throw new RangeError('times and values differ in length');
  assertFinite(times, 'times');
  assertFinite(values, 'values');
  const n = values.length;
  if (n < 2) return null;
  const slopes = legacyPairwiseSlopes(times, values);
  const nt = slopes.length;
  if (nt === 0) return null;

  const alpha = confidence > 0.5 ? 1 - confidence : confidence;
  const z = normalQuantile(alpha / 2);
  // Same operation order as SciPy (1/18. * …), so the rounded ranks agree to the last bit.
  const sigSq = (1 / 18) * (n * (n - 1) * (2 * n + 5) - legacyKendallTieTerm(times) - legacyKendallTieTerm(values));
  const sigma = Math.sqrt(sigSq); // NaN when sigSq < 0
  const upperRank = Math.min(legacyRoundHalfEven((nt - z * sigma) / 2), nt - 1);
  const lowerRank = Math.max(legacyRoundHalfEven((nt + z * sigma) / 2) - 1, 0);

  // Selection instead of sorting: O(nt) for the 6.7 M slopes of ten years of daily values.
  const middle = nt >> 1;
  const medianRanks = nt % 2 === 1 ? [middle] : [middle - 1, middle];
  const hasInterval = Number.isFinite(sigma);
  const picked = legacyOrderStatistics(slopes, hasInterval ? [...medianRanks, lowerRank, upperRank] : medianRanks);
  const slope = nt % 2 === 1 ? picked[0] : (picked[0] + picked[1]) / 2;
  const intercept = legacyMedianOfSorted(legacySortedCopy(values)) - slope * legacyMedianOfSorted(legacySortedCopy(times));
  const ci95: [number, number] | null = hasInterval ? [picked[medianRanks.length], picked[medianRanks.length + 1]] : null;
  return { slope, intercept, ci95 };
}
// ---- random.ts

/** 32-bit FNV-1a over the IEEE-754 bit patterns of the values, finished with murmur3's fmix32. */
function legacyHashValues(values: readonly number[], hash = 0x811c9dc5): number {
  const words = new Uint32Array(new Float64Array(values).buffer);
  let h = hash >>> 0;
  for (let i = 0; i < words.length; i++) {
    h ^= words[i];
    h = Math.imul(h, 0x01000193);
  }
  h ^= values.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** xoshiro128** state (four 32-bit words, never all zero) from a 32-bit seed via splitmix32. */
function legacyXoshiroState(seed: number): Int32Array {
  const state = new Int32Array(4);
  let x = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    state[i] = z ^ (z >>> 16);
  }
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return state;
}

/**
 * Means of out.length resamples (with replacement) of `values`, advancing `state`.
 * Index = ⌊u · n / 2^32⌋ for a uniform 32-bit u (exact in a double for n < 2^21).
 */
function legacyResampledMeans(values: Float64Array, state: Int32Array, out: Float64Array): Float64Array {
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  const n = values.length;
  const scale = n / 4294967296;
  for (let r = 0; r < out.length; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x5 = Math.imul(s1, 5);
      const u = Math.imul((x5 << 7) | (x5 >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      sum += values[(u * scale) | 0];
    }
    out[r] = sum / n;
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return out;
}
// ---- bootstrap.ts

interface BootstrapOptions {
  /** Number of resamples (default 4 000; the API requires at least 2 000). */
  resamples?: number;
  /** Mixed with a hash of the data; the same data and seed give the same interval. */
  seed?: number;
  /** Confidence level, default 0.95. */
  level?: number;
}

const DEFAULT_RESAMPLES = 4000;
const BASE_SEED = 0x5eed_ba5e;

/** Type-7 quantile from the two order statistics around (n − 1)·p, selected without a full sort. */
function percentileInterval(distribution: Float64Array, level: number): [number, number] | null {
  const alpha = (1 - level) / 2;
  const n = distribution.length;
  const positions = [alpha, 1 - alpha].map((p) => (n - 1) * p);
  const ranks = positions.flatMap((h) => [Math.floor(h), Math.min(n - 1, Math.floor(h) + 1)]);
  const [a, b, c, d] = legacyOrderStatistics(distribution, ranks);
  const interpolate = (h: number, below: number, above: number) => below + (h - Math.floor(h)) * (above - below);
  const lo = interpolate(positions[0], a, b);
  const hi = interpolate(positions[1], c, d);
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

function seedFor(opts: BootstrapOptions, ...samples: readonly number[][]): number {
  let h = (BASE_SEED ^ (opts.seed ?? 0)) >>> 0;
  for (const sample of samples) h = legacyHashValues(sample, h);
  return h;
}

/** Percentile bootstrap interval of the mean. n = 0 ⇒ null; n = 1 ⇒ [v, v]. */
export function legacyBootstrapMeanCI(values: readonly number[], opts: BootstrapOptions = {}): [number, number] | null {
  assertFinite(values, 'values');
  if (values.length === 0) return null;
  if (values.length === 1) return [values[0], values[0]];
  const state = legacyXoshiroState(seedFor(opts, values as number[]));
  const means = legacyResampledMeans(Float64Array.from(values), state, new Float64Array(opts.resamples ?? DEFAULT_RESAMPLES));
  return percentileInterval(means, opts.level ?? 0.95);
}

/**
 * Percentile bootstrap interval of mean(current) / mean(baseline), each group resampled on its
 * own. Null when a group is empty or the interval is not finite (a baseline resample of zeros).
 */
export function legacyBootstrapRatioCI(
  current: readonly number[],
  baseline: readonly number[],
  opts: BootstrapOptions = {},
): [number, number] | null {
  assertFinite(current, 'current');
  assertFinite(baseline, 'baseline');
  if (current.length === 0 || baseline.length === 0) return null;
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const state = legacyXoshiroState(seedFor(opts, current as number[], baseline as number[]));
  const currentMeans = legacyResampledMeans(Float64Array.from(current), state, new Float64Array(resamples));
  const baselineMeans = legacyResampledMeans(Float64Array.from(baseline), state, new Float64Array(resamples));
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    ratios[r] = currentMeans[r] / baselineMeans[r];
    if (Number.isNaN(ratios[r])) return null;
  }
  return percentileInterval(ratios, opts.level ?? 0.95);
}
// ---- summaries.ts: trendSummary
export interface LegacyStatPoint { date: string; value: number; censored: boolean }
export function legacyTrendSummary(points: readonly LegacyStatPoint[]) {
  const dated = points.map((p) => ({ day: legacyEpochDay(p.date), value: p.value })).sort((a, b) => a.day - b.day);
  const n = dated.length;
  const values = dated.map((p) => p.value);
  const years = dated.map((p) => (p.day - dated[0].day) / 365.25);
  const mk = legacyMannKendall(values);
  const sen = legacySenSlope(years, values);
  const median = n === 0 ? null : legacyMedianOfSorted(legacySortedCopy(values));
  const verdict: Verdict = trendVerdict({ n, p: mk?.p ?? null, slope: sen?.slope ?? null });
  return {
    n,
    mannKendall: mk,
    sen: sen && {
      slopePerYear: sen.slope,
      ci95: sen.ci95,
      percentPerYear: median === null || median === 0 ? null : (100 * sen.slope) / median,
    },
    verdict,
  };
}

// ---- statistics.ts: trendOf's Sen line
function legacyMedian(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)] : (s[m - 1] + s[m]) / 2;
}
export function legacyTrendLine(pts: LegacyStatPoint[], slopePerYear: number) {
  const sorted = [...pts].sort((a, b) => a.date.localeCompare(b.date));
  const day0 = Date.parse(sorted[0].date);
  const years = sorted.map((p) => (Date.parse(p.date) - day0) / (365.25 * 86_400_000));
  const intercept = legacyMedian(sorted.map((p) => p.value)) - slopePerYear * legacyMedian(years);
  return [
    { date: sorted[0].date, value: intercept },
    { date: sorted[sorted.length - 1].date, value: intercept + slopePerYear * years[years.length - 1] },
  ];
}
