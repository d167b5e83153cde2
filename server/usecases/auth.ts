import type { AppContext } from '../context.ts';
import { insertAudit } from '../db/repositories/audit.repository.ts';
import { findOrganisation } from '../db/repositories/organisations.repository.ts';
import { endUserSessions, findUserToken, findUserTokens, revokeUserTokens, setTokenRevoked } from '../db/repositories/sessions.repository.ts';
import { findUserById, findUsersByEmail, updateUser } from '../db/repositories/users.repository.ts';
import { HashBusyError, hashPassword, matchPassword, passwordProblem, sha256Hex, verifyPassword } from '../auth/password.ts';
import { createApiToken, createSession, endSession, forgetSessions } from '../auth/sessions.ts';
import { beginLogin, settleLogin } from '../auth/throttle.ts';
import type { Caller } from '../domain/types.ts';
import { commit } from './commit.ts';

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; reason: 'throttled'; retryAfter: number }
  /** Too many password checks at once (HashBusyError): try again shortly. */
  | { ok: false; reason: 'busy'; retryAfter: number }
  | { ok: false; reason: 'wrong_credentials' };

/** Checks a login; the same answer and about the same time for unknown users and wrong passwords. */
export async function login(ctx: AppContext, email: string, password: string, ip: string): Promise<LoginResult> {
  const norm = email.trim().toLowerCase();
  const attempt = await beginLogin(ctx, norm, ip);
  if (!attempt.ok) return { ok: false, reason: 'throttled', retryAfter: attempt.retryAfter };
  // An e-mail may have an account in several organisations (issue 16); they share one salt, so one
  // scrypt run checks them all (matchPassword), and the password says which account is meant (the
  // oldest if two had the same password). Disabled accounts take no part.
  const all = await findUsersByEmail(ctx.db, norm);
  const accounts = all.filter((u) => !u.disabled_at);
  let user: (typeof accounts)[number] | undefined;
  let good: boolean;
  try {
    const hit = await matchPassword(password, accounts.map((u) => u.password_hash));
    user = hit >= 0 ? accounts[hit] : accounts[0];
    good = hit >= 0;
  } catch (e) {
    await settleLogin(ctx, attempt.id, 'void');
    if (e instanceof HashBusyError) return { ok: false, reason: 'busy', retryAfter: e.retryAfter };
    throw e;
  }
  const success = Boolean(user && good && !user.disabled_at);
  await settleLogin(ctx, attempt.id, success ? 'success' : 'failure');
  // A failure is logged for every organisation with an account of that e-mail (each sees what it
  // would see were the account its alone); a success for the account's own; an unknown e-mail for none.
  const orgs = success ? [user!.organisation_id] : all.length ? [...new Set(all.map((u) => u.organisation_id))] : [null];
  for (const organisationId of orgs) {
    await insertAudit(ctx.db, {
      organisationId, userId: success ? user!.id : null, actor: norm,
      action: success ? 'login' : 'login_failed', target: null, details: { ip },
    });
  }
  return success ? { ok: true, userId: user!.id } : { ok: false, reason: 'wrong_credentials' };
}

/** Logs in and starts a fresh session (ending `previousCookie`'s, if any). */
export async function startSession(ctx: AppContext, input: { email: string; password: string; ip: string; previousCookie?: string }): Promise<
  (LoginResult & { ok: false }) | { ok: true; cookieValue: string; csrfToken: string }
> {
  if (input.previousCookie) await endSession(ctx, input.previousCookie);
  const result = await login(ctx, input.email, input.password, input.ip);
  if (!result.ok) return result;
  return { ok: true, ...(await createSession(ctx, result.userId)) };
}

export { endSession };

/** Who the caller is, with the name of their organisation. */
export async function whoAmI(ctx: AppContext, caller: Caller) {
  const org = await findOrganisation(ctx.db, caller.organisationId);
  return { email: caller.email, role: caller.role, organisation: org ? { id: org.id, name: org.name, kind: org.kind } : null };
}

export type PasswordChangeResult =
  | { ok: true }
  | { ok: false; reason: 'wrong_password' }
  | { ok: false; reason: 'weak_password'; message: string };

/**
 * Changes the caller's own password; their other sessions end (the one in `currentCookie` goes on)
 * and every API token of theirs is revoked: whoever knew the old password may have made one.
 */
export async function changeOwnPassword(ctx: AppContext, caller: Caller, input: { currentPassword: string; newPassword: string; currentCookie?: string }): Promise<PasswordChangeResult> {
  const user = caller.userId === null ? undefined : await findUserById(ctx.db, caller.userId);
  if (!user || !(await verifyPassword(input.currentPassword, user.password_hash))) return { ok: false, reason: 'wrong_password' };
  const problem = passwordProblem(input.newPassword);
  if (problem) return { ok: false, reason: 'weak_password', message: problem };
  const hash = await hashPassword(input.newPassword, (await findUsersByEmail(ctx.db, user.email)).find((u) => u.id !== user.id)?.password_hash);
  await commit(ctx, caller, async (tx) => {
    const now = new Date().toISOString();
    await updateUser(tx, user.id, { password_hash: hash, must_change_password: 0 });
    const sessionsEnded = await endUserSessions(tx, user.id, now, input.currentCookie ? sha256Hex(input.currentCookie) : '');
    const tokensRevoked = await revokeUserTokens(tx, user.id, now);
    return { result: undefined, audit: { action: 'password_changed', target: `user:${caller.email}`, details: { sessionsEnded, tokensRevoked } } };
  }, { figures: false });
  forgetSessions(ctx);
  return { ok: true };
}

// ---- API tokens ----

export interface TokenOut { id: number; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

export async function listTokens(ctx: AppContext, caller: Caller): Promise<TokenOut[]> {
  const rows = await findUserTokens(ctx.db, caller.userId ?? -1);
  return rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at, lastUsedAt: t.last_used_at, revokedAt: t.revoked_at }));
}

/** A new API token for the caller; the secret is returned only now. */
export async function createToken(ctx: AppContext, caller: Caller, name: string): Promise<{ ok: true; id: number; token: string } | { ok: false; reason: 'no_user' }> {
  const userId = caller.userId;
  if (!userId) return { ok: false, reason: 'no_user' };
  const t = await commit(ctx, caller, async (tx) => {
    const t = await createApiToken(tx, userId, name);
    return { result: t, audit: { action: 'token_created', target: `token:${t.id}`, details: { name } } };
  }, { figures: false });
  return { ok: true, ...t };
}

export async function revokeToken(ctx: AppContext, caller: Caller, id: number): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'already_revoked' }> {
  const t = await findUserToken(ctx.db, caller.userId ?? -1, id);
  if (!t) return { ok: false, reason: 'not_found' };
  if (t.revoked_at) return { ok: false, reason: 'already_revoked' };
  await commit(ctx, caller, async (tx) => {
    await setTokenRevoked(tx, t.id, new Date().toISOString());
    return { result: undefined, audit: { action: 'token_revoked', target: `token:${t.id}` } };
  }, { figures: false });
  return { ok: true };
}
