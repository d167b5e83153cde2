import { Hono } from 'hono';
import { z } from 'zod';
import { CENSORED_MODES, METRICS, type CensoredMode, type Metric } from '../../domain/loads.ts';
import { roundsOf } from '../../usecases/rounds.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';

const query = z.object({
  areas: z.string().max(4000).optional(),
  county: z.string().min(1).max(200).optional(),
  substance: z.string().min(1).max(64),
  metric: z.enum(METRICS as [Metric, ...Metric[]]).default('normalized_load'),
  censored: z.enum(CENSORED_MODES as [CensoredMode, ...CensoredMode[]]).default('half_loq'),
});

const unprocessable = (detail: string, errors: { column: string; code: string; message: string }[]) =>
  new HttpProblem(422, 'Unprocessable Content', detail, { errors });

/** GET /api/v1/stats/rounds?areas=A,B|county=<name>&substance&metric (API.md): county rounds. */
export function roundsRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/stats/rounds', requireRole('viewer'), async (c) => {
    const parsed = query.safeParse(c.req.query());
    if (!parsed.success) {
      throw unprocessable('Some query parameters are invalid.', parsed.error.issues.map((i) => ({ column: i.path.join('.'), code: 'invalid', message: i.message })));
    }
    const q = parsed.data;
    const areas = q.areas?.split(',').map((s) => s.trim()).filter(Boolean);
    if (Boolean(areas?.length) === (q.county !== undefined)) {
      throw unprocessable('Give either areas (a comma-separated list) or county, not both.', [{ column: areas?.length ? 'county' : 'areas', code: 'invalid', message: 'areas or county is required, not both' }]);
    }
    const res = await roundsOf(c.get('ctx'), c.get('caller')!, { areas: areas?.length ? areas : undefined, county: q.county, substance: q.substance, metric: q.metric, censored: q.censored });
    if (!res.ok) throw notFound(res.detail);
    return c.json(res.rounds);
  });
  return r;
}
