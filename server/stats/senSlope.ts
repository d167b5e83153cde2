// Theil–Sen slope with Sen's (1968) confidence interval, as scipy.stats.theilslopes(y, x,
// alpha=0.95) in SciPy 1.17: slopes only over pairs with distinct x; the interval's ranks use
// the normal quantile and a variance corrected for ties in x AND in y, rounded half to even
// (np.round); a negative variance (heavy ties) gives no interval (SciPy: NaN).
import { medianOfSorted, sortedCopy } from './describe.ts';
import { tieTermOfSorted } from './mannKendall.ts';
import { normalQuantile } from './normal.ts';
import { orderStatistics } from './select.ts';
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
const KEEP_SLOPES = 1 << 21;
let slopeScratch = new Float64Array(0);

/** (y_j − y_i) / (x_j − x_i) over all pairs i < j with x_i ≠ x_j (in a buffer reused by the next call). */
function pairwiseSlopes(x: readonly number[], y: readonly number[]): Float64Array {
  const n = x.length;
  const pairs = (n * (n - 1)) / 2;
  if (pairs <= KEEP_SLOPES && slopeScratch.length < pairs) slopeScratch = new Float64Array(pairs);
  const slopes = pairs <= KEEP_SLOPES ? slopeScratch : new Float64Array(pairs);
  let count = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i];
    const yi = y[i];
    for (let j = i + 1; j < n; j++) {
      const dx = x[j] - xi;
      if (dx !== 0) slopes[count++] = (y[j] - yi) / dx;
    }
  }
  return slopes.subarray(0, count);
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
  const slopes = pairwiseSlopes(times, values);
  const nt = slopes.length;
  if (nt === 0) return null;
  // Times usually come in ascending order already (a trend's days), and then need no sort.
  const sortedTimes = times.every((t, i) => i === 0 || t >= times[i - 1]) ? times : sortedCopy(times);
  const sortedValues = sortedCopy(values);

  const alpha = confidence > 0.5 ? 1 - confidence : confidence;
  const z = normalQuantile(alpha / 2);
  // Same operation order as SciPy (1/18. * …), so the rounded ranks agree to the last bit.
  const sigSq = (1 / 18) * (n * (n - 1) * (2 * n + 5) - tieTermOfSorted(sortedTimes) - tieTermOfSorted(sortedValues));
  const sigma = Math.sqrt(sigSq); // NaN when sigSq < 0
  const upperRank = Math.min(roundHalfEven((nt - z * sigma) / 2), nt - 1);
  const lowerRank = Math.max(roundHalfEven((nt + z * sigma) / 2) - 1, 0);

  const middle = nt >> 1;
  const medianRanks = nt % 2 === 1 ? [middle] : [middle - 1, middle];
  const hasInterval = Number.isFinite(sigma);
  const picked = orderStatistics(slopes, hasInterval ? [...medianRanks, lowerRank, upperRank] : medianRanks);
  const slope = nt % 2 === 1 ? picked[0] : (picked[0] + picked[1]) / 2;
  const intercept = medianOfSorted(sortedValues) - slope * medianOfSorted(sortedTimes);
  const ci95: [number, number] | null = hasInterval ? [picked[medianRanks.length], picked[medianRanks.length + 1]] : null;
  return { slope, intercept, ci95 };
}
