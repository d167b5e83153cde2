import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { listEvents, listPeriods, removeEvent, removePeriod, saveEvent, savePeriod, type RemoveResult } from '../../usecases/periods.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { isoDate, jsonBody } from '../validate.ts';

const periodBody = z.object({
  name: z.string().trim().min(1).max(200),
  from: isoDate,
  to: isoDate,
  baseline: z.boolean().default(false),
}).refine((p) => p.from <= p.to, { message: '"to" must be on or after "from".', path: ['to'] });

const eventBody = z.object({
  date: isoDate,
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  areas: z.array(z.string().max(64)).max(500).default([]),
});

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
    const body = await jsonBody(c, eventBody);
    const res = await saveEvent(c.get('ctx'), c.get('caller')!, id, body);
    if (!res.ok && res.reason === 'unknown_areas') {
      throw new HttpProblem(400, 'Bad Request', `Unknown area(s): ${res.areas.join(', ')}.`, { errors: res.areas.map((a) => ({ column: 'areas', code: 'unknown_area', message: `Unknown area "${a}".` })) });
    }
    if (!res.ok) throw notFound('No such event.');
    return c.json({ id: res.id, ...body }, id === null ? 201 : 200);
  };
  r.post('/events', requireRole('coordinator'), (c) => saveOne(c, null));
  r.put('/events/:id', requireRole('coordinator'), (c) => saveOne(c, idParam(c)));
  r.delete('/events/:id', requireRole('coordinator'), async (c) => removed(c, await removeEvent(c.get('ctx'), c.get('caller')!, idParam(c)), 'event'));
  return r;
}
