import { Hono } from 'hono';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { resolveClientIp } from '../../auth/client-ip.ts';
import { SESSION_COOKIE } from '../../auth/sessions.ts';
import { changeOwnPassword, createToken, endSession, listTokens, revokeToken, startSession, whoAmI, type LoginResult } from '../../usecases/auth.ts';
import { publicRoute, requireRole } from '../middleware/auth.ts';
import { isHttps } from '../middleware/security.ts';
import { HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { jsonBody } from '../validate.ts';

/** The client's IP: the socket's peer, or per TRUST_PROXY an X-Forwarded-For entry (server/auth/client-ip.ts). */
export function clientIp(c: Context<AppEnv>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return resolveClientIp(c.get('ctx').config.trustProxy, incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for'));
}

/** The HTTP status of a failed login. */
export const loginStatus = (r: LoginResult & { ok: false }): 401 | 429 | 503 => (r.reason === 'throttled' ? 429 : r.reason === 'busy' ? 503 : 401);

export function setSessionCookie(c: Context<AppEnv>, value: string): void {
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: '/', maxAge: Math.floor(c.get('ctx').config.sessionAbsoluteMs / 1000),
  });
}

const invalid = (column: string, message: string) => new HttpProblem(400, 'Bad Request', message, { errors: [{ column, code: 'invalid', message }] });

/** Sessions, the caller's own account and API tokens. Users and organisations: users.ts. */
export function authRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post('/session', publicRoute(), async (c) => {
    const body = await jsonBody(c, z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) }));
    const result = await startSession(c.get('ctx'), { ...body, ip: clientIp(c), previousCookie: getCookie(c, SESSION_COOKIE) });
    if (!result.ok) {
      if (result.reason === 'throttled') {
        throw new HttpProblem(429, 'Too Many Requests', `Too many failed logins. Try again in ${result.retryAfter} seconds.`, {}, { 'retry-after': String(result.retryAfter) });
      }
      if (result.reason === 'busy') {
        throw new HttpProblem(503, 'Service Unavailable', `Too many logins are being checked right now. Try again in ${result.retryAfter} seconds.`, {}, { 'retry-after': String(result.retryAfter) });
      }
      throw new HttpProblem(401, 'Unauthorized', 'Wrong e-mail or password.');
    }
    setSessionCookie(c, result.cookieValue);
    c.header('x-csrf-token', result.csrfToken);
    return c.body(null, 204);
  });

  r.delete('/session', requireRole('viewer'), async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await endSession(c.get('ctx'), cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  r.get('/me', requireRole('viewer'), async (c) => c.json({ ...(await whoAmI(c.get('ctx'), c.get('caller')!)), csrfToken: c.get('csrfToken') }));

  r.put('/me/password', requireRole('viewer'), async (c) => {
    const body = await jsonBody(c, z.object({ currentPassword: z.string(), newPassword: z.string() }));
    const res = await changeOwnPassword(c.get('ctx'), c.get('caller')!, { ...body, currentCookie: getCookie(c, SESSION_COOKIE) });
    if (!res.ok && res.reason === 'wrong_password') throw invalid('currentPassword', 'The current password is wrong.');
    if (!res.ok && res.reason === 'weak_password') throw invalid('newPassword', res.message);
    return c.body(null, 204);
  });

  r.post('/tokens', requireRole('coordinator'), async (c) => {
    if (!c.get('caller')!.userId) throw new HttpProblem(400, 'Bad Request', 'Tokens belong to a user.');
    const body = await jsonBody(c, z.object({ name: z.string().trim().min(1).max(100) }));
    const t = await createToken(c.get('ctx'), c.get('caller')!, body.name);
    if (!t.ok) throw new HttpProblem(400, 'Bad Request', 'Tokens belong to a user.');
    return c.json({ id: t.id, name: body.name, token: t.token }, 201);
  });

  r.get('/tokens', requireRole('coordinator'), async (c) => c.json(await listTokens(c.get('ctx'), c.get('caller')!)));

  r.delete('/tokens/:id', requireRole('coordinator'), async (c) => {
    const id = Number(c.req.param('id'));
    const res = await revokeToken(c.get('ctx'), c.get('caller')!, Number.isInteger(id) ? id : -1);
    if (!res.ok && res.reason === 'not_found') throw notFound('No such token.');
    if (!res.ok) throw new HttpProblem(409, 'Conflict', 'This token is already revoked.');
    return c.body(null, 204);
  });

  return r;
}
