import type { AppContext } from '../context.ts';
import { findOrganisation, findOrganisations, insertOrganisation } from '../db/repositories/organisations.repository.ts';
import { forgetSessions } from '../auth/sessions.ts';
import type { Caller } from '../domain/types.ts';
import { commit } from './commit.ts';

export interface OrganisationOut { id: number; name: string; kind: 'municipality' | 'county'; parent: number | null }

export async function listOrganisations(ctx: AppContext, caller: Caller): Promise<OrganisationOut[]> {
  return (await findOrganisations(ctx.db, caller.organisationIds)).map((o) => ({ id: o.id, name: o.name, kind: o.kind, parent: o.parent_id }));
}

/** The caller's own organisation's name (pages and reports). */
export async function organisationName(ctx: AppContext, caller: Caller): Promise<string | null> {
  return (await findOrganisation(ctx.db, caller.organisationId))?.name ?? null;
}

export async function createOrganisation(ctx: AppContext, caller: Caller, input: { name: string; kind: 'municipality' | 'county'; parent?: number | null }): Promise<
  { ok: true; organisation: OrganisationOut } | { ok: false; reason: 'parent_not_found' }
> {
  if (input.parent != null && !caller.organisationIds.includes(input.parent)) return { ok: false, reason: 'parent_not_found' };
  const row = await commit(ctx, caller, async (tx) => {
    const row = await insertOrganisation(tx, { name: input.name, kind: input.kind, parent_id: input.parent ?? null, created_at: new Date().toISOString() });
    return { result: row, audit: { action: 'organisation_created', target: `organisation:${row.id}`, details: input } };
  });
  forgetSessions(ctx);
  return { ok: true, organisation: { id: row.id, name: row.name, kind: row.kind, parent: row.parent_id } };
}
