import type { Hono } from 'hono';
import { AccountPage, type TokenRow } from '../../../web/pages/account.tsx';
import { listTokens } from '../../usecases/auth.ts';
import { organisationName } from '../../usecases/organisations.ts';
import { requireRole } from '../middleware/auth.ts';
import { ROLE_RANK, type AppEnv } from '../types.ts';
import { pageRoutes, renderPage } from './render.ts';

/** Own account: password for everyone, API tokens for coordinators and admins. */
export function accountPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/account', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const tokens: TokenRow[] | null = ROLE_RANK[caller.role] >= ROLE_RANK.coordinator ? await listTokens(ctx, caller) : null;
    const organisation = await organisationName(ctx, caller);
    return renderPage(c, AccountPage, { organisation: organisation ?? '', tokens });
  });
  return r;
}
