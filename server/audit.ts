import type { AppContext } from './context.ts';
import type { Caller } from './domain/types.ts';

/** Appends to the audit log; never updates or deletes. */
export async function audit(ctx: AppContext, caller: Caller | null, action: string, target: string | null, details: object = {}): Promise<void> {
  await ctx.db.insertInto('audit_log').values({
    at: new Date().toISOString(), organisation_id: caller?.organisationId ?? null, user_id: caller?.userId ?? null,
    actor: caller?.email ?? 'anonymous', action, target, details_json: JSON.stringify(details),
  }).execute();
}
