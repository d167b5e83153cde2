import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { ROLE_RANK, type Role } from '../../server/http/types.ts';
import { testContext } from '../helpers.ts';
import { addUser, getJson, headers, login, sendJson, upload, type Session } from '../http.ts';
import { countyTree, type Tree } from '../orgs.ts';

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
/** Reports and orders are asked for as CSV: the guard is the point, and the PDFs are read elsewhere. */
const asCsv = (path: string) => (/\/reports\/|\/order$/.test(path) ? '?format=csv' : '');
const concrete = (path: string) => path.replace(/:(\w+)/g, (_, p: string) => encodeURIComponent(SAMPLE_PARAMS[p] ?? '1')) + asCsv(path);

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
  }, 240_000); // ~80 routes × 4 callers: over a minute on a busy machine, more on PostgreSQL
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
    // Area boundaries (issue 14): ours are neither the neighbour's to see nor to replace.
    const square = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { kod: 'EXS-ARV' }, geometry: { type: 'Polygon', coordinates: [[[15, 59], [15.1, 59], [15.1, 59.1], [15, 59.1], [15, 59]]] } }] });
    const postBoundaries = (s: Session) => app.request('/api/v1/boundaries', { method: 'POST', headers: headers(s, { 'content-type': 'application/geo+json' }), body: square });
    expect((await postBoundaries(admin)).status).toBe(200);
    expect(await (await get(neighbour, '/api/v1/boundaries')).json()).toEqual([]);
    expect([400, 404]).toContain((await get(neighbour, '/api/v1/map')).status); // no campaigns of its own (400), never our shapes
    expect((await postBoundaries(neighbour)).status).toBe(422);
    expect((await (await get(admin, '/api/v1/boundaries')).json()).map((b: { code: string }) => b.code)).toEqual(['EXS-ARV']);
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
    // County rounds, the county page and the county report (issue 13): the county sees both, the neighbour only its own.
    expect((await sendJson(app, admin, 'PUT', '/api/v1/areas/EXS-ARV', { name: 'Exempelstad ARV', county: 'Länet' })).status).toBe(200);
    expect((await sendJson(app, neighbour, 'PUT', '/api/v1/areas/EXS-GRN', { name: 'Deras verk', county: 'Länet' })).status).toBe(200);
    const rounds = (s: Session, q: string) => get(s, `/api/v1/stats/rounds?${q}&substance=cocaine&metric=concentration`);
    expect((await rounds(neighbour, 'areas=EXS-ARV')).status).toBe(404);
    expect(await (await rounds(neighbour, 'county=L%C3%A4net')).json()).toEqual([]);
    expect((await (await rounds(countyViewer, 'county=L%C3%A4net')).json())[0].areas).toEqual([{ area: 'EXS-ARV', campaigns: 1, value: 12.5 }]);
    const page = await (await get(neighbour, '/county?county=L%C3%A4net&metric=concentration')).text();
    expect(page).toContain('<option value="Länet" selected="">Länet</option>');
    expect(page).not.toContain('Exempelstad');
    expect(page).not.toContain('Kokain'); // not even the substance measured only in our area
    expect(await (await get(countyViewer, '/county?county=L%C3%A4net&metric=concentration')).text()).toContain('Exempelstad ARV');
    const report = await get(neighbour, '/api/v1/reports/county?county=L%C3%A4net&metric=concentration&format=csv');
    expect(report.status).toBe(422); // nothing measured in its own areas
    expect(await report.text()).not.toContain('EXS-ARV');
    expect((await get(neighbour, '/api/v1/reports/county?county=L%C3%A4net&substances=cocaine&metric=concentration&format=html')).status).toBe(422);
    await ctx.destroy();
  });
});

describe('methods settings (issue 12): /api/v1/settings/methods and /settings/methods', () => {
  it('coordinators and admins read and write their own organisation\'s; viewers are refused; bad input is 422 naming the field', async () => {
    const { ctx } = await testContext();
    const app = createApp(ctx);
    const admin = await login(app);
    const viewer = await addUser(app, admin, { email: 'viewer@example.se', password: 'viewer-password-123', role: 'viewer' });
    const coordinator = await addUser(app, admin, { email: 'coordinator@example.se', password: 'coordinator-password-123', role: 'coordinator' });
    expect((await app.request('/api/v1/settings/methods')).status).toBe(401);
    expect((await app.request('/api/v1/settings/methods', { headers: headers(viewer) })).status).toBe(403);
    expect((await sendJson(app, viewer, 'PUT', '/api/v1/settings/methods', { labName: 'X' })).status).toBe(403);
    const fresh = await (await app.request('/api/v1/settings/methods', { headers: headers(coordinator) })).json();
    expect(fresh).toMatchObject({ samplingMode: 'not_stated', compositeHours: 24, labName: '', populationUnit: 'persons', updatedAt: null });
    const saved = await sendJson(app, coordinator, 'PUT', '/api/v1/settings/methods', { samplingMode: 'time_proportional', labName: 'RISE' });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ samplingMode: 'time_proportional', labName: 'RISE', updatedBy: 'coordinator@example.se' });
    // a partial change keeps the other fields
    expect(await (await sendJson(app, admin, 'PUT', '/api/v1/settings/methods', { storage: 'fryst' })).json()).toMatchObject({ labName: 'RISE', storage: 'fryst' });
    for (const [body, column] of [[{ samplingMode: 'daily' }, 'samplingMode'], [{ populationUnit: 'households' }, 'populationUnit'], [{ compositeHours: 0 }, 'compositeHours'],
      [{ labName: 'x'.repeat(2001) }, 'labName'], [{ colour: 'red' }, 'colour'], [[1, 2], '']] as const) {
      const res = await sendJson(app, coordinator, 'PUT', '/api/v1/settings/methods', body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      expect(res.headers.get('content-type')).toContain('problem+json');
      expect((await res.json()).errors.map((e: { column: string }) => e.column)).toContain(column);
    }
    // the change is audited
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'actor']).where('action', '=', 'method_settings_saved').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0].actor).toBe('coordinator@example.se');
    // the form page: viewers 403, coordinators see the values and save through a plain POST (CSRF token in the form)
    expect((await app.request('/settings/methods', { headers: headers(viewer) })).status).toBe(403);
    const page = await (await app.request('/settings/methods', { headers: headers(coordinator) })).text();
    expect(page).toContain('value="RISE"');
    expect(page).toContain('<option value="time_proportional" selected');
    const token = /name="_csrf" value="([^"]+)"/.exec(page)![1];
    const form = new URLSearchParams({ _csrf: token, samplingMode: 'flow_proportional', compositeHours: '24', labName: 'Umeå universitet', populationUnit: 'pe' });
    const posted = await app.request('/settings/methods', { method: 'POST', headers: { ...headers(coordinator), 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(posted.status).toBe(303);
    expect(await (await app.request('/api/v1/settings/methods', { headers: headers(coordinator) })).json()).toMatchObject({ samplingMode: 'flow_proportional', labName: 'Umeå universitet', populationUnit: 'pe', storage: 'fryst' });
    const refused = await app.request('/settings/methods', { method: 'POST', headers: { ...headers(coordinator), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: token, compositeHours: 'många' }).toString() });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('compositeHours');
    // another organisation's coordinator sees only its own (defaults)
    const now = new Date().toISOString();
    const other = await ctx.db.insertInto('organisations').values({ name: 'Grannkommunen', kind: 'municipality', parent_id: null, created_at: now }).returning('id').executeTakeFirstOrThrow();
    const { hashPassword } = await import('../../server/auth/password.ts');
    await ctx.db.insertInto('users').values({ organisation_id: other.id, email: 'granne@example.se', role: 'coordinator', password_hash: await hashPassword('neighbour-password-1'), created_at: now, disabled_at: null }).execute();
    const neighbour = await login(app, 'granne@example.se', 'neighbour-password-1');
    expect(await (await app.request('/api/v1/settings/methods', { headers: headers(neighbour) })).json()).toMatchObject({ labName: '', updatedAt: null });
    await ctx.destroy();
  });
});

describe('report jobs (job=1, GET /report-jobs/{id}, /{id}/file)', () => {
  it('only the coordinator who asked follows and fetches a job; viewers are refused; a bad id is 422 naming it', async () => {
    const { ctx } = await testContext();
    try {
      const app = createApp(ctx);
      const admin = await login(app);
      const viewer = await addUser(app, admin, { email: 'viewer@example.se', password: 'viewer-password-123', role: 'viewer' });
      const coordinator = await addUser(app, admin, { email: 'coordinator@example.se', password: 'coordinator-password-123', role: 'coordinator' });
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
      await ctx.destroy();
    }
  });
});

/**
 * The same matrix in a county with two municipalities (issue 16): every route for every role of
 * every organisation, and every route that names an object (area, batch, event, period, campaign,
 * user, organisation, refused attempt) with the objects of each organisation. An organisation sees
 * and changes its own objects and (a county) its municipalities'; anything else is 403 by role or
 * 404 — never 2xx, never 5xx, never a change.
 */
describe('access control matrix in a county with two municipalities', () => {
  type Org = 'county' | 'a' | 'b';
  const ORGS: Org[] = ['county', 'a', 'b'];
  const ROLES = ['viewer', 'coordinator', 'admin'] as const;
  let t: Tree;
  const objects = {} as Record<Org, Record<string, string>>;
  const sees = (who: Org, whose: Org) => who === whose || who === 'county';

  beforeAll(async () => {
    t = await countyTree();
    for (const org of ORGS) {
      const c = await t.as(org, 'coordinator');
      const code = `EXS-${org.toUpperCase()}`;
      expect((await sendJson(t.app, c, 'PUT', `/api/v1/areas/${code}`, { name: `Verk ${org}`, population: 20000 })).status).toBe(201);
      const lab = `Provpunkt;Datum;Analys;Halt;Enhet\n${code};2024-03-01;Kokain;12,5;ng/L\n`;
      const batch = await (await upload(t.app, c, { name: `lab-${org}.csv`, bytes: lab })).json();
      expect((await upload(t.app, c, { name: `bad-${org}.csv`, bytes: `Provpunkt;Datum;Analys;Halt;Enhet\n${code};not-a-date;Kokain;1;ng/L\n` })).status).toBe(422);
      const attempt = (await getJson(t.app, c, '/api/v1/import-attempts')).body[0].id;
      const event = await (await sendJson(t.app, c, 'POST', '/api/v1/events', { date: '2024-03-01', title: `Händelse ${org}`, areas: [code] })).json();
      const period = await (await sendJson(t.app, c, 'POST', '/api/v1/periods', { name: `Period ${org}`, from: '2024-03-01', to: '2024-03-07' })).json();
      const campaign = await (await sendJson(t.app, c, 'POST', '/api/v1/campaigns', { name: `Kampanj ${org}`, from: '2024-04-01', to: '2024-04-07', areas: [code], substances: ['cocaine'] })).json();
      for (const [what, v] of Object.entries({ batch, event, period, campaign })) expect(v.id, `${org} ${what}`).toBeTypeOf('number');
      objects[org] = { code, id: String(batch.id), attempt: String(attempt), event: String(event.id), period: String(period.id), campaign: String(campaign.id), email: `viewer@${org}.se`, org: String(t.orgs[org]) };
    }
  });
  afterAll(async () => t.ctx.destroy());

  /** The object of `org` a route's parameter names (the `:id` of each route is a different kind). */
  const objectUrl = (path: string, org: Org) => path.replace(/:(\w+)/g, (_, p: string) => {
    const o = objects[org];
    if (p === 'code') return o.code;
    if (p === 'email') return encodeURIComponent(o.email);
    if (p === 'key') return 'cocaine';
    if (p === 'name') return 'timeseries';
    if (p === 'file') return 'app.css';
    if (/\/imports\//.test(path)) return o.id;
    if (/import-attempts/.test(path)) return o.attempt;
    if (/events/.test(path)) return o.event;
    if (/periods/.test(path)) return o.period;
    if (/campaigns/.test(path)) return o.campaign;
    if (/organisations/.test(path)) return o.org;
    return '1';
  });
  const ORG_OBJECT = /:(code|id|email)\b/;

  /** What an organisation's objects look like to its own admin: unchanged after others' attempts. */
  const fingerprint = async (org: Org) => {
    const s = await t.as(org, 'admin');
    const parts = await Promise.all(['/api/v1/areas', '/api/v1/imports', '/api/v1/events', '/api/v1/periods', '/api/v1/campaigns', '/api/v1/users']
      .map(async (u) => JSON.stringify((await getJson(t.app, s, u)).body)));
    return parts.join('\n').replace(/"(updatedAt|lastLogin|lastSeen)":"[^"]*"/g, '');
  };

  it('every role of every organisation gets what its role allows, on every route', async () => {
    const endsSession = (r: Guarded) => /logout|login|\/session$/.test(r.path);
    const routes = routesOf(t.app).filter((r) => !endsSession(r) && !/password|token/.test(r.path));
    const problems: string[] = [];
    for (const r of routes) {
      for (const org of ORGS) {
        for (const role of ROLES) {
          const url = objectUrl(r.path, org) + asCsv(r.path);
          const write = r.method !== 'GET' && r.method !== 'HEAD';
          // Own objects, empty body: the guard is the point; writes go to a DELETE-free subset below.
          if (write && (r.method === 'DELETE' || r.method === 'PATCH')) continue;
          const res = await t.app.request(url, { method: r.method, headers: headers(await t.as(org, role), { 'content-type': 'application/json' }), body: write ? '{}' : undefined });
          const allowed = r.minRole === 'public' || ROLE_RANK[role] >= ROLE_RANK[r.minRole];
          if (allowed && res.status === 401) problems.push(`${r.method} ${url}: ${role}@${org} got 401`);
          if (!allowed && res.status !== 403) problems.push(`${r.method} ${url}: ${role}@${org} got ${res.status}, expected 403`);
          if (res.status >= 500) problems.push(`${r.method} ${url}: ${role}@${org} got ${res.status}: ${(await res.text()).slice(0, 300)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('objects of an organisation a caller cannot see: 403 or 404 on every route, never a change', async () => {
    const before = Object.fromEntries(await Promise.all(ORGS.map(async (o) => [o, await fingerprint(o)] as const)));
    // Report jobs belong to the user who asked (their own test above), not to an organisation.
    const routes = routesOf(t.app).filter((r) => ORG_OBJECT.test(r.path) && !r.path.includes('report-jobs'));
    expect(routes.length).toBeGreaterThan(15);
    const problems: string[] = [];
    let checked = 0;
    for (const r of routes) {
      for (const who of ORGS) {
        for (const whose of ORGS) {
          if (sees(who, whose)) continue;
          const url = objectUrl(r.path, whose);
          for (const role of ROLES) {
            const write = r.method !== 'GET' && r.method !== 'HEAD';
            const body = r.method === 'DELETE' ? JSON.stringify({ reason: 'intrång' }) : write ? JSON.stringify({ name: 'Kapad', title: 'Kapad', role: 'admin', disabled: true, population: 100000, from: '2024-03-01', to: '2024-03-02', areas: [], substances: ['cocaine'] }) : undefined;
            const res = await t.app.request(url, { method: r.method, headers: headers(await t.as(who, role), { 'content-type': 'application/json' }), body });
            checked++;
            const text = await res.text();
            // PUT /areas/:code of a code another organisation of the tree holds: 409 with a neutral message.
            const neutralConflict = res.status === 409 && r.path.endsWith('/areas/:code') && !text.includes(`Verk ${whose}`);
            if (![403, 404].includes(res.status) && !neutralConflict) problems.push(`${r.method} ${url}: ${role}@${who} on ${whose}'s object got ${res.status}: ${text.slice(0, 200)}`);
            if (text.includes(`Verk ${whose}`) || text.includes(`Händelse ${whose}`) || text.includes(`Kampanj ${whose}`)) problems.push(`${r.method} ${url}: ${role}@${who} was shown ${whose}'s object`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    for (const o of ORGS) expect(await fingerprint(o), `${o}'s objects changed`).toBe(before[o]);
  }, 240_000);

  it('the county sees and changes its municipalities\' objects; a municipality its own', async () => {
    const county = await t.as('county', 'coordinator');
    for (const org of ['a', 'b'] as const) {
      expect((await getJson(t.app, county, `/api/v1/imports/${objects[org].id}`)).status).toBe(200);
      expect((await t.app.request(`/areas/${objects[org].code}`, { headers: headers(county) })).status).toBe(200);
    }
    expect((await getJson(t.app, await t.as('a', 'coordinator'), `/api/v1/imports/${objects.a.id}`)).status).toBe(200);
    const codes = (s: Session) => getJson(t.app, s, '/api/v1/areas').then((r) => r.body.map((x: { code: string }) => x.code).sort());
    expect(await codes(await t.as('county', 'viewer'))).toEqual(['EXS-A', 'EXS-B', 'EXS-COUNTY']);
    expect(await codes(await t.as('b', 'admin'))).toEqual(['EXS-B']);
  });
});
