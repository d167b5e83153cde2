import type { AppContext } from '../context.ts';
import { endUserSessions, revokeUserTokens } from '../db/repositories/sessions.repository.ts';
import { findMemberByEmail, findUserById, findUsers, findUsersByEmail, insertUser, updateUser } from '../db/repositories/users.repository.ts';
import type { User } from '../db/schema.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { forgetSessions } from '../auth/sessions.ts';
import type { Caller, Role } from '../domain/types.ts';
import { commit } from './commit.ts';

export interface UserOut { email: string; role: Role; organisation: number; createdAt: string; disabled: boolean }

const userOut = (u: User): UserOut => ({ email: u.email, role: u.role, organisation: u.organisation_id, createdAt: u.created_at, disabled: Boolean(u.disabled_at) });

export async function listUsers(ctx: AppContext, caller: Caller): Promise<UserOut[]> {
  return (await findUsers(ctx.db, caller.organisationIds)).map(userOut);
}

export type UserResult =
  | { ok: true; user: UserOut }
  | { ok: false; reason: 'weak_password'; message: string }
  | { ok: false; reason: 'not_found' | 'organisation_not_found' | 'exists' };

/** Adds a user to one of the caller's organisations (the admin page, the API and `cli user add`). */
export async function createUser(ctx: AppContext, caller: Caller, input: { email: string; role: Role; password: string; organisation?: number; oneTime?: boolean }): Promise<UserResult> {
  const email = input.email.trim().toLowerCase();
  const problem = passwordProblem(input.password);
  if (problem) return { ok: false, reason: 'weak_password', message: problem };
  const org = input.organisation ?? caller.organisationId;
  if (!caller.organisationIds.includes(org)) return { ok: false, reason: 'organisation_not_found' };
  // Accounts are per organisation (organisation + e-mail): whether the e-mail has an account in another
  // organisation changes nothing in the answer, so an admin cannot probe other organisations (issue 16).
  // A new account of an e-mail that has others shares their salt (one scrypt run per login, hashPassword).
  const others = await findUsersByEmail(ctx.db, email);
  const hash = await hashPassword(input.password, others[0]?.password_hash);
  if (others.some((u) => u.organisation_id === org)) return { ok: false, reason: 'exists' };
  const id = await commit(ctx, caller, async (tx) => ({
    result: await insertUser(tx, { organisation_id: org, email, role: input.role, password_hash: hash, created_at: new Date().toISOString(), disabled_at: null, must_change_password: input.oneTime ? 1 : 0 }),
    audit: { action: 'user_created', target: `user:${email}`, details: { role: input.role, organisation: org } },
  }), { figures: false });
  return { ok: true, user: userOut((await findUserById(ctx.db, id))!) };
}

/** The hash of another account of the same e-mail (its salt is shared: hashPassword), if any. */
export async function saltPartner(ctx: AppContext, email: string, exceptId: number): Promise<string | undefined> {
  return (await findUsersByEmail(ctx.db, email)).find((u) => u.id !== exceptId)?.password_hash;
}

/** A user of the caller's organisations, or null. */
export async function findUser(ctx: AppContext, caller: Caller, email: string): Promise<UserOut | null> {
  const u = await findMemberByEmail(ctx.db, caller.organisationIds, email.toLowerCase());
  return u ? userOut(u) : null;
}

/**
 * Changes a user's role, password or disabled flag. A disabled user's sessions end; a reset password
 * ends all of the user's sessions and revokes their API tokens (the audit row counts both).
 */
export async function updateMember(ctx: AppContext, caller: Caller, email: string, change: { role?: Role; password?: string; disabled?: boolean }): Promise<UserResult> {
  const u = await findMemberByEmail(ctx.db, caller.organisationIds, email.toLowerCase());
  if (!u) return { ok: false, reason: 'not_found' };
  if (change.password !== undefined) {
    const problem = passwordProblem(change.password);
    if (problem) return { ok: false, reason: 'weak_password', message: problem };
  }
  const hash = change.password !== undefined ? await hashPassword(change.password, await saltPartner(ctx, u.email, u.id)) : undefined;
  await commit(ctx, caller, async (tx) => {
    await updateUser(tx, u.id, {
      ...(change.role ? { role: change.role } : {}),
      ...(hash !== undefined ? { password_hash: hash } : {}),
      ...(change.disabled !== undefined ? { disabled_at: change.disabled ? new Date().toISOString() : null } : {}),
    });
    const now = new Date().toISOString();
    const reset = hash !== undefined;
    const sessionsEnded = change.disabled || reset ? await endUserSessions(tx, u.id, now) : 0;
    const tokensRevoked = reset ? await revokeUserTokens(tx, u.id, now) : 0;
    return {
      result: undefined,
      audit: { action: 'user_updated', target: `user:${u.email}`, details: { role: change.role, passwordChanged: reset, disabled: change.disabled, ...(reset ? { sessionsEnded, tokensRevoked } : {}) } },
    };
  }, { figures: false });
  forgetSessions(ctx);
  return { ok: true, user: userOut((await findUserById(ctx.db, u.id))!) };
}

export async function disableMember(ctx: AppContext, caller: Caller, email: string): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'already_disabled' | 'self' }> {
  const u = await findMemberByEmail(ctx.db, caller.organisationIds, email.toLowerCase());
  if (!u) return { ok: false, reason: 'not_found' };
  if (u.disabled_at) return { ok: false, reason: 'already_disabled' };
  if (u.id === caller.userId) return { ok: false, reason: 'self' };
  await commit(ctx, caller, async (tx) => {
    const now = new Date().toISOString();
    await updateUser(tx, u.id, { disabled_at: now });
    await endUserSessions(tx, u.id, now);
    return { result: undefined, audit: { action: 'user_disabled', target: `user:${u.email}` } };
  }, { figures: false });
  forgetSessions(ctx);
  return { ok: true };
}
