import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { testContext } from '../helpers.ts';
import { addUser, getJson, login, sendJson, upload, type Session } from '../http.ts';
import { countyTree, type Tree } from '../orgs.ts';

/** A fresh database, its app, the admin and a viewer of the same organisation. */
async function withViewer() {
  const { ctx } = await testContext();
  const app = createApp(ctx);
  const admin = await login(app);
  const viewer = await addUser(app, admin, { email: 'v@example.se', password: 'viewer-password-1' });
  return { ctx, app, admin, viewer };
}

describe('suppression as a viewer sees it', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  let viewer: Session;
  beforeAll(async () => {
    ({ ctx, app, admin, viewer } = await withViewer());
    const areas = ['code,name,parent,population', 'EXS-P,Parent,,26000', 'EXS-BIG,Big,EXS-P,24000', 'EXS-TINY,Tiny,EXS-P,2000',
      'EXS-SOLO,Solo parent,,6000', 'EXS-ONLY,Only child,EXS-SOLO,2000', 'EXS-NOPOP,No population,,'].join('\n');
    expect((await upload(app, admin, { name: 'areas.csv', bytes: `${areas}\n` })).status).toBe(201);
    const lab = ['Provpunkt;Datum;Analys;Halt;Enhet;Flöde;Anslutna'];
    for (const [code, pop] of [['EXS-BIG', 24000], ['EXS-TINY', 2000], ['EXS-ONLY', 2000], ['EXS-NOPOP', 1500]] as const) {
      for (const d of ['2024-03-01', '2024-03-02', '2024-03-03']) lab.push(`${code};${d};Kokain;100;ng/L;5000;${pop}`, `${code};${d};Bensoylekgonin;300;ng/L;5000;${pop}`);
    }
    const res = await upload(app, admin, { name: 'lab.csv', bytes: `${lab.join('\n')}\n` });
    expect(res.status, await res.clone().text()).toBe(201);
  });
  afterAll(async () => ctx.destroy());

  it('a viewer sees neither a parent that is its only small child, nor one that differs from a shown sibling by a small one, nor an area without a registry population', async () => {
    const codes = (await getJson(app, viewer, '/api/v1/areas')).body.map((a: { code: string }) => a.code).sort();
    expect(codes).toEqual(['EXS-BIG']);
    const coordinatorView = (await getJson(app, admin, '/api/v1/areas')).body.map((a: { code: string }) => a.code);
    expect(coordinatorView).toHaveLength(6);
  });

  it('the overview gives a viewer no row of a withheld area (issue 16: a parent\'s viewer got a withheld area\'s own figures)', async () => {
    const url = '/api/v1/overview?baselineFrom=2024-03-01&baselineTo=2024-03-01&from=2024-03-02&to=2024-03-03';
    const areasOf = (body: { rows: { area: string }[] }) => [...new Set(body.rows.map((r) => r.area))].sort();
    const all = await getJson(app, admin, url);
    expect(all.status).toBe(200);
    // The coordinator's overview has the small areas' own rows: the viewer's must not.
    expect(areasOf(all.body)).toEqual(expect.arrayContaining(['EXS-BIG', 'EXS-TINY', 'EXS-ONLY', 'EXS-NOPOP']));
    const seen = await getJson(app, viewer, url);
    expect(seen.status).toBe(200);
    expect(areasOf(seen.body)).toEqual(['EXS-BIG']);
    expect(JSON.stringify(seen.body)).not.toMatch(/EXS-TINY|EXS-ONLY|EXS-NOPOP|EXS-SOLO|"EXS-P"/);
  });

  it('the substance page never names a withheld area to a viewer', async () => {
    const page = await app.request('/substances/cocaine/overview', { headers: { cookie: viewer.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const hidden of ['EXS-TINY', 'EXS-ONLY', 'EXS-NOPOP', 'Tiny', 'Only child']) expect(html).not.toContain(hidden);
  });
});

describe('suppression decided from every population source and every date (county + municipalities)', () => {
  let t: Tree;
  beforeAll(async () => {
    t = await countyTree();
    const a = await t.as('a', 'coordinator');
    // GREW: 3 000 people until 2023, 9 000 from 2024 (registry history). LABPOP: 9 000 in the registry,
    // but a lab file says 1 500 connected on one day. STEADY: 9 000 throughout.
    expect((await sendJson(t.app, a, 'PUT', '/api/v1/areas/EXS-GREW', { name: 'Grew', population: 3000, populationFrom: '2020-01-01' })).status).toBe(201);
    expect((await sendJson(t.app, a, 'PUT', '/api/v1/areas/EXS-GREW', { name: 'Grew', population: 9000, populationFrom: '2024-01-01' })).status).toBe(200);
    for (const code of ['EXS-LABPOP', 'EXS-STEADY']) expect((await sendJson(t.app, a, 'PUT', `/api/v1/areas/${code}`, { name: code, population: 9000, populationFrom: '2020-01-01' })).status).toBe(201);
    const lab = ['Provpunkt;Datum;Analys;Halt;Enhet;Flöde;Anslutna',
      'EXS-GREW;2020-06-01;Kokain;100;ng/L;5000;', 'EXS-GREW;2024-06-01;Kokain;100;ng/L;5000;',
      'EXS-LABPOP;2024-06-01;Kokain;100;ng/L;5000;1500', 'EXS-LABPOP;2024-06-02;Kokain;100;ng/L;5000;',
      'EXS-STEADY;2024-06-01;Kokain;100;ng/L;5000;'];
    const res = await upload(t.app, a, { name: 'lab.csv', bytes: `${lab.join('\n')}\n` });
    expect(res.status, await res.clone().text()).toBe(201);
  });
  afterAll(async () => t.ctx.destroy());

  for (const org of ['a', 'county'] as const) {
    it(`${org === 'a' ? 'the municipality\'s' : 'the county\'s'} viewer sees neither an area that grew past the threshold nor one a lab file called small`, async () => {
      const v = await t.as(org, 'viewer');
      expect((await getJson(t.app, v, '/api/v1/areas')).body.map((x: { code: string }) => x.code)).toEqual(['EXS-STEADY']);
      const rows = (await getJson(t.app, v, '/api/v1/measurements')).body.data as { area: string; date: string }[];
      expect(rows.map((r) => r.area)).toEqual(['EXS-STEADY']);
      for (const code of ['EXS-GREW', 'EXS-LABPOP']) {
        const res = await getJson(t.app, v, `/api/v1/measurements?area=${code}`);
        expect(res.status === 404 || (res.status === 200 && res.body.data.length === 0)).toBe(true);
        const stats = await getJson(t.app, v, `/api/v1/stats/baseline?area=${code}&substance=cocaine&from=2020-01-01&to=2024-12-31`);
        expect(stats.status).toBe(404);
      }
      // Coordinators see all three, with the small past.
      const c = await t.as(org, 'coordinator');
      expect((await getJson(t.app, c, '/api/v1/areas')).body.map((x: { code: string }) => x.code).sort()).toEqual(['EXS-GREW', 'EXS-LABPOP', 'EXS-STEADY']);
      expect((await getJson(t.app, c, '/api/v1/measurements?area=EXS-GREW')).body.data.map((r: { date: string }) => r.date)).toEqual(['2020-06-01', '2024-06-01']);
    });
  }

  it('the sibling municipality sees none of them, whatever its role', async () => {
    for (const role of ['viewer', 'coordinator', 'admin'] as const) {
      expect((await getJson(t.app, await t.as('b', role), '/api/v1/areas')).body).toEqual([]);
      expect((await getJson(t.app, await t.as('b', role), '/api/v1/measurements')).body.data).toEqual([]);
    }
  });
});

describe('a parent measured at its own inlet, whose shown child grew (lab files give the populations)', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  let viewer: Session;
  beforeAll(async () => {
    ({ ctx, app, admin, viewer } = await withViewer());
    const areas = ['code,name,parent,population', 'EXS-ARV,Plant,,24000', 'EXS-CEN,Centre,EXS-ARV,9000', 'EXS-NOR,North,EXS-ARV,3000'].join('\n');
    expect((await upload(app, admin, { name: 'areas.csv', bytes: `${areas}\n` })).status).toBe(201);
  });
  afterAll(async () => ctx.destroy());

  it('the plant is withheld once the centre has 20 000 people on one day: plant − centre would isolate 4 000', async () => {
    const lab = ['Provpunkt;Datum;Analys;Halt;Enhet;Flöde;Anslutna'];
    for (const [code, pop] of [['EXS-ARV', 24000], ['EXS-CEN', 9000], ['EXS-NOR', 3000]] as const) lab.push(`${code};2024-03-01;Kokain;100;ng/L;5000;${pop}`);
    expect((await upload(app, admin, { name: 'lab1.csv', bytes: `${lab.join('\n')}\n` })).status).toBe(201);
    // On the first day plant − centre = 15 000 people: the plant is shown.
    expect((await getJson(app, viewer, '/api/v1/areas')).body.map((a: { code: string }) => a.code).sort()).toEqual(['EXS-ARV', 'EXS-CEN']);
    const later = ['Provpunkt;Datum;Analys;Halt;Enhet;Flöde;Anslutna', 'EXS-ARV;2024-03-02;Kokain;100;ng/L;5000;24000', 'EXS-CEN;2024-03-02;Kokain;100;ng/L;5000;20000', 'EXS-NOR;2024-03-02;Kokain;100;ng/L;5000;3000'];
    expect((await upload(app, admin, { name: 'lab2.csv', bytes: `${later.join('\n')}\n` })).status).toBe(201);
    expect((await getJson(app, viewer, '/api/v1/areas')).body.map((a: { code: string }) => a.code)).toEqual(['EXS-CEN']);
  });
});

describe('a withheld parent is never named to a viewer: the nearest shown ancestor stands in', () => {
  // R (roll-up) ─ S 30 000, T2 4 000, W 26 000 ─ G 24 000, T 2 000. T and T2 are small; W − G = T, so W
  // is withheld; R − S − G = T + T2 = 6 000, so R is shown. A viewer sees R, S and G, and G's parent
  // W is withheld: G is named as part of R.
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  let viewer: Session;
  const HIDDEN = /EXS-W\b|Westhill|EXS-T2?\b|"EXS-P"|>EXS-P</;
  beforeAll(async () => {
    ({ ctx, app, admin, viewer } = await withViewer());
    const areas = ['code,name,parent,population,county', 'EXS-R,Rivertown,,60000,Exempel län', 'EXS-S,Southside,EXS-R,30000,Exempel län', 'EXS-T2,Tinyhamlet,EXS-R,4000,Exempel län',
      'EXS-W,Westhill,EXS-R,26000,Exempel län', 'EXS-G,Greenfield,EXS-W,24000,Exempel län', 'EXS-T,Tinyvillage,EXS-W,2000,Exempel län',
      'EXS-P,Plant,,26000,', 'EXS-BIG,Big,EXS-P,24000,', 'EXS-TINY,Tiny,EXS-P,2000,'].join('\n');
    expect((await upload(app, admin, { name: 'areas.csv', bytes: `${areas}\n` })).status).toBe(201);
    const lab = ['Provpunkt;Datum;Analys;Halt;Enhet;Flöde'];
    for (const code of ['EXS-S', 'EXS-T2', 'EXS-G', 'EXS-T', 'EXS-BIG', 'EXS-TINY']) {
      for (const d of ['2024-03-01', '2024-03-02', '2024-03-03', '2024-06-01', '2024-06-02', '2024-06-03']) lab.push(`${code};${d};Kokain;100;ng/L;5000`);
    }
    const res = await upload(app, admin, { name: 'lab.csv', bytes: `${lab.join('\n')}\n` });
    expect(res.status, await res.clone().text()).toBe(201);
  });
  afterAll(async () => ctx.destroy());

  it('GET /api/v1/areas gives the nearest shown ancestor as parent, or null', async () => {
    const res = await getJson(app, viewer, '/api/v1/areas');
    const parents = Object.fromEntries(res.body.map((a: { code: string; parent: string | null }) => [a.code, a.parent]));
    expect(parents).toEqual({ 'EXS-R': null, 'EXS-S': 'EXS-R', 'EXS-G': 'EXS-R', 'EXS-BIG': null });
    expect(JSON.stringify(res.body)).not.toMatch(HIDDEN);
    // A coordinator sees the registry as it is.
    const all = (await getJson(app, admin, '/api/v1/areas')).body as { code: string; parent: string | null }[];
    expect(all.find((a) => a.code === 'EXS-G')!.parent).toBe('EXS-W');
    expect(all.find((a) => a.code === 'EXS-BIG')!.parent).toBe('EXS-P');
  });

  it('the areas page prints no withheld parent', async () => {
    const page = await app.request('/areas', { headers: { cookie: viewer.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).not.toMatch(HIDDEN);
  });

  it('an area page names the shown ancestor as the whole and the shown areas below as its parts', async () => {
    const g = await (await app.request('/areas/EXS-G', { headers: { cookie: viewer.cookie } })).text();
    expect(g).toContain('href="/areas/EXS-R"');
    expect(g).not.toMatch(HIDDEN);
    const r = await (await app.request('/areas/EXS-R', { headers: { cookie: viewer.cookie } })).text();
    expect(r).toContain('href="/areas/EXS-G"');
    expect(r).toContain('href="/areas/EXS-S"');
    expect(r).not.toMatch(HIDDEN);
  });

  it('charts and county rounds name no withheld area, and count a shown area under a withheld one once, in its shown ancestor', async () => {
    const chart = await getJson(app, viewer, '/api/v1/charts/timeseries?area=EXS-R&substance=cocaine&metric=concentration');
    expect(chart.status).toBe(200);
    expect(JSON.stringify(chart.body)).not.toMatch(HIDDEN);
    const rounds = await getJson(app, viewer, `/api/v1/stats/rounds?county=${encodeURIComponent('Exempel län')}&substance=cocaine&metric=concentration`);
    expect(rounds.status).toBe(200);
    expect(JSON.stringify(rounds.body)).not.toMatch(HIDDEN);
    const inRounds = new Set(JSON.stringify(rounds.body).match(/EXS-[A-Z0-9]+/g));
    expect([...inRounds].sort()).toEqual(['EXS-R']);
    const county = await (await app.request(`/county?county=${encodeURIComponent('Exempel län')}&substance=cocaine&metric=concentration`, { headers: { cookie: viewer.cookie } })).text();
    expect(county).not.toMatch(HIDDEN);
  });
});
