/** The county report use case as the HTTP API and the CLI call it: assemble, render one format, log the export. */
import type { AppContext } from '../context.ts';
import type { Caller } from '../domain/types.ts';
import { audit } from '../usecases/audit.ts';
import { assembleCountyReport, type CountyReportOptions } from './county-data.ts';
import { buildCountyModel } from './county-model.ts';
import { renderReport, type RenderedReport, type ReportFileFormat } from './index.ts';

export type { CountyReportOptions } from './county-data.ts';

export async function exportCountyReport(ctx: AppContext, caller: Caller, options: CountyReportOptions, format: ReportFileFormat, now: Date = new Date()): Promise<RenderedReport> {
  const data = await assembleCountyReport(ctx, caller, options, now);
  const model = buildCountyModel(data);
  const out = await renderReport(model, format);
  await audit(ctx, caller, 'report_exported', 'report:county', {
    format, lang: model.lang, county: data.county, metric: data.metric, fileName: out.fileName, bytes: out.bytes.length,
    areas: data.areas.map((a) => a.code), substances: data.substances.map((s) => s.key),
  });
  return out;
}
