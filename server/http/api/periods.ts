import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { audit } from '../../usecases/audit.ts';
import { scopedAreas } from '../../usecases/scope.ts';
import { requireRole } from '../middleware/auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv, Caller } from '../types.ts';
import { isoDate, jsonBody } from '../validate.ts';
import type { AppContext } from '../../context.ts';
import { cached } from '../../usecases/cache.ts';

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

export interface PeriodOut { id: number; name: string; from: string; to: string; baseline: boolean }

export async function listPeriods(ctx: AppContext, caller: Caller): Promise<PeriodOut[]> {
  return cached(ctx, `periods|${caller.organisationIds.join(',')}`, () => readPeriods(ctx, caller));
}

async function readPeriods(ctx: AppContext, caller: Caller): Promise<PeriodOut[]> {
  const rows = await ctx.db.selectFrom('periods').selectAll().where('organisation_id', 'in', caller.organisationIds).where('deleted_at', 'is', null)
    .orderBy('from_date').orderBy('id').execute();
  return rows.map((p) => ({ id: p.id, name: p.name, from: p.from_date, to: p.to_date, baseline: p.baseline === 1 }));
}

export async function findPeriod(ctx: AppContext, caller: Caller, id: number): Promise<PeriodOut | null> {
  return (await listPeriods(ctx, caller)).find((p) => p.id === id) ?? null;
}

export interface EventOut { id: number; date: string; title: string; description: string; areas: string[] }

export async function listEvents(ctx: AppContext, caller: Caller): Promise<EventOut[]> {
  const visible = new Set((await scopedAreas(ctx, caller)).map((a) => a.code));
  const rows = await ctx.db.selectFrom('events').selectAll().where('organisation_id', 'in', caller.organisationIds).where('deleted_at', 'is', null)
    .orderBy('date').orderBy('id').execute();
  return rows.map((e) => ({ id: e.id, date: e.date, title: e.title, description: e.description, areas: (JSON.parse(e.areas_json) as string[]).filter((a) => visible.has(a)) }));
}

const idParam = (c: Context<AppEnv>) => {
  const id = Number(c.req.param('id'));
  return Number.isInteger(id) && id > 0 ? id : -1;
};

export function periodRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/periods', requireRole('viewer'), async (c) => c.json(await listPeriods(c.get('ctx'), c.get('caller')!)));

  const save = async (c: Context<AppEnv>, id: number | null) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const body = await jsonBody(c, periodBody);
    if (id !== null && !(await findPeriod(ctx, caller, id))) throw notFound('No such period.');
    const now = new Date().toISOString();
    const saved = await ctx.db.transaction().execute(async (tx) => {
      // One baseline period per organisation: flagging one unflags the others.
      if (body.baseline) await tx.updateTable('periods').set({ baseline: 0 }).where('organisation_id', '=', caller.organisationId).execute();
      if (id === null) {
        return (await tx.insertInto('periods').values({ organisation_id: caller.organisationId, name: body.name, from_date: body.from, to_date: body.to, baseline: body.baseline ? 1 : 0, created_at: now, deleted_at: null })
          .returning('id').executeTakeFirstOrThrow()).id;
      }
      await tx.updateTable('periods').set({ name: body.name, from_date: body.from, to_date: body.to, baseline: body.baseline ? 1 : 0 }).where('id', '=', id).execute();
      return id;
    });
    ctx.dataVersion.value += 1; // defaults and cached figures depend on periods
    await audit(ctx, caller, id === null ? 'period_created' : 'period_updated', `period:${saved}`, body);
    return c.json({ id: saved, ...body }, id === null ? 201 : 200);
  };
  r.post('/periods', requireRole('coordinator'), (c) => save(c, null));
  r.put('/periods/:id', requireRole('coordinator'), (c) => save(c, idParam(c)));
  r.delete('/periods/:id', requireRole('coordinator'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const id = idParam(c);
    const row = await ctx.db.selectFrom('periods').select(['id', 'deleted_at']).where('id', '=', id).where('organisation_id', 'in', caller.organisationIds).executeTakeFirst();
    if (!row) throw notFound('No such period.');
    if (row.deleted_at) throw new HttpProblem(409, 'Conflict', 'This period is already removed.');
    await ctx.db.updateTable('periods').set({ deleted_at: new Date().toISOString() }).where('id', '=', id).execute();
    ctx.dataVersion.value += 1;
    await audit(ctx, caller, 'period_removed', `period:${id}`);
    return c.body(null, 204);
  });

  r.get('/events', requireRole('viewer'), async (c) => c.json(await listEvents(c.get('ctx'), c.get('caller')!)));

  const saveEvent = async (c: Context<AppEnv>, id: number | null) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const body = await jsonBody(c, eventBody);
    const known = new Set((await scopedAreas(ctx, caller)).map((a) => a.code));
    const unknown = body.areas.filter((a) => !known.has(a));
    if (unknown.length) throw new HttpProblem(400, 'Bad Request', `Unknown area(s): ${unknown.join(', ')}.`, { errors: unknown.map((a) => ({ column: 'areas', code: 'unknown_area', message: `Unknown area "${a}".` })) });
    const now = new Date().toISOString();
    let saved = id;
    if (id === null) {
      saved = (await ctx.db.insertInto('events').values({ organisation_id: caller.organisationId, date: body.date, title: body.title, description: body.description, areas_json: JSON.stringify(body.areas), created_at: now, deleted_at: null })
        .returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const res = await ctx.db.updateTable('events').set({ date: body.date, title: body.title, description: body.description, areas_json: JSON.stringify(body.areas) })
        .where('id', '=', id).where('organisation_id', 'in', caller.organisationIds).where('deleted_at', 'is', null).executeTakeFirst();
      if (!res.numUpdatedRows) throw notFound('No such event.');
    }
    ctx.dataVersion.value += 1; // events are drawn on the charts
    await audit(ctx, caller, id === null ? 'event_created' : 'event_updated', `event:${saved}`, body);
    return c.json({ id: saved, ...body }, id === null ? 201 : 200);
  };
  r.post('/events', requireRole('coordinator'), (c) => saveEvent(c, null));
  r.put('/events/:id', requireRole('coordinator'), (c) => saveEvent(c, idParam(c)));
  r.delete('/events/:id', requireRole('coordinator'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const id = idParam(c);
    const row = await ctx.db.selectFrom('events').select(['id', 'deleted_at']).where('id', '=', id).where('organisation_id', 'in', caller.organisationIds).executeTakeFirst();
    if (!row) throw notFound('No such event.');
    if (row.deleted_at) throw new HttpProblem(409, 'Conflict', 'This event is already removed.');
    await ctx.db.updateTable('events').set({ deleted_at: new Date().toISOString() }).where('id', '=', id).execute();
    ctx.dataVersion.value += 1;
    await audit(ctx, caller, 'event_removed', `event:${id}`);
    return c.body(null, 204);
  });
  return r;
}
