import crypto from 'node:crypto';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/connection.ts';
import type { Caller, Role } from '../domain/types.ts';
import { sha256Hex } from './password.ts';
import { findChildOrganisationIds, findFirstOrganisation } from '../db/repositories/organisations.repository.ts';
import {
  endSessionByHash, findApiTokenWithUser, findSessionWithUser, insertApiToken, insertSession, setTokenUsed, touchSession,
} from '../db/repositories/sessions.repository.ts';

export const SESSION_COOKIE = 'lagesbild_session';

/** The organisations a member of `organisationId` may see: its own and, for a county, its municipalities. */
export async function visibleOrganisations(ctx: AppContext, organisationId: number): Promise<number[]> {
  return [organisationId, ...(await findChildOrganisationIds(ctx.db, organisationId))];
}

async function callerFor(ctx: AppContext, user: { id: number; email: string; role: Role; organisation_id: number; must_change_password?: number }, via: Caller['via']): Promise<Caller> {
  return {
    userId: user.id, email: user.email, role: user.role, organisationId: user.organisation_id,
    organisationIds: await visibleOrganisations(ctx, user.organisation_id), via,
    ...(user.must_change_password ? { mustChangePassword: true } : {}),
  };
}

/** Starts a new session (a fresh id at every login, so a planted cookie is useless). */
export async function createSession(ctx: AppContext, userId: number): Promise<{ cookieValue: string; csrfToken: string }> {
  const cookieValue = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const now = new Date().toISOString();
  await insertSession(ctx.db, { id_hash: sha256Hex(cookieValue), user_id: userId, csrf_token: csrfToken, created_at: now, last_seen_at: now, ended_at: null });
  return { cookieValue, csrfToken };
}

/**
 * Recently checked sessions, kept a few seconds so that a page and its dozen API calls do not
 * each query the database. Any change to sessions or users clears it (forgetSessions). Keyed by
 * the cookie itself, which every request of the session carries in memory anyway: hashing it
 * first cost each request a SHA-256 (about 2 % of a chart request). The database keeps only hashes.
 */
const recent = new WeakMap<AppContext, Map<string, { until: number; caller: Caller; csrfToken: string }>>();
const RECENT_MS = 5_000;

export function forgetSessions(ctx: AppContext): void {
  recent.get(ctx)?.clear();
}

export async function endSession(ctx: AppContext, cookieValue: string): Promise<void> {
  forgetSessions(ctx);
  await endSessionByHash(ctx.db, sha256Hex(cookieValue), new Date().toISOString());
}

/** The caller behind a session cookie, or null when unknown, ended, idle too long or too old. */
export async function sessionCaller(ctx: AppContext, cookieValue: string): Promise<{ caller: Caller; csrfToken: string } | null> {
  // Several instances share a PostgreSQL database, and a logout or a disabled account on one must
  // hold on the others at once: no per-process memo there (one indexed lookup per request).
  if (ctx.store?.kind === 'postgres') return lookupSession(ctx, cookieValue);
  let memo = recent.get(ctx);
  if (!memo) recent.set(ctx, (memo = new Map()));
  const hit = memo.get(cookieValue);
  if (hit && hit.until > Date.now()) return { caller: hit.caller, csrfToken: hit.csrfToken };
  const found = await lookupSession(ctx, cookieValue);
  if (memo.size > 10_000) memo.clear();
  if (found) memo.set(cookieValue, { until: Date.now() + RECENT_MS, ...found });
  else memo.delete(cookieValue);
  return found;
}

async function lookupSession(ctx: AppContext, cookieValue: string): Promise<{ caller: Caller; csrfToken: string } | null> {
  const row = await findSessionWithUser(ctx.db, sha256Hex(cookieValue));
  if (!row || row.ended_at || row.disabled_at) return null;
  const now = Date.now();
  if (now - Date.parse(row.last_seen_at) > ctx.config.sessionIdleMs || now - Date.parse(row.created_at) > ctx.config.sessionAbsoluteMs) {
    await endSessionByHash(ctx.db, row.id_hash, new Date().toISOString());
    return null;
  }
  // Touch at most once a minute; a failed touch (database busy with an import) is harmless.
  if (now - Date.parse(row.last_seen_at) > 60_000) {
    try {
      await touchSession(ctx.db, row.id_hash, new Date().toISOString());
    } catch { /* best effort */ }
  }
  return { caller: await callerFor(ctx, row, 'session'), csrfToken: row.csrf_token };
}

/** Creates an API token; `db` may be a transaction. The secret is returned only now. */
export async function createApiToken(db: Db, userId: number, name: string): Promise<{ id: number; token: string }> {
  const token = `lgb_${crypto.randomBytes(32).toString('base64url')}`;
  const id = await insertApiToken(db, { userId, name, tokenHash: sha256Hex(token), at: new Date().toISOString() });
  return { id, token };
}

export async function tokenCaller(ctx: AppContext, token: string): Promise<Caller | null> {
  const row = await findApiTokenWithUser(ctx.db, sha256Hex(token));
  if (!row || row.revoked_at || row.disabled_at) return null;
  if (!row.last_used_at || Date.now() - Date.parse(row.last_used_at) > 60_000) {
    try {
      await setTokenUsed(ctx.db, row.tokenId, new Date().toISOString());
    } catch { /* best effort */ }
  }
  return callerFor(ctx, row, 'token');
}

/** The operator at the command line: acts as an admin of the first organisation. */
export async function cliCaller(ctx: AppContext): Promise<Caller> {
  const org = await findFirstOrganisation(ctx.db);
  if (!org) throw new Error('The database has no organisation yet.');
  return { userId: null, email: 'cli', role: 'admin', organisationId: org.id, organisationIds: await visibleOrganisations(ctx, org.id), via: 'cli' };
}
