import type { Hono } from 'hono';
import { ImportsPage, type BatchRow } from '../../../web/pages/imports.tsx';
import { requireRole } from '../middleware/auth.ts';
import { listBatches, listRejected } from '../../usecases/imports.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage } from './render.ts';

/** Import history, newest first, as GET /api/v1/imports lists it. */
export function importPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/imports', requireRole('coordinator'), async (c) => {
    const batches: BatchRow[] = await listBatches(c.get('ctx'), c.get('caller')!);
    return renderPage(c, ImportsPage, { batches, refused: await listRejected(c.get('ctx'), c.get('caller')!) });
  });
  return r;
}
