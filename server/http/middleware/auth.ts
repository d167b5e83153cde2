import crypto from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE, sessionCaller, tokenCaller } from '../../auth/sessions.ts';
import { HttpProblem } from '../problem.ts';
import { ROLE_RANK, type AppEnv, type Role } from '../types.ts';

/** Sets `caller` from a bearer token or the session cookie; never rejects by itself. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const ctx = c.get('ctx');
  c.set('caller', null);
  c.set('csrfToken', null);
  const authz = c.req.header('authorization');
  if (authz?.toLowerCase().startsWith('bearer ')) {
    const caller = await tokenCaller(ctx, authz.slice(7).trim());
    if (!caller) throw new HttpProblem(401, 'Unauthorized', 'The API token is unknown or revoked.', {}, { 'www-authenticate': 'Bearer' });
    c.set('caller', caller);
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) {
      const s = await sessionCaller(ctx, cookie);
      if (s) {
        c.set('caller', s.caller);
        c.set('csrfToken', s.csrfToken);
      }
    }
  }
  await next();
};

export type GuardMiddleware = MiddlewareHandler<AppEnv> & { minRole: Role | 'public' };

/**
 * Requires a logged-in caller of at least `role`. The role is kept on the middleware so the
 * access-control test can read every route's rule from the router itself.
 */
export function requireRole(role: Role): GuardMiddleware {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    const caller = c.get('caller');
    if (!caller) {
      if (c.req.method === 'GET' && !c.req.path.startsWith('/api/')) {
        return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
      }
      throw new HttpProblem(401, 'Unauthorized', 'Log in first (POST /api/v1/session) or send an API token.');
    }
    if (ROLE_RANK[caller.role] < ROLE_RANK[role]) {
      throw new HttpProblem(403, 'Forbidden', `This needs the ${role} role; you are ${caller.role}.`);
    }
    await next();
  };
  return Object.assign(mw, { minRole: role });
}

/** Marks a route as open to anyone (login page, health check). */
export function publicRoute(): GuardMiddleware {
  const mw: MiddlewareHandler<AppEnv> = async (_c, next) => { await next(); };
  return Object.assign(mw, { minRole: 'public' as const });
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * CSRF protection for cookie sessions: every state-changing request must carry the session's
 * token (header X-CSRF-Token, or form field _csrf). Token-authenticated scripts are exempt;
 * requests without a session (login) must come from our own origin.
 */
export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  const caller = c.get('caller');
  if (caller?.via === 'token') return next();
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  const host = c.req.header('host');
  if (site && site !== 'same-origin' && site !== 'none') throw new HttpProblem(403, 'Forbidden', 'Cross-site request refused.');
  // "null" is what browsers send from a page with Referrer-Policy: no-referrer; Sec-Fetch-Site decides then.
  if (origin && origin !== 'null' && host) {
    let originHost: string | null = null;
    try { originHost = new URL(origin).host; } catch { /* unparseable: refused below */ }
    if (originHost !== host) throw new HttpProblem(403, 'Forbidden', 'Cross-origin request refused.');
  }
  const expected = c.get('csrfToken');
  if (!expected) return next(); // no session: the handler itself requires login (or it is the login)
  let sent = c.req.header('x-csrf-token') ?? '';
  if (!sent && (c.req.header('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
    const body = await c.req.parseBody();
    sent = typeof body._csrf === 'string' ? body._csrf : '';
  }
  if (!sent || !sameToken(sent, expected)) throw new HttpProblem(403, 'Forbidden', 'Missing or wrong CSRF token. Reload the page and try again.');
  return next();
};
