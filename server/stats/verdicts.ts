// Plain-language verdicts for the council.

export type Verdict = 'increase' | 'decrease' | 'no_clear_change' | 'too_few_data' | 'mostly_below_loq' | 'loq_changed';

export const SIGNIFICANCE_LEVEL = 0.05;

/** C(n, k) as a double (exact below 2^53). */
function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/**
 * Change vs baseline. too_few_data when a side has fewer than 2 values or the exact two-sided
 * test could never reach p < 0.05 (its smallest p-value is 2 / C(n1+n2, n1), e.g. 3+3, 3+4, 2+7).
 * `ratio` = current mean / baseline mean (Infinity for a rise from a zero baseline).
 */
export function changeVerdict(input: { n1: number; n2: number; p: number | null; ratio: number | null }): Verdict {
  const { n1, n2, p, ratio } = input;
  if (n1 < 2 || n2 < 2) return 'too_few_data';
  if (2 / binomial(n1 + n2, n1) >= SIGNIFICANCE_LEVEL) return 'too_few_data';
  if (p === null || ratio === null || !(p < SIGNIFICANCE_LEVEL)) return 'no_clear_change';
  if (ratio > 1) return 'increase';
  if (ratio < 1) return 'decrease';
  return 'no_clear_change';
}

/** Trend. With n = 4 Mann–Kendall cannot reach p < 0.05, hence too_few_data below 5. */
export function trendVerdict(input: { n: number; p: number | null; slope: number | null }): Verdict {
  const { n, p, slope } = input;
  if (n < 5) return 'too_few_data';
  if (p === null || slope === null || !(p < SIGNIFICANCE_LEVEL)) return 'no_clear_change';
  if (slope > 0) return 'increase';
  if (slope < 0) return 'decrease';
  return 'no_clear_change';
}
