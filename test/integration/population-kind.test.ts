/**
 * "pe is read as persons" (issue 11): an areas file whose population column is headed pe stores
 * person equivalents, and the API and the areas page say pe, while a registry population stays
 * unmarked. Expected values are the file's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyTree, type Tree } from '../orgs.ts';
import { getJson, headers, upload } from '../http.ts';

const PE = { name: 'areas-pe.csv', bytes: 'code,name,pe\nEXS-PE1,Verket med industri,31000\n' };
const PERSONS = { name: 'areas-persons.csv', bytes: 'code,name,population\nEXS-PP1,Verket,24000\n' };

describe('population kind: persons or pe', () => {
  let t: Tree;
  beforeAll(async () => {
    t = await countyTree();
    const s = await t.as('a', 'coordinator');
    expect((await upload(t.app, s, PE, 'kind=areas')).status).toBe(201);
    expect((await upload(t.app, s, PERSONS, 'kind=areas')).status).toBe(201);
    // Two weeks of benzoylecgonine with flows in both areas (baseline March, follow-up June 2024), so
    // that normalised loads, verdicts, pages and reports exist for a pe area and a persons area.
    const lab = ['Provpunkt;Datum;Analys;Halt;Enhet;Flöde'];
    for (const [month, conc] of [['03', 400], ['06', 700]] as const) {
      for (let d = 4; d <= 10; d++) {
        for (const code of ['EXS-PE1', 'EXS-PP1']) lab.push(`${code};2024-${month}-${String(d).padStart(2, '0')};Bensoylekgonin;${conc + d * 7};ng/L;${9000 + d * 100}`);
      }
    }
    const res = await upload(t.app, s, { name: 'lab.csv', bytes: `${lab.join('\n')}\n` });
    expect(res.status, await res.clone().text()).toBe(201);
  });
  const text = async (url: string, who: 'viewer' | 'coordinator' = 'viewer') => {
    const res = await t.app.request(url, { headers: headers(await t.as('a', who)) });
    expect(res.status, url).toBe(200);
    return (await res.text()).replace(/<[^>]+>/g, ' ').replace(/&nbsp;|\u00a0|\u202f/g, ' ').replace(/\s+/g, ' ');
  };
  afterAll(async () => t.ctx.destroy());

  it('the API gives populationKind pe for the pe column and persons otherwise', async () => {
    const { status, body } = await getJson<any>(t.app, await t.as('a', 'viewer'), '/api/v1/areas');
    expect(status).toBe(200);
    const list: any[] = Array.isArray(body) ? body : body.data;
    const byCode = Object.fromEntries(list.map((a) => [a.code, a]));
    expect(byCode['EXS-PE1']).toMatchObject({ population: 31000, populationKind: 'pe' });
    expect(byCode['EXS-PP1']).toMatchObject({ population: 24000, populationKind: 'persons' });
  });

  it('the areas page labels person equivalents as pe and leaves persons unmarked', async () => {
    const res = await t.app.request('/areas', { headers: headers(await t.as('a', 'viewer')) });
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(html).toMatch(/31[\s\u00a0\u202f]000 pe/);
    expect(html).not.toMatch(/24[\s\u00a0\u202f]000 pe/);
  });

  // Issue 11 "pe is read as persons": before the fix every one of these said "per 1000 inhabitants".
  it('the API says per 1000 pe for a pe area (stats unit, trend value unit, chart axis), per 1000 inh for persons', async () => {
    const v = await t.as('a', 'viewer');
    const base = (area: string) => getJson<any>(t.app, v, `/api/v1/stats/baseline?area=${area}&substance=benzoylecgonine&from=2024-03-01&to=2024-03-31`);
    expect((await base('EXS-PE1')).body.unit).toBe('mg/day/1000 pe');
    expect((await base('EXS-PP1')).body.unit).toBe('mg/day/1000 inh');
    const trend = (await getJson<any>(t.app, v, '/api/v1/stats/trend?area=EXS-PE1&substance=benzoylecgonine')).body;
    if (trend.valueUnit !== undefined) expect(trend.valueUnit).toBe('mg/day/1000 pe');
    const chart = JSON.stringify((await getJson<any>(t.app, v, '/api/v1/charts/timeseries?area=EXS-PE1&substance=benzoylecgonine&lang=sv')).body);
    expect(chart).toContain('1000 pe');
    expect(chart).not.toMatch(/1000 inv/);
  });

  it('a chart of a pe area beside a persons area says "per 1000 inv. eller pe" (a persons chart stays per 1000 inv.)', async () => {
    const v = await t.as('a', 'viewer');
    const chart = async (areas: string) => JSON.stringify((await getJson<any>(t.app, v, `/api/v1/charts/timeseries?area=${areas}&substance=benzoylecgonine&lang=sv`)).body);
    const mixed = await chart('EXS-PE1,EXS-PP1');
    expect(mixed).toMatch(/1000 inv\.? eller pe/);
    const persons = await chart('EXS-PP1');
    expect(persons).toMatch(/1000 inv/);
    expect(persons).not.toMatch(/ pe\b/);
  });

  it('the dashboard marks the pe row and says so in its note; the persons row keeps per 1000 inv.', async () => {
    const html = await text('/?lang=sv');
    const row = (code: string) => html.slice(html.indexOf(code === 'EXS-PE1' ? 'Verket med industri' : 'Verket '), html.indexOf(code === 'EXS-PE1' ? 'Verket med industri' : 'Verket ') + 400);
    expect(html).toContain('mg/dygn/1000 pe');
    expect(html).toContain('per 1000 pe, inte per 1000 invånare');
    const dashboard = await t.app.request('/?lang=sv', { headers: headers(await t.as('a', 'viewer')) });
    const raw = await dashboard.text();
    const peRow = raw.slice(raw.indexOf('data-area="EXS-PE1"'), raw.indexOf('</tr>', raw.indexOf('data-area="EXS-PE1"')));
    const ppRow = raw.slice(raw.indexOf('data-area="EXS-PP1"'), raw.indexOf('</tr>', raw.indexOf('data-area="EXS-PP1"')));
    expect(peRow).toContain('1000 pe');
    expect(ppRow).toContain('1000 inv.');
    expect(ppRow).not.toContain('1000 pe');
    void row;
  });

  it('the area page and the substance page say pe for the pe area', async () => {
    const area = await text('/areas/EXS-PE1?lang=sv');
    expect(area).toMatch(/31 000 pe \(personekvivalenter/);
    expect(area).toContain('per 1000 pe');
    expect(area).not.toMatch(/31 000 anslutna/);
    expect(area).not.toContain('1000 inv.');
    const persons = await text('/areas/EXS-PP1?lang=sv');
    expect(persons).toContain('24 000 anslutna invånare');
    expect(persons).not.toContain('1000 pe');
    const subst = await t.app.request('/substances/benzoylecgonine/overview?lang=sv', { headers: headers(await t.as('a', 'viewer')) });
    const raw = await subst.text();
    const peRow = raw.slice(raw.indexOf('data-area="EXS-PE1"'), raw.indexOf('</tr>', raw.indexOf('data-area="EXS-PE1"')));
    const ppRow = raw.slice(raw.indexOf('data-area="EXS-PP1"'), raw.indexOf('</tr>', raw.indexOf('data-area="EXS-PP1"')));
    expect(peRow).toContain('1000 pe');
    expect(ppRow).not.toContain('1000 pe');
    expect(raw).toContain('Värden för områden markerade pe är per 1000 pe');
  });

  it('the baseline report gives the pe area\'s rows per 1000 pe and names it in a note (sv and en, html and csv)', async () => {
    const sv = await text('/api/v1/reports/baseline?format=html&lang=sv&from=2024-03-01&to=2024-03-31', 'coordinator');
    expect(sv).toContain('mg/dygn/1000 pe');
    expect(sv).toContain('Verket med industri: befolkningen anges i personekvivalenter');
    const en = await text('/api/v1/reports/baseline?format=html&lang=en&from=2024-03-01&to=2024-03-31', 'coordinator');
    expect(en).toContain('mg/day/1000 pe');
    expect(en).toContain('per 1,000 PE');
    const csv = await (await t.app.request('/api/v1/reports/baseline?format=csv-excel&lang=sv&from=2024-03-01&to=2024-03-31', { headers: headers(await t.as('a', 'coordinator')) })).text();
    const lines = csv.split(/\r?\n/);
    expect(lines.find((l) => l.includes('EXS-PE1'))).toContain('1000 pe');
    expect(lines.find((l) => l.includes('EXS-PP1'))).not.toContain('1000 pe');
  });

  it('the follow-up report marks the pe area\'s change rows and the public summary says per 1000 pe', async () => {
    const camps = (await getJson<any>(t.app, await t.as('a', 'coordinator'), '/api/v1/campaigns')).body as { id: number; from: string }[];
    const list = (Array.isArray(camps) ? camps : (camps as any).data).sort((a: any, b: any) => a.from.localeCompare(b.from));
    expect(list.length).toBeGreaterThanOrEqual(2);
    const q = `baselineCampaign=${list[0].id}&campaigns=${list[list.length - 1].id}&format=html&lang=sv`;
    const follow = await text(`/api/v1/reports/follow-up?${q}`, 'coordinator');
    expect(follow).toContain('Verket med industri (pe)');
    expect(follow).toContain('per 1 000 pe, inte per 1 000 invånare');
    const pub = await text(`/api/v1/reports/public?${q}`, 'coordinator');
    expect(pub).toContain('per 1 000 pe, inte per 1 000 invånare');
  });
});
