// Mann–Kendall trend test: S, tie-corrected variance, continuity-corrected z, two-sided normal p.
import { normalTwoSidedP } from './normal.ts';
import { assertFinite } from './validate.ts';

export interface MannKendallResult {
  s: number;
  /** [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over groups of t tied values. */
  varS: number;
  z: number;
  p: number;
  /** Kendall's tau-a: s / (n(n−1)/2). */
  tau: number;
}

/** Σ t(t−1)(2t+5) over groups of equal values of an ascending array. */
export function tieTermOfSorted(sorted: Float64Array | readonly number[]): number {
  const n = sorted.length;
  let term = 0;
  for (let start = 0; start < n; ) {
    const v = sorted[start];
    let end = start + 1;
    while (end < n && sorted[end] === v) end++;
    const t = end - start;
    term += t * (t - 1) * (2 * t + 5);
    start = end;
  }
  return term;
}

/**
 * Kendall's S = Σ_{i<j} sign(x_j − x_i), counted in O(n log n): each value's dense rank among
 * `sorted` (the same values ascending), then, in time order, a Fenwick tree counts the earlier
 * values below and above it. Integer counts, so exactly the S of the pairwise sum.
 */
function kendallS(values: Float64Array, sorted: Float64Array): number {
  const n = values.length;
  const distinct = new Float64Array(n);
  let u = 0;
  for (let i = 0; i < n; i++) if (u === 0 || sorted[i] !== distinct[u - 1]) distinct[u++] = sorted[i];
  const tree = new Int32Array(u + 1);
  let s = 0;
  for (let j = 0; j < n; j++) {
    const v = values[j];
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    // Earlier values with rank < lo (below) and ≤ lo (not above).
    let below = 0;
    for (let k = lo; k > 0; k -= k & -k) below += tree[k];
    let notAbove = 0;
    for (let k = lo + 1; k > 0; k -= k & -k) notAbove += tree[k];
    s += below - (j - notAbove);
    for (let k = lo + 1; k <= u; k += k & -k) tree[k]++;
  }
  return s;
}

/** Values in time order. Null for fewer than 2 values. */
export function mannKendall(values: readonly number[]): MannKendallResult | null {
  assertFinite(values, 'values');
  const n = values.length;
  if (n < 2) return null;
  const typed = Float64Array.from(values);
  const sorted = Float64Array.from(typed).sort();
  const s = kendallS(typed, sorted);
  const varS = (n * (n - 1) * (2 * n + 5) - tieTermOfSorted(sorted)) / 18;
  const z = s > 0 ? (s - 1) / Math.sqrt(varS) : s < 0 ? (s + 1) / Math.sqrt(varS) : 0;
  return { s, varS, z, p: normalTwoSidedP(z), tau: s / ((n * (n - 1)) / 2) };
}
