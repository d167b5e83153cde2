/**
 * The baseline report use case as the HTTP API and the CLI call it: assemble the model for the
 * caller, render one format, log the export.
 */
import { audit } from '../usecases/audit.ts';
import type { AppContext } from '../context.ts';
import type { Caller } from '../domain/types.ts';
import { assembleBaselineReport, type BaselineReportOptions } from './assemble.ts';
import { toCsv } from './csv.ts';
import type { ReportModel } from './types.ts';
import { assembleFollowUp, type FollowUpOptions } from './followup-data.ts';
import { buildFollowUpModel, buildPublicModel } from './followup-model.ts';

export { ReportInputError, type BaselineReportOptions } from './assemble.ts';

export const REPORT_FILE_FORMATS = ['pdf', 'html', 'csv', 'csv-excel'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

export interface RenderedReport {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/**
 * The results table. `csv`: comma, decimal point, the API's field names and unit; `csv-excel`:
 * semicolon, decimal comma, UTF-8 BOM, headers in the report's language. Numbers are written in
 * full precision (shortest round-trip form), so they parse back to the API's numbers.
 */
export function renderCsv(model: ReportModel, excel: boolean): string {
  const t = excel ? model.csv.human : model.csv.machine;
  return toCsv(t.header, t.rows, excel ? { delimiter: ';', decimalComma: true, bom: true } : {});
}

/**
 * The PDF and HTML renderers (Vega, PDFKit, fonts: a second of loading) are loaded with the first
 * report that needs them: the request thread, which renders only the small campaign order, starts
 * without them.
 */
export async function renderReport(model: ReportModel, format: ReportFileFormat): Promise<RenderedReport> {
  const name = model.fileBaseName;
  switch (format) {
    case 'pdf': return { bytes: await (await import('./pdf.ts')).renderPdf(model), contentType: 'application/pdf', fileName: `${name}.pdf` };
    case 'html': return { bytes: Buffer.from(await (await import('./html.tsx')).renderHtml(model), 'utf8'), contentType: 'text/html; charset=utf-8', fileName: `${name}.html` };
    case 'csv': return { bytes: Buffer.from(renderCsv(model, false), 'utf8'), contentType: 'text/csv; charset=utf-8', fileName: `${name}.csv` };
    case 'csv-excel': return { bytes: Buffer.from(renderCsv(model, true), 'utf8'), contentType: 'text/csv; charset=utf-8', fileName: `${name}-excel.csv` };
  }
}

export async function exportBaselineReport(ctx: AppContext, caller: Caller, options: BaselineReportOptions, format: ReportFileFormat, now: Date = new Date()): Promise<RenderedReport> {
  const model = await assembleBaselineReport(ctx, caller, options, now);
  const out = await renderReport(model, format);
  const csv = model.csv.machine;
  await audit(ctx, caller, 'report_exported', 'report:baseline', {
    format, lang: model.lang, from: model.period.from, to: model.period.to, fileName: out.fileName, bytes: out.bytes.length,
    areas: [...new Set(csv.rows.map((r) => r[0]))], substances: [...new Set(csv.rows.map((r) => r[2]))],
  });
  return out;
}

// ---- the follow-up report and the public summary (issue 12) ----

export type { FollowUpOptions } from './followup-data.ts';

/** The follow-up report (`follow-up`) or the one-page public summary (`public`), logged in the audit. */
export async function exportFollowUpReport(ctx: AppContext, caller: Caller, kind: 'follow-up' | 'public', options: FollowUpOptions, format: ReportFileFormat, now: Date = new Date()): Promise<RenderedReport> {
  const data = await assembleFollowUp(ctx, caller, options, now);
  const model = kind === 'public' ? buildPublicModel(data) : buildFollowUpModel(data);
  const out = await renderReport(model, format);
  await audit(ctx, caller, 'report_exported', `report:${kind}`, {
    format, lang: model.lang, baselineCampaign: data.baseline.id, campaigns: data.campaigns.map((c) => c.id), fileName: out.fileName, bytes: out.bytes.length,
    areas: data.areas.map((a) => a.code), substances: data.substances.map((s) => s.key),
  });
  return out;
}
