import type { MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import { requestId as honoRequestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../types.ts';

/**
 * Strict CSP: our own scripts only, no eval, no inline scripts (Vega runs with its interpreter),
 * so no nonce is needed. Kept as a string too, for tests and documentation.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

export const CSP = Object.entries(CSP_DIRECTIVES)
  .map(([k, v]) => `${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)} ${v.join(' ')}`)
  .join('; ');

const hono = secureHeaders({
  contentSecurityPolicy: CSP_DIRECTIVES,
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  crossOriginOpenerPolicy: 'same-origin',
  crossOriginResourcePolicy: 'same-origin',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  // Sent only over HTTPS (below): on plain HTTP it would be ignored, behind a proxy it must be earned.
  strictTransportSecurity: false,
  // Three headers that nothing we serve needs, each costing every response a header to set,
  // convert and send: X-XSS-Protection (no current browser has the filter it switches), X-Download-
  // Options (Internet Explorer 8), X-Permitted-Cross-Domain-Policies (only read with a crossdomain.xml,
  // and we serve none). Kept: Origin-Agent-Cluster and X-DNS-Prefetch-Control.
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  // Nothing here sets X-Powered-By: no need to delete it from every response.
  removePoweredBy: false,
});

/** Hono's secureHeaders with our policy, HSTS over HTTPS, and no-store unless a route says otherwise. */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await hono(c, async () => {
    await next();
    const h = c.res.headers;
    if (!h.has('cache-control')) h.set('cache-control', 'no-store');
    if (isHttps(c)) h.set('strict-transport-security', 'max-age=31536000');
  });
};

/** X-Request-Id: taken from a proxy when well-formed, otherwise a new UUID; in logs and problem bodies. */
export const requestId = (): MiddlewareHandler<AppEnv> => honoRequestId();

/**
 * ETag + 304 (Hono's `etag`) for GET responses that may be revalidated, chosen by path prefix:
 * static files (they set their own ETag) and chart specs (hashed body; the caller's data, so cacheable
 * privately and always revalidated). One global middleware rather than path-scoped ones, so that
 * the router lists only real routes (the access-control test reads every route's guard from it).
 */
export function revalidatable(rules: { prefix: string; cacheControl?: string }[]): MiddlewareHandler<AppEnv> {
  const tag = etag();
  return async (c, next) => {
    const rule = rules.find((r) => c.req.path.startsWith(r.prefix));
    if (!rule) return next();
    await tag(c, async () => {
      await next();
      if (rule.cacheControl && c.res.ok && !c.res.headers.has('cache-control')) c.res.headers.set('cache-control', rule.cacheControl);
    });
  };
}

/** HTTPS directly or behind a reverse proxy that says so (X-Forwarded-Proto). */
export function isHttps(c: { req: { url: string; header(n: string): string | undefined }; get(k: 'ctx'): { config: { cookieSecure: string } } }): boolean {
  const setting = c.get('ctx').config.cookieSecure;
  if (setting === 'true') return true;
  if (setting === 'false') return false;
  return c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https';
}
