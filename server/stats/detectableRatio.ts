// Smallest ratio of means a two-sided 5 % test would detect with 80 % power, from the baseline's
// day-to-day spread on the log scale: exp((t_{0.975,df} + t_{0.80,df}) · s · √(1/n₁ + 1/n₂)).
import { sampleStandardDeviation } from 'simple-statistics';
import { studentTQuantile } from './studentT.ts';

/**
 * s = sample standard deviation (ddof 1) of ln(value) over the baseline's positive values;
 * df = n1 + n2 − 2. Null when fewer than 2 positive values or df < 1.
 */
export function detectableRatio(baselineValues: readonly number[], n1: number, n2: number): number | null {
  const logs = baselineValues.filter((v) => v > 0).map(Math.log);
  const df = n1 + n2 - 2;
  if (logs.length < 2 || df < 1 || !(n1 > 0 && n2 > 0)) return null;
  const s = sampleStandardDeviation(logs);
  return Math.exp((studentTQuantile(0.975, df) + studentTQuantile(0.8, df)) * s * Math.sqrt(1 / n1 + 1 / n2));
}
