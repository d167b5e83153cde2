import type { Hono } from 'hono';
import { PeriodsPage } from '../../../web/pages/periods.tsx';
import { listPeriods } from '../../usecases/periods.ts';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage } from './render.ts';

/** /periods — named periods and the baseline; the page offers coordinators the forms. */
export function periodPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/periods', requireRole('viewer'), async (c) => {
    const periods = await listPeriods(c.get('ctx'), c.get('caller')!);
    return renderPage(c, PeriodsPage, { periods });
  });
  return r;
}
