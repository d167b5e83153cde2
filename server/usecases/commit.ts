import type { Transaction } from 'kysely';
import type { AppContext } from '../context.ts';
import { insertAudit } from '../db/repositories/audit.repository.ts';
import { bumpDataVersion } from '../db/repositories/data-version.repository.ts';
import type { Database } from '../db/schema.ts';
import type { Caller } from '../domain/types.ts';
import { noteDataVersion } from './cache.ts';

export type Tx = Transaction<Database>;

/** What a change writes to the audit log. */
export interface AuditEntry {
  action: string;
  target: string | null;
  details?: object;
}

export interface CommitOptions {
  /**
   * Whether figures (statistics, charts, reports) can depend on the change; if so the stored data
   * version is bumped and every process's caches drop. Accounts and tokens do not touch figures.
   */
  figures?: boolean;
}

/**
 * The one path for data changes: runs `change` in a transaction, writes its audit row and (for
 * changes figures depend on) bumps the data version stored in the database — all or nothing.
 * `change` returns its result and the audit entry, or `audit: null` when it changed nothing.
 */
export async function commit<T>(
  ctx: AppContext, caller: Caller | null, change: (tx: Tx) => Promise<{ result: T; audit: AuditEntry | null }>, opts: CommitOptions = {},
): Promise<T> {
  const figures = opts.figures ?? true;
  const { result, version } = await ctx.db.transaction().execute(async (tx) => {
    const { result, audit } = await change(tx);
    if (!audit) return { result, version: null };
    await insertAudit(tx, {
      organisationId: caller?.organisationId ?? null, userId: caller?.userId ?? null, actor: caller?.email ?? 'anonymous',
      action: audit.action, target: audit.target, details: audit.details ?? {},
    });
    return { result, version: figures ? await bumpDataVersion(tx) : null };
  });
  if (version !== null) noteDataVersion(ctx, version);
  return result;
}
