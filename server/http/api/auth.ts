import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { audit } from '../../audit.ts';
import { DUMMY_HASH, hashPassword, passwordProblem, sha256Hex, verifyPassword } from '../../auth/password.ts';
import { createApiToken, createSession, endSession, forgetSessions, SESSION_COOKIE } from '../../auth/sessions.ts';
import { loginWaitSeconds, recordLogin } from '../../auth/throttle.ts';
import { publicRoute, requireRole } from '../middleware/auth.ts';
import { isHttps } from '../middleware/security.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv, Caller } from '../types.ts';
import { jsonBody } from '../validate.ts';
import type { Context } from 'hono';
import type { AppContext } from '../../context.ts';

export function clientIp(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

/** Checks a login; the same answer and about the same time for unknown users and wrong passwords. */
export async function login(ctx: AppContext, email: string, password: string, ip: string): Promise<
  { ok: true; userId: number } | { ok: false; status: 401 | 429; retryAfter?: number }
> {
  const norm = email.trim().toLowerCase();
  const wait = await loginWaitSeconds(ctx, norm, ip);
  if (wait > 0) return { ok: false, status: 429, retryAfter: wait };
  const user = await ctx.db.selectFrom('users').select(['id', 'password_hash', 'disabled_at', 'organisation_id', 'email']).where('email', '=', norm).executeTakeFirst();
  const good = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  const success = Boolean(user && good && !user.disabled_at);
  await recordLogin(ctx, norm, ip, success);
  await ctx.db.insertInto('audit_log').values({
    at: new Date().toISOString(), organisation_id: user?.organisation_id ?? null, user_id: success ? user!.id : null, actor: norm,
    action: success ? 'login' : 'login_failed', target: null, details_json: JSON.stringify({ ip }),
  }).execute();
  return success ? { ok: true, userId: user!.id } : { ok: false, status: 401 };
}

export function setSessionCookie(c: Context<AppEnv>, value: string): void {
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: '/', maxAge: Math.floor(c.get('ctx').config.sessionAbsoluteMs / 1000),
  });
}

const roleSchema = z.enum(['viewer', 'coordinator', 'admin']);

export function authRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post('/session', publicRoute(), async (c) => {
    const ctx = c.get('ctx');
    const body = await jsonBody(c, z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) }));
    const old = getCookie(c, SESSION_COOKIE);
    if (old) await endSession(ctx, old);
    const result = await login(ctx, body.email, body.password, clientIp(c));
    if (!result.ok) {
      if (result.status === 429) {
        throw new HttpProblem(429, 'Too Many Requests', `Too many failed logins. Try again in ${result.retryAfter} seconds.`, {}, { 'retry-after': String(result.retryAfter) });
      }
      throw new HttpProblem(401, 'Unauthorized', 'Wrong e-mail or password.');
    }
    const s = await createSession(ctx, result.userId);
    setSessionCookie(c, s.cookieValue);
    c.header('x-csrf-token', s.csrfToken);
    return c.body(null, 204);
  });

  r.delete('/session', requireRole('viewer'), async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await endSession(c.get('ctx'), cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  r.get('/me', requireRole('viewer'), async (c) => {
    const caller = c.get('caller')!;
    const org = await c.get('ctx').db.selectFrom('organisations').select(['id', 'name', 'kind']).where('id', '=', caller.organisationId).executeTakeFirstOrThrow();
    return c.json({ email: caller.email, role: caller.role, organisation: org, csrfToken: c.get('csrfToken') });
  });

  r.put('/me/password', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const body = await jsonBody(c, z.object({ currentPassword: z.string(), newPassword: z.string() }));
    const user = await ctx.db.selectFrom('users').select(['password_hash']).where('id', '=', caller.userId!).executeTakeFirstOrThrow();
    if (!(await verifyPassword(body.currentPassword, user.password_hash))) throw new HttpProblem(400, 'Bad Request', 'The current password is wrong.', { errors: [{ column: 'currentPassword', code: 'invalid', message: 'The current password is wrong.' }] });
    const problem = passwordProblem(body.newPassword);
    if (problem) throw new HttpProblem(400, 'Bad Request', problem, { errors: [{ column: 'newPassword', code: 'invalid', message: problem }] });
    await ctx.db.updateTable('users').set({ password_hash: await hashPassword(body.newPassword) }).where('id', '=', caller.userId!).execute();
    // Other sessions of this user end; this one goes on.
    const current = getCookie(c, SESSION_COOKIE);
    await ctx.db.updateTable('sessions').set({ ended_at: new Date().toISOString() }).where('user_id', '=', caller.userId!)
      .where('ended_at', 'is', null).where('id_hash', '!=', current ? sha256Hex(current) : '').execute();
    forgetSessions(ctx);
    await audit(ctx, caller, 'password_changed', `user:${caller.email}`);
    return c.body(null, 204);
  });

  r.post('/tokens', requireRole('coordinator'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    if (!caller.userId) throw new HttpProblem(400, 'Bad Request', 'Tokens belong to a user.');
    const body = await jsonBody(c, z.object({ name: z.string().trim().min(1).max(100) }));
    const t = await createApiToken(ctx, caller.userId, body.name);
    await audit(ctx, caller, 'token_created', `token:${t.id}`, { name: body.name });
    return c.json({ id: t.id, name: body.name, token: t.token }, 201);
  });

  r.get('/tokens', requireRole('coordinator'), async (c) => {
    const caller = c.get('caller')!;
    const rows = await c.get('ctx').db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
      .where('user_id', '=', caller.userId ?? -1).orderBy('id').execute();
    return c.json(rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at, lastUsedAt: t.last_used_at, revokedAt: t.revoked_at })));
  });

  r.delete('/tokens/:id', requireRole('coordinator'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const id = Number(c.req.param('id'));
    const t = await ctx.db.selectFrom('api_tokens').select(['id', 'revoked_at']).where('id', '=', Number.isInteger(id) ? id : -1).where('user_id', '=', caller.userId ?? -1).executeTakeFirst();
    if (!t) throw notFound('No such token.');
    if (t.revoked_at) throw new HttpProblem(409, 'Conflict', 'This token is already revoked.');
    await ctx.db.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() }).where('id', '=', t.id).execute();
    await audit(ctx, caller, 'token_revoked', `token:${t.id}`);
    return c.body(null, 204);
  });

  // ---- users and organisations (admin) ----
  const userOut = (u: { email: string; role: string; organisation_id: number; created_at: string; disabled_at: string | null }) =>
    ({ email: u.email, role: u.role, organisation: u.organisation_id, createdAt: u.created_at, disabled: Boolean(u.disabled_at) });

  r.get('/users', requireRole('admin'), async (c) => {
    const caller = c.get('caller')!;
    const rows = await c.get('ctx').db.selectFrom('users').selectAll().where('organisation_id', 'in', caller.organisationIds).orderBy('email').execute();
    return c.json(rows.map(userOut));
  });

  r.post('/users', requireRole('admin'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const body = await jsonBody(c, z.object({ email: z.string().trim().toLowerCase().pipe(z.email()), role: roleSchema, password: z.string(), organisation: z.number().int().optional() }));
    const problem = passwordProblem(body.password);
    if (problem) throw new HttpProblem(400, 'Bad Request', problem, { errors: [{ column: 'password', code: 'invalid', message: problem }] });
    const org = body.organisation ?? caller.organisationId;
    if (!caller.organisationIds.includes(org)) throw notFound('No such organisation.');
    const exists = await ctx.db.selectFrom('users').select('id').where('email', '=', body.email).executeTakeFirst();
    if (exists) throw new HttpProblem(409, 'Conflict', `A user ${body.email} already exists.`);
    await ctx.db.insertInto('users').values({ organisation_id: org, email: body.email, role: body.role, password_hash: await hashPassword(body.password), created_at: new Date().toISOString(), disabled_at: null }).execute();
    await audit(ctx, caller, 'user_created', `user:${body.email}`, { role: body.role, organisation: org });
    const u = await ctx.db.selectFrom('users').selectAll().where('email', '=', body.email).executeTakeFirstOrThrow();
    return c.json(userOut(u), 201);
  });

  const findUser = async (c: Context<AppEnv>, caller: Caller) => {
    const u = await c.get('ctx').db.selectFrom('users').selectAll().where('email', '=', decodeURIComponent(c.req.param('email') ?? '').toLowerCase())
      .where('organisation_id', 'in', caller.organisationIds).executeTakeFirst();
    if (!u) throw notFound('No such user.');
    return u;
  };

  r.patch('/users/:email', requireRole('admin'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const u = await findUser(c, caller);
    const body = await jsonBody(c, z.object({ role: roleSchema.optional(), password: z.string().optional(), disabled: z.boolean().optional() }));
    if (body.password !== undefined) {
      const problem = passwordProblem(body.password);
      if (problem) throw new HttpProblem(400, 'Bad Request', problem, { errors: [{ column: 'password', code: 'invalid', message: problem }] });
    }
    await ctx.db.updateTable('users').set({
      ...(body.role ? { role: body.role } : {}),
      ...(body.password !== undefined ? { password_hash: await hashPassword(body.password) } : {}),
      ...(body.disabled !== undefined ? { disabled_at: body.disabled ? new Date().toISOString() : null } : {}),
    }).where('id', '=', u.id).execute();
    forgetSessions(ctx);
    if (body.disabled) await ctx.db.updateTable('sessions').set({ ended_at: new Date().toISOString() }).where('user_id', '=', u.id).where('ended_at', 'is', null).execute();
    await audit(ctx, caller, 'user_updated', `user:${u.email}`, { role: body.role, passwordChanged: body.password !== undefined, disabled: body.disabled });
    const out = await ctx.db.selectFrom('users').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
    return c.json(userOut(out));
  });

  r.delete('/users/:email', requireRole('admin'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const u = await findUser(c, caller);
    if (u.disabled_at) throw new HttpProblem(409, 'Conflict', 'This user is already disabled.');
    if (u.id === caller.userId) throw new HttpProblem(409, 'Conflict', 'You cannot disable yourself.');
    await ctx.db.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('id', '=', u.id).execute();
    await ctx.db.updateTable('sessions').set({ ended_at: new Date().toISOString() }).where('user_id', '=', u.id).where('ended_at', 'is', null).execute();
    forgetSessions(ctx);
    await audit(ctx, caller, 'user_disabled', `user:${u.email}`);
    return c.body(null, 204);
  });

  r.get('/organisations', requireRole('admin'), async (c) => {
    const caller = c.get('caller')!;
    const rows = await c.get('ctx').db.selectFrom('organisations').selectAll().where('id', 'in', caller.organisationIds).orderBy('id').execute();
    return c.json(rows.map((o) => ({ id: o.id, name: o.name, kind: o.kind, parent: o.parent_id })));
  });

  r.post('/organisations', requireRole('admin'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const body = await jsonBody(c, z.object({ name: z.string().trim().min(1).max(200), kind: z.enum(['municipality', 'county']), parent: z.number().int().nullable().optional() }));
    if (body.parent != null && !caller.organisationIds.includes(body.parent)) throw notFound('No such parent organisation.');
    const row = await ctx.db.insertInto('organisations').values({ name: body.name, kind: body.kind, parent_id: body.parent ?? null, created_at: new Date().toISOString() })
      .returning(['id', 'name', 'kind', 'parent_id']).executeTakeFirstOrThrow();
    forgetSessions(ctx);
    await audit(ctx, caller, 'organisation_created', `organisation:${row.id}`, body);
    return c.json({ id: row.id, name: row.name, kind: row.kind, parent: row.parent_id }, 201);
  });

  return r;
}
