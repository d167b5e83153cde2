import { Hono } from 'hono';
import { z } from 'zod';
import { answerReport, jobParam, listParam, reportOutputParams } from './report-http.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { isoDate } from '../validate.ts';

const list = listParam;

const query = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  period: z.coerce.number().int().positive().optional(),
  areas: list,
  substances: list,
  ...reportOutputParams,
  job: jobParam,
});

export function reportRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/reports/baseline', requireRole('coordinator'), async (c) => {
    // A form sends empty fields (from=&to= when a saved period is chosen): empty means not given.
    const given = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const raw: Record<string, unknown> = { ...given, areas: c.req.queries('areas'), substances: c.req.queries('substances') };
    const parsed = query.safeParse(raw);
    if (!parsed.success) {
      throw new HttpProblem(400, 'Bad Request', 'Some query parameters are invalid.', {
        errors: parsed.error.issues.map((i) => ({ column: i.path.join('.') || undefined, code: 'invalid', message: i.message })),
      });
    }
    const q = parsed.data;
    const format = q.preview === '1' ? 'html' : q.format;
    return answerReport(c, {
      kind: 'baseline', format, options: { from: q.from, to: q.to, periodId: q.period, areas: q.areas, substances: q.substances, lang: q.lang },
    }, { preview: q.preview === '1', asJob: q.job === '1' });
  });

  return r;
}
