import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { SAMPLES, testContext } from '../helpers.ts';
import { getJson, headers, layerValues, login, sendJson, upload, type Session } from '../http.ts';

const VIEWER = { email: 'viewer@example.se', password: 'viewer password 123', role: 'viewer' };
const COORDINATOR = { email: 'coordinator@example.se', password: 'coordinator password 1', role: 'coordinator' };
const FIXTURE = path.join(SAMPLES, 'area-boundaries.geojson');

/** A feature collection with one square per code, in WGS 84 around 59.3° N 15.2° E. */
function wgs84File(codes: string[], extra: object = {}): string {
  return JSON.stringify({
    type: 'FeatureCollection', ...extra,
    features: codes.map((code, i) => ({ type: 'Feature', properties: { omrade: code }, geometry: { type: 'Polygon', coordinates: [[[15 + i * 0.1, 59.3], [15.08 + i * 0.1, 59.3], [15.08 + i * 0.1, 59.35], [15 + i * 0.1, 59.35], [15 + i * 0.1, 59.3]]] } })),
  });
}

describe('area boundaries and the map (issue 14, point 9)', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let coordinator: Session;
  let viewer: Session;
  const post = (s: Session, body: string, query = '') => app.request(`/api/v1/boundaries?lang=en${query}`, { method: 'POST', headers: headers(s, { 'content-type': 'application/geo+json' }), body });

  beforeAll(async () => {
    // Norrby PS (6 500 inhabitants) is under the threshold: withheld from viewers; the plant (own data) stays public.
    ({ ctx } = await testContext({ MIN_PUBLIC_POPULATION: '7000' }));
    app = createApp(ctx);
    const admin = await login(app);
    for (const u of [VIEWER, COORDINATOR]) expect((await sendJson(app, admin, 'POST', '/api/v1/users', u)).status).toBe(201);
    viewer = await login(app, VIEWER.email, VIEWER.password);
    coordinator = await login(app, COORDINATOR.email, COORDINATOR.password);
    for (const f of ['areas.csv', 'flow-sv.csv', 'lab-long-sv.csv']) expect((await upload(app, coordinator, path.join(SAMPLES, f))).status).toBe(201);
  });
  afterAll(async () => ctx.destroy());

  it('refuses bad files with 422 naming what and where, and changes nothing', async () => {
    const cases: [string, string, { code: string; row?: number; column?: string }][] = [
      ['not JSON', '{"type": "FeatureCollection",', { code: 'not_json' }],
      ['not GeoJSON', '{"type": "Nonsense"}', { code: 'not_geojson', column: 'type' }],
      ['no features', '{"type": "FeatureCollection", "features": []}', { code: 'no_features', column: 'features' }],
      ['other CRS', wgs84File(['EXS-ARV'], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3021' } } }), { code: 'unknown_crs', column: 'crs.properties.name' }],
      ['metres declared as degrees', fs.readFileSync(FIXTURE, 'utf8').replace('EPSG::3006', 'EPSG::4326'), { code: 'out_of_range', row: 1, column: 'features[0].geometry' }],
      ['a point', JSON.stringify({ type: 'FeatureCollection', features: [JSON.parse(wgs84File(['EXS-ARV'])).features[0], { type: 'Feature', properties: { omrade: 'EXS-CEN' }, geometry: { type: 'Point', coordinates: [15, 59] } }] }), { code: 'bad_geometry', row: 2, column: 'features[1].geometry' }],
      ['a shape without code', JSON.stringify({ type: 'FeatureCollection', features: [JSON.parse(wgs84File(['EXS-ARV'])).features[0], { ...JSON.parse(wgs84File(['EXS-CEN'])).features[0], properties: { omrade: '' } }] }), { code: 'missing_code', row: 2, column: 'features[1].properties.omrade' }],
      ['no known code', wgs84File(['XYZ-1', 'XYZ-2']), { code: 'no_code_property' }],
      ['a named property without known codes', wgs84File(['XYZ-1']), { code: 'no_match', column: 'omrade' }],
    ];
    for (const [what, body, expected] of cases) {
      const res = await post(coordinator, body, what === 'a named property without known codes' ? '&codeProperty=omrade' : '');
      expect(res.status, what).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const p = await res.json() as { detail: string; errors: { code: string; row?: number; column?: string; message: string }[] };
      expect(p.errors[0], what).toMatchObject(expected);
      expect(p.errors[0].message.length, what).toBeGreaterThan(10);
    }
    expect((await getJson(app, coordinator, '/api/v1/boundaries')).body).toEqual([]);
  });

  it('is for coordinators: a viewer may list but not upload', async () => {
    expect((await post(viewer, fs.readFileSync(FIXTURE, 'utf8'))).status).toBe(403);
    expect((await getJson(app, viewer, '/api/v1/boundaries')).status).toBe(200);
    expect((await getJson(app, viewer, '/api/v1/map?lang=sv')).status).toBe(404); // none yet
  });

  it('stores the demo generator\'s SWEREF 99 TM file, reprojected to WGS 84, matched by the property found', async () => {
    const form = new FormData();
    form.set('file', new File([fs.readFileSync(FIXTURE)], 'area-boundaries.geojson', { type: 'application/geo+json' }));
    const res = await app.request('/api/v1/boundaries', { method: 'POST', headers: headers(coordinator), body: form });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, crs: 'EPSG:3006', codeProperty: 'kod', saved: ['EXS-ARV', 'EXS-CEN', 'EXS-NOR'], skipped: [], without: [] });
    const list = (await getJson(app, coordinator, '/api/v1/boundaries')).body;
    expect(list.map((b: any) => [b.code, b.crs, b.fileName])).toEqual([['EXS-ARV', 'EPSG:3006', 'area-boundaries.geojson'], ['EXS-CEN', 'EPSG:3006', 'area-boundaries.geojson'], ['EXS-NOR', 'EPSG:3006', 'area-boundaries.geojson']]);
    // The viewer's list leaves out the withheld area.
    expect((await getJson(app, viewer, '/api/v1/boundaries')).body.map((b: any) => b.code)).toEqual(['EXS-ARV', 'EXS-CEN']);
  });

  it('reads TopoJSON in WGS 84 too, replacing one area\'s boundary', async () => {
    const topo = { type: 'Topology', arcs: [[[15.1, 59.3], [15.2, 59.3], [15.2, 59.4], [15.1, 59.4], [15.1, 59.3]]], objects: { omraden: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[0]], properties: { id: 'EXS-CEN' } }] } } };
    const res = await post(coordinator, JSON.stringify(topo));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ crs: 'EPSG:4326', codeProperty: 'id', saved: ['EXS-CEN'] });
    const list = (await getJson(app, coordinator, '/api/v1/boundaries')).body;
    expect(list.find((b: any) => b.code === 'EXS-CEN').crs).toBe('EPSG:4326');
    // Back to the fixture for the map tests.
    expect((await post(coordinator, fs.readFileSync(FIXTURE, 'utf8'))).status).toBe(200);
  });

  it('draws the map coloured by the change, the withheld area merged into its parent for viewers', async () => {
    const q = '/api/v1/map?lang=sv&substance=amphetamine';
    const full = (await getJson(app, coordinator, q)).body;
    const features = (spec: any) => spec.layer[0].data.values as { properties: { code: string; name: string; ratioText: string }; geometry: { type: string; coordinates: unknown } }[];
    expect(features(full).map((f) => f.properties.code)).toEqual(['EXS-ARV', 'EXS-CEN', 'EXS-NOR']); // parent first, drawn below
    const seen = (await getJson(app, viewer, q)).body;
    expect(features(seen).map((f) => f.properties.code)).toEqual(['EXS-ARV', 'EXS-CEN']);
    expect(JSON.stringify(seen)).not.toMatch(/EXS-NOR|Norrby/);
    // The plant's shape now holds Norrby's square too; the ratio shown is the plant's own.
    const arv = features(seen)[0];
    expect(arv.geometry.type).toBe('MultiPolygon');
    expect(arv.properties.ratioText).toBe(features(full)[0].properties.ratioText);
    // The same ratio as the heatmap's cell (one computation, two charts).
    const heat = (await getJson(app, coordinator, '/api/v1/charts/overview?lang=sv')).body;
    const cell = layerValues(heat, 0).find((d: any) => d.areaCode === 'EXS-ARV' && d.substanceKey === 'amphetamine');
    expect(arv.properties.ratioText).toBe(cell.ratioText);
    expect(full.usermeta.chart).toBe('map');
    expect(full.usermeta.table.rows).toHaveLength(3);
  });

  it('Lägesbild: filters from the address narrow the heatmap, the verdicts and the map; a half or reversed range is said', async () => {
    const page = async (url: string) => (await app.request(url, { headers: headers(coordinator) })).text();
    const html = await page('/?area=EXS-CEN&substance=amphetamine&from=2023-03-13&to=2023-03-19');
    const chart = /data-chart-url="([^"]+overview[^"]*)"/.exec(html)![1].replace(/&amp;/g, '&');
    expect(Object.fromEntries(new URL(chart, 'http://x').searchParams)).toMatchObject({ area: 'EXS-CEN', substance: 'amphetamine', from: '2023-03-13', to: '2023-03-19' });
    const map = /data-chart-url="(\/api\/v1\/map[^"]*)"/.exec(html)![1].replace(/&amp;/g, '&');
    expect(Object.fromEntries(new URL(map, 'http://x').searchParams)).toMatchObject({ area: 'EXS-CEN', substance: 'amphetamine', from: '2023-03-13' });
    const heat = (await getJson(app, coordinator, chart)).body;
    expect(layerValues(heat, 0).map((d: any) => `${d.areaCode}/${d.substanceKey}`)).toEqual(['EXS-CEN/amphetamine']);
    expect((await getJson(app, coordinator, map)).body.layer[0].data.values.map((f: any) => f.properties.code)).toEqual(['EXS-CEN']);
    expect(html).toContain('<option value="EXS-CEN" selected="">');
    expect(await page('/?from=2023-03-19&to=2023-03-13')).toContain('Till-datumet måste vara samma dag som eller efter från-datumet.');
    expect(await page('/?from=2023-03-19')).toContain('Ange både från- och till-datum.');
  });

  it('says when the data were last updated, on every page, from the latest committed import', async () => {
    const latest = (await ctx.db.selectFrom('import_batches').select((eb) => eb.fn.max('created_at').as('at')).where('status', '=', 'committed').executeTakeFirstOrThrow()) as { at: string };
    for (const url of ['/', '/areas', '/boundaries', '/campaigns']) {
      const html = await (await app.request(url, { headers: headers(coordinator) })).text();
      expect(html, url).toContain(`<time datetime="${latest.at}">`);
      expect(html, url).toContain('Senast uppdaterad');
    }
  });
});

/** One polygon around 59.3° N 15.2° E with enough vertices to make a file of about `bytes`. */
function bigPolygonFile(code: string, bytes: number): string {
  const n = Math.ceil(bytes / 25);
  const ring = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    return [Number((15.2 + 0.05 * Math.cos(a)).toFixed(9)), Number((59.3 + 0.03 * Math.sin(a)).toFixed(9))];
  });
  ring.push(ring[0]);
  return JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { omrade: code }, geometry: { type: 'Polygon', coordinates: [ring] } }] });
}

describe('a boundary file is an upload: its own limit (MAX_UPLOAD_MB), not the 1 MB of other bodies', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  const MB = 1024 * 1024;
  beforeAll(async () => {
    ({ ctx } = await testContext({ MAX_UPLOAD_MB: '3' }));
    app = createApp(ctx);
    admin = await login(app);
    expect((await upload(app, admin, path.join(SAMPLES, 'areas.csv'))).status).toBe(201);
  });
  afterAll(async () => ctx.destroy());

  it('a valid 2 MB GeoJSON (one polygon, many vertices) is stored, raw or as multipart', async () => {
    const file = bigPolygonFile('EXS-ARV', 2 * MB);
    expect(file.length).toBeGreaterThan(2 * MB);
    const raw = await app.request('/api/v1/boundaries?lang=en&fileName=big.geojson', { method: 'POST', headers: headers(admin, { 'content-type': 'application/geo+json' }), body: file });
    expect(raw.status, await raw.clone().text()).toBe(200);
    expect((await raw.json()).saved).toEqual(['EXS-ARV']);
    const form = new FormData();
    form.set('file', new File([file], 'big.geojson', { type: 'application/geo+json' }));
    const multipart = await app.request('/api/v1/boundaries?lang=en', { method: 'POST', headers: headers(admin), body: form });
    expect(multipart.status, await multipart.clone().text()).toBe(200);
  });

  it('a file over MAX_UPLOAD_MB gets the upload limit\'s own error, with or without a declared length', async () => {
    const file = bigPolygonFile('EXS-ARV', 4 * MB);
    const declared = await app.request('/api/v1/boundaries?lang=en', { method: 'POST', headers: headers(admin, { 'content-type': 'application/geo+json', 'content-length': String(Buffer.byteLength(file)) }), body: file });
    const streamed = await app.request('/api/v1/boundaries?lang=en', {
      method: 'POST', headers: headers(admin, { 'content-type': 'application/geo+json' }), body: new Blob([file]).stream(), duplex: 'half',
    } as RequestInit);
    for (const res of [declared, streamed]) {
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).detail).toMatch(/upload limit of 3 MB \(MAX_UPLOAD_MB\)/);
    }
  });

  it('a 2 MB JSON body on any other POST or PUT route still gets 413 at 1 MB', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2 * MB), from: '2024-01-01', to: '2024-01-07' });
    for (const [method, url] of [['POST', '/api/v1/periods'], ['PUT', '/api/v1/areas/EXS-NEW'], ['POST', '/api/v1/boundaries/extra'], ['PUT', '/api/v1/boundaries']]) {
      const res = await app.request(url, { method, headers: headers(admin, { 'content-type': 'application/json' }), body: big });
      expect(res.status, `${method} ${url}`).toBe(413);
      expect((await res.json()).detail, `${method} ${url}`).toMatch(/limited to 1 MB/);
    }
  });
});
