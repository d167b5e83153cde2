/**
 * The follow-up report's data (issue 12): the baseline campaign against each later campaign (the
 * campaign entities, /api/v1/campaigns), trends on campaigns, the interventions and their
 * evaluations, the delivery record, the advisor's recommendation for the next sampling, and the
 * shared methods facts. Every figure comes from the same use case the API answers with:
 * changes from the overview (/api/v1/overview?baselineCampaign&campaign: change with its scope,
 * season flag, Benjamini–Hochberg q), trends from /stats/trend's trendOf, interventions from
 * /stats/intervention, the advice from /advisor.
 */
import type { AppContext } from '../context.ts';
import { findOrganisations } from '../db/repositories/organisations.repository.ts';
import { findSubstances } from '../db/repositories/substances.repository.ts';
import type { CensoredMode, Metric } from '../domain/loads.ts';
import type { Caller, Lang } from '../domain/types.ts';
import { advise, type AdvisorOut } from '../usecases/advisor.ts';
import { listCampaigns, type CampaignOut } from '../usecases/campaigns.ts';
import { interventionFor, type InterventionOut } from '../usecases/interventions.ts';
import { listEvents } from '../usecases/periods.ts';
import { scopedAreas } from '../usecases/scope.ts';
import { allSeries } from '../usecases/series.ts';
import { NOT_A_USE_INDICATOR, overview, trendsAdjusted, type OverviewRow } from '../usecases/statistics.ts';
import type { TrendResult } from '../stats/seriesStats.ts';
import { appVersion, ReportInputError } from './assemble.ts';
import { assembleMethodsData, type MethodsData } from './methods-data.ts';

export const FOLLOW_UP_METRIC: Metric = 'normalized_load';
const CENSORED: CensoredMode = 'half_loq';
/** The advisor's question for the recommendation: a change of ×1.5 (or ×0.67), power 80 %, α 5 %, 7-day campaigns, a trend over 5 campaigns half a year apart. */
export const ADVICE = { ratio: 1.5, power: 0.8, alpha: 0.05, days: 7, campaigns: 5, spacingYears: 0.5 } as const;

export interface FollowUpOptions {
  /** The baseline campaign's id; default the organisation's baseline campaign. */
  baselineCampaign?: number;
  /** Later campaign ids; default every campaign after the baseline. */
  campaigns?: number[];
  areas?: string[];
  substances?: string[];
  lang?: Lang;
}

export interface CampaignRef {
  id: number;
  name: string;
  from: string;
  to: string;
  status: CampaignOut['status'];
  design: CampaignOut['design'];
  lab: string;
  delivery: CampaignOut['delivery'];
}

export interface FollowUpArea { code: string; name: string; parent: string | null; population: number | null; populationFrom: string | null; small: boolean; children: string[]; /** Person equivalents (loads per 1000 pe). */ populationKind?: 'persons' | 'pe' }

export interface FollowUpData {
  lang: Lang;
  generatedAt: string;
  appVersion: string;
  organisation: string;
  minPublicPopulation: number;
  baseline: CampaignRef;
  campaigns: CampaignRef[];
  areas: FollowUpArea[];
  substances: { key: string; nameSv: string; nameEn: string }[];
  /** One overview row per area × substance × later campaign with data on both sides (the API's numbers). */
  changes: { campaign: number; row: OverviewRow }[];
  /** Trends on campaign means from the baseline to the last campaign; verdicts Benjamini–Hochberg-adjusted over these rows. */
  trends: (TrendResult & { p: number | null; q: number | null })[];
  interventions: { eventId: number; title: string; from: string; to: string | null; result: InterventionOut }[];
  advice: { area: string; substance: string; advice: AdvisorOut }[];
  methods: MethodsData;
}

const refOf = (c: CampaignOut): CampaignRef => ({ id: c.id, name: c.name, from: c.from, to: c.to, status: c.status, design: c.design, lab: c.lab, delivery: c.delivery });

/** The follow-up report's data for the caller; input the caller can fix throws ReportInputError. */
export async function assembleFollowUp(ctx: AppContext, caller: Caller, o: FollowUpOptions, now: Date = new Date()): Promise<FollowUpData> {
  const lang = o.lang ?? 'sv';
  const scoped = await scopedAreas(ctx, caller);
  if (o.areas) {
    const unknown = o.areas.filter((a) => !scoped.some((s) => s.code === a));
    if (unknown.length) throw new ReportInputError('not_found', `Unknown area(s): ${unknown.join(', ')}.`);
  }
  const catalog = await findSubstances(ctx.db);
  if (o.substances) {
    const unknown = o.substances.filter((s) => !catalog.some((c) => c.key === s));
    if (unknown.length) throw new ReportInputError('not_found', `Unknown substance(s): ${unknown.join(', ')}.`);
  }
  const all = (await listCampaigns(ctx, caller)).slice().sort((a, b) => a.from.localeCompare(b.from) || a.id - b.id);
  const listed = () => all.map((c) => `${c.id} (${c.from} – ${c.to})`).join(', ') || 'none';
  const baselineOut = o.baselineCampaign !== undefined ? all.find((c) => c.id === o.baselineCampaign) : all.find((c) => c.baseline) ?? all[0];
  if (!baselineOut) throw new ReportInputError(o.baselineCampaign !== undefined ? 'not_found' : 'no_data', o.baselineCampaign !== undefined ? `No campaign ${o.baselineCampaign}. Campaigns: ${listed()}.` : 'No campaigns yet: import measurements or plan a campaign first.');
  const missing = (o.campaigns ?? []).filter((id) => !all.some((c) => c.id === id));
  if (missing.length) throw new ReportInputError('not_found', `No campaign(s) ${missing.join(', ')}. Campaigns: ${listed()}.`);
  const later = (o.campaigns ? all.filter((c) => o.campaigns!.includes(c.id)) : all.filter((c) => c.from > baselineOut.to)).filter((c) => c.id !== baselineOut.id);
  if (!later.length) throw new ReportInputError('invalid_input', 'Choose at least one campaign after the baseline.');
  const baseline = refOf(baselineOut);
  const campaigns = later.map(refOf);
  const lastTo = campaigns.reduce((m, c) => (c.to > m ? c.to : m), baseline.to);

  const { series } = await allSeries(ctx, caller, { metric: FOLLOW_UP_METRIC, censored: CENSORED });
  const inSpan = (d: string) => d >= baseline.from && d <= lastTo;
  const chosen = series.filter((s) => (!o.areas || o.areas.includes(s.area)) && (!o.substances || o.substances.includes(s.substance)) && s.points.some((p) => inSpan(p.date)));
  if (!chosen.length) throw new ReportInputError('no_data', 'No measurements for the chosen areas and substances in the chosen campaigns.');
  const areaCodes = [...new Set(chosen.map((s) => s.area))];
  const substanceKeys = [...new Set(chosen.map((s) => s.substance))].filter((k) => !NOT_A_USE_INDICATOR.has(k));
  const wanted = (area: string, substance: string) => areaCodes.includes(area) && substanceKeys.includes(substance);

  const changes: FollowUpData['changes'] = [];
  for (const c of campaigns) {
    const rows = await overview(ctx, caller, { from: baseline.from, to: baseline.to }, { from: c.from, to: c.to }, { metric: FOLLOW_UP_METRIC, censored: CENSORED });
    for (const row of rows) if (wanted(row.area, row.substance) && row.baseline.n > 0 && row.current.n > 0) changes.push({ campaign: c.id, row });
  }
  const trends = trendsAdjusted(chosen.filter((s) => substanceKeys.includes(s.substance)), { from: baseline.from, to: lastTo });

  const interventions: FollowUpData['interventions'] = [];
  for (const e of await listEvents(ctx, caller)) {
    for (const area of e.areas.filter((a) => areaCodes.includes(a))) {
      for (const substance of substanceKeys) {
        const res = await interventionFor(ctx, caller, { event: e.id, area, substance, metric: FOLLOW_UP_METRIC, censored: CENSORED });
        if (res.ok) interventions.push({ eventId: e.id, title: e.title, from: e.from, to: e.to, result: res.result });
      }
    }
  }

  // The advice for the next sampling, for areas with measurements of their own.
  const advice: FollowUpData['advice'] = [];
  for (const s of chosen.filter((x) => x.source === 'own' && substanceKeys.includes(x.substance))) {
    const res = await advise(ctx, caller, { area: s.area, substance: s.substance, ...ADVICE, metric: FOLLOW_UP_METRIC });
    if (res.ok) advice.push({ area: s.area, substance: s.substance, advice: res.advice });
  }

  const methods = await assembleMethodsData(ctx, caller, {
    areas: areaCodes, substances: o.substances, periods: [baseline, ...campaigns].map((c) => ({ id: String(c.id), from: c.from, to: c.to })),
  });

  const orgs = await findOrganisations(ctx.db, caller.organisationIds);
  const areas = areaCodes.map((code) => {
    const a = scoped.find((x) => x.code === code)!;
    return { code, name: a.name, parent: a.parent, population: a.population, populationFrom: a.populationFrom, small: a.small, populationKind: a.populationKind, children: scoped.filter((x) => x.parent === code).map((x) => x.code) };
  });
  return {
    lang, generatedAt: now.toISOString(), appVersion: appVersion(), organisation: orgs.map((x) => x.name).join(', '), minPublicPopulation: ctx.config.minPublicPopulation,
    baseline, campaigns, areas,
    substances: catalog.filter((c) => chosen.some((s) => s.substance === c.key)).map((c) => ({ key: c.key, nameSv: c.name_sv, nameEn: c.name_en })),
    changes, trends, interventions, advice, methods,
  };
}
