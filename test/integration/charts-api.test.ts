import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { SAMPLES, testContext } from '../helpers.ts';
import { allMeasurements, getJson, headers, login, sendJson, upload, type Session } from '../http.ts';
import { markItems, render } from '../unit/charts/render.ts';
import { validate } from '../unit/charts/schema.ts';

describe('GET /api/v1/charts/:name on the sample data', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let s: Session;
  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    s = await login(app);
    for (const f of ['areas.csv', 'lab-long-sv.csv', 'flow-sv.csv']) expect((await upload(app, s, path.join(SAMPLES, f))).status).toBe(201);
    await sendJson(app, s, 'POST', '/api/v1/periods', { name: 'Nollmätning hösten 2020', from: '2020-09-14', to: '2020-09-20', baseline: true });
    await sendJson(app, s, 'POST', '/api/v1/periods', { name: 'Våren 2023', from: '2023-03-13', to: '2023-03-19' });
    await sendJson(app, s, 'POST', '/api/v1/events', { date: '2022-01-10', title: 'Skolans drogvecka', areas: ['EXS-ARV'] });
  });
  afterAll(async () => ctx.destroy());

  it('timeseries: schema-valid, one point per measurement, values equal to the measurements API', async () => {
    const { status, body: spec } = await getJson(app, s, '/api/v1/charts/timeseries?area=EXS-ARV&substance=cocaine');
    expect(status).toBe(200);
    expect(validate(spec)).toEqual([]);
    const api = await allMeasurements(app, s, 'area=EXS-ARV&substance=cocaine');
    const { view } = await render(spec);
    // vega parses the dates into epoch milliseconds (UTC calendar dates).
    const points = markItems(view, 'points_marks').map((i) => i.datum as { date: number; value: number; censored: boolean })
      .map((p) => ({ ...p, date: new Date(p.date).toISOString().slice(0, 10) }));
    expect(points).toHaveLength(api.length);
    const byDate = new Map(points.map((p) => [p.date, p]));
    for (const m of api) {
      expect(byDate.get(m.date)!.value).toBe(m.normalizedLoad);
      expect(byDate.get(m.date)!.censored).toBe(m.censored);
    }
    // The baseline band and the Sen line come from the stats API.
    const base = (await getJson(app, s, '/api/v1/stats/baseline?area=EXS-ARV&substance=cocaine&from=2020-09-14&to=2020-09-20')).body;
    expect(JSON.stringify(spec)).toContain(String(base.mean));
    expect(JSON.stringify(spec)).toContain('Skolans drogvecka');
  });

  it('overview: one cell per area × substance with the overview API ratios', async () => {
    const { body: spec } = await getJson(app, s, '/api/v1/charts/overview');
    expect(validate(spec)).toEqual([]);
    const api = (await getJson(app, s, '/api/v1/overview')).body.rows;
    const { view } = await render(spec);
    const cells = markItems(view, 'cells_marks');
    expect(cells).toHaveLength(api.length);
    expect(api).toHaveLength(21); // 3 areas × 7: parent cocaine is not in the overview (DOMAIN.md "Corrections", issue 11)
    for (const r of api) {
      const cell = cells.find((c) => (c.datum as { areaCode: string; substanceKey: string }).areaCode === r.area && (c.datum as { substanceKey: string }).substanceKey === r.substance);
      expect((cell!.datum as { ratio: number | null }).ratio).toBe(r.ratio);
    }
  });

  it('weekday: the EUDA weekday and weekend means of the stats API', async () => {
    const { body: spec } = await getJson(app, s, '/api/v1/charts/weekday?area=EXS-CEN&substance=mdma&lang=en');
    expect(validate(spec)).toEqual([]);
    const base = (await getJson(app, s, '/api/v1/stats/baseline?area=EXS-CEN&substance=mdma&from=2020-01-01&to=2024-01-01')).body;
    const text = JSON.stringify(spec);
    expect(spec.usermeta.lang).toBe('en');
    await render(spec);
    expect(base.weekendRatio).toBeGreaterThan(1);
    expect(text).toContain('Fri');
  });

  it('answers 404 for an unknown chart or area, 400 for missing parameters', async () => {
    expect((await getJson(app, s, '/api/v1/charts/pie?area=EXS-ARV&substance=cocaine')).status).toBe(404);
    expect((await getJson(app, s, '/api/v1/charts/timeseries?area=NOPE&substance=cocaine')).status).toBe(404);
    expect((await getJson(app, s, '/api/v1/charts/timeseries')).status).toBe(400);
  });

  it('sends gzip to a client that accepts it (its own entity tag, Vary), the same JSON, and 304 on a match', async () => {
    const url = '/api/v1/charts/timeseries?area=EXS-CEN&substance=benzoylecgonine';
    const plain = await app.request(url, { headers: headers(s) });
    const bytes = Buffer.from(await plain.arrayBuffer());
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    const gz = await app.request(url, { headers: headers(s, { 'accept-encoding': 'gzip, deflate, br, zstd' }) });
    expect(gz.status).toBe(200);
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toBe('Accept-Encoding');
    const packed = Buffer.from(await gz.arrayBuffer());
    expect(gunzipSync(packed).equals(bytes)).toBe(true);
    expect(packed.length).toBeLessThan(bytes.length / 4);
    // Two representations, two tags; each revalidates to 304 only against its own.
    const tagPlain = plain.headers.get('etag')!;
    const tagGz = gz.headers.get('etag')!;
    expect(tagGz).not.toBe(tagPlain);
    expect((await app.request(url, { headers: headers(s, { 'accept-encoding': 'gzip', 'if-none-match': tagGz }) })).status).toBe(304);
    expect((await app.request(url, { headers: headers(s, { 'if-none-match': tagPlain }) })).status).toBe(304);
    expect((await app.request(url, { headers: headers(s, { 'if-none-match': tagGz }) })).status).toBe(200);
    // gzip;q=0 refuses it.
    expect((await app.request(url, { headers: headers(s, { 'accept-encoding': 'gzip;q=0, identity' }) })).headers.get('content-encoding')).toBeNull();
  });

  it('caches a chart by the query as asked, the language and the caller: a bad query is still refused', async () => {
    // The query is parsed only when the chart is not cached: a new query is always checked.
    expect((await getJson(app, s, '/api/v1/charts/timeseries?area=EXS-ARV&substance=cocaine&from=2021-02-30')).status).toBe(400);
    expect((await getJson(app, s, '/api/v1/charts/timeseries?area=EXS-ARV&substance=cocaine&period=999999')).status).toBe(404);
    // Two spellings of one chart give the same JSON.
    const url = '/api/v1/charts/timeseries?area=EXS-ARV&substance=cocaine';
    const a = (await getJson(app, s, url)).body;
    const b = (await getJson(app, s, '/api/v1/charts/timeseries?substance=cocaine&area=EXS-ARV&censored=half_loq')).body;
    expect(b).toEqual(a);
    expect(a.usermeta.lang).toBe('sv');
    // The same query with the English cookie is another chart.
    const en = await app.request(url, { headers: headers(s, { cookie: `${s.cookie}; lang=en` }) });
    expect((await en.json()).usermeta.lang).toBe('en');
    expect((await getJson(app, s, url)).body.usermeta.lang).toBe('sv');
  });
});
