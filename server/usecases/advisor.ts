// The sampling advisor (DOMAIN.md "Planning the sampling", API.md `/advisor`): s_w and s_b from
// the area's own campaigns (logs of positive measured daily values), else pooled over the
// caller's areas for the substance, else literature; then what a design can show.
import type { AppContext } from '../context.ts';
import { detectCampaigns } from '../domain/campaigns.ts';
import type { Metric } from '../domain/loads.ts';
import type { Caller } from '../domain/types.ts';
import {
  campaignsNeeded, chooseVariance, daysNeeded, detectableRatioFollowUp, trendRatioPerYear, type AdvisorSource, type VarianceEstimate,
} from '../stats/advisor.ts';
import { varianceComponents, type CampaignLogs } from '../stats/campaignChange.ts';
import { epochDay } from '../stats/isoDate.ts';
import type { Series } from '../stats/types.ts';
import { allSeries, seriesForStats } from './series.ts';

export interface AdvisorInput {
  area: string;
  substance: string;
  /** The change (×ratio) to detect: days needed for a follow-up, and per year for the trend. */
  ratio?: number;
  power: number;
  alpha: number;
  days: number;
  /** Campaigns in the trend (default 5, the fewest a trend can be judged on). */
  campaigns: number;
  /** Years between campaigns (default 0.5: spring and autumn). */
  spacingYears: number;
  metric: Metric;
}

export interface AdvisorOut {
  sWithinLog: number;
  sBetweenLog: number;
  source: AdvisorSource;
  nCampaigns: number;
  detectableRatio: number;
  daysNeeded: number | null;
  campaignsNeeded: number | null;
  trendRatioPerYear: number | null;
  /** What the same follow-up can show with other numbers of days: more days only shrink s_w's part. */
  byDays: { days: number; detectableRatio: number }[];
}

/**
 * A series' campaigns as logs of its positive measured (not censored) daily values. The campaigns
 * are the runs of every sampling date, so days below LOQ leave a campaign shorter, not split.
 */
export function campaignLogsOf(series: Series): CampaignLogs[] {
  const positive = series.points.filter((p) => !p.censored && p.value != null && p.value > 0);
  const byDate = new Map(positive.map((p) => [p.date, Math.log(p.value!)]));
  return detectCampaigns(series.points.map((p) => p.date)).map((run) => ({
    midEpochDay: (epochDay(run.from) + epochDay(run.to)) / 2,
    logs: run.dates.filter((d) => byDate.has(d)).map((d) => byDate.get(d)!),
  })).filter((c) => c.logs.length > 0);
}

function estimate(groups: CampaignLogs[][]): VarianceEstimate | null {
  const v = varianceComponents(groups);
  if (v.sWithin2 === null || v.sBetween2 === null) return null;
  return { sWithinLog: Math.sqrt(v.sWithin2), sBetweenLog: Math.sqrt(v.sBetween2), nCampaigns: v.nCampaigns };
}

export async function advise(ctx: AppContext, caller: Caller, q: AdvisorInput): Promise<{ ok: true; advice: AdvisorOut } | { ok: false; reason: 'unknown_area' | 'unknown_substance' }> {
  const own = await seriesForStats(ctx, caller, q.area, q.substance, { metric: q.metric, censored: 'half_loq' });
  if (!own.ok) return own;
  const { series } = await allSeries(ctx, caller, { metric: q.metric, censored: 'half_loq' }, { substance: q.substance });
  const pooledGroups = series.filter((s) => s.substance === q.substance && s.source === 'own').map(campaignLogsOf);
  const v = chooseVariance(estimate([campaignLogsOf(own.series)]), estimate(pooledGroups));
  const opts = { power: q.power, alpha: q.alpha };
  const times = Array.from({ length: q.campaigns }, (_, i) => i * q.spacingYears);
  return {
    ok: true,
    advice: {
      sWithinLog: v.sWithinLog, sBetweenLog: v.sBetweenLog, source: v.source, nCampaigns: v.nCampaigns,
      detectableRatio: detectableRatioFollowUp(v.sWithinLog, v.sBetweenLog, q.days, opts),
      daysNeeded: q.ratio ? daysNeeded(q.ratio, v.sWithinLog, v.sBetweenLog, opts) : null,
      campaignsNeeded: q.ratio ? campaignsNeeded(q.ratio, v.sWithinLog, v.sBetweenLog, q.days, q.spacingYears, opts) : null,
      trendRatioPerYear: trendRatioPerYear(v.sWithinLog, v.sBetweenLog, q.days, times, opts),
      byDays: [1, 3, 7, 14, 28].map((d) => ({ days: d, detectableRatio: detectableRatioFollowUp(v.sWithinLog, v.sBetweenLog, d, opts) })),
    },
  };
}
