import type { AppContext } from '../context.ts';
import { findOrganisation, renameOrganisationRow } from '../db/repositories/organisations.repository.ts';
import { endUserSessions } from '../db/repositories/sessions.repository.ts';
import { updateUser } from '../db/repositories/users.repository.ts';
import { hashPassword, passwordProblem, sha256Hex } from '../auth/password.ts';
import { forgetSessions } from '../auth/sessions.ts';
import type { Caller } from '../domain/types.ts';
import { commit } from './commit.ts';

/**
 * The first hour: a database started without ORGANISATION_NAME has an organisation with no name,
 * and a first admin with a printed one-time password. Before anything else the admin names the
 * municipality (or county) and replaces the password; any user with a one-time password replaces it.
 */
export interface SetupNeeds { organisationName: boolean; password: boolean; organisationKind: 'municipality' | 'county' }

export async function setupNeeds(ctx: AppContext, caller: Caller): Promise<SetupNeeds> {
  const org = await findOrganisation(ctx.db, caller.organisationId);
  return {
    organisationName: caller.role === 'admin' && !org?.name.trim(),
    password: Boolean(caller.mustChangePassword),
    organisationKind: org?.kind ?? 'municipality',
  };
}

export type SetupResult =
  | { ok: true }
  | { ok: false; reason: 'name_required' | 'password_required' }
  | { ok: false; reason: 'weak_password'; message: string };

/** Saves what the first-run page asked for; the caller's other sessions end when the password changes. */
export async function completeSetup(ctx: AppContext, caller: Caller, input: { organisationName?: string; kind?: 'municipality' | 'county'; newPassword?: string; currentCookie?: string }): Promise<SetupResult> {
  const needs = await setupNeeds(ctx, caller);
  const name = input.organisationName?.trim();
  if (needs.organisationName && !name) return { ok: false, reason: 'name_required' };
  if (needs.password && !input.newPassword) return { ok: false, reason: 'password_required' };
  if (input.newPassword !== undefined) {
    const problem = passwordProblem(input.newPassword);
    if (problem) return { ok: false, reason: 'weak_password', message: problem };
  }
  const hash = needs.password && input.newPassword ? await hashPassword(input.newPassword) : null;
  const userId = caller.userId;
  await commit(ctx, caller, async (tx) => {
    if (needs.organisationName && name) {
      await renameOrganisationRow(tx, caller.organisationId, name, input.kind);
    }
    if (hash && userId !== null) {
      await updateUser(tx, userId, { password_hash: hash, must_change_password: 0 });
      await endUserSessions(tx, userId, new Date().toISOString(), input.currentCookie ? sha256Hex(input.currentCookie) : '');
    }
    return { result: undefined, audit: { action: 'first_run_completed', target: `organisation:${caller.organisationId}`, details: { name: needs.organisationName ? name : undefined, passwordChanged: Boolean(hash) } } };
  }, { figures: needs.organisationName });
  forgetSessions(ctx);
  return { ok: true };
}

/** Renames one of the caller's organisations (administration page); the name heads charts and reports. */
export async function renameOrganisation(ctx: AppContext, caller: Caller, id: number, name: string): Promise<{ ok: true } | { ok: false; reason: 'not_found' }> {
  if (!caller.organisationIds.includes(id)) return { ok: false, reason: 'not_found' };
  const before = (await findOrganisation(ctx.db, id))?.name ?? '';
  await commit(ctx, caller, async (tx) => {
    await renameOrganisationRow(tx, id, name);
    return { result: undefined, audit: { action: 'organisation_renamed', target: `organisation:${id}`, details: { from: before, to: name } } };
  }, { figures: true });
  return { ok: true };
}
