import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { CENSORED_MODES, METRICS, type CensoredMode, type Metric } from '../../domain/loads.ts';
import { oneSeries } from '../../usecases/series.ts';
import { scopedAreas } from '../../usecases/scope.ts';
import { baselineOf, changeOf, overview, trendOf, type DateRange } from '../../usecases/statistics.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv, Caller } from '../types.ts';
import { isoDate, queryParams } from '../validate.ts';
import { listPeriods } from './periods.ts';
import { referenceFor } from '../../reference/data.ts';

const common = {
  area: z.string().max(64).optional(),
  substance: z.string().max(64).optional(),
  metric: z.enum(METRICS as [Metric, ...Metric[]]).default('normalized_load'),
  censored: z.enum(CENSORED_MODES as [CensoredMode, ...CensoredMode[]]).default('half_loq'),
  from: isoDate.optional(), to: isoDate.optional(), period: z.coerce.number().int().optional(),
  baselineFrom: isoDate.optional(), baselineTo: isoDate.optional(), baselinePeriod: z.coerce.number().int().optional(),
};
const statsQuery = z.object(common);
type StatsQ = z.infer<typeof statsQuery>;

/** A date range from explicit dates or a period id; `fallback` picks a default period. */
export async function resolveRange(
  ctx: AppContext, caller: Caller, from: string | undefined, to: string | undefined, period: number | undefined, what: string,
  fallback?: 'baseline' | 'latest',
): Promise<DateRange & { name?: string; periodId?: number }> {
  if (period !== undefined) {
    const p = (await listPeriods(ctx, caller)).find((x) => x.id === period);
    if (!p) throw notFound(`No period ${period}.`);
    return { from: p.from, to: p.to, name: p.name, periodId: p.id };
  }
  if (from && to) {
    if (from > to) throw new HttpProblem(400, 'Bad Request', `The ${what} period ends before it starts.`);
    return { from, to };
  }
  if (from || to) throw new HttpProblem(400, 'Bad Request', `Give both a start and an end date for the ${what} period, or a period id.`);
  if (fallback) {
    const periods = await listPeriods(ctx, caller);
    const p = fallback === 'baseline' ? periods.find((x) => x.baseline) : [...periods].reverse().find((x) => !x.baseline) ?? periods[periods.length - 1];
    if (p) return { from: p.from, to: p.to, name: p.name, periodId: p.id };
  }
  throw new HttpProblem(400, 'Bad Request', `Choose the ${what} period: dates (from, to) or a period id. Coordinators define periods under Perioder.`);
}

async function seriesOrThrow(c: Context<AppEnv>, q: StatsQ) {
  if (!q.area || !q.substance) throw new HttpProblem(400, 'Bad Request', 'Give area and substance.', { errors: [!q.area && { column: 'area', code: 'missing_value', message: 'area is required' }, !q.substance && { column: 'substance', code: 'missing_value', message: 'substance is required' }].filter(Boolean) });
  const ctx = c.get('ctx');
  const caller = c.get('caller')!;
  const known = await ctx.db.selectFrom('substances').select('key').where('key', '=', q.substance).executeTakeFirst();
  if (!known) throw notFound(`No substance "${q.substance}".`);
  const s = await oneSeries(ctx, caller, q.area, q.substance, { metric: q.metric, censored: q.censored });
  if (!s) {
    const visible = (await scopedAreas(ctx, caller)).some((a) => a.code === q.area);
    if (!visible) throw notFound(`No area "${q.area}".`);
    return { area: q.area, substance: q.substance, metric: q.metric, censoredMode: q.censored, points: [], source: 'own' as const };
  }
  return s;
}

export function statsRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/stats/baseline', requireRole('viewer'), async (c) => {
    const q = queryParams(c, statsQuery);
    const range = await resolveRange(c.get('ctx'), c.get('caller')!, q.from, q.to, q.period, 'baseline', 'baseline');
    return c.json(baselineOf(await seriesOrThrow(c, q), range));
  });

  r.get('/stats/change', requireRole('viewer'), async (c) => {
    const q = queryParams(c, statsQuery);
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const baseline = await resolveRange(ctx, caller, q.baselineFrom, q.baselineTo, q.baselinePeriod, 'baseline', 'baseline');
    const current = await resolveRange(ctx, caller, q.from, q.to, q.period, 'comparison', 'latest');
    return c.json(changeOf(await seriesOrThrow(c, q), baseline, current));
  });

  r.get('/stats/trend', requireRole('viewer'), async (c) => {
    const q = queryParams(c, statsQuery);
    if ((q.from && !q.to) || (!q.from && q.to)) throw new HttpProblem(400, 'Bad Request', 'Give both from and to, or neither (all data).');
    return c.json(trendOf(await seriesOrThrow(c, q), { from: q.from, to: q.to }));
  });

  r.get('/overview', requireRole('viewer'), async (c) => {
    const q = queryParams(c, statsQuery);
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const baseline = await resolveRange(ctx, caller, q.baselineFrom, q.baselineTo, q.baselinePeriod, 'baseline', 'baseline');
    const current = await resolveRange(ctx, caller, q.from, q.to, q.period, 'comparison', 'latest');
    const rows = await overview(ctx, caller, baseline, current, { metric: q.metric, censored: q.censored });
    return c.json({ baseline, current, metric: q.metric, censored: q.censored, rows });
  });

  r.get('/reference', requireRole('viewer'), async (c) => {
    const q = queryParams(c, z.object({ substance: z.string().max(64), year: z.coerce.number().int().min(2000).max(2100).optional() }));
    return c.json(await referenceFor(c.get('ctx'), q.substance, q.year));
  });

  return r;
}
