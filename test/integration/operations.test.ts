import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createContext } from '../../server/context.ts';
import { ADMIN, ON_POSTGRES, SAMPLES, tempDir, testContext } from '../helpers.ts';
import { allMeasurements, getJson, login, sendJson, upload } from '../http.ts';
import { httpLogin, startServer, stopServer } from '../server-process.ts';

describe('backups, concurrency, shutdown, audit', () => {
  // SQLite's own file and backup API; on PostgreSQL the server's backups apply (cli backup refuses).
  it.skipIf(ON_POSTGRES)('backs up online with the CLI while the server runs; a restored copy gives the same figures', async () => {
    const dir = tempDir('backup-');
    const server = await startServer(dir);
    try {
      const s = await httpLogin(server.url);
      for (const f of ['areas.csv', 'lab-long-sv.csv', 'flow-sv.csv']) {
        const res = await fetch(`${server.url}/api/v1/imports`, { method: 'POST', body: fs.readFileSync(path.join(SAMPLES, f)), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-file-name': f } });
        expect(res.status).toBe(201);
      }
      const target = path.join(tempDir('backup-out-'), 'copy.sqlite');
      const cli = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'backup', target], { env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
      expect(cli.status, cli.stderr).toBe(0);
      expect(cli.stdout).toMatch(/integrity ok/);
      const before = await (await fetch(`${server.url}/api/v1/measurements?limit=100000`, { headers: { cookie: s.cookie } })).json();

      // Restore = put the copy in place as DATA_DIR/lagesbild.sqlite (README "Security and backups").
      const restored = tempDir('restored-');
      fs.copyFileSync(target, path.join(restored, 'lagesbild.sqlite'));
      const { ctx } = await createContext(loadConfig({ DATA_DIR: restored, LOG_LEVEL: 'silent' }));
      const app = createApp(ctx);
      const r = await login(app);
      const after = await allMeasurements(app, r);
      expect(after).toEqual(before.data);
      await ctx.destroy();
    } finally {
      await stopServer(server);
    }
  });

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

  it('SIGTERM: the server stops accepting, lets the running request finish, and exits 0', async () => {
    const dir = tempDir('sigterm-');
    const server = await startServer(dir);
    const s = await httpLogin(server.url);
    const pending = fetch(`${server.url}/api/v1/imports`, { method: 'POST', body: fs.readFileSync(path.join(SAMPLES, 'areas.csv')), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-file-name': 'areas.csv' } });
    await new Promise((r) => setTimeout(r, 20));
    const code = await stopServer(server, 'SIGTERM');
    expect(code).toBe(0);
    const res = await pending.catch(() => null);
    if (res) expect([201, 503]).toContain(res.status);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
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
