import type { Db } from '../connection.ts';

export interface AuditRow {
  organisationId: number | null;
  userId: number | null;
  actor: string;
  action: string;
  target: string | null;
  details: object;
}

/** Appends to the audit log; never updates or deletes. */
export async function insertAudit(db: Db, row: AuditRow, at = new Date().toISOString()): Promise<void> {
  await db.insertInto('audit_log').values({
    at, organisation_id: row.organisationId, user_id: row.userId, actor: row.actor, action: row.action,
    target: row.target, details_json: JSON.stringify(row.details),
  }).execute();
}

export interface AuditFilter {
  organisationIds: number[];
  /** Rows that concern no organisation (failed logins of unknown e-mails, with IPs): the instance admin's only. */
  includeUnowned: boolean;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit: number;
}

/**
 * Changes to what every organisation shares (the catalogue's default): they concern everyone, so every
 * organisation's log shows them.
 */
export const SHARED_ACTIONS = ['substance_updated'] as const;

/** Newest first: rows of the given organisations, changes to what all share, and (for the instance admin) rows without an organisation. */
export async function findAudit(db: Db, f: AuditFilter) {
  let sel = db.selectFrom('audit_log').selectAll()
    .where((eb) => eb.or([
      eb('organisation_id', 'in', f.organisationIds),
      eb('action', 'in', [...SHARED_ACTIONS]),
      ...(f.includeUnowned ? [eb('organisation_id', 'is', null)] : []),
    ]));
  if (f.action) sel = sel.where('action', '=', f.action);
  if (f.actor) sel = sel.where('actor', '=', f.actor);
  if (f.from) sel = sel.where('at', '>=', f.from);
  if (f.to) sel = sel.where('at', '<', `${f.to}T99`);
  return sel.orderBy('id', 'desc').limit(f.limit).execute();
}

/** The distinct actions in the log of the given organisations (the admin page's filter). */
export async function findAuditActions(db: Db, organisationIds: number[], includeUnowned: boolean): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct()
    .where((eb) => eb.or([
      eb('organisation_id', 'in', organisationIds),
      eb('action', 'in', [...SHARED_ACTIONS]),
      ...(includeUnowned ? [eb('organisation_id', 'is', null)] : []),
    ])).orderBy('action').execute();
  return rows.map((r) => r.action);
}
