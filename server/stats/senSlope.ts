// Theil–Sen slope with Sen's (1968) confidence interval, as scipy.stats.theilslopes(y, x,
// alpha=0.95) in SciPy 1.17: slopes only over pairs with distinct x; the interval's ranks use
// the normal quantile and a variance corrected for ties in x AND in y, rounded half to even
// (np.round); a negative variance (heavy ties) gives no interval (SciPy: NaN).
import { medianOfSorted } from './describe.ts';
import { BANDED_MIN_LENGTH, bandBuffer, orderStatistics, planBands, sampleSize, selectWithinBand } from './select.ts';
import { tieTermOfSorted } from './mannKendall.ts';
import { normalQuantile } from './normal.ts';
import { senKernel } from './senKernelWasm.ts';
import { assertFinite } from './validate.ts';

export interface SenSlopeResult {
  slope: number;
  /** median(y) − slope · median(x) (SciPy's method='separate'). */
  intercept: number;
  /** Null where SciPy returns NaN. */
  ci95: [number, number] | null;
}

/** Round half to even, as NumPy's np.round. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Slope buffers up to this many values (16 MB) are kept for the next call. */
const KEEP_SCRATCH = 1 << 21;
let slopeScratch: Float64Array = new Float64Array(0);

function slopeBuffer(length: number): Float64Array {
  if (length > KEEP_SCRATCH) return new Float64Array(length);
  if (slopeScratch.length < length) slopeScratch = new Float64Array(Math.max(length, Math.min(KEEP_SCRATCH, slopeScratch.length * 2)));
  return slopeScratch;
}

/** All pairwise slopes over pairs with distinct x (unordered), in pair order (i, j > i). */
function pairwiseSlopes(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  const slopes = slopeBuffer((n * (n - 1)) / 2);
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
 * The same slopes, in the same order, for x in ascending order: the pairs with equal x are the
 * ones right after i, so the inner loop needs no test.
 */
function pairwiseSlopesAscending(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  const slopes = slopeBuffer((n * (n - 1)) / 2);
  let count = 0;
  let groupEnd = 0; // first index with x greater than x[i]
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i];
    const yi = y[i];
    if (groupEnd <= i) groupEnd = i + 1;
    while (groupEnd < n && x[groupEnd] === xi) groupEnd++;
    for (let j = groupEnd; j < n; j++) slopes[count++] = (y[j] - yi) / (x[j] - xi);
  }
  return slopes.subarray(0, count);
}

/** Φ⁻¹(α/2) for the default confidence, computed exactly as below ((1 − 0.95) / 2, not 0.025). */
const Z_95 = normalQuantile((1 - 0.95) / 2);

interface SenRanks {
  nt: number;
  medianRanks: number[];
  hasInterval: boolean;
  lowerRank: number;
  upperRank: number;
}

/** The ranks of the median and of Sen's interval among nt slopes of n points. */
function senRanks(nt: number, n: number, tieTermX: number, tieTermY: number, confidence: number): SenRanks {
  const alpha = confidence > 0.5 ? 1 - confidence : confidence;
  const z = confidence === 0.95 ? Z_95 : normalQuantile(alpha / 2);
  // Same operation order as SciPy (1/18. * …), so the rounded ranks agree to the last bit.
  const sigSq = (1 / 18) * (n * (n - 1) * (2 * n + 5) - tieTermX - tieTermY);
  const sigma = Math.sqrt(sigSq); // NaN when sigSq < 0
  const upperRank = Math.min(roundHalfEven((nt - z * sigma) / 2), nt - 1);
  const lowerRank = Math.max(roundHalfEven((nt + z * sigma) / 2) - 1, 0);
  const middle = nt >> 1;
  return { nt, medianRanks: nt % 2 === 1 ? [middle] : [middle - 1, middle], hasInterval: Number.isFinite(sigma), lowerRank, upperRank };
}

function wantedRanks(r: SenRanks): number[] {
  return r.hasInterval ? [...r.medianRanks, r.lowerRank, r.upperRank] : r.medianRanks;
}

function senFromPicked(r: SenRanks, picked: readonly number[]): { slope: number; ci95: [number, number] | null } {
  const slope = r.nt % 2 === 1 ? picked[0] : (picked[0] + picked[1]) / 2;
  const k = r.medianRanks.length;
  return { slope, ci95: r.hasInterval ? [picked[k], picked[k + 1]] : null };
}

/** Median slope and Sen's interval from the pairwise slopes (reordered), n points and tie terms. */
function senFromSlopes(slopes: Float64Array, n: number, tieTermX: number, tieTermY: number, confidence: number): { slope: number; ci95: [number, number] | null } | null {
  if (slopes.length === 0) return null;
  const r = senRanks(slopes.length, n, tieTermX, tieTermY, confidence);
  // Selection instead of sorting: O(nt) for the 6.7 M slopes of ten years of daily values.
  return senFromPicked(r, orderStatistics(slopes, wantedRanks(r)));
}

type SenCore = { slope: number; ci95: [number, number] | null };

/**
 * For x ascending: the same result as senFromSlopes(pairwiseSlopesAscending(x, y), …) without
 * storing every slope. Pivots around the wanted ranks come from a sample of random pairs; the
 * slopes are then generated once and only those between the pivots are kept (branch-free; in
 * WebAssembly SIMD where available, which also gives Kendall's S on the way), and the ranks are
 * selected among them. If the sample missed, or a zero's sign could depend on the algorithm, the
 * slopes are generated in full and selected as before. `s`: Kendall's S when the kernel ran.
 */
function senAscending(x: Float64Array, y: Float64Array, tieTermX: number, tieTermY: number, confidence: number): { sen: SenCore | null; s: number | null } {
  const n = x.length;
  // First index after i's group of equal x, and the number of pairs with distinct x.
  const groupEnd = new Int32Array(n);
  let nt = 0;
  for (let i = n - 1; i >= 0; i--) {
    groupEnd[i] = i + 1 < n && x[i + 1] === x[i] ? groupEnd[i + 1] : i + 1;
    nt += n - groupEnd[i];
  }
  if (nt === 0) return { sen: null, s: null };
  const r = senRanks(nt, n, tieTermX, tieTermY, confidence);
  const ascending = [...new Set(wantedRanks(r))].sort((a, b) => a - b);
  let s: number | null = null;
  if (nt >= BANDED_MIN_LENGTH) {
    const m = sampleSize(nt);
    const sample = new Float64Array(m);
    let filled = 0;
    const scale = n / 4294967296;
    let state = 0x9e3779b9 | 0; // xorshift32: any spread of pairs will do
    for (let attempt = 0; attempt < 20 * m && filled < m; attempt++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const i = ((state >>> 0) * scale) | 0;
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const j = ((state >>> 0) * scale) | 0;
      if (x[i] < x[j]) sample[filled++] = (y[j] - y[i]) / (x[j] - x[i]);
      else if (x[j] < x[i]) sample[filled++] = (y[i] - y[j]) / (x[i] - x[j]);
    }
    if (filled === m) {
      const [band] = planBands(sample, nt, ascending, 1);
      const { lo, hi } = band;
      let kept: Float64Array;
      let below = 0;
      const fast = senKernel(x, y, groupEnd, lo, hi, nt);
      if (fast) {
        // Out of the kernel's memory into a plain buffer: the selection code then sees one
        // kind of array only (V8 would otherwise deoptimize it back and forth).
        kept = bandBuffer(fast.kept.length).subarray(0, fast.kept.length);
        kept.set(fast.kept);
        below = fast.below;
        s = fast.s;
      } else {
        const out = bandBuffer(nt);
        let count = 0;
        for (let i = 0; i < n - 1; i++) {
          const xi = x[i];
          const yi = y[i];
          for (let j = groupEnd[i]; j < n; j++) {
            const v = (y[j] - yi) / (x[j] - xi);
            below += +(v < lo);
            out[count] = v;
            count += +(v >= lo) - +(v > hi);
          }
        }
        kept = out.subarray(0, count);
      }
      const found = selectWithinBand(kept, below, ascending, lo, hi);
      if (found) return { sen: senFromPicked(r, wantedRanks(r).map((rank) => found.get(rank)!)), s };
    }
  }
  return { sen: senFromPicked(r, orderStatistics(pairwiseSlopesAscending(x, y), wantedRanks(r))), s };
}

/**
 * Sen's slope and interval (no intercept) for times in ascending order, as senSlope gives them;
 * the tie terms Σ t(t−1)(2t+5) of the times and of the values are the caller's. With Kendall's
 * S of the values when it came for free (else null).
 */
export function senSlopeAscending(times: Float64Array, values: Float64Array, tieTermTimes: number, tieTermValues: number): { sen: SenCore | null; s: number | null } {
  if (values.length < 2) return { sen: null, s: null };
  return senAscending(times, values, tieTermTimes, tieTermValues, 0.95);
}

/**
 * times: e.g. years; values: the measurements. Null when fewer than 2 points or all times equal.
 * `confidence` is SciPy's alpha argument (0.95 ⇒ a 95 % interval).
 */
export function senSlope(times: readonly number[], values: readonly number[], confidence = 0.95): SenSlopeResult | null {
  if (times.length !== values.length) throw new RangeError('times and values differ in length');
  assertFinite(times, 'times');
  assertFinite(values, 'values');
  const n = values.length;
  if (n < 2) return null;
  const x = Float64Array.from(times);
  const y = Float64Array.from(values);
  let ascending = true;
  for (let i = 1; i < n && ascending; i++) ascending = x[i] >= x[i - 1];
  const sortedX = Float64Array.from(x).sort();
  const sortedY = Float64Array.from(y).sort();
  const [tieX, tieY] = [tieTermOfSorted(sortedX), tieTermOfSorted(sortedY)];
  const sen = ascending ? senAscending(x, y, tieX, tieY, confidence).sen : senFromSlopes(pairwiseSlopes(x, y), n, tieX, tieY, confidence);
  if (!sen) return null;
  const intercept = medianOfSorted(sortedY) - sen.slope * medianOfSorted(sortedX);
  return { slope: sen.slope, intercept, ci95: sen.ci95 };
}
