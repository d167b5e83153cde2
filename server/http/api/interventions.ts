import { Hono } from 'hono';
import { z } from 'zod';
import { CENSORED_MODES, METRICS, type CensoredMode, type Metric } from '../../domain/loads.ts';
import { interventionFor } from '../../usecases/interventions.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { queryParams } from '../validate.ts';

const query = z.object({
  event: z.coerce.number().int().positive(),
  area: z.string().min(1).max(64).optional(),
  control: z.string().min(1).max(64).optional(),
  substance: z.string().min(1).max(64),
  metric: z.enum(METRICS as [Metric, ...Metric[]]).default('normalized_load'),
  censored: z.enum(CENSORED_MODES as [CensoredMode, ...CensoredMode[]]).default('half_loq'),
});

const MESSAGES: Record<string, string> = {
  area_required: 'The event treats several areas (or none): give area.',
  control_is_treated: 'The control area cannot be the treated area.',
  unknown_substance: 'No such substance.',
  unknown_area: 'No such area.',
  unknown_control: 'No such control area.',
};

/** GET /api/v1/stats/intervention — an event's effect on a treated area, against a control if any. */
export function interventionRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/stats/intervention', requireRole('viewer'), async (c) => {
    const q = queryParams(c, query);
    const res = await interventionFor(c.get('ctx'), c.get('caller')!, q);
    if (res.ok) return c.json(res.result);
    if (res.reason === 'event_not_found') throw notFound(`No event ${q.event}.`);
    const status = res.reason.startsWith('unknown_') ? 404 : 400;
    throw new HttpProblem(status, status === 404 ? 'Not Found' : 'Bad Request', MESSAGES[res.reason], { errors: [{ column: res.field, code: res.reason, message: MESSAGES[res.reason] }] });
  });
  return r;
}
