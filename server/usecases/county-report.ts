import type { AppContext } from '../context.ts';
import type { Caller } from '../domain/types.ts';
import { exportCountyReport, type CountyReportOptions } from '../report/county-report.ts';
import { ReportInputError, type ReportFileFormat } from '../report/index.ts';
import type { ReportResult } from './report.ts';

/** The county report (issue 13) in one format, logged in the audit; input the user can fix is a reason. */
export async function exportCounty(ctx: AppContext, caller: Caller, options: CountyReportOptions, format: ReportFileFormat): Promise<ReportResult> {
  try {
    return { ok: true, report: await exportCountyReport(ctx, caller, options, format) };
  } catch (e) {
    if (e instanceof ReportInputError) return { ok: false, reason: e.reason, message: e.message };
    throw e;
  }
}
