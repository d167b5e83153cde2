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

/** Σ t(t−1)(2t+5) over groups of equal values (the tie term of Kendall's S variance). */
export function kendallTieTerm(values: readonly number[] | Float64Array): number {
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
export function mannKendall(values: readonly number[]): MannKendallResult | null {
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
  const varS = (n * (n - 1) * (2 * n + 5) - kendallTieTerm(values)) / 18;
  const z = s > 0 ? (s - 1) / Math.sqrt(varS) : s < 0 ? (s + 1) / Math.sqrt(varS) : 0;
  return { s, varS, z, p: normalTwoSidedP(z), tau: s / ((n * (n - 1)) / 2) };
}
