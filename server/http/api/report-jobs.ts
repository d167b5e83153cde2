import { Hono } from 'hono';
import { z } from 'zod';
import { reportJobResult, reportJobStatus } from '../../usecases/report-jobs.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { reportFile } from './report-http.ts';

const jobId = z.string().uuid();

function idOf(raw: string): string {
  const parsed = jobId.safeParse(raw);
  if (!parsed.success) throw new HttpProblem(422, 'Unprocessable Content', 'A report job id is the id a report route gave (a UUID).', { errors: [{ column: 'id', code: 'invalid', message: 'Not a report job id.' }] });
  return parsed.data;
}

const notFound = () => new HttpProblem(404, 'Not Found', 'No such report job (of yours); a finished job is kept for 10 minutes.');

/** GET /api/v1/report-jobs/{id} (progress) and /{id}/file: a report asked for with `job=1` (usecases/report-jobs.ts). */
export function reportJobRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/report-jobs/:id', requireRole('coordinator'), (c) => {
    const status = reportJobStatus(c.get('ctx'), c.get('caller')!, idOf(c.req.param('id')));
    if (!status) throw notFound();
    return c.json(status.status === 'done' ? { ...status, fileUrl: `/api/v1/report-jobs/${status.id}/file` } : status);
  });
  r.get('/report-jobs/:id/file', requireRole('coordinator'), (c) => {
    const res = reportJobResult(c.get('ctx'), c.get('caller')!, idOf(c.req.param('id')));
    if (!res) throw notFound();
    if (res === 'pending') throw new HttpProblem(409, 'Conflict', 'The report is not ready yet; follow its progress at the job URL.', {}, { 'retry-after': '2' });
    return reportFile(c, res, false);
  });
  return r;
}
