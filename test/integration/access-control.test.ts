import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { ROLE_RANK, type Role } from '../../server/http/types.ts';
import { testContext } from '../helpers.ts';
import { stopReportWorker } from '../../server/usecases/report-jobs.ts';
import { headers, login, sendJson, upload, type Session } from '../http.ts';

type Guarded = { method: string; path: string; minRole: Role | 'public' };

/** Every route of the app with the role its guard demands, read from the router itself. */
function routesOf(app: ReturnType<typeof createApp>): Guarded[] {
  const byKey = new Map<string, Guarded | { method: string; path: string; minRole: null }>();
  for (const r of app.routes) {
    if (r.method === 'ALL' && r.path === '/*') continue; // global middleware
    const key = `${r.method} ${r.path}`;
    // A sub-app with its own onError wraps its handlers; Hono keeps the original under __COMPOSED_HANDLER.
    const h = r.handler as { minRole?: Role | 'public'; __COMPOSED_HANDLER?: { minRole?: Role | 'public' } };
    const guard = h.minRole ?? h.__COMPOSED_HANDLER?.minRole ?? null;
    const prev = byKey.get(key);
    if (!prev || (prev.minRole === null && guard)) byKey.set(key, { method: r.method, path: r.path, minRole: guard });
  }
  const out = [...byKey.values()];
  const unguarded = out.filter((r) => r.minRole === null);
  if (unguarded.length) throw new Error(`Routes without requireRole/publicRoute: ${unguarded.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  return out as Guarded[];
}

const SAMPLE_PARAMS: Record<string, string> = { id: '1', code: 'EXS-ARV', key: 'cocaine', email: 'nobody@example.se', name: 'timeseries' };
const concrete = (path: string) => path.replace(/:(\w+)/g, (_, p: string) => encodeURIComponent(SAMPLE_PARAMS[p] ?? '1'));

describe('access control matrix', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  const sessions: Partial<Record<Role, Session>> = {};

  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    sessions.admin = await login(app);
    for (const role of ['viewer', 'coordinator'] as const) {
      const res = await sendJson(app, sessions.admin, 'POST', '/api/v1/users', { email: `${role}@example.se`, role, password: `${role}-password-123` });
      expect(res.status).toBe(201);
      sessions[role] = await login(app, `${role}@example.se`, `${role}-password-123`);
    }
    await upload(app, sessions.admin, { name: 'areas.csv', bytes: 'code,name,population\nEXS-ARV,Exempelstad ARV,24000\n' });
  });
  afterAll(async () => ctx.destroy());

  it('every route is guarded, and each role gets exactly what API.md allows', async () => {
    // Logging out ends the session: those routes go last.
    const endsSession = (r: Guarded) => /logout|login|\/session$/.test(r.path);
    const routes = routesOf(app).sort((a, b) => Number(endsSession(a)) - Number(endsSession(b)));
    expect(routes.length).toBeGreaterThan(30);
    let checks = 0;
    const problems: string[] = [];
    for (const r of routes) {
      const url = concrete(r.path);
      const isPage = !r.path.startsWith('/api/') && r.path !== '/healthz';
      // Anonymous
      const anon = await app.request(url, { method: r.method, headers: { 'content-type': 'application/json' }, body: r.method === 'GET' || r.method === 'HEAD' ? undefined : '{}' });
      checks++;
      if (r.minRole === 'public') {
        if (anon.status === 401 || anon.status === 403) problems.push(`${r.method} ${r.path}: public route answered ${anon.status} to anonymous`);
      } else {
        const expected = isPage && r.method === 'GET' ? 303 : 401;
        if (anon.status !== expected) problems.push(`${r.method} ${r.path}: anonymous got ${anon.status}, expected ${expected}`);
      }
      for (const role of ['viewer', 'coordinator', 'admin'] as const) {
        if (endsSession(r)) sessions[role] = await login(app, role === 'admin' ? undefined : `${role}@example.se`, role === 'admin' ? undefined : `${role}-password-123`);
        const s = sessions[role]!;
        // Requests are made with an empty body: the point is the guard, not the handler's validation.
        const res = await app.request(url, { method: r.method, headers: headers(s, { 'content-type': 'application/json' }), body: r.method === 'GET' || r.method === 'HEAD' ? undefined : '{}' });
        checks++;
        const allowed = r.minRole === 'public' || ROLE_RANK[role] >= ROLE_RANK[r.minRole];
        if (allowed && (res.status === 401 || res.status === 403)) problems.push(`${r.method} ${r.path}: ${role} got ${res.status}`);
        if (!allowed && res.status !== 403) problems.push(`${r.method} ${r.path}: ${role} got ${res.status}, expected 403`);
        if (res.status >= 500) problems.push(`${r.method} ${r.path}: ${role} got ${res.status}: ${await res.text()}`);
      }
    }
    console.log(`access control: ${routes.length} routes × 4 roles = ${checks} requests checked`);
    expect(problems).toEqual([]);
  });
});

describe('organisations are separate', () => {
  it('a user of another municipality neither sees nor changes our areas, batches or measurements; a county user sees its municipalities', async () => {
    const { ctx } = await testContext();
    const app = createApp(ctx);
    const admin = await login(app);
    expect((await upload(app, admin, { name: 'areas.csv', bytes: 'code,name,population\nEXS-ARV,Exempelstad ARV,24000\n' })).status).toBe(201);
    const lab = 'Provpunkt;Datum;Analys;Halt;Enhet\nEXS-ARV;2024-03-01;Kokain;12,5;ng/L\n';
    const batch = await (await upload(app, admin, { name: 'lab.csv', bytes: lab })).json();
    await sendJson(app, admin, 'POST', '/api/v1/events', { date: '2024-03-01', title: 'Skolvecka', areas: ['EXS-ARV'] });
    // A county above us, and a neighbouring municipality in it.
    const now = new Date().toISOString();
    const county = await ctx.db.insertInto('organisations').values({ name: 'Länet', kind: 'county', parent_id: null, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.updateTable('organisations').set({ parent_id: county.id }).where('id', '=', 1).execute();
    const other = await ctx.db.insertInto('organisations').values({ name: 'Grannkommunen', kind: 'municipality', parent_id: county.id, created_at: now }).returning('id').executeTakeFirstOrThrow();
    const { hashPassword } = await import('../../server/auth/password.ts');
    for (const [email, org, role] of [['granne@example.se', other.id, 'admin'], ['lan@example.se', county.id, 'viewer']] as const) {
      await ctx.db.insertInto('users').values({ organisation_id: org, email, role, password_hash: await hashPassword('neighbour-password-1'), created_at: now, disabled_at: null }).execute();
    }
    const neighbour = await login(app, 'granne@example.se', 'neighbour-password-1');
    const get = async (s: Session, url: string) => app.request(url, { headers: headers(s) });
    expect(await (await get(neighbour, '/api/v1/areas')).json()).toEqual([]);
    expect((await (await get(neighbour, '/api/v1/measurements')).json()).data).toEqual([]);
    expect(await (await get(neighbour, '/api/v1/imports')).json()).toEqual([]);
    expect(await (await get(neighbour, '/api/v1/events')).json()).toEqual([]);
    expect((await get(neighbour, `/api/v1/imports/${batch.id}`)).status).toBe(404);
    expect((await get(neighbour, `/api/v1/imports/${batch.id}/file`)).status).toBe(404);
    expect((await get(neighbour, '/api/v1/measurements?area=EXS-ARV')).status).toBe(404);
    expect((await sendJson(app, neighbour, 'DELETE', `/api/v1/imports/${batch.id}`, { reason: 'x' })).status).toBe(404);
    expect((await sendJson(app, neighbour, 'DELETE', '/api/v1/events/1')).status).toBe(404);
    // Codes are unique across the county: the neighbour cannot take ours (and is not told whose it is).
    const taken = await sendJson(app, neighbour, 'PUT', '/api/v1/areas/EXS-ARV', { name: 'Deras verk', population: 9000 });
    expect(taken.status).toBe(409);
    expect((await taken.json()).detail).not.toMatch(/Exempelstad|Lagesbild|Lägesbild/);
    expect((await sendJson(app, neighbour, 'PUT', '/api/v1/areas/EXS-GRN', { name: 'Deras verk', population: 9000 })).status).toBe(201);
    expect((await (await get(admin, '/api/v1/areas')).json())[0].name).toBe('Exempelstad ARV');
    // The county's viewer sees its municipalities' areas and data.
    const countyViewer = await login(app, 'lan@example.se', 'neighbour-password-1');
    const seen = (await (await get(countyViewer, '/api/v1/areas')).json()).map((a: { name: string }) => a.name).sort();
    expect(seen).toEqual(['Deras verk', 'Exempelstad ARV']);
    expect((await (await get(countyViewer, '/api/v1/measurements')).json()).data).toHaveLength(1);
    await ctx.destroy();
  });
});

describe('report jobs (job=1, GET /report-jobs/{id}, /{id}/file)', () => {
  it('only the coordinator who asked follows and fetches a job; viewers are refused; a bad id is 422 naming it', async () => {
    const { ctx } = await testContext();
    try {
      const app = createApp(ctx);
      const admin = await login(app);
      for (const role of ['viewer', 'coordinator'] as const) {
        expect((await sendJson(app, admin, 'POST', '/api/v1/users', { email: `${role}@example.se`, role, password: `${role}-password-123` })).status).toBe(201);
      }
      const viewer = await login(app, 'viewer@example.se', 'viewer-password-123');
      const coordinator = await login(app, 'coordinator@example.se', 'coordinator-password-123');
      expect((await upload(app, admin, { name: 'areas.csv', bytes: 'code,name,population\nEXS-ARV,Exempelstad ARV,24000\n' })).status).toBe(201);
      expect((await upload(app, admin, { name: 'lab.csv', bytes: 'Provpunkt;Datum;Analys;Halt;Enhet\nEXS-ARV;2024-03-01;Kokain;12,5;ng/L\n' })).status).toBe(201);
      const url = '/api/v1/reports/baseline?from=2024-03-01&to=2024-03-07&format=csv&job=1';
      expect((await app.request(url)).status).toBe(401);
      expect((await app.request(url, { headers: headers(viewer) })).status).toBe(403);
      const started = await app.request(url, { headers: headers(coordinator) });
      expect(started.status).toBe(202);
      const job = await started.json();
      expect(job.id).toMatch(/^[0-9a-f-]{36}$/);
      for (const path of [job.statusUrl, job.fileUrl]) {
        expect((await app.request(path)).status).toBe(401);
        expect((await app.request(path, { headers: headers(viewer) })).status).toBe(403);
        // Another user's job does not exist for the admin either.
        expect((await app.request(path, { headers: headers(admin) })).status).toBe(404);
      }
      let status: { status: string };
      do {
        status = await (await app.request(job.statusUrl, { headers: headers(coordinator) })).json();
        if (status.status !== 'done') await new Promise((r) => setTimeout(r, 50));
      } while (status.status === 'queued' || status.status === 'running');
      expect(status.status).toBe('done');
      const file = await app.request(job.fileUrl, { headers: headers(coordinator) });
      expect(file.status).toBe(200);
      expect(await file.text()).toMatch(/EXS-ARV/);
      for (const path of ['/api/v1/report-jobs/not-a-job', '/api/v1/report-jobs/not-a-job/file']) {
        const bad = await app.request(path, { headers: headers(coordinator) });
        expect(bad.status).toBe(422);
        expect((await bad.json()).errors[0].column).toBe('id');
      }
      expect((await app.request('/api/v1/report-jobs/00000000-0000-4000-8000-000000000000', { headers: headers(coordinator) })).status).toBe(404);
      expect((await app.request('/api/v1/reports/baseline?job=2', { headers: headers(coordinator) })).status).toBe(400);
    } finally {
      await stopReportWorker(ctx);
      await ctx.destroy();
    }
  });
});
