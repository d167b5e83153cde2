import { perPopulationKind } from '../../i18n/charts.ts';
import { populationKindOf } from '../../usecases/scope.ts';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CENSORED_MODES, METRICS, type CensoredMode, type Metric } from '../../domain/loads.ts';
import { seriesForStats } from '../../usecases/series.ts';
import { baselineOf, changeFor, overview, trendOf, type MeanEstimator } from '../../usecases/statistics.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { isoDate, queryParams } from '../validate.ts';
import { rangeOrThrow } from './range.ts';
import { referenceFor } from '../../usecases/reference.ts';

const common = {
  area: z.string().max(64).optional(),
  substance: z.string().max(64).optional(),
  metric: z.enum(METRICS as [Metric, ...Metric[]]).default('normalized_load'),
  // Absent: the Kaplan–Meier mean for 1–50 % below LOQ (series values at LOQ/2 where a number is
  // needed per day); given: that substitution everywhere (DOMAIN.md "Below LOQ").
  censored: z.enum(CENSORED_MODES as [CensoredMode, ...CensoredMode[]]).optional(),
  from: isoDate.optional(), to: isoDate.optional(), period: z.coerce.number().int().optional(),
  baselineFrom: isoDate.optional(), baselineTo: isoDate.optional(), baselinePeriod: z.coerce.number().int().optional(),
  campaign: z.coerce.number().int().optional(), baselineCampaign: z.coerce.number().int().optional(),
};
const statsQuery = z.object(common);
type StatsQ = z.infer<typeof statsQuery>;

const estimatorOf = (q: StatsQ): MeanEstimator => (q.censored ? 'substitution' : 'kaplan_meier');

async function seriesOrThrow(c: Context<AppEnv>, q: StatsQ) {
  if (!q.area || !q.substance) throw new HttpProblem(400, 'Bad Request', 'Give area and substance.', { errors: [!q.area && { column: 'area', code: 'missing_value', message: 'area is required' }, !q.substance && { column: 'substance', code: 'missing_value', message: 'substance is required' }].filter(Boolean) });
  const res = await seriesForStats(c.get('ctx'), c.get('caller')!, q.area, q.substance, { metric: q.metric, censored: q.censored ?? 'half_loq' });
  if (res.ok) return res.series;
  throw notFound(res.reason === 'unknown_substance' ? `No substance "${q.substance}".` : `No area "${q.area}".`);
}

/** A unit per 1000 inhabitants as per 1000 pe when the area's population is person equivalents (issue 11). */
async function unitForArea(c: Context<AppEnv>, area: string, unit: string): Promise<string> {
  return perPopulationKind(unit, await populationKindOf(c.get('ctx'), c.get('caller')!, area));
}

export function statsRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/stats/baseline', requireRole('viewer'), async (c) => {
    const q = queryParams(c, statsQuery);
    const range = await rangeOrThrow(c, q.from, q.to, q.period, 'baseline', 'baseline', q.campaign);
    const out = baselineOf(await seriesOrThrow(c, q), range, { estimator: estimatorOf(q) });
    return c.json({ ...out, unit: await unitForArea(c, q.area!, out.unit), censored: q.censored ?? 'kaplan_meier' });
  });

  r.get('/stats/change', requireRole('viewer'), async (c) => {
    const q = queryParams(c, statsQuery);
    const baseline = await rangeOrThrow(c, q.baselineFrom, q.baselineTo, q.baselinePeriod, 'baseline', 'baseline', q.baselineCampaign);
    const current = await rangeOrThrow(c, q.from, q.to, q.period, 'comparison', 'latest', q.campaign);
    const series = await seriesOrThrow(c, q);
    return c.json(await changeFor(c.get('ctx'), c.get('caller')!, series, baseline, current, { metric: q.metric, censored: q.censored ?? 'half_loq' }));
  });

  r.get('/stats/trend', requireRole('viewer'), async (c) => {
    const q = queryParams(c, statsQuery);
    if ((q.from && !q.to) || (!q.from && q.to)) throw new HttpProblem(400, 'Bad Request', 'Give both from and to, or neither (all data).');
    const out = trendOf(await seriesOrThrow(c, q), { from: q.from, to: q.to }, { estimator: estimatorOf(q), intervals: true });
    return c.json('valueUnit' in out && typeof out.valueUnit === 'string' ? { ...out, valueUnit: await unitForArea(c, q.area!, out.valueUnit) } : out);
  });

  r.get('/overview', requireRole('viewer'), async (c) => {
    const q = queryParams(c, statsQuery);
    const baseline = await rangeOrThrow(c, q.baselineFrom, q.baselineTo, q.baselinePeriod, 'baseline', 'baseline', q.baselineCampaign);
    const current = await rangeOrThrow(c, q.from, q.to, q.period, 'comparison', 'latest', q.campaign);
    const censored = q.censored ?? 'half_loq';
    const rows = await overview(c.get('ctx'), c.get('caller')!, baseline, current, { metric: q.metric, censored });
    return c.json({ baseline, current, metric: q.metric, censored, rows });
  });

  r.get('/reference', requireRole('viewer'), async (c) => {
    const q = queryParams(c, z.object({ substance: z.string().max(64), year: z.coerce.number().int().min(2000).max(2100).optional() }));
    return c.json(await referenceFor(c.get('ctx'), q.substance, q.year));
  });

  return r;
}
