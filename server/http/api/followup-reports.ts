import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { REPORT_FILE_FORMATS } from '../../usecases/report.ts';
import { answerReport, jobParam, listParam } from './report-http.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem } from '../problem.ts';
import type { AppEnv } from '../types.ts';

const list = listParam;
const campaignId = z.string().regex(/^\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}$/, 'A campaign id is its first and last day, e.g. 2021-03-01_2021-03-07.');

const query = z.object({
  baselineCampaign: campaignId.optional(),
  campaigns: z.array(z.string()).optional().transform((xs) => (xs ? xs.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean) : undefined)).pipe(z.array(campaignId).max(100).optional()),
  areas: list,
  substances: list,
  lang: z.enum(['sv', 'en']).default('sv'),
  format: z.enum(REPORT_FILE_FORMATS).default('pdf'),
  preview: z.enum(['0', '1']).optional(),
  job: jobParam,
});

/** GET /api/v1/reports/follow-up and /reports/public (issue 12). */
export function followUpReportRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const handler = (kind: 'follow-up' | 'public') => async (c: Context<AppEnv>) => {
    const given = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const raw = { ...given, areas: c.req.queries('areas'), substances: c.req.queries('substances'), campaigns: c.req.queries('campaigns')?.filter((x) => x !== '') };
    const parsed = query.safeParse(raw);
    if (!parsed.success) {
      throw new HttpProblem(400, 'Bad Request', 'Some query parameters are invalid.', {
        errors: parsed.error.issues.map((i) => ({ column: String(i.path[0] ?? '') || undefined, code: 'invalid', message: i.message })),
      });
    }
    const q = parsed.data;
    const format = q.preview === '1' ? 'html' : q.format;
    return answerReport(c, {
      kind, format, options: { baselineCampaign: q.baselineCampaign, campaigns: q.campaigns, areas: q.areas, substances: q.substances, lang: q.lang },
    }, { preview: q.preview === '1', asJob: q.job === '1' });
  };
  r.get('/reports/follow-up', requireRole('coordinator'), handler('follow-up'));
  r.get('/reports/public', requireRole('coordinator'), handler('public'));
  return r;
}
