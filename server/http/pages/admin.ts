import type { Hono } from 'hono';
import { z } from 'zod';
import { AdminPage } from '../../../web/pages/admin.tsx';
import { auditActions, auditRows } from '../../usecases/audit.ts';
import { listUsers } from '../../usecases/users.ts';
import { organisationName } from '../../usecases/organisations.ts';
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
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const f = filterSchema.parse(c.req.query());
    const users = await listUsers(ctx, caller);
    const audit = await auditRows(ctx, caller, { ...f, actor: f.actor?.trim().toLowerCase(), limit: 500 });
    const actions = await auditActions(ctx, caller);
    return renderPage(c, AdminPage, {
      organisation: { id: caller.organisationId, name: (await organisationName(ctx, caller)) ?? '' },
      users: users.map((u) => ({ email: u.email, role: u.role, disabled: u.disabled, createdAt: u.createdAt })),
      audit: audit.map((a) => ({ at: a.at, actor: a.actor, action: a.action, target: a.target, details: a.details_json })),
      actions, filter: f,
    });
  });
  return r;
}
