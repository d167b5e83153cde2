import type { AppContext } from '../context.ts';
import { findAudit, findAuditActions, insertAudit } from '../db/repositories/audit.repository.ts';
import type { Caller } from '../domain/types.ts';
import { isInstanceAdmin } from './scope.ts';

/** Appends to the audit log outside a data change (reports, logins); changes go through commit(). */
export async function audit(ctx: AppContext, caller: Caller | null, action: string, target: string | null, details: object = {}): Promise<void> {
  await insertAudit(ctx.db, { organisationId: caller?.organisationId ?? null, userId: caller?.userId ?? null, actor: caller?.email ?? 'anonymous', action, target, details });
}

export interface AuditEntryOut { id: number; at: string; actor: string; action: string; target: string | null; details: unknown }

/** Which actions the caller's log holds (to filter by). */
export async function auditActions(ctx: AppContext, caller: Caller): Promise<string[]> {
  return findAuditActions(ctx.db, caller.organisationIds, await isInstanceAdmin(ctx, caller));
}

/** The raw rows (details as stored JSON text) for the admin page. */
export async function auditRows(ctx: AppContext, caller: Caller, q: { action?: string; actor?: string; from?: string; to?: string; limit: number }) {
  return findAudit(ctx.db, { ...q, organisationIds: caller.organisationIds, includeUnowned: await isInstanceAdmin(ctx, caller) });
}

/** The audit log for admins: newest first, filtered by action, actor and dates. */
export async function listAudit(ctx: AppContext, caller: Caller, q: { action?: string; actor?: string; from?: string; to?: string; limit: number }): Promise<AuditEntryOut[]> {
  const rows = await findAudit(ctx.db, { ...q, actor: q.actor?.toLowerCase(), organisationIds: caller.organisationIds, includeUnowned: await isInstanceAdmin(ctx, caller) });
  return rows.map((a) => ({ id: a.id, at: a.at, actor: a.actor, action: a.action, target: a.target, details: JSON.parse(a.details_json) as unknown }));
}
