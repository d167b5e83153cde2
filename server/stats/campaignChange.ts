// Change between two campaigns judged against normal variation (DOMAIN.md "Campaigns"): day to
// day within a campaign (s_w) and campaign to campaign when nothing real changed (s_b), on logs.
import { meteorologicalSeason, isoDateOfEpochDay } from '../domain/campaigns.ts';
import { normalTwoSidedP } from './normal.ts';
import { SIGNIFICANCE_LEVEL } from './verdicts.ts';

/** A campaign's logs of its positive daily values, at its middle date (days since 1970-01-01). */
export interface CampaignLogs {
  midEpochDay: number;
  logs: readonly number[];
}

export interface VarianceComponents {
  /** s_w²: within-campaign variances (ddof 1) pooled by degrees of freedom. Null without df. */
  sWithin2: number | null;
  dfWithin: number;
  /** s_b²; null when fewer than minCampaigns campaigns in all or no s_w². */
  sBetween2: number | null;
  nCampaigns: number;
}

export const MIN_CAMPAIGNS_FOR_S_BETWEEN = 4;

/**
 * s_w² = Σ_c (n_c − 1)·var_c / Σ_c (n_c − 1) over every campaign of every group (campaigns with
 * one day add nothing). s_b² = max(0, RSS / Σ_g (k_g − 2) − mean_c(s_w² / n_c)), where RSS sums,
 * per group (an area), the squared residuals of its campaign log-means around their least-squares
 * line against the middle date (ddof 2, so groups with < 3 campaigns add nothing); the mean of
 * s_w²/n_c runs over the campaigns of those groups. One group = the area's own data; several = the
 * pooled estimate over the organisation's areas for one substance (DOMAIN.md). Needs ≥ 4 campaigns
 * in all (minCampaigns).
 */
export function varianceComponents(groups: readonly (readonly CampaignLogs[])[], minCampaigns = MIN_CAMPAIGNS_FOR_S_BETWEEN): VarianceComponents {
  let ss = 0;
  let dfWithin = 0;
  for (const group of groups) {
    for (const c of group) {
      if (c.logs.length < 2) continue;
      const m = c.logs.reduce((a, b) => a + b, 0) / c.logs.length;
      for (const v of c.logs) ss += (v - m) ** 2;
      dfWithin += c.logs.length - 1;
    }
  }
  const sWithin2 = dfWithin > 0 ? ss / dfWithin : null;
  let rss = 0;
  let dfBetween = 0;
  let shareSum = 0;
  let nCampaigns = 0;
  for (const group of groups) {
    const used = group.filter((c) => c.logs.length > 0);
    if (used.length < 3) continue;
    const t = used.map((c) => (c.midEpochDay - used[0].midEpochDay) / 365.25);
    const y = used.map((c) => c.logs.reduce((a, b) => a + b, 0) / c.logs.length);
    rss += residualSumOfSquares(t, y);
    dfBetween += used.length - 2;
    nCampaigns += used.length;
    if (sWithin2 !== null) for (const c of used) shareSum += sWithin2 / c.logs.length;
  }
  const sBetween2 = sWithin2 !== null && dfBetween > 0 && nCampaigns >= minCampaigns ? Math.max(0, rss / dfBetween - shareSum / nCampaigns) : null;
  return { sWithin2, dfWithin, sBetween2, nCampaigns };
}

/** Σ residual² of y around its least-squares line in t (all t equal ⇒ around the mean). */
export function residualSumOfSquares(t: readonly number[], y: readonly number[]): number {
  const n = t.length;
  const tMean = t.reduce((a, b) => a + b, 0) / n;
  const yMean = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (t[i] - tMean) ** 2;
    sxy += (t[i] - tMean) * (y[i] - yMean);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - yMean - slope * (t[i] - tMean)) ** 2;
  return rss;
}

export interface ChangeDay {
  /** The day's value (censored days substituted by the caller); only positive values enter logs. */
  value: number;
  censored: boolean;
  loq: number | null;
}

export interface ChangeSide {
  midEpochDay: number;
  days: readonly ChangeDay[];
}

export type CampaignChangeVerdict = 'increase' | 'decrease' | 'no_clear_change' | 'too_few_data' | 'mostly_below_loq' | 'loq_changed';

export interface CampaignChange {
  /** campaigns: s_b known (own or pooled); days: day-to-day variation only (s_b taken as 0). */
  scope: 'campaigns' | 'days';
  sWithinLog: number | null;
  sBetweenLog: number | null;
  sBetweenSource: 'own' | 'pooled' | null;
  n1: number;
  n2: number;
  /** d = mean log(later) − mean log(baseline). */
  d: number | null;
  se: number | null;
  test: { z: number; p: number } | null;
  ratio: number | null;
  ci95: [number, number] | null;
  /** The two middle dates fall in different meteorological seasons (DJF/MAM/JJA/SON). */
  seasonDiffers: boolean;
  verdict: CampaignChangeVerdict;
}

export interface CampaignChangeInput {
  baseline: ChangeSide;
  later: ChangeSide;
  /** All of the area's campaigns for this substance (s_w², and s_b² when ≥ 4 of them). */
  areaCampaigns: readonly CampaignLogs[];
  /** Pre-pooled s_b (varianceComponents over the organisation's areas), used without own s_b. */
  pooledSBetweenLog?: number | null;
}

function distinctLoqs(side: ChangeSide): string {
  return [...new Set(side.days.map((d) => d.loq).filter((l): l is number => l !== null))].sort((a, b) => a - b).join(',');
}

/**
 * SE = √(s_w²(1/n₁ + 1/n₂) + 2·s_b²), z = d / SE, p = 2·(1 − Φ(|z|)), ratio = exp(d), interval
 * exp(d ± 1.96·SE). s_w² from areaCampaigns, else from the two sides. s_b from the area's own
 * campaigns (≥ 4), else pooledSBetweenLog, else none (scope 'days', s_b = 0 in SE).
 * Refusals, in this order: mostly_below_loq (either side has more than half its days censored),
 * loq_changed (the sides' sets of LOQs differ and either side has a censored day), too_few_data
 * (a side with < 2 positive values, no s_w², or SE = 0: no variation to judge against). Else p < 0.05 ⇒ increase / decrease by d's sign.
 */
export function campaignChange(input: CampaignChangeInput): CampaignChange {
  const { baseline, later } = input;
  const seasonDiffers =
    meteorologicalSeason(isoDateOfEpochDay(Math.floor(baseline.midEpochDay))) !== meteorologicalSeason(isoDateOfEpochDay(Math.floor(later.midEpochDay)));
  const logs1 = baseline.days.filter((d) => d.value > 0).map((d) => Math.log(d.value));
  const logs2 = later.days.filter((d) => d.value > 0).map((d) => Math.log(d.value));
  const own = varianceComponents([input.areaCampaigns]);
  let sWithin2 = own.sWithin2;
  if (sWithin2 === null) sWithin2 = varianceComponents([[{ midEpochDay: 0, logs: logs1 }, { midEpochDay: 1, logs: logs2 }]]).sWithin2;
  let sBetween2: number | null = own.sBetween2;
  let sBetweenSource: CampaignChange['sBetweenSource'] = sBetween2 !== null ? 'own' : null;
  if (sBetween2 === null && input.pooledSBetweenLog !== undefined && input.pooledSBetweenLog !== null) {
    sBetween2 = input.pooledSBetweenLog ** 2;
    sBetweenSource = 'pooled';
  }
  const base = {
    scope: (sBetween2 !== null ? 'campaigns' : 'days') as CampaignChange['scope'],
    sWithinLog: sWithin2 !== null ? Math.sqrt(sWithin2) : null,
    sBetweenLog: sBetween2 !== null ? Math.sqrt(sBetween2) : null,
    sBetweenSource,
    n1: logs1.length,
    n2: logs2.length,
    seasonDiffers,
  };
  const refused = (verdict: CampaignChangeVerdict): CampaignChange => ({ ...base, d: null, se: null, test: null, ratio: null, ci95: null, verdict });
  const mostly = (s: ChangeSide) => 2 * s.days.filter((d) => d.censored).length > s.days.length;
  if (mostly(baseline) || mostly(later)) return refused('mostly_below_loq');
  const anyCensored = baseline.days.some((d) => d.censored) || later.days.some((d) => d.censored);
  if (anyCensored && distinctLoqs(baseline) !== distinctLoqs(later)) return refused('loq_changed');
  if (logs1.length < 2 || logs2.length < 2 || sWithin2 === null) return refused('too_few_data');
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const d = mean(logs2) - mean(logs1);
  const se = Math.sqrt(sWithin2 * (1 / logs1.length + 1 / logs2.length) + 2 * (sBetween2 ?? 0));
  if (!(se > 0)) return refused('too_few_data');
  const z = d / se;
  const p = normalTwoSidedP(z);
  const verdict: CampaignChangeVerdict = p < SIGNIFICANCE_LEVEL ? (d > 0 ? 'increase' : 'decrease') : 'no_clear_change';
  return { ...base, d, se, test: { z, p }, ratio: Math.exp(d), ci95: [Math.exp(d - 1.96 * se), Math.exp(d + 1.96 * se)], verdict };
}
