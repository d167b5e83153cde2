/**
 * The follow-up report's data (issue 12): the baseline campaign against each later campaign,
 * trends on campaigns, the interventions and their evaluations, quality checks and the daily
 * data, fetched through the same use cases as the API and computed by the pure stats modules.
 * Until the campaign entity lands, campaigns are the detected runs of sampling dates, named by
 * `from_to` (e.g. 2021-03-01_2021-03-07); the baseline is the earliest unless chosen.
 */
import type { AppContext } from '../context.ts';
import { findOrganisations } from '../db/repositories/organisations.repository.ts';
import { findSubstances } from '../db/repositories/substances.repository.ts';
import { detectCampaigns, summariseCampaign, type CampaignSummary } from '../domain/campaigns.ts';
import type { CensoredMode, Metric } from '../domain/loads.ts';
import type { Caller, Lang } from '../domain/types.ts';
import { campaignChange, type CampaignChange, type CampaignLogs } from '../stats/campaignChange.ts';
import { campaignTrend, type CampaignTrend } from '../stats/campaignTrend.ts';
import { interventionFor, type InterventionOut } from '../usecases/interventions.ts';
import { listMeasurements } from '../usecases/measurements.ts';
import { listEvents } from '../usecases/periods.ts';
import { scopedAreas } from '../usecases/scope.ts';
import { allSeries } from '../usecases/series.ts';
import { appVersion, ReportInputError } from './assemble.ts';

export const FOLLOW_UP_METRIC: Metric = 'normalized_load';
const CENSORED: CensoredMode = 'half_loq';

export interface FollowUpOptions {
  /** A campaign id `from_to`; default the earliest. */
  baselineCampaign?: string;
  /** Later campaign ids; default every later one. */
  campaigns?: string[];
  areas?: string[];
  substances?: string[];
  lang?: Lang;
}

export interface CampaignRef { id: string; from: string; to: string }

export interface FollowUpArea { code: string; name: string; parent: string | null; population: number | null; populationFrom: string | null; small: boolean; children: string[] }

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
  /** Campaign summaries of each area × substance over baseline + chosen campaigns. */
  summaries: { area: string; substance: string; campaign: string; summary: CampaignSummary }[];
  changes: { area: string; substance: string; campaign: string; change: CampaignChange }[];
  trends: { area: string; substance: string; trend: CampaignTrend }[];
  interventions: { eventId: number; title: string; from: string; to: string | null; result: InterventionOut }[];
  /** Cocaine / benzoylecgonine load ratio per area × campaign (dumping check: normally well below 1). */
  cocaineRatios: { area: string; campaign: string; ratio: number; nDays: number }[];
  /** A plant's load against the sum of its sampled sub-areas per campaign (benzoylecgonine or the first substance). */
  massBalance: { area: string; substance: string; campaign: string; plantLoad: number; subAreasLoad: number; remainderShare: number; nDays: number }[];
  loqs: { substance: string; loqsNgL: number[] }[];
  daily: { area: string; substance: string; date: string; concentrationNgL: number | null; censored: boolean; loqNgL: number | null; flowM3PerDay: number | null; loadMgPerDay: number | null }[];
}

export const campaignId = (c: { from: string; to: string }) => `${c.from}_${c.to}`;
const inside = (d: string, c: CampaignRef) => d >= c.from && d <= c.to;

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
  const { series } = await allSeries(ctx, caller, { metric: FOLLOW_UP_METRIC, censored: CENSORED });
  const chosen = series.filter((s) => (!o.areas || o.areas.includes(s.area)) && (!o.substances || o.substances.includes(s.substance)) && s.points.length);
  if (!chosen.length) throw new ReportInputError('no_data', 'No measurements for the chosen areas and substances.');

  const runs = detectCampaigns(chosen.flatMap((s) => s.points.map((p) => p.date))).map((r) => ({ id: campaignId(r), from: r.from, to: r.to }));
  const byId = new Map(runs.map((r) => [r.id, r]));
  const baseline = o.baselineCampaign ? byId.get(o.baselineCampaign) : runs[0];
  if (!baseline) throw new ReportInputError('not_found', `No campaign "${o.baselineCampaign}". Campaigns: ${runs.map((r) => r.id).join(', ')}.`);
  const later = o.campaigns ? o.campaigns.map((id) => byId.get(id) ?? id) : runs.filter((r) => r.from > baseline.to);
  const missing = later.filter((c): c is string => typeof c === 'string');
  if (missing.length) throw new ReportInputError('not_found', `No campaign(s) ${missing.join(', ')}. Campaigns: ${runs.map((r) => r.id).join(', ')}.`);
  const campaigns = (later as CampaignRef[]).filter((c) => c.id !== baseline.id).sort((a, b) => a.from.localeCompare(b.from));
  if (!campaigns.length) throw new ReportInputError('invalid_input', 'Choose at least one campaign after the baseline.');
  const all = [baseline, ...campaigns];

  const summaries: FollowUpData['summaries'] = [];
  const changes: FollowUpData['changes'] = [];
  const trends: FollowUpData['trends'] = [];
  for (const s of chosen.filter((x) => x.substance !== 'cocaine')) {
    const daysOf = (c: CampaignRef) => s.points.filter((p) => inside(p.date, c) && p.value != null)
      .map((p) => ({ date: p.date, value: p.value!, censored: p.censored, loq: p.loqNgL }));
    const sums = new Map<string, CampaignSummary>();
    for (const c of all) {
      const days = daysOf(c);
      if (days.length) sums.set(c.id, summariseCampaign(days));
    }
    for (const [campaign, summary] of sums) summaries.push({ area: s.area, substance: s.substance, campaign, summary });
    const areaCampaigns: CampaignLogs[] = runs.map((c) => ({ c, days: daysOf(c) })).filter((x) => x.days.length)
      .map(({ days }) => ({ midEpochDay: summariseCampaign(days).midEpochDay, logs: days.filter((d) => d.value > 0).map((d) => Math.log(d.value)) }));
    const base = sums.get(baseline.id);
    if (base) {
      for (const c of campaigns) {
        const cur = sums.get(c.id);
        if (!cur) continue;
        changes.push({ area: s.area, substance: s.substance, campaign: c.id, change: campaignChange({
          baseline: { midEpochDay: base.midEpochDay, days: daysOf(baseline) }, later: { midEpochDay: cur.midEpochDay, days: daysOf(c) }, areaCampaigns,
        }) });
      }
    }
    trends.push({ area: s.area, substance: s.substance, trend: campaignTrend([...sums.values()].map((x) => ({ midEpochDay: x.midEpochDay, mean: x.mean, mostlyBelowLoq: x.mostlyBelowLoq }))) });
  }

  // Interventions whose treated areas are among the chosen, evaluated by the API's use case.
  const areaCodes = [...new Set(chosen.map((s) => s.area))];
  const substanceKeys = [...new Set(chosen.map((s) => s.substance))].filter((k) => k !== 'cocaine');
  const interventions: FollowUpData['interventions'] = [];
  for (const e of await listEvents(ctx, caller)) {
    for (const area of e.areas.filter((a) => areaCodes.includes(a))) {
      for (const substance of substanceKeys) {
        const res = await interventionFor(ctx, caller, { event: e.id, area, substance, metric: FOLLOW_UP_METRIC, censored: CENSORED });
        if (res.ok) interventions.push({ eventId: e.id, title: e.title, from: e.from, to: e.to, result: res.result });
      }
    }
  }

  // Quality checks and the appendix on the measurements themselves (loads in mg/day).
  const { rows } = await listMeasurements(ctx, caller, {
    includeWithheld: true, from: baseline.from, to: campaigns[campaigns.length - 1].to, censored: CENSORED,
    areas: areaCodes.flatMap((a) => [a, ...scoped.filter((x) => x.parent === a).map((x) => x.code)]),
  });
  const inAnyCampaign = (d: string) => all.some((c) => inside(d, c));
  const measured = rows.filter((r) => inAnyCampaign(r.date));
  const loadOf = new Map(measured.map((r) => [`${r.area}|${r.substance}|${r.date}`, r.loadMgPerDay]));
  const cocaineRatios: FollowUpData['cocaineRatios'] = [];
  const massBalance: FollowUpData['massBalance'] = [];
  const balanceSubstance = substanceKeys.includes('benzoylecgonine') ? 'benzoylecgonine' : substanceKeys[0];
  for (const area of areaCodes) {
    const kids = scoped.filter((x) => x.parent === area).map((x) => x.code);
    for (const c of all) {
      const dates = [...new Set(measured.filter((r) => r.area === area && inside(r.date, c)).map((r) => r.date))].sort();
      const pairs = dates.map((d) => [loadOf.get(`${area}|cocaine|${d}`), loadOf.get(`${area}|benzoylecgonine|${d}`)] as const)
        .filter(([a, b]) => a != null && b != null && b > 0) as [number, number][];
      if (pairs.length) cocaineRatios.push({ area, campaign: c.id, ratio: pairs.reduce((s, [a, b]) => s + a / b, 0) / pairs.length, nDays: pairs.length });
      if (kids.length && balanceSubstance) {
        let plant = 0; let sub = 0; let n = 0;
        for (const d of dates) {
          const p = loadOf.get(`${area}|${balanceSubstance}|${d}`);
          const ks = kids.map((k) => loadOf.get(`${k}|${balanceSubstance}|${d}`));
          if (p == null || ks.some((k) => k == null)) continue;
          plant += p; sub += ks.reduce((s: number, k) => s + k!, 0); n++;
        }
        if (n && plant > 0) massBalance.push({ area, substance: balanceSubstance, campaign: c.id, plantLoad: plant / n, subAreasLoad: sub / n, remainderShare: (plant - sub) / plant, nDays: n });
      }
    }
  }
  const wanted = (r: (typeof measured)[number]) => areaCodes.includes(r.area) && (!o.substances || o.substances.includes(r.substance));
  const daily = measured.filter(wanted).sort((a, b) => a.area.localeCompare(b.area) || a.substance.localeCompare(b.substance) || a.date.localeCompare(b.date))
    .map((r) => ({ area: r.area, substance: r.substance, date: r.date, concentrationNgL: r.concentrationNgL, censored: r.censored, loqNgL: r.loqNgL, flowM3PerDay: r.flowM3PerDay, loadMgPerDay: r.loadMgPerDay }));
  const loqs = [...new Set(daily.map((d) => d.substance))].map((substance) => ({
    substance, loqsNgL: [...new Set(daily.filter((d) => d.substance === substance && d.loqNgL != null).map((d) => d.loqNgL!))].sort((a, b) => a - b),
  }));

  const orgs = await findOrganisations(ctx.db, caller.organisationIds);
  const areas = areaCodes.map((code) => {
    const a = scoped.find((x) => x.code === code)!;
    return { code, name: a.name, parent: a.parent, population: a.population, populationFrom: a.populationFrom, small: a.small, children: scoped.filter((x) => x.parent === code).map((x) => x.code) };
  });
  return {
    lang, generatedAt: now.toISOString(), appVersion: appVersion(), organisation: orgs.map((x) => x.name).join(', '), minPublicPopulation: ctx.config.minPublicPopulation,
    baseline, campaigns, areas,
    substances: catalog.filter((c) => chosen.some((s) => s.substance === c.key)).map((c) => ({ key: c.key, nameSv: c.name_sv, nameEn: c.name_en })),
    summaries, changes, trends, interventions, cocaineRatios, massBalance, loqs, daily,
  };
}
