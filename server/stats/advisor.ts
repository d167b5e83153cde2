// The sampling advisor (DOMAIN.md "Planning the sampling"): what a campaign design can show, from
// the day-to-day (s_w) and campaign-to-campaign (s_b) standard deviations of log values.
import { normalQuantile } from './normal.ts';

/** Literature defaults: day-to-day CV ≈ 25 %, campaign-to-campaign CV ≈ 20 %. */
export const LITERATURE_CV = { withinCampaign: 0.25, betweenCampaigns: 0.2 } as const;

/** σ of ln X for a lognormal X with coefficient of variation cv: √(ln(1 + cv²)). */
export function sigmaLogFromCv(cv: number): number {
  return Math.sqrt(Math.log1p(cv * cv));
}

export type AdvisorSource = 'own' | 'pooled' | 'literature';

export interface VarianceEstimate {
  sWithinLog: number;
  sBetweenLog: number;
  nCampaigns: number;
}

export interface ChosenVariance extends VarianceEstimate {
  source: AdvisorSource;
}

/**
 * Own data when it has ≥ 4 campaigns, else the pooled estimate when it has ≥ 4, else the
 * literature defaults (nCampaigns 0). Both s taken from the same source, so the answer can say
 * which one.
 */
export function chooseVariance(own: VarianceEstimate | null, pooled: VarianceEstimate | null, minCampaigns = 4): ChosenVariance {
  if (own && own.nCampaigns >= minCampaigns) return { ...own, source: 'own' };
  if (pooled && pooled.nCampaigns >= minCampaigns) return { ...pooled, source: 'pooled' };
  return {
    sWithinLog: sigmaLogFromCv(LITERATURE_CV.withinCampaign),
    sBetweenLog: sigmaLogFromCv(LITERATURE_CV.betweenCampaigns),
    nCampaigns: 0,
    source: 'literature',
  };
}

export interface PowerOptions {
  /** Two-sided significance level, default 0.05. */
  alpha?: number;
  /** 1 − β, default 0.8. */
  power?: number;
}

/** z₁₋α/₂ + z₁₋β. */
export function zSum(opts: PowerOptions = {}): number {
  const alpha = opts.alpha ?? 0.05;
  const power = opts.power ?? 0.8;
  return normalQuantile(1 - alpha / 2) + normalQuantile(power);
}

/** One follow-up campaign of `days` days against a baseline of as many: exp(zSum·√(2s_w²/d + 2s_b²)). */
export function detectableRatioFollowUp(sWithinLog: number, sBetweenLog: number, days: number, opts: PowerOptions = {}): number {
  return Math.exp(zSum(opts) * Math.sqrt((2 * sWithinLog ** 2) / days + 2 * sBetweenLog ** 2));
}

/** Σ(tᵢ − t̄)² of k campaigns spaced `spacingYears` apart: Δ²·k(k² − 1)/12. */
export function spacingSumOfSquares(k: number, spacingYears: number): number {
  return (spacingYears ** 2 * k * (k * k - 1)) / 12;
}

/**
 * Per-year ratio a regression on campaign log-means detects: exp(zSum·σ/√Σ(tᵢ − t̄)²), σ² = s_b² +
 * s_w²/d; `times` = the campaigns' times in years. Null with fewer than 2 distinct times.
 */
export function trendRatioPerYear(sWithinLog: number, sBetweenLog: number, days: number, times: readonly number[], opts: PowerOptions = {}): number | null {
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const sxx = times.reduce((a, t) => a + (t - mean) ** 2, 0);
  if (!(sxx > 0)) return null;
  return Math.exp((zSum(opts) * Math.sqrt(sBetweenLog ** 2 + sWithinLog ** 2 / days)) / Math.sqrt(sxx));
}

/**
 * Smallest d ≥ 1 with detectableRatioFollowUp ≤ ratio: d ≥ 2s_w² / (L² − 2s_b²), L = ln(ratio)/zSum.
 * Null when unreachable (ratio ≤ 1, or 2s_b² ≥ L²: campaign-to-campaign variation alone hides it,
 * and more days cannot help) or above maxDays.
 */
export function daysNeeded(ratio: number, sWithinLog: number, sBetweenLog: number, opts: PowerOptions & { maxDays?: number } = {}): number | null {
  if (!(ratio > 1)) return null;
  const L = Math.log(ratio) / zSum(opts);
  const room = L * L - 2 * sBetweenLog ** 2;
  if (!(room > 0)) return null;
  let d = Math.max(1, Math.ceil((2 * sWithinLog ** 2) / room));
  // Guard the boundary against rounding in the closed form.
  while (d > 1 && detectableRatioFollowUp(sWithinLog, sBetweenLog, d - 1, opts) <= ratio) d--;
  while (detectableRatioFollowUp(sWithinLog, sBetweenLog, d, opts) > ratio) d++;
  return d <= (opts.maxDays ?? 365) ? d : null;
}

/**
 * Smallest number k of campaigns, `spacingYears` apart with `days` days each, whose trend
 * regression detects `ratioPerYear`; at least 5, because a trend on fewer campaigns cannot be
 * judged (DOMAIN.md). Null when ratioPerYear ≤ 1 or more than maxCampaigns would be needed.
 */
export function campaignsNeeded(
  ratioPerYear: number,
  sWithinLog: number,
  sBetweenLog: number,
  days: number,
  spacingYears: number,
  opts: PowerOptions & { maxCampaigns?: number; minCampaigns?: number } = {},
): number | null {
  if (!(ratioPerYear > 1) || !(spacingYears > 0)) return null;
  const sigma = Math.sqrt(sBetweenLog ** 2 + sWithinLog ** 2 / days);
  const z = zSum(opts);
  for (let k = Math.max(2, opts.minCampaigns ?? 5); k <= (opts.maxCampaigns ?? 200); k++) {
    if (Math.exp((z * sigma) / Math.sqrt(spacingSumOfSquares(k, spacingYears))) <= ratioPerYear) return k;
  }
  return null;
}

/**
 * Whether a days-scope exact Mann–Whitney test of n1 + n2 days could ever reach p < 0.05: its
 * smallest two-sided p is 2 / C(n1 + n2, n1) (3 + 3 days: 0.1, never).
 */
export function daysScopeCanDecide(n1: number, n2: number): boolean {
  if (n1 < 1 || n2 < 1) return false;
  let c = 1;
  for (let i = 1; i <= n1; i++) c = (c * (n2 + i)) / i;
  return 2 / c < 0.05;
}
