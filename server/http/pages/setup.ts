import type { Hono } from 'hono';
import { SetupPage } from '../../../web/pages/setup.tsx';
import { setupNeeds } from '../../usecases/first-run.ts';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { localPath, pageRoutes, renderPage } from './render.ts';

/** The first-run page (see middleware/first-run.ts); with nothing left to ask it goes on to `next`. */
export function setupPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/setup', requireRole('viewer'), async (c) => {
    const needs = await setupNeeds(c.get('ctx'), c.get('caller')!);
    const next = localPath(c.req.query('next'));
    if (!needs.organisationName && !needs.password) return c.redirect(next, 303);
    return renderPage(c, SetupPage, { askName: needs.organisationName, askPassword: needs.password, kind: needs.organisationKind, next: next === '/setup' ? '/' : next });
  });
  return r;
}
