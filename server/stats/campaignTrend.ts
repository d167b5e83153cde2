// Trend on campaigns (DOMAIN.md "Campaigns"): one point per campaign, its mean at its middle date;
// Mann–Kendall and Sen on those points, never on the days (days of one week are repeated
// measures of that week, not independent replicates of the year).
import { medianOfSorted, sortedCopy } from './describe.ts';
import { mannKendall, type MannKendallResult } from './mannKendall.ts';
import { senSlope } from './senSlope.ts';
import { SIGNIFICANCE_LEVEL } from './verdicts.ts';

export const MIN_TREND_CAMPAIGNS = 5;

export interface CampaignPoint {
  /** The campaign's middle date in days since 1970-01-01 (CampaignSummary.midEpochDay). */
  midEpochDay: number;
  mean: number;
  mostlyBelowLoq: boolean;
}

export type CampaignTrendVerdict = 'increase' | 'decrease' | 'no_clear_change' | 'too_few_data' | 'mostly_below_loq';

export interface CampaignTrend {
  nCampaigns: number;
  nMostlyBelowLoq: number;
  /** Null unless the trend can be judged (verdict not too_few_data / mostly_below_loq). */
  mannKendall: MannKendallResult | null;
  /**
   * Exact two-sided p of Kendall's S under H0 (all n! orders equally likely), as
   * scipy.stats.kendalltau(method='exact'); null with ties in the means or when not judged.
   */
  pExact: number | null;
  /** Sen's slope of the means against years since the first campaign (days / 365.25). */
  sen: { slopePerYear: number; intercept: number; ci95: [number, number] | null; percentPerYear: number | null } | null;
  verdict: CampaignTrendVerdict;
}

/**
 * Verdict order: mostly_below_loq when more than half the campaigns are mostly below LOQ (a trend
 * of substituted values measures flow and LOQ, not the drug); too_few_data below 5 campaigns;
 * else p (Mann–Kendall, continuity-corrected normal) < 0.05 ⇒ increase/decrease by Sen's sign.
 * percentPerYear = 100 · slope / median(campaign means).
 */
export function campaignTrend(campaigns: readonly CampaignPoint[]): CampaignTrend {
  const points = [...campaigns].sort((a, b) => a.midEpochDay - b.midEpochDay);
  const nCampaigns = points.length;
  const nMostlyBelowLoq = points.filter((p) => p.mostlyBelowLoq).length;
  const refused = (verdict: CampaignTrendVerdict): CampaignTrend => ({ nCampaigns, nMostlyBelowLoq, mannKendall: null, pExact: null, sen: null, verdict });
  if (2 * nMostlyBelowLoq > nCampaigns) return refused('mostly_below_loq');
  if (nCampaigns < MIN_TREND_CAMPAIGNS) return refused('too_few_data');
  const means = points.map((p) => p.mean);
  const years = points.map((p) => (p.midEpochDay - points[0].midEpochDay) / 365.25);
  const mk = mannKendall(means)!;
  const fit = senSlope(years, means);
  const median = medianOfSorted(sortedCopy(means));
  const sen = fit && { slopePerYear: fit.slope, intercept: fit.intercept, ci95: fit.ci95, percentPerYear: median !== 0 ? (100 * fit.slope) / median : null };
  let verdict: CampaignTrendVerdict = 'no_clear_change';
  if (mk.p < SIGNIFICANCE_LEVEL && sen) verdict = sen.slopePerYear > 0 ? 'increase' : sen.slopePerYear < 0 ? 'decrease' : 'no_clear_change';
  const distinct = new Set(means).size === nCampaigns;
  return { nCampaigns, nMostlyBelowLoq, mannKendall: mk, pExact: distinct ? kendallExactP(mk.s, nCampaigns) : null, sen, verdict };
}

/**
 * P(|S| ≥ |s|) for n values without ties: S = (concordant − discordant) = C(n,2) − 2·inversions,
 * and the number of permutations with k inversions follows the Mahonian recursion. Exact in
 * doubles up to n ≈ 20 (n! < 2^53 ends at 18; beyond that the counts are rounded but the ratio
 * stays accurate to ~1e-15). Null for n > 60.
 */
/** Permutations of n by number of inversions (the Mahonian numbers), memoised per n. */
const mahonian = new Map<number, number[]>();
function inversionCounts(n: number): number[] {
  const known = mahonian.get(n);
  if (known) return known;
  let counts = [1];
  for (let m = 2; m <= n; m++) {
    const next = new Array<number>(counts.length + m - 1).fill(0);
    // next[k] = Σ_{j=0}^{m−1} counts[k − j], by a running window sum
    let window = 0;
    for (let k = 0; k < next.length; k++) {
      if (k < counts.length) window += counts[k];
      if (k - m >= 0 && k - m < counts.length) window -= counts[k - m];
      next[k] = window;
    }
    counts = next;
  }
  mahonian.set(n, counts);
  return counts;
}

export function kendallExactP(s: number, n: number): number | null {
  if (n < 2 || n > 60) return null;
  const maxInv = (n * (n - 1)) / 2;
  const counts = inversionCounts(n);
  let total = 0;
  for (const c of counts) total += c;
  // |S| ≥ |s| ⇔ inversions ≤ (maxInv − |s|)/2 or ≥ (maxInv + |s|)/2; symmetric, so twice one tail.
  const kLow = Math.floor((maxInv - Math.abs(s)) / 2);
  let tail = 0;
  for (let k = 0; k <= kLow; k++) tail += counts[k];
  return Math.min(1, (2 * tail) / total);
}
