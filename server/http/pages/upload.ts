import type { Hono } from 'hono';
import { UPLOAD_KINDS, UploadPage, type UploadKind } from '../../../web/pages/upload.tsx';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage } from './render.ts';

/** The upload page; `?kind=areas` preselects the kind (links from the areas page). */
export function uploadPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/upload', requireRole('coordinator'), async (c) => {
    const asked = c.req.query('kind') ?? '';
    const kind: UploadKind = (UPLOAD_KINDS as readonly string[]).includes(asked) ? (asked as UploadKind) : '';
    return renderPage(c, UploadPage, { kind });
  });
  return r;
}
