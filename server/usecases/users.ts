import type { AppContext } from '../context.ts';
import { endUserSessions, revokeUserTokens } from '../db/repositories/sessions.repository.ts';
import { findMemberByEmail, findUserByEmail, findUserById, findUsers, insertUser, updateUser } from '../db/repositories/users.repository.ts';
import type { User } from '../db/schema.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { forgetSessions } from '../auth/sessions.ts';
import type { Caller, Role } from '../domain/types.ts';
import { commit } from './commit.ts';
import { insertAudit } from '../db/repositories/audit.repository.ts';

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
  // The hash first, whatever follows: a taken e-mail answers no faster than a new one.
  const hash = await hashPassword(input.password);
  const taken = await findUserByEmail(ctx.db, email);
  if (taken) {
    // E-mails are login names, unique in the installation. The answer is the same whether the account is
    // in the caller's organisations or elsewhere (no organisation named); an attempt on an account the caller
    // cannot see is recorded for the instance admin only (organisation null), so that probing shows.
    if (!caller.organisationIds.includes(taken.organisation_id)) {
      await insertAudit(ctx.db, { organisationId: null, userId: caller.userId, actor: caller.email, action: 'user_create_refused', target: `user:${email}`, details: { organisation: org } });
    }
    return { ok: false, reason: 'exists' };
  }
  const id = await commit(ctx, caller, async (tx) => ({
    result: await insertUser(tx, { organisation_id: org, email, role: input.role, password_hash: hash, created_at: new Date().toISOString(), disabled_at: null, must_change_password: input.oneTime ? 1 : 0 }),
    audit: { action: 'user_created', target: `user:${email}`, details: { role: input.role, organisation: org } },
  }), { figures: false });
  return { ok: true, user: userOut((await findUserById(ctx.db, id))!) };
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
  const hash = change.password !== undefined ? await hashPassword(change.password) : undefined;
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
