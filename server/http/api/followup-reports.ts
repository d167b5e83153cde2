import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { answerReport, jobParam, listParam, reportOutputParams } from './report-http.ts';
import { requireRole } from '../middleware/auth.ts';
import { unprocessable } from './interventions.ts';
import type { AppEnv } from '../types.ts';

const list = listParam;
/** A campaign's id (GET /api/v1/campaigns). */
const campaignId = z.string().regex(/^\d{1,9}$/, 'A campaign id is a number (see GET /api/v1/campaigns).').transform(Number);

const query = z.object({
  baselineCampaign: campaignId.optional(),
  campaigns: z.array(z.string()).optional().transform((xs) => (xs ? xs.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean) : undefined)).pipe(z.array(campaignId).max(100).optional()),
  areas: list,
  substances: list,
  ...reportOutputParams,
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
      throw unprocessable('Some query parameters are invalid.', parsed.error.issues.map((i) => ({ column: String(i.path[0] ?? ''), code: 'invalid', message: i.message })));
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
