import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types.ts';

/** Strict CSP: our own scripts only, no eval, no inline scripts (Vega runs with its interpreter). */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set('content-security-policy', CSP);
  h.set('x-content-type-options', 'nosniff');
  h.set('x-frame-options', 'DENY');
  h.set('referrer-policy', 'no-referrer');
  h.set('cross-origin-opener-policy', 'same-origin');
  h.set('cross-origin-resource-policy', 'same-origin');
  h.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  if (!h.has('cache-control')) h.set('cache-control', 'no-store');
  if (isHttps(c)) h.set('strict-transport-security', 'max-age=31536000');
};

/** HTTPS directly or behind a reverse proxy that says so (X-Forwarded-Proto). */
export function isHttps(c: { req: { url: string; header(n: string): string | undefined }; get(k: 'ctx'): { config: { cookieSecure: string } } }): boolean {
  const setting = c.get('ctx').config.cookieSecure;
  if (setting === 'true') return true;
  if (setting === 'false') return false;
  return c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https';
}
