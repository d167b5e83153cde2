/**
 * The county page and the county report (issue 13): a county office sees its municipalities'
 * rounds (weeks 14, 16 and 20 of 2021 → one round 2021-Q2, three values, coverage 100 %); a
 * municipality sees only its own areas on the page, in the report and in the menu.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyReportVerb } from '../../server/report/county-cli.ts';
import { headers, upload } from '../http.ts';
import { countyTree, type Tree } from '../orgs.ts';
import { tempDir } from '../helpers.ts';

// ng/L per day; week 14 of 2021 is 5–11 April, week 16 19–25 April, week 20 17–23 May.
const DAYS: Record<string, [string, number][]> = {
  'KA-ARV': [['2021-04-06', 100], ['2021-04-07', 110], ['2021-04-08', 120]], // mean 110
  'KB-ARV': [['2021-04-20', 200], ['2021-04-21', 220]], // mean 210
  'KC-ARV': [['2021-05-18', 50], ['2021-05-19', 70]], // mean 60
};
// (10 000·110 + 20 000·210 + 30 000·60) / 60 000 = 7 100 000 / 60 000 = 118.333…
const COUNTY_VALUE = 7_100_000 / 60_000;

function labFile(code: string): string {
  const lines = ['Provpunkt;Provtagning start;Provtagning slut;Labbets provnr;Analys;Halt;Enhet;Rapporteringsgräns'];
  for (const [date, value] of DAYS[code]!) {
    const next = new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);
    lines.push(`${code};${date} 07:00;${next} 07:00;${code}-${date};Amfetamin;${value};ng/L;5,0`);
  }
  return lines.join('\n') + '\n';
}

describe('county page and report', () => {
  let t: Tree;
  const get = async (org: 'county' | 'a' | 'b', role: 'viewer' | 'coordinator' | 'admin', url: string, lang?: 'en') => {
    const s = await t.as(org, role);
    const h = headers(s);
    if (lang) h.cookie = `${h.cookie}; lang=${lang}`;
    return t.app.request(url, { headers: h });
  };

  beforeAll(async () => {
    t = await countyTree();
    const owners = { 'KA-ARV': ['a', 10000], 'KB-ARV': ['b', 20000], 'KC-ARV': ['county', 30000] } as const;
    for (const [code, [org, pop]] of Object.entries(owners)) {
      const s = await t.as(org, 'coordinator');
      expect((await upload(t.app, s, { name: 'areas.csv', bytes: `code,name,population,county\n${code},${code} verk,${pop},Testlän\n` })).status).toBe(201);
      expect((await upload(t.app, s, { name: 'lab.csv', bytes: labFile(code) })).status).toBe(201);
    }
  });
  afterAll(async () => {
    await t.ctx.destroy();
  });

  it('the county office compares its municipalities: one round, three values, coverage 100 %', async () => {
    const res = await get('county', 'viewer', '/api/v1/stats/rounds?county=Testl%C3%A4n&substance=amphetamine&metric=concentration');
    const body = await res.json();
    expect(body).toHaveLength(1);
    expect(body[0].areas).toEqual([
      { area: 'KA-ARV', campaigns: 1, value: 110 }, { area: 'KB-ARV', campaigns: 1, value: 210 }, { area: 'KC-ARV', campaigns: 1, value: 60 },
    ]);
    expect(body[0].county.value).toBeCloseTo(COUNTY_VALUE, 10);
    expect(body[0].county.coverage).toBe(1);
  });

  it('shows the county page with the chart, the table and a menu entry for the county office (sv and en)', async () => {
    const res = await get('county', 'viewer', '/county?county=Testl%C3%A4n&substance=amphetamine&metric=concentration');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Länet omgång för omgång');
    expect(html).toContain('href="/county"');
    expect(html).toContain('data-chart-spec="county-chart-spec"');
    for (const code of Object.keys(DAYS)) expect(html).toContain(`${code} verk`);
    const row = html.slice(html.indexOf('data-round="2021-Q2"'), html.indexOf('</tr>', html.indexOf('data-round="2021-Q2"')));
    // Page numbers: at most two decimals, Swedish decimal comma.
    expect(row).toContain('118,33');
    expect(row).toContain('100 %');
    const spec = JSON.parse(html.match(/<script type="application\/json" id="county-chart-spec">([\s\S]*?)<\/script>/)![1]);
    expect(spec.usermeta.chart).toBe('rounds');
    expect(spec.layer.map((l: { name: string }) => l.name)).toEqual(['areas', 'county']);
    expect(spec.layer[0].data.values.map((v: { value: number }) => v.value)).toEqual([110, 210, 60]);
    expect(spec.layer[1].data.values[0].value).toBeCloseTo(COUNTY_VALUE, 10);
    expect(spec.layer[1].data.values[0].round).toBe('2021-Q2 (100 %)');
    // Viewers get no report link; coordinators do.
    expect(html).not.toContain('/api/v1/reports/county');
    expect(await (await get('county', 'coordinator', '/county?substance=amphetamine')).text()).toContain('/api/v1/reports/county?county=Testl%C3%A4n&amp;substances=amphetamine');
    const en = await (await get('county', 'viewer', '/county?substance=amphetamine&metric=concentration', 'en')).text();
    expect(en).toContain('The county round by round');
    expect(en).toContain('118.33');
    expect(en).toContain('>County</a>');
  });

  it('a municipality sees only its own areas on the page, and no county menu entry', async () => {
    const html = await (await get('b', 'coordinator', '/county?county=Testl%C3%A4n&substance=amphetamine&metric=concentration')).text();
    expect(html).toContain('KB-ARV verk');
    expect(html).not.toContain('KA-ARV');
    expect(html).not.toContain('KC-ARV');
    expect(html).not.toContain('href="/county"');
    const spec = JSON.parse(html.match(/id="county-chart-spec">([\s\S]*?)<\/script>/)![1]);
    expect(spec.layer[1].data.values[0].value).toBe(210);
  });

  it('writes the county report: CSV with the API\'s numbers, HTML and PDF; a municipality\'s holds only its own areas', async () => {
    const csv = await get('county', 'coordinator', '/api/v1/reports/county?county=Testl%C3%A4n&substances=amphetamine&metric=concentration&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('lagesbild-lan-testlan-2021-Q2-2021-Q2.csv');
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe('kind,substance,round,area,campaigns,value,coverage,unit');
    expect(lines.slice(1, 4)).toEqual(['area,amphetamine,2021-Q2,KA-ARV,1,110,,ng/L', 'area,amphetamine,2021-Q2,KB-ARV,1,210,,ng/L', 'area,amphetamine,2021-Q2,KC-ARV,1,60,,ng/L']);
    const county = lines[4].split(',');
    expect(county.slice(0, 4)).toEqual(['county', 'amphetamine', '2021-Q2', 'Testlän']);
    expect(Number(county[5])).toBeCloseTo(COUNTY_VALUE, 10);
    expect(county[6]).toBe('1');

    const excelBytes = Buffer.from(await (await get('county', 'coordinator', '/api/v1/reports/county?county=Testl%C3%A4n&metric=concentration&format=csv-excel')).arrayBuffer());
    expect([...excelBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const excel = excelBytes.toString('utf8');
    expect(excel).toContain('118,3333');

    const html = await (await get('county', 'coordinator', '/api/v1/reports/county?county=Testl%C3%A4n&metric=concentration&format=html&lang=en')).text();
    expect(html).toContain('County report: round by round');
    expect(html).toContain('<svg');
    expect(html).toContain('118');

    const pdf = await get('county', 'coordinator', '/api/v1/reports/county?county=Testl%C3%A4n&metric=concentration&format=pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    const mine = await (await get('a', 'coordinator', '/api/v1/reports/county?county=Testl%C3%A4n&metric=concentration&format=csv')).text();
    expect(mine).toContain('KA-ARV');
    expect(mine).not.toContain('KB-ARV');
    expect(mine).not.toContain('KC-ARV');
    expect(mine).toContain('county,amphetamine,2021-Q2,Testlän,,110,1,ng/L');
  });

  it('is made on the report worker like every report: job=1 answers 202, the job runs, then gives the same file (issue 16)', async () => {
    const url = '/api/v1/reports/county?county=Testl%C3%A4n&substances=amphetamine&metric=concentration&format=csv';
    const started = await get('county', 'coordinator', `${url}&job=1`);
    // On the request thread (before) job=1 was ignored and the file came at once (200).
    expect(started.status).toBe(202);
    const job = await started.json();
    expect(started.headers.get('location')).toBe(job.statusUrl);
    let status: { status: string; kind: string } = { status: 'queued', kind: '' };
    for (let i = 0; i < 600 && status.status !== 'done' && status.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await (await get('county', 'coordinator', job.statusUrl)).json();
    }
    expect(status).toMatchObject({ status: 'done', kind: 'county' });
    // Another organisation's coordinator does not see the job.
    expect((await get('a', 'coordinator', job.statusUrl)).status).toBe(404);
    const file = await get('county', 'coordinator', job.fileUrl);
    expect(file.status).toBe(200);
    const direct = await get('county', 'coordinator', url);
    expect(await file.text()).toBe(await direct.text());
  });

  it('answers 422 naming the field, 404 for an unknown county or substance, 403 for viewers', async () => {
    const none = await get('county', 'coordinator', '/api/v1/reports/county?format=csv');
    expect(none.status).toBe(422);
    expect((await none.json()).errors[0].column).toBe('county');
    const badFormat = await get('county', 'coordinator', '/api/v1/reports/county?county=Testl%C3%A4n&format=docx');
    expect(badFormat.status).toBe(422);
    expect((await badFormat.json()).errors[0].column).toBe('format');
    expect((await get('county', 'coordinator', '/api/v1/reports/county?county=Inget')).status).toBe(404);
    expect((await get('county', 'coordinator', '/api/v1/reports/county?county=Testl%C3%A4n&substances=nope')).status).toBe(404);
    expect((await get('county', 'viewer', '/api/v1/reports/county?county=Testl%C3%A4n')).status).toBe(403);
    expect((await t.app.request('/api/v1/reports/county?county=Testl%C3%A4n')).status).toBe(401);
  });

  it('report --kind county writes the file from the CLI', async () => {
    const out = path.join(tempDir(), 'lan.csv');
    const code = await countyReportVerb(t.ctx, ['--kind', 'county', '--county', 'Testlän', '--metric', 'concentration', '--out', out]);
    expect(code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('kind,substance,round,area,campaigns,value,coverage,unit');
    expect(await countyReportVerb(t.ctx, ['--kind', 'county', '--out', out])).toBe(2);
    expect(await countyReportVerb(t.ctx, ['--kind', 'county', '--county', 'Inget', '--out', out])).toBe(1);
  });
});
