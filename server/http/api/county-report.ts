import { Hono } from 'hono';
import { z } from 'zod';
import { METRICS, type Metric } from '../../domain/loads.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { answerReport, jobParam, listParam, reportOutputParams } from './report-http.ts';

const query = z.object({
  county: z.string().trim().min(1).max(200),
  substances: listParam,
  metric: z.enum(METRICS as [Metric, ...Metric[]]).default('normalized_load'),
  ...reportOutputParams,
  job: jobParam,
});

/** GET /api/v1/reports/county?county&substances&metric&lang&format&job (coordinator): the county report. */
export function countyReportRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/reports/county', requireRole('coordinator'), async (c) => {
    const given = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const parsed = query.safeParse({ ...given, substances: c.req.queries('substances') });
    if (!parsed.success) {
      throw new HttpProblem(422, 'Unprocessable Content', 'Some query parameters are invalid.', {
        errors: parsed.error.issues.map((i) => ({ column: String(i.path[0] ?? ''), code: 'invalid', message: i.message })),
      });
    }
    const q = parsed.data;
    const format = q.preview === '1' ? 'html' : q.format;
    // On the report worker like every report (job=1: 202 and a job to follow), never on the request thread.
    return answerReport(c, { kind: 'county', format, options: { county: q.county, substances: q.substances, metric: q.metric, lang: q.lang } }, { preview: q.preview === '1', asJob: q.job === '1' });
  });
  return r;
}
