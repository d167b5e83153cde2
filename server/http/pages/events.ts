import type { Hono } from 'hono';
import { EventsPage } from '../../../web/pages/events.tsx';
import { scopedAreas } from '../../usecases/scope.ts';
import { listEvents } from '../../usecases/periods.ts';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { withheldInfo } from '../../usecases/dashboard.ts';
import { pageRoutes, renderPage } from './render.ts';

/** /events — interventions; the page offers coordinators the forms (the API guards the writes). */
export function eventPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/events', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const events = [...(await listEvents(ctx, caller))].reverse(); // newest first
    const areas = (await scopedAreas(ctx, caller)).map((a) => ({ code: a.code, name: a.name }));
    return renderPage(c, EventsPage, { events, areas, ...(await withheldInfo(ctx, caller)) });
  });
  return r;
}
