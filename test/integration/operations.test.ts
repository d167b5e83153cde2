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
    // Both files hold the same 1 008 values; the wide one also carries the flows. Whichever takes
    // the lock first stores the values (201, 1 008 accepted). The second finds only duplicates: if
    // it is the wide file its flows are still new (201, 0 values accepted); if it is the long file
    // it has nothing new and is refused (422 nothing_new, naming the batch that holds the values;
    // issue 14). Either way nothing is doubled.
    const [first, second] = a.status === 201 && (await a.clone().json()).counts.accepted === 1008 ? [a, b] : [b, a];
    expect(first.status).toBe(201);
    expect((await first.json()).counts.accepted).toBe(1008);
    const later = await second.json();
    if (second.status === 201) expect(later.counts.accepted).toBe(0);
    else {
      expect(second.status).toBe(422);
      expect(JSON.stringify(later)).toContain('nothing_new');
    }
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
