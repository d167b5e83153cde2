import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createContext, type AppContext } from '../../server/context.ts';
import { tempDir } from '../helpers.ts';
import { getJson, login, sendJson, type Session } from '../http.ts';

/** A fresh install without ORGANISATION_NAME or an admin password: the first hour of a coordinator. */
describe('first run', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let oneTime: { email: string; password: string };
  let admin: Session;

  beforeAll(async () => {
    const created = await createContext(loadConfig({ DATA_DIR: tempDir(), LAGESBILD_ADMIN_EMAIL: 'first@example.se', LOG_LEVEL: 'silent' }));
    ctx = created.ctx;
    oneTime = created.notice.oneTimeAdmin!;
    expect(oneTime.email).toBe('first@example.se');
    app = createApp(ctx);
    admin = await login(app, oneTime.email, oneTime.password);
  });
  afterAll(async () => ctx.destroy());

  it('sends the admin to /setup from any page, and the one-time password opens no API but the set-up', async () => {
    const page = await app.request('/', { headers: { cookie: admin.cookie } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/setup?next=%2F');
    const setup = await app.request('/setup', { headers: { cookie: admin.cookie } });
    expect(setup.status).toBe(200);
    const html = await setup.text();
    expect(html).toContain('name="organisationName"');
    expect(html).toContain('name="newPassword"');
    expect((await getJson(app, admin, '/api/v1/areas')).status).toBe(403);
    expect((await getJson(app, admin, '/api/v1/setup')).body).toEqual({ organisationName: true, password: true, organisationKind: 'municipality' });
  });

  it('refuses a set-up without a name, or with a short password, naming the field', async () => {
    let res = await sendJson(app, admin, 'POST', '/api/v1/setup', { newPassword: 'a-long-enough-password' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].column).toBe('organisationName');
    res = await sendJson(app, admin, 'POST', '/api/v1/setup', { organisationName: 'Exempelstad', newPassword: 'short' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].column).toBe('newPassword');
    res = await sendJson(app, admin, 'POST', '/api/v1/setup', { organisationName: 'Exempelstad' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].column).toBe('newPassword');
    res = await sendJson(app, admin, 'POST', '/api/v1/setup', { organisationName: 42 });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].column).toBe('organisationName');
  });

  it('saves the name and the new password; the one-time password stops working', async () => {
    const res = await sendJson(app, admin, 'POST', '/api/v1/setup', { organisationName: 'Exempelstads kommun', kind: 'municipality', newPassword: 'a-long-enough-password' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ organisationName: false, password: false, organisationKind: 'municipality' });
    expect((await app.request('/', { headers: { cookie: admin.cookie } })).status).toBe(200);
    expect((await app.request('/setup', { headers: { cookie: admin.cookie } })).status).toBe(303);
    await expect(login(app, oneTime.email, oneTime.password)).rejects.toThrow(/401/);
    admin = await login(app, oneTime.email, 'a-long-enough-password');
    expect((await getJson(app, admin, '/api/v1/me')).body.organisation).toBeTruthy();
    const orgs = (await getJson(app, admin, '/api/v1/organisations')).body;
    expect(orgs[0].name).toBe('Exempelstads kommun');
  });

  it('renames the organisation under administration (admin only; unknown id 404; empty name 400)', async () => {
    const orgId = (await getJson(app, admin, '/api/v1/organisations')).body[0].id as number;
    const adminPage = await app.request('/admin', { headers: { cookie: admin.cookie } });
    expect(adminPage.status).toBe(200);
    expect(await adminPage.text()).toContain('value="Exempelstads kommun"');
    let res = await sendJson(app, admin, 'PATCH', `/api/v1/organisations/${orgId}`, { name: '  ' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].column).toBe('name');
    expect((await sendJson(app, admin, 'PATCH', '/api/v1/organisations/999', { name: 'X' })).status).toBe(404);
    res = await sendJson(app, admin, 'PATCH', `/api/v1/organisations/${orgId}`, { name: 'Norrby kommun' });
    expect(res.status).toBe(200);
    expect((await getJson(app, admin, '/api/v1/organisations')).body[0].name).toBe('Norrby kommun');
    // A coordinator cannot rename; a user added without a password (CLI) must change it first.
    const created = await sendJson(app, admin, 'POST', '/api/v1/users', { email: 'c@example.se', role: 'coordinator', password: 'coordinator-pass-1' });
    expect(created.status).toBe(201);
    const coord = await login(app, 'c@example.se', 'coordinator-pass-1');
    expect((await sendJson(app, coord, 'PATCH', `/api/v1/organisations/${orgId}`, { name: 'Y' })).status).toBe(403);
    expect((await app.request('/', { headers: { cookie: coord.cookie } })).status).toBe(200);
  });
});
