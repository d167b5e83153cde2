import type { Hono } from 'hono';
import { ImportsPage, type BatchRow } from '../../../web/pages/imports.tsx';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { pageRoutes, renderPage } from './render.ts';

/** Import history, newest first, as GET /api/v1/imports lists it. */
export function importPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/imports', requireRole('coordinator'), async (c) => {
    const caller = c.get('caller')!;
    const rows = await c.get('ctx').db.selectFrom('import_batches')
      .select(['id', 'kind', 'file_name', 'actor', 'created_at', 'status', 'retracted_at', 'retracted_by', 'retract_reason', 'report_json'])
      .where('organisation_id', 'in', caller.organisationIds).orderBy('id', 'desc').execute();
    const batches = rows.map((b): BatchRow => {
      const rep = JSON.parse(b.report_json) as { counts?: BatchRow['counts']; period?: BatchRow['period'] };
      return {
        id: b.id, kind: b.kind, fileName: b.file_name, importedBy: b.actor, importedAt: b.created_at, status: b.status,
        counts: rep.counts ?? null, period: rep.period ?? null, retractedAt: b.retracted_at, retractedBy: b.retracted_by, retractReason: b.retract_reason,
      };
    });
    return renderPage(c, ImportsPage, { batches });
  });
  return r;
}
