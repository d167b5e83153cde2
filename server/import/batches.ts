import type { AppContext } from '../context.ts';
import type { Caller } from '../domain/types.ts';
import type { ImportReport } from './report.ts';

export interface BatchSummary {
  id: number;
  kind: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  importedBy: string;
  importedAt: string;
  status: 'committed' | 'retracted';
  onConflict: string;
  counts: ImportReport['counts'] | null;
  period: ImportReport['period'] | null;
  retractedAt: string | null;
  retractedBy: string | null;
  retractReason: string | null;
}

/** The import batches a caller may see, newest first (the API and the history page). */
export async function listBatches(ctx: AppContext, caller: Caller): Promise<BatchSummary[]> {
  const rows = await ctx.db.selectFrom('import_batches')
    .select(['id', 'kind', 'file_name', 'size_bytes', 'sha256', 'actor', 'created_at', 'status', 'on_conflict', 'retracted_at', 'retracted_by', 'retract_reason', 'report_json'])
    .where('organisation_id', 'in', caller.organisationIds).orderBy('id', 'desc').execute();
  return rows.map((b) => {
    const rep = JSON.parse(b.report_json) as Partial<ImportReport>;
    return {
      id: b.id, kind: b.kind, fileName: b.file_name, sizeBytes: b.size_bytes, sha256: b.sha256, importedBy: b.actor, importedAt: b.created_at,
      status: b.status, onConflict: b.on_conflict, counts: rep.counts ?? null, period: rep.period ?? null,
      retractedAt: b.retracted_at, retractedBy: b.retracted_by, retractReason: b.retract_reason,
    };
  });
}
