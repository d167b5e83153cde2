import type { Hono } from 'hono';
import { HelpPage } from '../../../web/pages/help.tsx';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage } from './render.ts';

/** /help — the help page with the glossary (every signed-in role). */
export function helpPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/help', requireRole('viewer'), (c) => renderPage(c, HelpPage, {}));
  return r;
}
