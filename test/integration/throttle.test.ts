import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { HASH_ACTIVE, HASH_QUEUED } from '../../server/auth/password.ts';
import type { AppContext } from '../../server/context.ts';
import { ADMIN, testContext } from '../helpers.ts';

const contexts: AppContext[] = [];
afterAll(async () => { for (const c of contexts) await c.destroy(); });

async function setup(env: Record<string, string> = {}) {
  const { ctx } = await testContext(env);
  contexts.push(ctx);
  const app = createApp(ctx);
  // As @hono/node-server passes it: the socket's peer is the reverse proxy on localhost.
  const peer = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };
  const attempt = (email: string, password: string, xff?: string) => app.request('/api/v1/session', {
    method: 'POST', headers: { 'content-type': 'application/json', ...(xff ? { 'x-forwarded-for': xff } : {}) }, body: JSON.stringify({ email, password }),
  }, peer);
  /** Failures recorded straight in the table (a hash each would take seconds on a loaded machine). */
  const failures = async (n: number, ip: string) => {
    const at = new Date().toISOString();
    for (let i = 0; i < n; i++) await ctx.db.insertInto('login_attempts').values({ at, email: `seeded${i}@example.se`, ip, success: 0 }).execute();
  };
  return { ctx, app, attempt, failures };
}

describe('login throttling', () => {
  it('40 parallel wrong passwords for one account: 5 × 401, then 429 (check and record are atomic)', async () => {
    const { attempt } = await setup();
    const res = await Promise.all(Array.from({ length: 40 }, () => attempt(ADMIN.email, 'wrong-password-123')));
    const statuses = res.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
  });

  it('one successful login from an IP does not clear its failures against other accounts', async () => {
    const { attempt, failures } = await setup();
    await failures(18, '127.0.0.1');
    expect((await attempt('user18@example.se', 'wrong-password-123')).status).toBe(401);
    expect((await attempt(ADMIN.email, ADMIN.password)).status).toBe(204);
    expect((await attempt('user19@example.se', 'wrong-password-123')).status).toBe(401); // the 20th failure
    const next = await attempt('user20@example.se', 'wrong-password-123');
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('behind a trusted proxy, failures from one client do not lock out another; untrusted X-Forwarded-For changes nothing', async () => {
    const trusted = await setup({ TRUST_PROXY: '1' });
    await trusted.failures(20, '10.0.0.9');
    expect((await trusted.attempt('user20@example.se', 'wrong-password-123', '10.0.0.9')).status).toBe(429);
    expect((await trusted.attempt('other@example.se', 'wrong-password-123', '10.0.0.9')).status).toBe(429);
    expect((await trusted.attempt(ADMIN.email, ADMIN.password, '10.0.0.7')).status).toBe(204);

    const untrusted = await setup();
    for (let i = 0; i < 19; i++) await untrusted.ctx.db.insertInto('login_attempts').values({ at: new Date().toISOString(), email: `u${i}@example.se`, ip: '127.0.0.1', success: 0 }).execute();
    expect((await untrusted.attempt('user19@example.se', 'wrong-password-123', '10.0.1.19')).status).toBe(401);
    // Without TRUST_PROXY every request is the proxy's: a made-up header does not escape the limit.
    expect((await untrusted.attempt('other@example.se', 'wrong-password-123', '10.0.2.1')).status).toBe(429);
  });

  it('bounds concurrent password hashes: beyond the queue a login gets 503 with Retry-After, never 500', async () => {
    const { attempt } = await setup({ TRUST_PROXY: '1' });
    const n = HASH_ACTIVE + HASH_QUEUED + 6;
    const res = await Promise.all(Array.from({ length: n }, (_, i) => attempt(`burst${i}@example.se`, 'wrong-password-123', `10.9.0.${i}`)));
    const busy = res.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.length).toBeLessThanOrEqual(n - HASH_ACTIVE - HASH_QUEUED);
    for (const r of busy) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.every((r) => r.status === 401 || r.status === 503)).toBe(true);
    // A busy answer is not a failure: it does not count towards the account's throttle.
    expect((await attempt(ADMIN.email, ADMIN.password, '10.9.1.1')).status).toBe(204);
  });
});
