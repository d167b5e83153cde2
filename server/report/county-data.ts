/**
 * The county report's data (issue 13): per substance the county rounds exactly as
 * /api/v1/stats/rounds gives them, for the areas of one county the caller can see.
 */
import type { AppContext } from '../context.ts';
import { findOrganisation } from '../db/repositories/organisations.repository.ts';
import { findSubstances } from '../db/repositories/substances.repository.ts';
import type { CensoredMode, Metric } from '../domain/loads.ts';
import type { Caller, Lang } from '../domain/types.ts';
import type { Round } from '../stats/rounds.ts';
import { metricInfo } from '../usecases/charts.ts';
import { countyChoices, roundsOf } from '../usecases/rounds.ts';
import { appVersion, ReportInputError } from './assemble.ts';

export interface CountyReportOptions {
  county: string;
  /** Default: every substance measured in the county. */
  substances?: string[];
  metric?: Metric;
  lang?: Lang;
}

export interface CountyReportData {
  lang: Lang;
  appVersion: string;
  generatedAt: string;
  organisation: string;
  county: string;
  metric: Metric;
  metricLabel: string;
  unit: string;
  censored: CensoredMode;
  areas: { code: string; name: string; population: number }[];
  substances: { key: string; name: string; rounds: Round[] }[];
}

const CENSORED: CensoredMode = 'half_loq';

/** Input the caller can fix (unknown county or substance, nothing measured) throws ReportInputError. */
export async function assembleCountyReport(ctx: AppContext, caller: Caller, o: CountyReportOptions, now: Date): Promise<CountyReportData> {
  const lang = o.lang ?? 'sv';
  const metric = o.metric ?? 'normalized_load';
  const choice = (await countyChoices(ctx, caller)).find((c) => c.county === o.county);
  if (!choice) throw new ReportInputError('not_found', `No areas in the county "${o.county}".`);
  const catalog = await findSubstances(ctx.db);
  const unknown = (o.substances ?? []).filter((k) => !catalog.some((s) => s.key === k));
  if (unknown.length) throw new ReportInputError('not_found', `Unknown substance(s): ${unknown.join(', ')}.`);
  const keys = o.substances ?? catalog.filter((s) => choice.substances.has(s.key)).map((s) => s.key);
  const substances: CountyReportData['substances'] = [];
  let areas: CountyReportData['areas'] = [];
  for (const key of keys) {
    const res = await roundsOf(ctx, caller, { county: o.county, substance: key, metric, censored: CENSORED });
    if (!res.ok) throw new ReportInputError('not_found', res.detail);
    areas = res.areas;
    const s = catalog.find((x) => x.key === key)!;
    if (res.rounds.length) substances.push({ key, name: lang === 'en' ? s.name_en : s.name_sv, rounds: res.rounds });
  }
  if (!substances.length) throw new ReportInputError('no_data', `No values in the county "${o.county}" for the chosen substances.`);
  const org = await findOrganisation(ctx.db, caller.organisationId);
  const info = metricInfo(metric, lang);
  return {
    lang, appVersion: appVersion(), generatedAt: now.toISOString(), organisation: org?.name || ctx.config.organisationName || 'Lägesbild',
    county: o.county, metric, metricLabel: info.label, unit: info.unit, censored: CENSORED, areas, substances,
  };
}
