import { sql } from 'kysely';
import path from 'node:path';
import fs from 'node:fs';
import type { AppContext } from '../context.ts';
import { insertAudit } from '../db/repositories/audit.repository.ts';
import { findBatch, findBatches, retractBatchRows } from '../db/repositories/import-batches.repository.ts';
import type { Caller } from '../domain/types.ts';
import type { ImportKind } from '../import/columns.ts';
import { runImport, type ImportOutcome } from '../import/importer.ts';
import { collectGarbage } from '../import/memory.ts';
import type { ImportIssue, ImportReport, OnConflict } from '../import/report.ts';
import { findAudit } from '../db/repositories/audit.repository.ts';
import { noteDataVersion } from './cache.ts';
import { commit } from './commit.ts';
import { syncDetectedCampaigns } from './campaigns-sync.ts';

export type { ImportOutcome } from '../import/importer.ts';

export interface ImportInput {
  /** The upload, already stored under DATA_DIR/uploads (the caller removes it afterwards). */
  filePath: string;
  fileName: string;
  kind?: ImportKind;
  dryRun?: boolean;
  onConflict?: OnConflict;
}

/**
 * Imports a file for the caller's organisation (web page, API and CLI). The importer writes in
 * one transaction of its own (bulk statements), which also writes the audit row and bumps the
 * stored data version.
 */
export async function importFile(ctx: AppContext, caller: Caller, input: ImportInput): Promise<ImportOutcome> {
  const out = await runImport(ctx, {
    ...input, organisationId: caller.organisationId, organisationIds: caller.organisationIds, actor: { userId: caller.userId, email: caller.email },
  });
  if (out.outcome === 'committed') {
    noteDataVersion(ctx, out.dataVersion);
    collectGarbage(); // the import's garbage, before the sync reads every measured day back
    // In turn with imports, so two deliveries cannot both add the same detected campaign.
    await ctx.importLock.run(() => syncDetectedCampaigns(ctx, caller, caller.organisationIds));
  }
  if (out.outcome === 'rejected' && !input.dryRun) await recordRejected(ctx, caller, out.report); // a dry run leaves no trace
  return out;
}

/** At most this many issues are kept with a refused attempt (its error list for the lab). */
const KEPT_ISSUES = 1000;

/** A refused import leaves no batch, but a trace in the history: who, when, which file, what was wrong. */
async function recordRejected(ctx: AppContext, caller: Caller, report: ImportReport): Promise<void> {
  const errors = report.issues.filter((i) => i.severity === 'error').length + report.issuesOmitted;
  await commit(ctx, caller, async () => ({
    result: undefined,
    audit: {
      action: 'import_rejected', target: null,
      details: {
        fileName: report.fileName, kind: report.kind, sha256: report.sha256, sizeBytes: report.sizeBytes, errors,
        issues: report.issues.slice(0, KEPT_ISSUES).map((i) => ({ row: i.row, column: i.column, severity: i.severity, code: i.code, message: i.message, value: i.value, suggestions: i.suggestions, batches: i.batches })),
      },
    },
  }), { figures: false });
}

export interface RejectedAttempt { id: number; fileName: string; kind: string | null; by: string; at: string; errors: number }

/** Refused imports, newest first (the history page and GET /api/v1/import-attempts). */
export async function listRejected(ctx: AppContext, caller: Caller): Promise<RejectedAttempt[]> {
  const rows = await findAudit(ctx.db, { organisationIds: caller.organisationIds, action: 'import_rejected', limit: 200, includeUnowned: false });
  return rows.filter((r) => r.organisation_id !== null).map((r) => {
    const d = JSON.parse(r.details_json) as { fileName?: string; kind?: string | null; errors?: number };
    return { id: r.id, fileName: d.fileName ?? '', kind: d.kind ?? null, by: r.actor, at: r.at, errors: d.errors ?? 0 };
  });
}

/** The issues of a refused attempt (`id` from listRejected) or of a batch, or null when the caller may not see it. */
export async function importIssues(ctx: AppContext, caller: Caller, ref: { attempt: number } | { batch: number }): Promise<{ fileName: string; issues: ImportIssue[] } | null> {
  if ('attempt' in ref) {
    const row = (await findAudit(ctx.db, { organisationIds: caller.organisationIds, action: 'import_rejected', limit: 200, includeUnowned: false }))
      .find((r) => r.id === ref.attempt && r.organisation_id !== null);
    if (!row) return null;
    const d = JSON.parse(row.details_json) as { fileName?: string; issues?: ImportIssue[] };
    return { fileName: d.fileName ?? '', issues: d.issues ?? [] };
  }
  const b = await findBatch(ctx.db, caller.organisationIds, ref.batch);
  if (!b) return null;
  return { fileName: b.file_name, issues: (JSON.parse(b.report_json) as Partial<ImportReport>).issues ?? [] };
}

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
  const rows = await findBatches(ctx.db, caller.organisationIds);
  return rows.map((b) => {
    const rep = JSON.parse(b.report_json) as Partial<ImportReport>;
    return {
      id: b.id, kind: b.kind, fileName: b.file_name, sizeBytes: b.size_bytes, sha256: b.sha256, importedBy: b.actor, importedAt: b.created_at,
      status: b.status, onConflict: b.on_conflict, counts: rep.counts ?? null, period: rep.period ?? null,
      retractedAt: b.retracted_at, retractedBy: b.retracted_by, retractReason: b.retract_reason,
    };
  });
}

/** One batch's stored report with its history, or null when the caller may not see it. */
export async function batchDetails(ctx: AppContext, caller: Caller, id: number): Promise<Record<string, unknown> | null> {
  const b = await findBatch(ctx.db, caller.organisationIds, id);
  if (!b) return null;
  return { ...JSON.parse(b.report_json), id: b.id, status: b.status, importedBy: b.actor, importedAt: b.created_at, retractedAt: b.retracted_at, retractedBy: b.retracted_by, retractReason: b.retract_reason };
}

/** The kept original of a batch. */
export async function originalFile(ctx: AppContext, caller: Caller, id: number): Promise<
  { ok: true; path: string; fileName: string; sizeBytes: number } | { ok: false; reason: 'not_found' | 'file_missing' }
> {
  const b = await findBatch(ctx.db, caller.organisationIds, id);
  if (!b) return { ok: false, reason: 'not_found' };
  const file = path.join(ctx.config.dataDir, b.file_path);
  if (!b.file_path || !fs.existsSync(file)) return { ok: false, reason: 'file_missing' };
  return { ok: true, path: file, fileName: b.file_name, sizeBytes: b.size_bytes };
}

export type RetractResult =
  | { ok: true; measurements: number; flows: number; restored: number }
  | { ok: false; reason: 'not_found' | 'already_retracted' | 'not_retractable'; message: string };

/**
 * Retracts a batch: its rows leave every figure, values it had replaced come back, nothing is
 * erased. One transaction, taken in turn with imports.
 */
export async function retractBatch(ctx: AppContext, caller: Caller, batchId: number, reason: string): Promise<RetractResult> {
  const res = await retractBatchOnly(ctx, caller, batchId, reason);
  if (res.ok) await ctx.importLock.run(() => syncDetectedCampaigns(ctx, caller, caller.organisationIds));
  return res;
}

async function retractBatchOnly(ctx: AppContext, caller: Caller, batchId: number, reason: string): Promise<RetractResult> {
  return ctx.importLock.run(() => commit<RetractResult>(ctx, caller, async (tx) => {
    let batch = await findBatch(tx, caller.organisationIds, batchId);
    if (batch && ctx.store?.kind === 'postgres') {
      // Other instances: wait for imports and retractions of this organisation (the importer's lock), then read again.
      await sql`select pg_advisory_xact_lock(hashtext('lagesbild-import'), ${batch.organisation_id})`.execute(tx);
      batch = await findBatch(tx, caller.organisationIds, batchId);
    }
    if (!batch) return { result: { ok: false, reason: 'not_found', message: 'No such import batch.' }, audit: null };
    if (batch.status === 'retracted') return { result: { ok: false, reason: 'already_retracted', message: `Batch ${batchId} is already retracted.` }, audit: null };
    if (batch.kind === 'areas') return { result: { ok: false, reason: 'not_retractable', message: 'An areas import cannot be retracted; edit the areas instead (their history is kept).' }, audit: null };
    const counts = await retractBatchRows(tx, batchId, caller.email, reason, new Date().toISOString());
    // A county retracting a municipality's batch: the municipality's own log shows it too.
    if (batch.organisation_id !== caller.organisationId) {
      await insertAudit(tx, {
        organisationId: batch.organisation_id, userId: caller.userId, actor: caller.email, action: 'retract', target: `batch:${batchId}`,
        details: { reason, fileName: batch.file_name, ...counts, byOrganisation: caller.organisationId },
      });
    }
    return { result: { ok: true, ...counts }, audit: { action: 'retract', target: `batch:${batchId}`, details: { reason, fileName: batch.file_name, ...counts } } };
  }));
}
