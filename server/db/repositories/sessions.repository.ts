import type { Insertable } from 'kysely';
import type { Db } from '../connection.ts';
import type { SessionTable } from '../schema.ts';

export async function insertSession(db: Db, session: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** The session with its user, or undefined. */
export function findSessionWithUser(db: Db, idHash: string) {
  return db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id_hash', 'sessions.csrf_token', 'sessions.created_at', 'sessions.last_seen_at', 'sessions.ended_at',
      'users.id', 'users.email', 'users.role', 'users.organisation_id', 'users.disabled_at', 'users.must_change_password'])
    .where('sessions.id_hash', '=', idHash).executeTakeFirst();
}

export async function endSessionByHash(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ ended_at: at }).where('id_hash', '=', idHash).execute();
}

export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

/** Ends the open sessions of a user, except (optionally) the one with `keepIdHash`. Returns how many ended. */
export async function endUserSessions(db: Db, userId: number, at: string, keepIdHash?: string): Promise<number> {
  let q = db.updateTable('sessions').set({ ended_at: at }).where('user_id', '=', userId).where('ended_at', 'is', null);
  if (keepIdHash !== undefined) q = q.where('id_hash', '!=', keepIdHash);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** Revokes every live API token of a user (after a password change or reset). Returns how many. */
export async function revokeUserTokens(db: Db, userId: number, at: string): Promise<number> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---- API tokens ----

export async function insertApiToken(db: Db, t: { userId: number; name: string; tokenHash: string; at: string }): Promise<number> {
  return (await db.insertInto('api_tokens').values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, created_at: t.at, last_used_at: null, revoked_at: null })
    .returning('id').executeTakeFirstOrThrow()).id;
}

export function findApiTokenWithUser(db: Db, tokenHash: string) {
  return db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as tokenId', 'api_tokens.revoked_at', 'api_tokens.last_used_at', 'users.id', 'users.email', 'users.role', 'users.organisation_id', 'users.disabled_at'])
    .where('api_tokens.token_hash', '=', tokenHash).executeTakeFirst();
}

export function findUserTokens(db: Db, userId: number) {
  return db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at']).where('user_id', '=', userId).orderBy('id').execute();
}

export function findUserToken(db: Db, userId: number, id: number) {
  return db.selectFrom('api_tokens').select(['id', 'revoked_at']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function setTokenRevoked(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function setTokenUsed(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

// ---- login attempts ----

/** The latest attempts (newest first) by e-mail or IP since `since`. */
export function findLoginAttempts(db: Db, by: 'email' | 'ip', value: string, since: string) {
  return db.selectFrom('login_attempts').select(['at', 'success']).where(by, '=', value).where('at', '>', since).orderBy('id', 'desc').limit(200).execute();
}

export async function insertLoginAttempt(db: Db, a: { email: string; ip: string; success: boolean; at: string }): Promise<number> {
  return (await db.insertInto('login_attempts').values({ at: a.at, email: a.email, ip: a.ip, success: a.success ? 1 : 0 }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function markLoginSettled(db: Db, id: number, success: boolean, at: string): Promise<void> {
  await db.updateTable('login_attempts').set({ success: success ? 1 : 0, at }).where('id', '=', id).execute();
}

export async function deleteLoginAttempt(db: Db, id: number): Promise<void> {
  await db.deleteFrom('login_attempts').where('id', '=', id).execute();
}
