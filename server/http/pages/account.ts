import type { Hono } from 'hono';
import { AccountPage, type TokenRow } from '../../../web/pages/account.tsx';
import { requireRole } from '../middleware/auth.ts';
import { ROLE_RANK, type AppEnv } from '../types.ts';
import { pageRoutes, renderPage } from './render.ts';

/** Own account: password for everyone, API tokens for coordinators and admins. */
export function accountPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/account', requireRole('viewer'), async (c) => {
    const db = c.get('ctx').db;
    const caller = c.get('caller')!;
    const org = await db.selectFrom('organisations').select('name').where('id', '=', caller.organisationId).executeTakeFirst();
    let tokens: TokenRow[] | null = null;
    if (ROLE_RANK[caller.role] >= ROLE_RANK.coordinator) {
      const rows = await db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
        .where('user_id', '=', caller.userId ?? -1).orderBy('id').execute();
      tokens = rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at, lastUsedAt: t.last_used_at, revokedAt: t.revoked_at }));
    }
    return renderPage(c, AccountPage, { organisation: org?.name ?? '', tokens });
  });
  return r;
}
