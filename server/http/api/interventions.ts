import { Hono } from 'hono';
import { z } from 'zod';
import { CENSORED_MODES, METRICS, type CensoredMode, type Metric } from '../../domain/loads.ts';
import { interventionFor } from '../../usecases/interventions.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';

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

/** Input the caller can fix (API.md): problem+json 422 naming each field. */
export const unprocessable = (detail: string, errors: { column: string; code: string; message: string }[]) =>
  new HttpProblem(422, 'Unprocessable Content', detail, { errors });

/** GET /api/v1/stats/intervention — an event's effect on a treated area, against a control if any. */
export function interventionRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/stats/intervention', requireRole('viewer'), async (c) => {
    const parsed = query.safeParse(c.req.query());
    if (!parsed.success) throw unprocessable('Some query parameters are invalid.', parsed.error.issues.map((i) => ({ column: String(i.path[0] ?? ''), code: 'invalid', message: i.message })));
    const q = parsed.data;
    const res = await interventionFor(c.get('ctx'), c.get('caller')!, q);
    if (res.ok) return c.json(res.result);
    if (res.reason === 'event_not_found') throw notFound(`No event ${q.event}.`);
    const errors = [{ column: res.field, code: res.reason, message: MESSAGES[res.reason] }];
    if (res.reason.startsWith('unknown_')) throw new HttpProblem(404, 'Not Found', MESSAGES[res.reason], { errors });
    throw unprocessable(MESSAGES[res.reason], errors);
  });
  return r;
}
