// Kaplan–Meier mean for left-censored data (Helsel 2012, "Statistics for Censored Environmental
// Data", ch. 6): flip x to M − x (M above every value) so "< LOQ" becomes right-censored, take the
// product-limit survival curve, and flip its mean back. Used for 1–50 % below LOQ (DOMAIN.md).
import { hashValues, xoshiroState } from './random.ts';
import { percentileInterval, scratchDistribution } from './bootstrap.ts';
import { assertFinite } from './validate.ts';

export interface CensoredObservation {
  /** The measured value, or the LOQ ("reporting limit") for a censored day. */
  value: number;
  /** true: the true value is below `value`. */
  censored: boolean;
}

/**
 * KM mean = M − ∫₀^{t_max} S(t) dt on the flipped times t = M − x, S the product-limit survival
 * S(t) = Π_{t_j ≤ t} (1 − d_j / r_j), r_j = number with flipped time ≥ t_j (a detection and a
 * "<" at the same number: the detection is the event and the censored one is still at risk, as
 * "<5" means below 5).
 * Lowest value censored: the curve stops above 0; as Helsel (Efron's correction, NADA's cenfit
 * restricted mean) the remaining probability is put at that lowest LOQ, i.e. the area is taken
 * only up to t_max. The mean is then an upper-biased estimate; callers report mostly-censored data
 * as "< LOQ" anyway. Null with no detected value (nothing to estimate from) or no data.
 */
export function kaplanMeierMean(observations: readonly CensoredObservation[]): number | null {
  const n = observations.length;
  if (n === 0 || observations.every((o) => o.censored)) return null;
  assertFinite(observations.map((o) => o.value), 'values');
  // Ascending in the original scale with detections after censored at equal values = flipped
  // times descending with, at equal times, the event before the censoring. Walk from the top.
  const sorted = [...observations].sort((a, b) => b.value - a.value || (a.censored === b.censored ? 0 : a.censored ? 1 : -1));
  const top = sorted[0].value;
  // Integrate S over flipped time from 0 (= original `top`, with M = top) to t_max (= lowest value).
  // Flipping with M = top gives time 0 at the largest value; the mean is M minus the area.
  let survival = 1;
  let area = 0;
  let previousTime = 0;
  let atRisk = n;
  for (let i = 0; i < n; ) {
    const value = sorted[i].value;
    const time = top - value;
    area += survival * (time - previousTime);
    previousTime = time;
    let events = 0;
    let censoredHere = 0;
    while (i < n && sorted[i].value === value) {
      if (sorted[i].censored) censoredHere++;
      else events++;
      i++;
    }
    survival *= 1 - events / atRisk;
    atRisk -= events + censoredHere;
  }
  return top - area;
}

export interface CensoredMeanOptions {
  resamples?: number;
  seed?: number;
  level?: number;
}

export interface CensoredMean {
  mean: number | null;
  n: number;
  nCensored: number;
  /** Percentile bootstrap of the KM mean (pairs resampled); null when mean is null or n < 2. */
  ci95: [number, number] | null;
}

/**
 * KM mean with a seeded percentile bootstrap interval: `resamples` (default 4 000) resamples of
 * the (value, censored) pairs with replacement; resamples without a detection are skipped (their
 * KM mean does not exist) and the interval is the type-7 quantiles of the rest. Same data and
 * seed ⇒ same interval.
 */
export function censoredMean(observations: readonly CensoredObservation[], opts: CensoredMeanOptions = {}): CensoredMean {
  const n = observations.length;
  const nCensored = observations.filter((o) => o.censored).length;
  const mean = kaplanMeierMean(observations);
  if (mean === null || n < 2) return { mean, n, nCensored, ci95: mean === null ? null : [mean, mean] };
  const resamples = opts.resamples ?? 4000;
  const level = opts.level ?? 0.95;
  const seed = hashValues(observations.map((o) => (o.censored ? -o.value - 1 : o.value)), (0xc3a5c85c ^ (opts.seed ?? 0)) >>> 0);
  const state = xoshiroState(seed);
  // A resample's KM mean depends only on how often each observation was drawn: sort once (as
  // kaplanMeierMean does) and walk the counts, instead of sorting every resample.
  const order = observations.map((o, i) => ({ o, i })).sort((a, b) => b.o.value - a.o.value || (a.o.censored === b.o.censored ? 0 : a.o.censored ? 1 : -1));
  const rank = new Int32Array(n);
  order.forEach((x, k) => (rank[x.i] = k));
  const sortedValues = order.map((x) => x.o.value);
  const sortedCensored = order.map((x) => x.o.censored);
  const counts = new Int32Array(n);
  const means = scratchDistribution(resamples);
  let kept = 0;
  // xoshiro128** with its state in locals (the step of random.ts resampledMeans).
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  for (let r = 0; r < resamples; r++) {
    counts.fill(0);
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
      counts[rank[Math.floor((u * n) / 4294967296)]]++;
    }
    const m = kaplanMeierMeanOfCounts(sortedValues, sortedCensored, counts, n);
    if (m !== null) means[kept++] = m;
  }
  if (kept === 0) return { mean, n, nCensored, ci95: null };
  // Type-7 quantiles of the kept means (the same interpolation as quantileType7 on them sorted).
  return { mean, n, nCensored, ci95: percentileInterval(means.subarray(0, kept), level) };
}

/**
 * kaplanMeierMean of a multiset given as counts over observations already in KM order (value
 * descending, at equal values detections first); the same walk, one step per distinct value.
 */
function kaplanMeierMeanOfCounts(values: readonly number[], censored: readonly boolean[], counts: Int32Array, total: number): number | null {
  let anyDetected = false;
  let top = Number.NaN;
  for (let k = 0; k < values.length; k++) {
    if (counts[k] === 0) continue;
    if (Number.isNaN(top)) top = values[k];
    if (!censored[k]) { anyDetected = true; break; }
  }
  if (!anyDetected) return null;
  let survival = 1;
  let area = 0;
  let previousTime = 0;
  let atRisk = total;
  for (let k = 0; k < values.length; ) {
    const value = values[k];
    let events = 0;
    let censoredHere = 0;
    while (k < values.length && values[k] === value) {
      if (censored[k]) censoredHere += counts[k];
      else events += counts[k];
      k++;
    }
    if (events + censoredHere === 0) continue;
    const time = top - value;
    area += survival * (time - previousTime);
    previousTime = time;
    survival *= 1 - events / atRisk;
    atRisk -= events + censoredHere;
  }
  return top - area;
}
