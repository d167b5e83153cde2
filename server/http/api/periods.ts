import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { listEvents, listPeriods, removeEvent, removePeriod, saveEvent, savePeriod, type RemoveResult } from '../../usecases/periods.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { unprocessable } from './interventions.ts';
import { isoDate, jsonBody } from '../validate.ts';

const periodBody = z.object({
  name: z.string().trim().min(1).max(200),
  from: isoDate,
  to: isoDate,
  baseline: z.boolean().default(false),
}).refine((p) => p.from <= p.to, { message: '"to" must be on or after "from".', path: ['to'] });

/** `date` (or `from`) is the first day; `to` the last day of a span (absent: a single day). */
const eventBody = z.object({
  date: isoDate.optional(),
  from: isoDate.optional(),
  to: isoDate.nullable().optional(),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  areas: z.array(z.string().max(64)).max(500).default([]),
  controlArea: z.string().max(64).nullable().optional(),
}).refine((e) => e.date !== undefined || e.from !== undefined, { message: 'Give the first day as "date" (or "from").', path: ['date'] })
  .refine((e) => !(e.date && e.from && e.date !== e.from), { message: '"date" and "from" name the same day; they differ.', path: ['from'] })
  .refine((e) => !e.to || e.to >= (e.date ?? e.from)!, { message: '"to" must be on or after the first day.', path: ['to'] })
  .transform(({ from, ...e }) => ({ ...e, date: (e.date ?? from)!, to: e.to && e.to !== (e.date ?? from) ? e.to : null, controlArea: e.controlArea || null }));

const idParam = (c: Context<AppEnv>) => {
  const id = Number(c.req.param('id'));
  return Number.isInteger(id) && id > 0 ? id : -1;
};

/** 204, or the problem for a failed removal of a `what` ("period", "event"). */
function removed(c: Context<AppEnv>, res: RemoveResult, what: string): Response {
  if (!res.ok && res.reason === 'not_found') throw notFound(`No such ${what}.`);
  if (!res.ok) throw new HttpProblem(409, 'Conflict', `This ${what} is already removed.`);
  return c.body(null, 204);
}

/** Named periods (the baseline among them) and events (interventions). */
export function periodRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/periods', requireRole('viewer'), async (c) => c.json(await listPeriods(c.get('ctx'), c.get('caller')!)));

  const save = async (c: Context<AppEnv>, id: number | null) => {
    const body = await jsonBody(c, periodBody);
    const res = await savePeriod(c.get('ctx'), c.get('caller')!, id, body);
    if (!res.ok) throw notFound('No such period.');
    return c.json({ id: res.id, ...body }, id === null ? 201 : 200);
  };
  r.post('/periods', requireRole('coordinator'), (c) => save(c, null));
  r.put('/periods/:id', requireRole('coordinator'), (c) => save(c, idParam(c)));
  r.delete('/periods/:id', requireRole('coordinator'), async (c) => removed(c, await removePeriod(c.get('ctx'), c.get('caller')!, idParam(c)), 'period'));

  r.get('/events', requireRole('viewer'), async (c) => c.json(await listEvents(c.get('ctx'), c.get('caller')!)));

  const saveOne = async (c: Context<AppEnv>, id: number | null) => {
    // Events are the interventions: input the caller can fix is a 422 naming the field (API.md).
    let raw: unknown;
    try { raw = await c.req.json(); } catch { throw new HttpProblem(400, 'Bad Request', 'The request body must be JSON.'); }
    const parsed = eventBody.safeParse(raw);
    if (!parsed.success) throw unprocessable('Some fields are missing or invalid.', parsed.error.issues.map((i) => ({ column: i.path.join('.'), code: 'invalid', message: i.message })));
    const body = parsed.data;
    const res = await saveEvent(c.get('ctx'), c.get('caller')!, id, body);
    if (!res.ok && res.reason === 'unknown_areas') {
      throw unprocessable(`Unknown area(s): ${res.areas.join(', ')}.`, res.areas.map((a) => ({ column: res.field, code: 'unknown_area', message: `Unknown area "${a}".` })));
    }
    if (!res.ok && res.reason === 'control_is_treated') {
      throw unprocessable('The control area cannot be one of the treated areas.', [{ column: 'controlArea', code: 'control_is_treated', message: `"${res.areas[0]}" is treated by the event.` }]);
    }
    if (!res.ok) throw notFound('No such event.');
    return c.json({ id: res.id, ...body, from: body.date }, id === null ? 201 : 200);
  };
  r.post('/events', requireRole('coordinator'), (c) => saveOne(c, null));
  r.put('/events/:id', requireRole('coordinator'), (c) => saveOne(c, idParam(c)));
  r.delete('/events/:id', requireRole('coordinator'), async (c) => removed(c, await removeEvent(c.get('ctx'), c.get('caller')!, idParam(c)), 'event'));
  return r;
}
