import type { Context } from 'hono';
import { z } from 'zod';
import { REPORT_FILE_FORMATS } from '../../usecases/report.ts';
import { startReportJob, type ReportJobInput, type ReportJobResult } from '../../usecases/report-jobs.ts';
import { HttpProblem } from '../problem.ts';
import type { AppEnv } from '../types.ts';

/** What the report routes (baseline, follow-up, public) share: list parameters and the file answer. */

/** `areas=A,B` or `areas=A&areas=B` (what a form with checkboxes sends). */
export const listParam = z.array(z.string().max(64)).max(1000).optional()
  .transform((xs) => (xs ? [...new Set(xs.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean))] : undefined))
  .transform((xs) => (xs && xs.length ? xs : undefined));

const REPORT_PROBLEM: Record<Extract<ReportJobResult, { ok: false }>['reason'], [400 | 404 | 422 | 500, string]> = {
  invalid_input: [400, 'Bad Request'], not_found: [404, 'Not Found'], no_data: [422, 'Unprocessable Content'],
  too_large: [422, 'Unprocessable Content'], failed: [500, 'Internal Server Error'],
};

/** The report file (inline for the page's preview, else a download), or the problem its reason names. */
export function reportFile(c: Context<AppEnv>, res: ReportJobResult, preview: boolean): Response {
  if (!res.ok) {
    const extra = res.reason === 'too_large'
      ? { limit: res.limit, size: res.size, errors: [{ column: 'areas', code: 'too_large', message: res.message }] }
      : {};
    throw new HttpProblem(...REPORT_PROBLEM[res.reason], res.message, extra);
  }
  return c.body(new Uint8Array(res.report.bytes), 200, {
    'content-type': res.report.contentType,
    'content-disposition': `${preview ? 'inline' : 'attachment'}; filename="${res.report.fileName}"`,
    'content-length': String(res.report.bytes.length),
  });
}

/**
 * Runs a report on the report worker (usecases/report-jobs.ts). `asJob` (`job=1`): 202 with the
 * job's id and where to follow it, at once; otherwise the route waits and answers with the file.
 */
export async function answerReport(c: Context<AppEnv>, input: ReportJobInput, o: { preview: boolean; asJob: boolean }): Promise<Response> {
  const started = await startReportJob(c.get('ctx'), c.get('caller')!, input);
  if (!started.ok) {
    if (started.reason === 'busy') {
      throw new HttpProblem(503, 'Service Unavailable', `Too many reports are being made right now. Try again in ${started.retryAfter} seconds.`, {}, { 'retry-after': String(started.retryAfter) });
    }
    return reportFile(c, started, o.preview);
  }
  if (o.asJob) {
    const statusUrl = `/api/v1/report-jobs/${started.id}`;
    return c.json({ id: started.id, status: 'queued', statusUrl, fileUrl: `${statusUrl}/file` }, 202, { location: statusUrl });
  }
  return reportFile(c, await started.done, o.preview);
}

/** `job=1`: answer with a job id at once instead of waiting for the file. */
export const jobParam = z.enum(['0', '1']).optional();

/**
 * The query parameters every report route takes: language, file format and `preview=1` (the
 * page's "Förhandsgranska": the HTML shown in the browser instead of downloaded).
 */
export const reportOutputParams = {
  lang: z.enum(['sv', 'en']).default('sv'),
  format: z.enum(REPORT_FILE_FORMATS).default('pdf'),
  preview: z.enum(['0', '1']).optional(),
};
