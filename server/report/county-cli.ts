/** `npm run cli -- report --kind county --county NAME [--substances S,T] [--metric M] [--lang sv|en] [--format …] --out FILE`. */
import { parseArgs } from 'node:util';
import { cliCaller } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { METRICS, type Metric } from '../domain/loads.ts';
import { exportCountyReport } from './county-report.ts';
import { writeReportFile } from './cli-output.ts';
import { REPORT_FILE_FORMATS, type ReportFileFormat } from './index.ts';

const USAGE = 'report --kind county --county NAME [--substances S,T] [--metric normalized_load|concentration|…] [--lang sv|en] [--format pdf|html|csv|csv-excel] --out FILE';

export async function countyReportVerb(ctx: AppContext, args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: {
      kind: { type: 'string' }, county: { type: 'string' }, substances: { type: 'string' }, metric: { type: 'string' },
      lang: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
    } }));
  } catch (e) {
    console.error(`Error: ${(e as Error).message}\nUsage: npm run cli -- ${USAGE}`);
    return 2;
  }
  const problems: string[] = [];
  if (!values.out) problems.push('--out FILE is required.');
  if (!values.county?.trim()) problems.push('--county NAME is required.');
  if (values.lang && values.lang !== 'sv' && values.lang !== 'en') problems.push('--lang must be sv or en.');
  if (values.metric && !(METRICS as string[]).includes(values.metric)) problems.push(`--metric must be one of ${METRICS.join(', ')}.`);
  const out = values.out?.toLowerCase() ?? '';
  const format = (values.format ?? (out.endsWith('.html') ? 'html' : out.endsWith('.csv') ? 'csv' : 'pdf')) as ReportFileFormat;
  if (!REPORT_FILE_FORMATS.includes(format)) problems.push(`--format must be one of ${REPORT_FILE_FORMATS.join(', ')}.`);
  if (problems.length) {
    console.error(`Error: ${problems.join(' ')}\nUsage: npm run cli -- ${USAGE}`);
    return 2;
  }
  const substances = values.substances?.split(',').map((x) => x.trim()).filter(Boolean);
  return writeReportFile(values.out!, format, async () => exportCountyReport(ctx, await cliCaller(ctx), {
    county: values.county!.trim(), substances: substances?.length ? substances : undefined, metric: (values.metric ?? 'normalized_load') as Metric, lang: (values.lang ?? 'sv') as 'sv' | 'en',
  }, format));
}
