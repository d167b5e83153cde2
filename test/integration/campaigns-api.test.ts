import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { createContext } from '../../server/context.ts';
import { SAMPLES, tempDir, testContext } from '../helpers.ts';
import { getJson, login, sendJson, upload, type Session } from '../http.ts';

const VIEWER = { email: 'viewer@example.se', password: 'viewer password 123', role: 'viewer' };
const COORDINATOR = { email: 'coordinator@example.se', password: 'coordinator password 1', role: 'coordinator' };
const PLAN = { name: 'Vår 2024', from: '2024-03-11', to: '2024-03-17', areas: ['EXS-ARV'], substances: ['cocaine', 'amphetamine'], lab: 'Exempellabbet AB' };

describe('campaigns API (issue 10)', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  let coordinator: Session;
  let viewer: Session;
  let plannedId: number;

  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    admin = await login(app);
    for (const u of [VIEWER, COORDINATOR]) expect((await sendJson(app, admin, 'POST', '/api/v1/users', u)).status).toBe(201);
    viewer = await login(app, VIEWER.email, VIEWER.password);
    coordinator = await login(app, COORDINATOR.email, COORDINATOR.password);
  });
  afterAll(async () => ctx.destroy());

  it('starts empty; the sample import yields 6 detected campaigns per area, the earliest the default baseline', async () => {
    expect((await getJson(app, viewer, '/api/v1/campaigns')).body).toEqual([]);
    for (const f of ['areas.csv', 'flow-sv.csv', 'lab-long-sv.csv']) expect((await upload(app, coordinator, path.join(SAMPLES, f))).status).toBe(201);
    const { status, body } = await getJson(app, viewer, '/api/v1/campaigns');
    expect(status).toBe(200);
    expect(body).toHaveLength(6);
    for (const area of ['EXS-ARV', 'EXS-CEN', 'EXS-NOR']) expect((await getJson(app, viewer, `/api/v1/campaigns?area=${area}`)).body).toHaveLength(6);
    expect(body.every((c: any) => c.status === 'detected' && c.areas.length === 3)).toBe(true);
    expect(body.filter((c: any) => c.baseline).map((c: any) => c.from)).toEqual(['2020-09-14']);
    expect(body[0]).toMatchObject({ name: '2020-09-14 – 2020-09-20', from: '2020-09-14', to: '2020-09-20', baseline: true, baselineChosen: false, design: { days: 7, composite: 'flow_24h' } });
    // 3 areas × 7 days × 8 substances arrived, each with its day's flow.
    expect(body[0].delivery).toEqual({ expected: 168, delivered: 168, missingDays: [], missingFlows: [] });
    // A second delivery of the same values changes no campaign (it is refused as nothing_new, API.md).
    const before = (await getJson(app, viewer, '/api/v1/campaigns')).body.map((c: any) => c.id);
    expect((await upload(app, coordinator, path.join(SAMPLES, 'lab-wide-en.csv'), 'onConflict=skip')).status).toBe(422);
    expect((await getJson(app, viewer, '/api/v1/campaigns')).body.map((c: any) => c.id)).toEqual(before);
  });

  it('campaign= and baselineCampaign= work wherever period= and baselinePeriod= do, and are the default comparison', async () => {
    const campaigns = (await getJson(app, viewer, '/api/v1/campaigns')).body;
    const [first, , , , , last] = campaigns;
    const byCampaign = await getJson(app, viewer, `/api/v1/stats/change?area=EXS-ARV&substance=cocaine&baselineCampaign=${first.id}&campaign=${last.id}`);
    const byDates = await getJson(app, viewer, `/api/v1/stats/change?area=EXS-ARV&substance=cocaine&baselineFrom=${first.from}&baselineTo=${first.to}&from=${last.from}&to=${last.to}`);
    expect(byCampaign.status).toBe(200);
    // The same figures; the ranges then also name the campaign.
    const figures = ({ baselinePeriod, currentPeriod, ...rest }: any) => rest;
    expect(byCampaign.body.baselinePeriod).toMatchObject({ from: first.from, to: first.to, campaignId: first.id });
    expect(figures(byCampaign.body)).toEqual(figures(byDates.body));
    expect((await getJson(app, viewer, '/api/v1/stats/change?area=EXS-ARV&substance=cocaine')).body).toEqual(byCampaign.body);
    expect((await getJson(app, viewer, `/api/v1/stats/baseline?area=EXS-ARV&substance=cocaine&campaign=${first.id}`)).body.n).toBe(7);
    const overview = await getJson(app, viewer, '/api/v1/overview');
    expect(overview.body.baseline).toMatchObject({ from: first.from, to: first.to, campaignId: first.id });
    expect(overview.body.current).toMatchObject({ from: last.from, to: last.to, campaignId: last.id });
    expect((await getJson(app, viewer, `/api/v1/charts/overview?baselineCampaign=${first.id}&campaign=${last.id}`)).status).toBe(200);
    expect((await getJson(app, viewer, '/api/v1/stats/baseline?area=EXS-ARV&substance=cocaine&campaign=9999')).status).toBe(404);
  });

  it('roles: viewers read, coordinators write; bad input is a 422 naming the field', async () => {
    expect((await sendJson(app, viewer, 'POST', '/api/v1/campaigns', PLAN)).status).toBe(403);
    expect((await sendJson(app, null, 'POST', '/api/v1/campaigns', PLAN)).status).toBe(401);
    const bad = async (body: object, column: string, code: string) => {
      const res = await sendJson(app, coordinator, 'POST', '/api/v1/campaigns', { ...PLAN, ...body });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await res.json();
      expect(problem.errors).toContainEqual(expect.objectContaining({ column, code }));
    };
    await bad({ from: '2024-03-17', to: '2024-03-11' }, 'to', 'dates_reversed');
    await bad({ areas: ['NOPE'] }, 'areas', 'unknown_area');
    await bad({ substances: ['unobtainium'] }, 'substances', 'unknown_substance');
    expect((await sendJson(app, coordinator, 'POST', '/api/v1/campaigns', { ...PLAN, from: 'yesterday' })).status).toBe(400);

    const res = await sendJson(app, coordinator, 'POST', '/api/v1/campaigns', PLAN);
    expect(res.status).toBe(201);
    const planned = await res.json();
    plannedId = planned.id;
    expect(planned).toMatchObject({ status: 'planned', baseline: false, design: { days: 7, composite: 'flow_24h' }, delivery: { expected: 14, delivered: 0 } });
    expect(planned.delivery.missingDays).toHaveLength(7);
    // Same area, overlapping dates: 422 on "from"; another area at the same time is fine.
    await bad({ from: '2024-03-15', to: '2024-03-20' }, 'from', 'overlap');
    const other = await sendJson(app, coordinator, 'POST', '/api/v1/campaigns', { ...PLAN, name: 'Norrby', areas: ['EXS-NOR'] });
    expect(other.status).toBe(201);
    const otherId = (await other.json()).id;
    expect((await sendJson(app, viewer, 'DELETE', `/api/v1/campaigns/${otherId}`)).status).toBe(403);
    expect((await sendJson(app, coordinator, 'DELETE', `/api/v1/campaigns/${otherId}`)).status).toBe(204);
    expect((await sendJson(app, coordinator, 'DELETE', `/api/v1/campaigns/${otherId}`)).status).toBe(409);
    expect((await sendJson(app, coordinator, 'DELETE', '/api/v1/campaigns/9999')).status).toBe(404);
    expect((await sendJson(app, coordinator, 'PUT', '/api/v1/campaigns/9999', { notes: 'x' })).status).toBe(404);
    expect((await sendJson(app, coordinator, 'PUT', `/api/v1/campaigns/${plannedId}`, { from: '2024-03-20' })).status).toBe(422);
    // Soft delete: the row is still there.
    expect(await ctx.db.selectFrom('campaigns').select('deleted_at').where('id', '=', otherId).executeTakeFirst()).toMatchObject({ deleted_at: expect.any(String) });
  });

  it('a coordinator chooses the baseline; exactly one remains', async () => {
    const list = (await getJson(app, viewer, '/api/v1/campaigns')).body;
    const second = list.find((c: any) => c.from === '2021-03-15') ?? list[1];
    expect((await sendJson(app, viewer, 'PUT', `/api/v1/campaigns/${second.id}`, { baseline: true })).status).toBe(403);
    const res = await sendJson(app, coordinator, 'PUT', `/api/v1/campaigns/${second.id}`, { baseline: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ baseline: true, baselineChosen: true });
    const after = (await getJson(app, viewer, '/api/v1/campaigns')).body;
    expect(after.filter((c: any) => c.baseline).map((c: any) => c.id)).toEqual([second.id]);
    // Back to the first, chosen.
    expect((await sendJson(app, coordinator, 'PUT', `/api/v1/campaigns/${list[0].id}`, { baseline: true })).status).toBe(200);
  });

  it('the order: CSV one line per area × day × substance, PDF readable by pdftotext, HTML; marking ordered is audited', async () => {
    expect((await getJson(app, viewer, `/api/v1/campaigns/${plannedId}/order?format=csv`)).status).toBe(403);
    const csv = await app.request(`/api/v1/campaigns/${plannedId}/order?format=csv`, { headers: { cookie: coordinator.cookie } });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe('campaign,sampleId,area,date,substance,loqWishedNgL');
    expect(lines.slice(1)).toHaveLength(14);
    expect(lines[1]).toMatch(/^Vår 2024,K\d+-EXS-ARV-20240311,EXS-ARV,2024-03-11,cocaine,/);
    const pdf = await app.request(`/api/v1/campaigns/${plannedId}/order?format=pdf&lang=sv`, { headers: { cookie: coordinator.cookie } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(tempDir(), 'order.pdf');
    fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    for (const s of ['Beställning av provtagning: Vår 2024', 'Till VA-verket', 'Till laboratoriet', 'Kokain', 'Amfetamin', 'EXS-ARV', '2024-03-17', 'Exempellabbet AB', 'Kylning och förvaring']) expect(text).toContain(s);
    const html = await app.request(`/api/v1/campaigns/${plannedId}/order?format=html&lang=en`, { headers: { cookie: coordinator.cookie } });
    expect(await html.text()).toContain('Sampling order: Vår 2024');
    expect((await app.request('/api/v1/campaigns/9999/order?format=csv', { headers: { cookie: coordinator.cookie } })).status).toBe(404);
    expect((await app.request(`/api/v1/campaigns/${plannedId}/order?format=docx`, { headers: { cookie: coordinator.cookie } })).status).toBe(400);

    const res = await sendJson(app, coordinator, 'PUT', `/api/v1/campaigns/${plannedId}`, { status: 'ordered' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ordered', orderedAt: expect.any(String) });
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'actor']).where('target', '=', `campaign:${plannedId}`).execute();
    expect(audit).toContainEqual({ action: 'campaign_ordered', actor: COORDINATOR.email });
  });

  it('a delivery with two days missing: "10 of 14", the missing dates named, status delivered', async () => {
    const days = ['2024-03-11', '2024-03-12', '2024-03-15', '2024-03-16', '2024-03-17'];
    const lab = ['Site,Sample date,Cocaine (ng/L),Amphetamine (ng/L)', ...days.map((d, i) => `EXS-ARV,${d},${100 + i},${300 + i}`)].join('\n');
    expect((await upload(app, coordinator, { name: 'lab-2024.csv', bytes: lab })).status).toBe(201);
    const c = (await getJson(app, viewer, '/api/v1/campaigns')).body.find((x: any) => x.id === plannedId);
    expect(c.status).toBe('delivered');
    expect(c.delivery).toMatchObject({ expected: 14, delivered: 10, missingDays: ['2024-03-13', '2024-03-14'] });
    // No flow was delivered for these days.
    expect(c.delivery.missingFlows).toEqual(days);
    // The planned campaign covers these dates: no detected campaign was added for them.
    expect((await getJson(app, viewer, '/api/v1/campaigns')).body.filter((x: any) => x.from >= '2024-01-01')).toHaveLength(1);
  });

  it('the advisor answers viewers, says where s_w and s_b came from, and rejects bad input', async () => {
    const { status, body } = await getJson(app, viewer, '/api/v1/advisor?area=EXS-ARV&substance=cocaine&ratio=1.5');
    expect(status).toBe(200);
    expect(body.source).toBe('own');
    expect(body.nCampaigns).toBe(6);
    expect(body.detectableRatio).toBeGreaterThan(1);
    expect((await getJson(app, viewer, '/api/v1/advisor?area=NOPE&substance=cocaine')).status).toBe(404);
    expect((await getJson(app, viewer, '/api/v1/advisor?area=EXS-ARV&substance=cocaine&power=2')).status).toBe(400);
    expect((await getJson(app, viewer, '/api/v1/advisor?substance=cocaine')).status).toBe(400);
  });
});

describe('campaigns across organisations', () => {
  it('a county coordinator plans one campaign over two municipalities; a neighbour sees none of ours', async () => {
    const { ctx } = await testContext();
    const app = createApp(ctx);
    const admin = await login(app);
    expect((await upload(app, admin, { name: 'areas.csv', bytes: 'code,name,population\nEXS-ARV,Exempelstad ARV,24000\n' })).status).toBe(201);
    expect((await upload(app, admin, { name: 'lab.csv', bytes: 'Provpunkt;Datum;Analys;Halt;Enhet\nEXS-ARV;2024-03-01;Kokain;12,5;ng/L\nEXS-ARV;2024-03-02;Kokain;13,5;ng/L\n' })).status).toBe(201);
    const ours = (await getJson(app, admin, '/api/v1/campaigns')).body;
    expect(ours).toHaveLength(1);
    const now = new Date().toISOString();
    const county = await ctx.db.insertInto('organisations').values({ name: 'Länet', kind: 'county', parent_id: null, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.updateTable('organisations').set({ parent_id: county.id }).where('id', '=', 1).execute();
    const other = await ctx.db.insertInto('organisations').values({ name: 'Grannkommunen', kind: 'municipality', parent_id: county.id, created_at: now }).returning('id').executeTakeFirstOrThrow();
    const { hashPassword } = await import('../../server/auth/password.ts');
    for (const [email, org, role] of [['granne@example.se', other.id, 'admin'], ['lan@example.se', county.id, 'coordinator']] as const) {
      await ctx.db.insertInto('users').values({ organisation_id: org, email, role, password_hash: await hashPassword('neighbour-password-1'), created_at: now, disabled_at: null }).execute();
    }
    const neighbour = await login(app, 'granne@example.se', 'neighbour-password-1');
    expect((await sendJson(app, neighbour, 'PUT', '/api/v1/areas/GRK-ARV', { name: 'Grannverket', population: 9000 })).status).toBe(201);
    expect((await getJson(app, neighbour, '/api/v1/campaigns')).body).toEqual([]);
    expect((await sendJson(app, neighbour, 'PUT', `/api/v1/campaigns/${ours[0].id}`, { notes: 'x' })).status).toBe(404);
    expect((await sendJson(app, neighbour, 'DELETE', `/api/v1/campaigns/${ours[0].id}`)).status).toBe(404);
    expect((await app.request(`/api/v1/campaigns/${ours[0].id}/order?format=csv`, { headers: { cookie: neighbour.cookie } })).status).toBe(404);
    // The neighbour cannot plan for our area.
    const theirs = await sendJson(app, neighbour, 'POST', '/api/v1/campaigns', { from: '2024-09-09', to: '2024-09-15', areas: ['EXS-ARV'], substances: ['cocaine'] });
    expect(theirs.status).toBe(422);

    const countyUser = await login(app, 'lan@example.se', 'neighbour-password-1');
    const res = await sendJson(app, countyUser, 'POST', '/api/v1/campaigns', { name: 'Länsvecka', from: '2024-09-09', to: '2024-09-15', areas: ['EXS-ARV', 'GRK-ARV'], substances: ['cocaine'] });
    expect(res.status).toBe(201);
    const planned = await res.json();
    expect(planned.delivery.expected).toBe(14);
    // The campaign is the county's: the municipality's own list does not hold it.
    expect((await getJson(app, admin, '/api/v1/campaigns')).body.find((c: any) => c.id === planned.id)).toBeUndefined();
    const csv = await (await app.request(`/api/v1/campaigns/${planned.id}/order?format=csv`, { headers: { cookie: countyUser.cookie } })).text();
    expect(csv.trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[2]).sort()).toEqual([...Array(7).fill('EXS-ARV'), ...Array(7).fill('GRK-ARV')]);
    // A municipality's import into the county's campaign delivers it.
    expect((await upload(app, admin, { name: 'lab2.csv', bytes: 'Provpunkt;Datum;Analys;Halt;Enhet\nEXS-ARV;2024-09-10;Kokain;12,5;ng/L\n' })).status).toBe(201);
    const after = (await getJson(app, countyUser, '/api/v1/campaigns')).body.find((c: any) => c.id === planned.id);
    expect(after).toMatchObject({ status: 'delivered', delivery: { expected: 14, delivered: 1 } });
    await ctx.destroy();
  });
});

describe('existing databases', () => {
  it('get detected campaigns on the first start, and a matching baseline period becomes the chosen baseline campaign', async () => {
    const { ctx, config } = await testContext();
    const app = createApp(ctx);
    const admin = await login(app);
    for (const f of ['areas.csv', 'lab-long-sv.csv']) expect((await upload(app, admin, path.join(SAMPLES, f))).status).toBe(201);
    expect((await sendJson(app, admin, 'POST', '/api/v1/periods', { name: 'Nollmätning', from: '2021-03-15', to: '2021-03-21', baseline: true })).status).toBe(201);
    // As a database from before campaigns: no campaign rows.
    await ctx.db.deleteFrom('campaigns').execute();
    await ctx.destroy();
    const { ctx: reopened } = await createContext(config);
    try {
      const app2 = createApp(reopened);
      const list = (await getJson(app2, await login(app2), '/api/v1/campaigns')).body;
      expect(list).toHaveLength(6);
      expect(list.filter((c: any) => c.baseline)).toEqual([expect.objectContaining({ from: '2021-03-15', baselineChosen: true })]);
    } finally {
      await reopened.destroy();
    }
  });
});

describe('retraction', () => {
  it('a retracted delivery takes its detected campaigns out of the lists (kept in the table), and the baseline moves on', async () => {
    const { ctx } = await testContext();
    try {
      const app = createApp(ctx);
      const admin = await login(app);
      expect((await upload(app, admin, path.join(SAMPLES, 'areas.csv'))).status).toBe(201);
      const lab = (dates: string[]) => ['Site,Sample date,Cocaine (ng/L)', ...dates.map((d) => `EXS-ARV,${d},100`)].join('\n');
      const first = await (await upload(app, admin, { name: 'a.csv', bytes: lab(['2024-03-01', '2024-03-02']) })).json();
      expect((await upload(app, admin, { name: 'b.csv', bytes: lab(['2024-09-01', '2024-09-03']) })).status).toBe(201);
      const before = (await getJson(app, admin, '/api/v1/campaigns')).body;
      expect(before.map((c: any) => [c.from, c.to, c.baseline])).toEqual([['2024-03-01', '2024-03-02', true], ['2024-09-01', '2024-09-03', false]]);
      expect((await sendJson(app, admin, 'DELETE', `/api/v1/imports/${first.id}`, { reason: 'wrong site' })).status).toBe(204);
      const after = (await getJson(app, admin, '/api/v1/campaigns')).body;
      expect(after.map((c: any) => [c.from, c.baseline, c.baselineChosen])).toEqual([['2024-09-01', true, false]]);
      const rows = await ctx.db.selectFrom('campaigns').select(['from_date', 'deleted_at']).orderBy('id').execute();
      expect(rows).toEqual([{ from_date: '2024-03-01', deleted_at: expect.any(String) }, { from_date: '2024-09-01', deleted_at: null }]);
      // Every change of the campaigns is in the audit log.
      expect((await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'campaigns_synced').execute()).length).toBe(3);
    } finally {
      await ctx.destroy();
    }
  });
});
