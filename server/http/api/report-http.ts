import type { Context } from 'hono';
import { z } from 'zod';
import type { ReportResult } from '../../usecases/report.ts';
import { HttpProblem } from '../problem.ts';
import type { AppEnv } from '../types.ts';

/** What the report routes (baseline, follow-up, public) share: list parameters and the file answer. */

/** `areas=A,B` or `areas=A&areas=B` (what a form with checkboxes sends). */
export const listParam = z.array(z.string().max(64)).max(1000).optional()
  .transform((xs) => (xs ? [...new Set(xs.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean))] : undefined))
  .transform((xs) => (xs && xs.length ? xs : undefined));

const REPORT_PROBLEM: Record<Extract<ReportResult, { ok: false }>['reason'], [400 | 404 | 422, string]> = {
  invalid_input: [400, 'Bad Request'], not_found: [404, 'Not Found'], no_data: [422, 'Unprocessable Content'],
};

/** The report file (inline for the page's preview, else a download), or the problem its reason names. */
export function reportFile(c: Context<AppEnv>, res: ReportResult, preview: boolean): Response {
  if (!res.ok) throw new HttpProblem(...REPORT_PROBLEM[res.reason], res.message);
  return c.body(new Uint8Array(res.report.bytes), 200, {
    'content-type': res.report.contentType,
    'content-disposition': `${preview ? 'inline' : 'attachment'}; filename="${res.report.fileName}"`,
    'content-length': String(res.report.bytes.length),
  });
}
