/**
 * Concurrency and the audit log, in process. The tests with a real server process (online
 * backup with the CLI, SIGTERM) are in operations-process.test.ts.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { ADMIN, SAMPLES, testContext } from '../helpers.ts';
import { allMeasurements, getJson, login, sendJson, upload } from '../http.ts';

describe('concurrency, audit', () => {
  it('two imports at once both succeed in order and nothing is doubled', async () => {
    const { ctx } = await testContext();
    const app = createApp(ctx);
    const s = await login(app);
    await upload(app, s, path.join(SAMPLES, 'areas.csv'));
    const [a, b] = await Promise.all([upload(app, s, path.join(SAMPLES, 'lab-long-sv.csv')), upload(app, s, path.join(SAMPLES, 'lab-wide-en.csv'))]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 201]);
    const accepted = [(await a.json()).counts.accepted, (await b.json()).counts.accepted].sort((x, y) => x - y);
    expect(accepted).toEqual([0, 1008]); // whichever came second found only duplicates
    expect(await allMeasurements(app, s)).toHaveLength(1008);
    await ctx.destroy();
  });

  it('logs imports, retractions, edits, logins and failed logins for admins to filter', async () => {
    const { ctx } = await testContext();
    const app = createApp(ctx);
    await app.request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password: 'not-the-password' }) });
    const s = await login(app);
    const rep = await (await upload(app, s, path.join(SAMPLES, 'areas.csv'))).json();
    await sendJson(app, s, 'PUT', '/api/v1/areas/EXS-NOR', { name: 'Norrby PS', population: 7000 });
    await sendJson(app, s, 'PUT', '/api/v1/substances/mdma', { correctionFactor: 4.4 });
    const lab = await (await upload(app, s, { name: 'l.csv', bytes: 'Provpunkt;Datum;Analys;Halt;Enhet\nEXS-ARV;2024-03-01;Kokain;12,5;ng/L\n' })).json();
    await sendJson(app, s, 'DELETE', `/api/v1/imports/${lab.id}`, { reason: 'fel fil' });
    const { body } = await getJson(app, s, '/api/v1/audit');
    const actions = body.map((a: { action: string }) => a.action);
    for (const a of ['login_failed', 'login', 'import', 'area_updated', 'substance_updated', 'retract']) expect(actions).toContain(a);
    const retract = body.find((a: { action: string }) => a.action === 'retract');
    expect(retract.details.reason).toBe('fel fil');
    const onlyImports = (await getJson(app, s, '/api/v1/audit?action=import')).body;
    expect(onlyImports.map((a: { target: string }) => a.target)).toEqual([`batch:${lab.id}`, `batch:${rep.id}`]);
    await ctx.destroy();
  });
});

describe('admin page', () => {
  it('lists users and filters the audit log; viewers are refused', async () => {
    const { ctx } = await testContext();
    const app = createApp(ctx);
    const s = await login(app);
    await sendJson(app, s, 'POST', '/api/v1/users', { email: 'vy@example.se', role: 'viewer', password: 'viewer-password-1' });
    await upload(app, s, path.join(SAMPLES, 'areas.csv'));
    const page = await (await app.request('/admin?action=import', { headers: { cookie: s.cookie } })).text();
    expect(page).toContain('vy@example.se');
    expect(page).toMatch(/<td>import<\/td>/);
    expect(page).not.toMatch(/<td>login<\/td>/);
    const viewer = await login(app, 'vy@example.se', 'viewer-password-1');
    expect((await app.request('/admin', { headers: { cookie: viewer.cookie } })).status).toBe(403);
    await ctx.destroy();
  });
});
