// Mann–Whitney U, two-sided, as scipy.stats.mannwhitneyu(x, y, alternative='two-sided',
// method='auto') in SciPy 1.17: 'auto' takes the exact null distribution when EITHER sample has
// at most 8 values and there are no ties at all; otherwise the normal approximation with the tie
// correction and a continuity correction of 0.5.
import { normalSf } from './normal.ts';
import { assertFinite } from './validate.ts';

export interface MannWhitneyResult {
  /** U of the first sample (SciPy's statistic, U1). */
  u: number;
  p: number;
  method: 'exact' | 'asymptotic';
}

/** SciPy's `_mwu_choose_method`. */
export const EXACT_MAX_SMALLER_SAMPLE = 8;

interface Ranking {
  ranks: Float64Array;
  /** Σ (t³ − t) over groups of tied values. */
  tieTerm: number;
  hasTies: boolean;
}

/** Average ranks (1-based) of the values, with the tie term of the variance. */
export function averageRanks(values: readonly number[]): Ranking {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const ranks = new Float64Array(n);
  let tieTerm = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const count = end - start;
    const rank = start + 1 + (count - 1) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    tieTerm += count * count * count - count;
    start = end;
  }
  return { ranks, tieTerm, hasTies: tieTerm > 0 };
}

/**
 * Counts of U = 0..maxU among all C(m+n, m) arrangements: the coefficients of the Gaussian
 * binomial [m+n choose m]_q = Π_{i=1..m} (1 − q^{n+i}) / (1 − q^i). Multiplying and dividing in
 * turn keeps every intermediate polynomial a Gaussian binomial (non-negative coefficients), and
 * truncating at maxU is exact because both steps only look at lower powers. O(m · maxU).
 */
export function uCounts(m: number, n: number, maxU: number): Float64Array {
  const counts = new Float64Array(maxU + 1);
  counts[0] = 1;
  for (let i = 1; i <= m; i++) {
    for (let u = maxU; u >= n + i; u--) counts[u] -= counts[u - n - i];
    for (let u = i; u <= maxU; u++) counts[u] += counts[u - i];
  }
  return counts;
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/** Two-sided exact p-value: 2 · P(U ≤ m·n − U_max) under H0 (no ties). */
export function exactTwoSidedP(uMax: number, n1: number, n2: number): number {
  const m = Math.min(n1, n2);
  const n = Math.max(n1, n2);
  const lowTail = n1 * n2 - uMax;
  const counts = uCounts(m, n, lowTail);
  let sum = 0;
  for (let u = 0; u <= lowTail; u++) sum += counts[u];
  return Math.min(1, (2 * sum) / binomial(m + n, m));
}

function asymptoticTwoSidedP(uMax: number, n1: number, n2: number, tieTerm: number): number {
  const mu = (n1 * n2) / 2;
  const n = n1 + n2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = (uMax - mu - 0.5) / sd; // all values tied: −0.5 / 0 = −∞ ⇒ p = 1
  return Math.min(1, Math.max(0, 2 * normalSf(z)));
}

/** x = current period, y = baseline. Null when either sample is empty. */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult | null {
  assertFinite(x, 'x');
  assertFinite(y, 'y');
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) return null;
  const { ranks, tieTerm, hasTies } = averageRanks([...x, ...y]);
  let rankSumX = 0;
  for (let i = 0; i < n1; i++) rankSumX += ranks[i];
  const u1 = rankSumX - (n1 * (n1 + 1)) / 2;
  const uMax = Math.max(u1, n1 * n2 - u1);
  const exact = (n1 <= EXACT_MAX_SMALLER_SAMPLE || n2 <= EXACT_MAX_SMALLER_SAMPLE) && !hasTies;
  return exact
    ? { u: u1, p: exactTwoSidedP(uMax, n1, n2), method: 'exact' }
    : { u: u1, p: asymptoticTwoSidedP(uMax, n1, n2, tieTerm), method: 'asymptotic' };
}
