import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { testContext } from '../helpers.ts';
import { headers, login, sendJson, type Session } from '../http.ts';

/** Hono's own middleware as wired in server/app.ts: requestId, secureHeaders, csrf, etag. */
describe('middleware', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let s: Session;
  beforeAll(async () => {
    ({ ctx } = await testContext({}));
    app = createApp(ctx);
    s = await login(app);
  });
  afterAll(async () => ctx.destroy());

  it('names every response in X-Request-Id (a proxy\'s well-formed id is kept), problems included', async () => {
    const ok = await app.request('/healthz');
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const kept = await app.request('/api/v1/me', { headers: { 'x-request-id': 'proxy-42' } });
    expect(kept.status).toBe(401);
    expect(kept.headers.get('x-request-id')).toBe('proxy-42');
    const forged = await app.request('/healthz', { headers: { 'x-request-id': 'bad id<script>' } });
    expect(forged.headers.get('x-request-id')).not.toContain('<');
  });

  it('puts the request id into a 500 problem body and the log line', async () => {
    const logged: Record<string, unknown>[] = [];
    const orig = ctx.logger.error;
    ctx.logger.error = (_msg: string, extra?: object) => { logged.push({ ...extra }); };
    const fresh = createApp(ctx);
    fresh.get('/api/v1/boom-for-test', () => { throw new Error('boom'); });
    const res = await fresh.request('/api/v1/boom-for-test', { headers: headers(s, { 'x-request-id': 'req-500' }) });
    ctx.logger.error = orig;
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.requestId).toBe('req-500');
    expect(body.detail).toContain('req-500');
    expect(res.headers.get('x-request-id')).toBe('req-500');
    expect(logged).toEqual([expect.objectContaining({ requestId: 'req-500' })]);
  });

  it('sends the remaining secure headers, and HSTS only over HTTPS', async () => {
    const res = await app.request('/healthz');
    expect(res.headers.get('permissions-policy')).toBe('camera=(), microphone=(), geolocation=()');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('origin-agent-cluster')).toBe('?1');
    expect(res.headers.get('x-dns-prefetch-control')).toBe('off');
    // Left out on purpose (security.ts says why): no browser of today acts on them for us.
    for (const gone of ['x-xss-protection', 'x-download-options', 'x-permitted-cross-domain-policies']) expect(res.headers.get(gone)).toBeNull();
    expect(res.headers.get('strict-transport-security')).toBeNull();
    const https = await app.request('/healthz', { headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('refuses a cross-origin form post before the handler, and lets our own origin through', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded', host: 'lagesbild.example.se' };
    const evil = await app.request('/login', { method: 'POST', headers: { ...form, origin: 'https://evil.example' }, body: 'email=a&password=b' });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('content-type')).toContain('application/problem+json');
    expect((await evil.json()).detail).toMatch(/Cross-site/);
    // Behind a TLS proxy the request URL says http, the Origin https: compared by host.
    const own = await app.request('/login', { method: 'POST', headers: { ...form, origin: 'https://lagesbild.example.se' }, body: 'email=a&password=b' });
    expect(own.status).not.toBe(403);
    // Our origin, but a session without its token: the token check still refuses.
    const noToken = await app.request('/api/v1/periods', { method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/json', origin: 'http://localhost', host: 'localhost' }, body: '{}' });
    expect(noToken.status).toBe(403);
    expect((await noToken.json()).detail).toMatch(/CSRF token/);
  });

  it('answers a repeated chart request with 304 by ETag, revalidated and private', async () => {
    expect((await sendJson(app, s, 'PUT', '/api/v1/areas/X1', { name: 'X', population: 9000 })).status).toBe(201);
    const url = '/api/v1/charts/timeseries?area=X1&substance=cocaine';
    const first = await app.request(url, { headers: headers(s) });
    expect(first.status).toBe(200);
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await app.request(url, { headers: headers(s, { 'if-none-match': tag! }) });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(tag);
    const changed = await app.request(url, { headers: headers(s, { 'if-none-match': '"stale"' }) });
    expect(changed.status).toBe(200);
  });
});
