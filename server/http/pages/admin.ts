import type { Hono } from 'hono';
import { z } from 'zod';
import { AdminPage } from '../../../web/pages/admin.tsx';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage } from './render.ts';

const filterSchema = z.object({
  action: z.string().max(64).optional().catch(undefined),
  actor: z.string().max(320).optional().catch(undefined),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
});

/** Users and the audit log, for admins. */
export function adminPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/admin', requireRole('admin'), async (c) => {
    const db = c.get('ctx').db;
    const caller = c.get('caller')!;
    const f = filterSchema.parse(c.req.query());
    const users = await db.selectFrom('users').selectAll().where('organisation_id', 'in', caller.organisationIds).orderBy('email').execute();
    const scope = (q: ReturnType<typeof base>) => q.where((eb) => eb.or([eb('organisation_id', 'in', caller.organisationIds), eb('organisation_id', 'is', null)]));
    const base = () => db.selectFrom('audit_log');
    let q = scope(base()).selectAll();
    if (f.action) q = q.where('action', '=', f.action);
    if (f.actor) q = q.where('actor', '=', f.actor.trim().toLowerCase());
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<', `${f.to}T99`);
    const audit = await q.orderBy('id', 'desc').limit(500).execute();
    const actions = (await scope(base()).select('action').distinct().orderBy('action').execute()).map((a) => a.action);
    return renderPage(c, AdminPage, {
      users: users.map((u) => ({ email: u.email, role: u.role, disabled: Boolean(u.disabled_at), createdAt: u.created_at })),
      audit: audit.map((a) => ({ at: a.at, actor: a.actor, action: a.action, target: a.target, details: a.details_json })),
      actions, filter: f,
    });
  });
  return r;
}
