/**
 * `npm run cli -- report [--kind baseline|follow-up|public|county] --from D --to D [--areas A,B] [--substances S,T] [--lang sv|en] [--format …] --out FILE`;
 * follow-up and public take `--baseline-campaign ID --campaigns ID,…` (campaign ids, `cli campaigns` / GET /api/v1/campaigns) instead of the period.
 */
import { parseArgs } from 'node:util';
import { cliCaller } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { countyReportVerb } from './county-cli.ts';
import { writeReportFile } from './cli-output.ts';
import { exportBaselineReport, exportFollowUpReport, REPORT_FILE_FORMATS, type ReportFileFormat } from './index.ts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

export async function reportVerb(ctx: AppContext, args: string[]): Promise<number> {
  if (args.some((a, i) => a === '--kind=county' || (a === '--kind' && args[i + 1] === 'county'))) return countyReportVerb(ctx, args);
  const usage = 'report [--kind baseline|follow-up|public] [--baseline-campaign ID] [--campaigns ID,…] --from D --to D [--period ID] [--areas A,B] [--substances S,T] [--lang sv|en] [--format pdf|html|csv|csv-excel] --out FILE';
  let values;
  try {
    ({ values } = parseArgs({ args, options: {
      from: { type: 'string' }, to: { type: 'string' }, period: { type: 'string' }, areas: { type: 'string' }, substances: { type: 'string' },
      lang: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
      kind: { type: 'string' }, 'baseline-campaign': { type: 'string' }, campaigns: { type: 'string' },
    } }));
  } catch (e) {
    console.error(`Error: ${(e as Error).message}\nUsage: npm run cli -- ${usage}`);
    return 2;
  }
  const problems: string[] = [];
  if (!values.out) problems.push('--out FILE is required.');
  for (const k of ['from', 'to'] as const) if (values[k] && !ISO.test(values[k]!)) problems.push(`--${k} must be a date like 2020-09-14.`);
  if (values.lang && values.lang !== 'sv' && values.lang !== 'en') problems.push('--lang must be sv or en.');
  const format = (values.format ?? (values.out?.toLowerCase().endsWith('.html') ? 'html' : values.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'pdf')) as ReportFileFormat;
  if (!REPORT_FILE_FORMATS.includes(format)) problems.push(`--format must be one of ${REPORT_FILE_FORMATS.join(', ')}.`);
  if (values.period && !/^\d+$/.test(values.period)) problems.push('--period must be a period id.');
  const kind = values.kind ?? 'baseline';
  if (kind !== 'baseline' && kind !== 'follow-up' && kind !== 'public') problems.push('--kind must be baseline, follow-up or public.');
  for (const c of [values['baseline-campaign'], ...(list(values.campaigns) ?? [])]) if (c && !/^\d{1,9}$/.test(c)) problems.push(`Campaign "${c}" is not a campaign id (a number, see GET /api/v1/campaigns).`);
  if (problems.length) {
    console.error(`Error: ${problems.join(' ')}\nUsage: npm run cli -- ${usage}`);
    return 2;
  }
  return writeReportFile(values.out!, format, async () => {
    const caller = await cliCaller(ctx);
    return kind !== 'baseline' ? exportFollowUpReport(ctx, caller, kind as 'follow-up' | 'public', {
      baselineCampaign: values['baseline-campaign'] ? Number(values['baseline-campaign']) : undefined, campaigns: list(values.campaigns)?.map(Number), areas: list(values.areas), substances: list(values.substances), lang: (values.lang ?? 'sv') as 'sv' | 'en',
    }, format) : exportBaselineReport(ctx, caller, {
      from: values.from, to: values.to, periodId: values.period ? Number(values.period) : undefined,
      areas: list(values.areas), substances: list(values.substances), lang: (values.lang ?? 'sv') as 'sv' | 'en',
    }, format);
  });
}
