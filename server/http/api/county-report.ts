import { Hono } from 'hono';
import { z } from 'zod';
import { METRICS, type Metric } from '../../domain/loads.ts';
import { exportCounty } from '../../usecases/county-report.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { listParam, reportFile, reportOutputParams } from './report-http.ts';

const query = z.object({
  county: z.string().trim().min(1).max(200),
  substances: listParam,
  metric: z.enum(METRICS as [Metric, ...Metric[]]).default('normalized_load'),
  ...reportOutputParams,
});

/** GET /api/v1/reports/county?county&substances&metric&lang&format (coordinator): the county report. */
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
    const res = await exportCounty(c.get('ctx'), c.get('caller')!, { county: q.county, substances: q.substances, metric: q.metric, lang: q.lang }, format);
    return reportFile(c, res, q.preview === '1');
  });
  return r;
}
