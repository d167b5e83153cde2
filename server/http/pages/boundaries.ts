import type { Hono } from 'hono';
import { BoundariesPage } from '../../../web/pages/boundaries.tsx';
import { listBoundaries } from '../../usecases/boundaries.ts';
import { scopedAreas } from '../../usecases/scope.ts';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage } from './render.ts';

/** /boundaries — the areas' shapes for the map: upload form and list (coordinators). */
export function boundaryPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/boundaries', requireRole('coordinator'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const boundaries = await listBoundaries(ctx, caller);
    const have = new Set(boundaries.map((b) => b.code));
    const without = (await scopedAreas(ctx, caller)).map((a) => a.code).filter((code) => !have.has(code));
    return renderPage(c, BoundariesPage, { boundaries, without });
  });
  return r;
}
