import crypto from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { csrf as honoCsrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
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

/** Our host, compared by host only: behind a TLS proxy the request URL says http, the browser https. */
function sameHost(origin: string, c: Context): boolean {
  try { return new URL(origin).host === c.req.header('host'); } catch { return false; }
}
const SAME_SITE = ['same-origin', 'none'] as const;

/** Hono's Origin / Sec-Fetch-Site check; it looks at form-like bodies (the ones a page can post cross-site without preflight). */
const originCheck = honoCsrf({ origin: sameHost, secFetchSite: [...SAME_SITE] });
const FORM_LIKE = /^\b(application\/x-www-form-urlencoded|multipart\/form-data|text\/(?:plain|ping))\b/i;

/**
 * CSRF protection for cookie sessions, in two layers:
 * 1. Origin: a browser request (one that carries Origin or Sec-Fetch-Site) must come from our own
 *    origin, by Hono's `csrf` (either header may vouch; Origin "null", sent from a page with
 *    Referrer-Policy: no-referrer, leaves it to Sec-Fetch-Site). Hono checks form-like bodies only;
 *    other bodies (JSON) get the same rule here. Requests with neither header are not from a browser.
 * 2. Token: every state-changing request with a session must carry the session's token
 *    (header X-CSRF-Token, or form field _csrf).
 * Token-authenticated scripts are exempt from both; requests without a session (login) get layer 1 only.
 */
export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  const caller = c.get('caller');
  if (caller?.via === 'token') return next();
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  if (origin !== undefined || site !== undefined) {
    const refused = () => new HttpProblem(403, 'Forbidden', 'Cross-site request refused.');
    if (FORM_LIKE.test(c.req.header('content-type') || 'text/plain')) {
      try {
        await originCheck(c, async () => {});
      } catch (e) {
        if (e instanceof HTTPException && e.status === 403) throw refused();
        throw e;
      }
    } else if (!(site !== undefined && (SAME_SITE as readonly string[]).includes(site)) && !(origin !== undefined && sameHost(origin, c))) {
      throw refused();
    }
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
