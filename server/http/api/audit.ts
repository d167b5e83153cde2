import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { isoDate, queryParams } from '../validate.ts';

const query = z.object({
  action: z.string().max(64).optional(),
  actor: z.string().max(320).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

/** The audit log for admins: newest first, filtered by action, actor and dates. */
export function auditRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/audit', requireRole('admin'), async (c) => {
    const q = queryParams(c, query);
    const caller = c.get('caller')!;
    let sel = c.get('ctx').db.selectFrom('audit_log').selectAll()
      .where((eb) => eb.or([eb('organisation_id', 'in', caller.organisationIds), eb('organisation_id', 'is', null)]));
    if (q.action) sel = sel.where('action', '=', q.action);
    if (q.actor) sel = sel.where('actor', '=', q.actor.toLowerCase());
    if (q.from) sel = sel.where('at', '>=', q.from);
    if (q.to) sel = sel.where('at', '<', `${q.to}T99`);
    const rows = await sel.orderBy('id', 'desc').limit(q.limit).execute();
    return c.json(rows.map((a) => ({ id: a.id, at: a.at, actor: a.actor, action: a.action, target: a.target, details: JSON.parse(a.details_json) })));
  });
  return r;
}
