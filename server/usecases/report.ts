import type { AppContext } from '../context.ts';
import { measuredSubstanceKeys } from '../db/repositories/measurements.repository.ts';
import { findSubstances } from '../db/repositories/substances.repository.ts';
import type { Caller, Lang } from '../domain/types.ts';
import { exportBaselineReport, exportFollowUpReport, ReportInputError, type FollowUpOptions, type BaselineReportOptions, type RenderedReport, type ReportFileFormat } from '../report/index.ts';
import { listPeriods, type PeriodOut } from './periods.ts';
import { scopedAreas } from './scope.ts';
import { listCampaigns } from './campaigns.ts';

export { REPORT_FILE_FORMATS, type ReportFileFormat } from '../report/index.ts';

/** What the report form offers: periods, the caller's areas and the substances measured there. */
export async function reportChoices(ctx: AppContext, caller: Caller, lang: Lang): Promise<{
  periods: PeriodOut[]; areas: { code: string; name: string; population: number | null; small: boolean }[]; substances: { key: string; name: string }[]; minPublicPopulation: number;
}> {
  const areas = await scopedAreas(ctx, caller);
  const measured = await measuredSubstanceKeys(ctx.db, areas.map((a) => a.id));
  const catalog = await findSubstances(ctx.db);
  return {
    periods: await listPeriods(ctx, caller),
    areas: areas.map((a) => ({ code: a.code, name: a.name, population: a.population, small: a.small })),
    substances: catalog.filter((s) => measured.has(s.key)).map((s) => ({ key: s.key, name: lang === 'en' ? s.name_en : s.name_sv })),
    minPublicPopulation: ctx.config.minPublicPopulation,
  };
}

export type ReportResult =
  | { ok: true; report: RenderedReport }
  | { ok: false; reason: ReportInputError['reason']; message: string };

/** The baseline report in one format, logged in the audit; input the user can fix is a reason. */
export async function exportReport(ctx: AppContext, caller: Caller, options: BaselineReportOptions, format: ReportFileFormat): Promise<ReportResult> {
  try {
    return { ok: true, report: await exportBaselineReport(ctx, caller, options, format) };
  } catch (e) {
    if (e instanceof ReportInputError) return { ok: false, reason: e.reason, message: e.message };
    throw e;
  }
}

/** The follow-up report or the public summary (issue 12), like exportReport. */
export async function exportFollowUp(ctx: AppContext, caller: Caller, kind: 'follow-up' | 'public', options: FollowUpOptions, format: ReportFileFormat): Promise<ReportResult> {
  try {
    return { ok: true, report: await exportFollowUpReport(ctx, caller, kind, options, format) };
  } catch (e) {
    if (e instanceof ReportInputError) return { ok: false, reason: e.reason, message: e.message };
    throw e;
  }
}

/** The campaigns (entities, GET /api/v1/campaigns) the follow-up form offers, by date; the baseline marked. */
export async function reportCampaigns(ctx: AppContext, caller: Caller): Promise<{ id: number; name: string; from: string; to: string; baseline: boolean }[]> {
  return (await listCampaigns(ctx, caller)).slice().sort((a, b) => a.from.localeCompare(b.from) || a.id - b.id)
    .map((c) => ({ id: c.id, name: c.name, from: c.from, to: c.to, baseline: c.baseline }));
}
