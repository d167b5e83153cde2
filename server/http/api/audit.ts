import { Hono } from 'hono';
import { z } from 'zod';
import { listAudit } from '../../usecases/audit.ts';
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
  r.get('/audit', requireRole('admin'), async (c) => c.json(await listAudit(c.get('ctx'), c.get('caller')!, queryParams(c, query))));
  return r;
}
