import crypto from 'node:crypto';
import type { AppContext } from '../context.ts';
import type { Caller, Role } from '../domain/types.ts';
import { sha256Hex } from './password.ts';

export const SESSION_COOKIE = 'lagesbild_session';

/** The organisations a member of `organisationId` may see: its own and, for a county, its municipalities. */
export async function visibleOrganisations(ctx: AppContext, organisationId: number): Promise<number[]> {
  const children = await ctx.db.selectFrom('organisations').select('id').where('parent_id', '=', organisationId).execute();
  return [organisationId, ...children.map((c) => c.id)];
}

async function callerFor(ctx: AppContext, user: { id: number; email: string; role: Role; organisation_id: number }, via: Caller['via']): Promise<Caller> {
  return {
    userId: user.id, email: user.email, role: user.role, organisationId: user.organisation_id,
    organisationIds: await visibleOrganisations(ctx, user.organisation_id), via,
  };
}

/** Starts a new session (a fresh id at every login, so a planted cookie is useless). */
export async function createSession(ctx: AppContext, userId: number): Promise<{ cookieValue: string; csrfToken: string }> {
  const cookieValue = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const now = new Date().toISOString();
  await ctx.db.insertInto('sessions').values({ id_hash: sha256Hex(cookieValue), user_id: userId, csrf_token: csrfToken, created_at: now, last_seen_at: now, ended_at: null }).execute();
  return { cookieValue, csrfToken };
}

/**
 * Recently checked sessions, kept a few seconds so that a page and its dozen API calls do not
 * each query the database. Any change to sessions or users clears it (forgetSessions).
 */
const recent = new WeakMap<AppContext, Map<string, { until: number; caller: Caller; csrfToken: string }>>();
const RECENT_MS = 5_000;

export function forgetSessions(ctx: AppContext): void {
  recent.get(ctx)?.clear();
}

export async function endSession(ctx: AppContext, cookieValue: string): Promise<void> {
  forgetSessions(ctx);
  await ctx.db.updateTable('sessions').set({ ended_at: new Date().toISOString() }).where('id_hash', '=', sha256Hex(cookieValue)).execute();
}

/** The caller behind a session cookie, or null when unknown, ended, idle too long or too old. */
export async function sessionCaller(ctx: AppContext, cookieValue: string): Promise<{ caller: Caller; csrfToken: string } | null> {
  let memo = recent.get(ctx);
  if (!memo) recent.set(ctx, (memo = new Map()));
  const idHash = sha256Hex(cookieValue);
  const hit = memo.get(idHash);
  if (hit && hit.until > Date.now()) return { caller: hit.caller, csrfToken: hit.csrfToken };
  const found = await lookupSession(ctx, cookieValue);
  if (memo.size > 10_000) memo.clear();
  if (found) memo.set(idHash, { until: Date.now() + RECENT_MS, ...found });
  else memo.delete(idHash);
  return found;
}

async function lookupSession(ctx: AppContext, cookieValue: string): Promise<{ caller: Caller; csrfToken: string } | null> {
  const row = await ctx.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id_hash', 'sessions.csrf_token', 'sessions.created_at', 'sessions.last_seen_at', 'sessions.ended_at',
      'users.id', 'users.email', 'users.role', 'users.organisation_id', 'users.disabled_at'])
    .where('sessions.id_hash', '=', sha256Hex(cookieValue)).executeTakeFirst();
  if (!row || row.ended_at || row.disabled_at) return null;
  const now = Date.now();
  if (now - Date.parse(row.last_seen_at) > ctx.config.sessionIdleMs || now - Date.parse(row.created_at) > ctx.config.sessionAbsoluteMs) {
    await ctx.db.updateTable('sessions').set({ ended_at: new Date().toISOString() }).where('id_hash', '=', row.id_hash).execute();
    return null;
  }
  // Touch at most once a minute; a failed touch (database busy with an import) is harmless.
  if (now - Date.parse(row.last_seen_at) > 60_000) {
    try {
      await ctx.db.updateTable('sessions').set({ last_seen_at: new Date().toISOString() }).where('id_hash', '=', row.id_hash).execute();
    } catch { /* best effort */ }
  }
  return { caller: await callerFor(ctx, row, 'session'), csrfToken: row.csrf_token };
}

export async function createApiToken(ctx: AppContext, userId: number, name: string): Promise<{ id: number; token: string }> {
  const token = `lgb_${crypto.randomBytes(32).toString('base64url')}`;
  const row = await ctx.db.insertInto('api_tokens').values({ user_id: userId, name, token_hash: sha256Hex(token), created_at: new Date().toISOString(), last_used_at: null, revoked_at: null })
    .returning('id').executeTakeFirstOrThrow();
  return { id: row.id, token };
}

export async function tokenCaller(ctx: AppContext, token: string): Promise<Caller | null> {
  const row = await ctx.db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as tokenId', 'api_tokens.revoked_at', 'api_tokens.last_used_at', 'users.id', 'users.email', 'users.role', 'users.organisation_id', 'users.disabled_at'])
    .where('api_tokens.token_hash', '=', sha256Hex(token)).executeTakeFirst();
  if (!row || row.revoked_at || row.disabled_at) return null;
  if (!row.last_used_at || Date.now() - Date.parse(row.last_used_at) > 60_000) {
    try {
      await ctx.db.updateTable('api_tokens').set({ last_used_at: new Date().toISOString() }).where('id', '=', row.tokenId).execute();
    } catch { /* best effort */ }
  }
  return callerFor(ctx, row, 'token');
}

/** The operator at the command line: acts as an admin of the first organisation. */
export async function cliCaller(ctx: AppContext): Promise<Caller> {
  const org = await ctx.db.selectFrom('organisations').select('id').orderBy('id').executeTakeFirstOrThrow();
  return { userId: null, email: 'cli', role: 'admin', organisationId: org.id, organisationIds: await visibleOrganisations(ctx, org.id), via: 'cli' };
}
