import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { testContext } from '../helpers.ts';
import { headers, login, sendJson, type Session } from '../http.ts';

describe('a password change or reset ends the other ways in', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    admin = await login(app);
    expect((await sendJson(app, admin, 'POST', '/api/v1/users', { email: 'coord@example.se', role: 'coordinator', password: 'first-password-123' })).status).toBe(201);
  });
  afterAll(async () => ctx.destroy());

  const me = (h: Record<string, string>) => app.request('/api/v1/me', { headers: h });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const mint = async (s: Session) => (await (await sendJson(app, s, 'POST', '/api/v1/tokens', { name: 'skript' })).json()).token as string;

  it('an admin reset ends the user\'s sessions and revokes their tokens (which then cannot mint new ones)', async () => {
    const s = await login(app, 'coord@example.se', 'first-password-123');
    const token = await mint(s);
    expect((await me(bearer(token))).status).toBe(200);
    const reset = await sendJson(app, admin, 'PATCH', '/api/v1/users/coord%40example.se', { password: 'reset-password-456' });
    expect(reset.status).toBe(200);
    expect((await me(headers(s))).status).toBe(401);
    expect((await me(bearer(token))).status).toBe(401);
    const minted = await app.request('/api/v1/tokens', { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x' }) });
    expect(minted.status).toBe(401);
    const audit = await ctx.db.selectFrom('audit_log').select(['details_json']).where('action', '=', 'user_updated').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details_json)).toMatchObject({ passwordChanged: true, sessionsEnded: 1, tokensRevoked: 1 });
  });

  it('changing one\'s own password revokes one\'s tokens and ends the other sessions, keeping this one', async () => {
    const here = await login(app, 'coord@example.se', 'reset-password-456');
    const elsewhere = await login(app, 'coord@example.se', 'reset-password-456');
    const token = await mint(here);
    const res = await sendJson(app, here, 'PUT', '/api/v1/me/password', { currentPassword: 'reset-password-456', newPassword: 'own-new-password-789' });
    expect(res.status).toBe(204);
    expect((await me(headers(here))).status).toBe(200);
    expect((await me(headers(elsewhere))).status).toBe(401);
    expect((await me(bearer(token))).status).toBe(401);
    const audit = await ctx.db.selectFrom('audit_log').select(['details_json']).where('action', '=', 'password_changed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details_json)).toMatchObject({ sessionsEnded: 1, tokensRevoked: 1 });
  });
});
