import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { SCRYPT_PARAMS, useScryptCostForTests } from '../../server/auth/password.ts';
import { TEST_SCRYPT_N } from '../setup/cheap-hashes.ts';
import type { AppContext } from '../../server/context.ts';
import { ADMIN, testContext } from '../helpers.ts';
import { headers, login, sendJson, upload, type Session } from '../http.ts';

const post = (app: ReturnType<typeof createApp>, body: unknown, extra: Record<string, string> = {}) =>
  app.request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) });

describe('login, sessions and tokens', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ({ ctx } = await testContext({ SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '2' }));
    app = createApp(ctx);
  });
  afterAll(async () => ctx.destroy());

  it('answers unknown user and wrong password the same way, in similar time', async () => {
    const time = async (email: string) => {
      const t = performance.now();
      const res = await post(app, { email, password: 'wrong-password-123' }, { 'x-forwarded-for': email });
      return { ms: performance.now() - t, status: res.status, body: await res.text() };
    };
    // An account hashed at the real cost (the suite's setup file lowers it), as the dummy hash that
    // an unknown e-mail is checked against is.
    const admin = await login(app);
    useScryptCostForTests(SCRYPT_PARAMS.N);
    try {
      expect((await sendJson(app, admin, 'POST', '/api/v1/users', { email: 'timing@example.se', role: 'viewer', password: 'timing-password-123' })).status).toBe(201);
    } finally {
      useScryptCostForTests(TEST_SCRYPT_N);
    }
    await time('warmup@example.se');
    const unknown = await time('nobody@example.se');
    const wrong = await time('timing@example.se');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    // Both run one scrypt hash; the difference is far below the hash time itself.
    expect(Math.abs(unknown.ms - wrong.ms)).toBeLessThan(Math.max(unknown.ms, wrong.ms) * 0.75);
  });

  it('throttles repeated failures per account with 429 and Retry-After, growing', async () => {
    const email = 'victim@example.se';
    const statuses: number[] = [];
    let retry = 0;
    for (let i = 0; i < 7; i++) {
      const res = await post(app, { email, password: 'wrong-password-123' });
      statuses.push(res.status);
      if (res.status === 429) retry = Number(res.headers.get('retry-after'));
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    expect(retry).toBeGreaterThan(0);
  });

  it('rotates the session at login, ends it at logout, and expires idle sessions', async () => {
    const a = await login(app);
    const b = await login(app);
    expect(a.cookie).not.toBe(b.cookie);
    expect((await app.request('/api/v1/me', { headers: headers(b) })).status).toBe(200);
    expect((await app.request('/api/v1/session', { method: 'DELETE', headers: headers(b) })).status).toBe(204);
    expect((await app.request('/api/v1/me', { headers: headers(b) })).status).toBe(401);
    // Idle for longer than SESSION_IDLE_MINUTES (30): backdate last_seen_at.
    const c = await login(app);
    await ctx.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() }).where('ended_at', 'is', null).execute();
    expect((await app.request('/api/v1/me', { headers: headers(c) })).status).toBe(401);
    // Older than SESSION_ABSOLUTE_HOURS (2) though recently active.
    const d = await login(app);
    await ctx.db.updateTable('sessions').set({ created_at: new Date(Date.now() - 3 * 3_600_000).toISOString() }).where('ended_at', 'is', null).execute();
    expect((await app.request('/api/v1/me', { headers: headers(d) })).status).toBe(401);
  });

  it('sets HttpOnly, SameSite cookies, and Secure behind an HTTPS proxy', async () => {
    const plain = await post(app, ADMIN);
    const cookie = plain.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const https = await post(app, ADMIN, { 'x-forwarded-proto': 'https' });
    expect(https.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('stores API tokens hashed, accepts them as Bearer, and refuses them once revoked', async () => {
    const s = await login(app);
    const res = await sendJson(app, s, 'POST', '/api/v1/tokens', { name: 'labbets skript' });
    expect(res.status).toBe(201);
    const { id, token } = await res.json();
    const stored = await ctx.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.request('/api/v1/me', { headers: bearer })).status).toBe(200);
    // Scripts need no CSRF token.
    expect((await app.request('/api/v1/periods', { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'P', from: '2024-01-01', to: '2024-01-07' }) })).status).toBe(201);
    expect((await sendJson(app, s, 'DELETE', `/api/v1/tokens/${id}`)).status).toBe(204);
    expect((await app.request('/api/v1/me', { headers: bearer })).status).toBe(401);
    expect((await sendJson(app, s, 'DELETE', `/api/v1/tokens/${id}`)).status).toBe(409);
  });

  it('refuses passwords shorter than 12 characters everywhere', async () => {
    const s = await login(app);
    const created = await sendJson(app, s, 'POST', '/api/v1/users', { email: 'short@example.se', role: 'viewer', password: 'elva-tecken' });
    expect(created.status).toBe(400);
    const changed = await sendJson(app, s, 'PUT', '/api/v1/me/password', { currentPassword: ADMIN.password, newPassword: 'kort' });
    expect(changed.status).toBe(400);
    expect((await changed.json()).errors[0].column).toBe('newPassword');
  });
});

describe('browser protections and hostile input', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let s: Session;
  beforeAll(async () => {
    ({ ctx } = await testContext({ MAX_UPLOAD_MB: '1' }));
    app = createApp(ctx);
    s = await login(app);
  });
  afterAll(async () => ctx.destroy());

  it('serves a strict CSP and the usual secure headers', async () => {
    const res = await app.request('/healthz');
    expect(await res.json()).toEqual({ status: 'ok' });
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(d);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('requires the CSRF token for state changes made with a session cookie', async () => {
    const body = JSON.stringify({ name: 'P', from: '2024-01-01', to: '2024-01-07' });
    const without = await app.request('/api/v1/periods', { method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/json' }, body });
    expect(without.status).toBe(403);
    const wrong = await app.request('/api/v1/periods', { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(32), 'content-type': 'application/json' }, body });
    expect(wrong.status).toBe(403);
    const cross = await app.request('/api/v1/periods', { method: 'POST', headers: { ...headers(s), 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, body });
    expect(cross.status).toBe(403);
    expect((await app.request('/api/v1/periods', { method: 'POST', headers: headers(s, { 'content-type': 'application/json' }), body })).status).toBe(201);
  });

  it('answers 413 above the upload limit, and asks for CSV when given Excel, zip or binary files', async () => {
    const big = await upload(app, s, { name: 'big.csv', bytes: Buffer.alloc(1024 * 1024 + 100_000, 'a') });
    expect(big.status).toBe(413);
    expect((await big.json()).detail).toMatch(/upload limit of 1 MB/);
    const xlsx = await upload(app, s, { name: 'labb.xlsx', bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200)]) });
    expect(xlsx.status).toBe(422);
    expect((await xlsx.json()).errors[0].message).toMatch(/Spara som.*CSV/);
    const bin = await upload(app, s, { name: 'x.bin', bytes: Buffer.from([1, 2, 0, 3, 0, 0, 7]) });
    expect((await bin.json()).errors[0].code).toBe('unreadable_file');
    expect(await ctx.db.selectFrom('import_batches').selectAll().execute()).toEqual([]);
  });

  it('returns unexpected errors as problem+json 500 without a stack trace, and logs them', async () => {
    const logged: string[] = [];
    const orig = ctx.logger.error;
    ctx.logger.error = (msg: string, extra?: object) => { logged.push(msg + JSON.stringify(extra)); };
    const fresh = createApp(ctx);
    fresh.get('/api/v1/boom-for-test', () => { throw new Error('secret internal detail at /work/server/x.ts:1'); });
    const res = await fresh.request('/api/v1/boom-for-test', { headers: headers(s) });
    ctx.logger.error = orig;
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const text = await res.text();
    expect(text).not.toContain('secret internal detail');
    expect(text).not.toMatch(/\.ts:\d+/);
    expect(logged.join('\n')).toContain('secret internal detail');
  });

  it('keeps hostile names as text: areas, aliases, events and file names', async () => {
    const xss = '<img src=x onerror=alert(1)>';
    expect((await sendJson(app, s, 'PUT', '/api/v1/areas/X1', { name: xss, population: 9000, aliases: [`<script>alert(2)</script>`] })).status).toBe(201);
    expect((await sendJson(app, s, 'POST', '/api/v1/events', { date: '2024-01-01', title: xss, areas: ['X1'] })).status).toBe(201);
    const areasPage = await (await app.request('/areas', { headers: headers(s) })).text();
    expect(areasPage).not.toContain(xss);
    expect(areasPage).not.toContain('<script>alert(2)');
    expect(areasPage).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // A hostile file name is kept as text (no path parts, no control characters) and shown escaped.
    const res = await upload(app, s, { name: `../../<svg onload=alert(3)>.csv`, bytes: 'code,name,population\nX2,Två,8000\n' });
    expect(res.status).toBe(201);
    const rep = await res.json();
    expect(rep.fileName).toBe('<svg onload=alert(3)>.csv');
    const history = await (await app.request('/imports', { headers: headers(s) })).text();
    expect(history).not.toContain('<svg onload');
    // Error messages echo the bad cell as JSON text, never as markup.
    const hostileArea = '<iframe src=javascript:alert(4)>';
    const bad = await upload(app, s, { name: 'bad.csv', bytes: `Provpunkt;Datum;Analys;Halt;Enhet\n${hostileArea};2024-01-01;Kokain;1;ng/L\n` });
    const badBody = await bad.json();
    expect(bad.status, JSON.stringify(badBody)).toBe(422);
    expect(badBody.errors[0].message).toContain(hostileArea);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});
