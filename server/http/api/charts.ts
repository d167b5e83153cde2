import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { chartJson, type ChartParams } from '../../usecases/charts.ts';
import type { Lang } from '../../domain/types.ts';
import { representation } from '../compress.ts';
import { baselinePeriod, type ResolvedRange } from '../../usecases/periods.ts';
import { CENSORED_MODES, METRICS, type CensoredMode, type Metric } from '../../domain/loads.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { csvList, isoDate, queryParams } from '../validate.ts';
import { rangeOrThrow } from './range.ts';

const query = z.object({
  area: csvList.optional(),
  substance: z.string().max(64).optional(),
  metric: z.enum(METRICS as [Metric, ...Metric[]]).default('normalized_load'),
  censored: z.enum(CENSORED_MODES as [CensoredMode, ...CensoredMode[]]).default('half_loq'),
  from: isoDate.optional(), to: isoDate.optional(), period: z.coerce.number().int().optional(),
  baselineFrom: isoDate.optional(), baselineTo: isoDate.optional(), baselinePeriod: z.coerce.number().int().optional(),
  campaign: z.coerce.number().int().optional(), baselineCampaign: z.coerce.number().int().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  lang: z.enum(['sv', 'en']).optional(),
});

/** The chart's parameters from the query; a bad query is a 400, an unknown period a 404. */
async function chartParams(c: Context<AppEnv>, name: string, lang: Lang): Promise<ChartParams> {
  const q = queryParams(c, query);
  const ctx = c.get('ctx');
  const caller = c.get('caller')!;
  const needsPeriods = name === 'overview';
  const baseline = needsPeriods || q.baselineFrom || q.baselinePeriod !== undefined || q.baselineCampaign !== undefined
    ? await rangeOrThrow(c, q.baselineFrom, q.baselineTo, q.baselinePeriod, 'baseline', 'baseline', q.baselineCampaign)
    : name === 'timeseries' ? await baselinePeriod(ctx, caller) : undefined;
  let range: { from?: string; to?: string } = { from: q.from, to: q.to };
  let current: ResolvedRange | undefined;
  if (needsPeriods) current = await rangeOrThrow(c, q.from, q.to, q.period, 'comparison', 'latest', q.campaign);
  else if (q.period !== undefined || q.campaign !== undefined) range = await rangeOrThrow(c, undefined, undefined, q.period, 'chart', undefined, q.campaign);
  return { lang, metric: q.metric, censored: q.censored, areas: q.area ?? [], substance: q.substance, ...range, baseline, current, year: q.year, width: 'container' };
}

/** GET /api/v1/charts/:name — a Vega-Lite spec with its data inline (gzip when the client accepts it). */
export function chartRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/charts/:name', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const name = c.req.param('name');
    const langAsked = c.req.query('lang') ?? c.req.header('cookie')?.match(/(?:^|;\s*)lang=(en|sv)/)?.[1];
    const lang = langAsked === 'en' ? 'en' : 'sv';
    // A chart is fixed by the query as asked, the caller's scope and the language until data change:
    // its JSON is cached under those, and the query is parsed (periods resolved) only on a miss.
    const url = c.req.url;
    const search = url.includes('?') ? url.slice(url.indexOf('?')) : '';
    const key = `chart|${name}|${caller.organisationIds.join(',')}|${caller.role === 'viewer' ? 'v' : 'c'}|${lang}|${search}`;
    const res = await chartJson(ctx, caller, name, key, () => chartParams(c, name, lang));
    if (!res.ok) throw res.reason === 'not_found' ? notFound(res.message) : new HttpProblem(400, 'Bad Request', res.message);
    // The entity tag comes with the cached JSON: the ETag middleware then does not hash the body again.
    const sent = representation(c.req.header('accept-encoding'), res.json, res.etag);
    return c.body(sent.body(), 200, { 'content-type': 'application/json; charset=utf-8', ...sent.headers, ...sent.encoding, etag: sent.etag });
  });
  return r;
}
