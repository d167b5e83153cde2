// Issue 12: the follow-up report and the one-page public summary on generated data.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { reportFormat } from '../../server/report/format.ts';
import { GEN, generateIntervention } from '../intervention-data.ts';
import { tempDir, testContext } from '../helpers.ts';
import { addUser, getJson, headers, login, sendJson, upload, type Session } from '../http.ts';

const pdfText = (bytes: Buffer) => {
  const file = path.join(tempDir('followup-'), 'r.pdf');
  fs.writeFileSync(file, bytes);
  return { text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }), pages: Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]) };
};

describe('follow-up report and public summary', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  let eventId: number;
  const g = generateIntervention({ effect: 0.7, seed: 12, substances: [{ labName: 'Bensoylekgonin', loadMgPerDay: 30 }, { labName: 'Kokain', loadMgPerDay: 8 }, { labName: 'Amfetamin', loadMgPerDay: 20 }] });
  const get = (url: string) => app.request(url, { headers: headers(admin) });

  beforeAll(async () => {
    ({ ctx } = await testContext({ MIN_PUBLIC_POPULATION: '20000' }));
    app = createApp(ctx);
    admin = await login(app);
    for (const [name, bytes] of [['areas.csv', g.areasCsv], ['lab.csv', g.labCsv], ['flow.csv', g.flowCsv]]) expect((await upload(app, admin, { name, bytes })).status).toBe(201);
    eventId = (await (await sendJson(app, admin, 'POST', '/api/v1/events', { date: g.event, title: 'Skolkampanj', areas: [GEN.treated], controlArea: GEN.control })).json()).id;
  });
  afterAll(async () => ctx.destroy());

  it('the PDF prints the intervention figures the API gives, the methods, checks and the daily appendix', async () => {
    const res = await get('/api/v1/reports/follow-up?format=pdf&lang=sv');
    expect(res.status, await res.clone().text()).toBe(200);
    const { text } = pdfText(Buffer.from(await res.arrayBuffer()));
    const flat = text.replace(/\s+/g, ' ');
    const f = reportFormat('sv');
    const api = (await getJson(app, admin, `/api/v1/stats/intervention?event=${eventId}&area=${GEN.treated}&substance=benzoylecgonine`)).body;
    expect(flat).toContain(f.ratio(api.ratio));
    expect(flat).toContain(f.interval(api.ci95));
    // every change row of the treated area's benzoylecgonine: the overview API's interval and q, as printed
    const campaigns = (await getJson(app, admin, '/api/v1/campaigns')).body as { id: number; baseline: boolean }[];
    const base = campaigns.find((c) => c.baseline)!;
    for (const c of campaigns.filter((x) => !x.baseline)) {
      const row = (await getJson(app, admin, `/api/v1/overview?baselineCampaign=${base.id}&campaign=${c.id}`)).body.rows.find((r: { area: string; substance: string }) => r.area === GEN.treated && r.substance === 'benzoylecgonine');
      expect(flat).toContain(`${f.ratio(row.ratio)} ${f.interval(row.ci95)} ${f.number(row.p)} ${f.number(row.q)}`);
    }
    // (table cells wrap in the PDF text; the verdict words are checked in the HTML)
    const html = await (await get('/api/v1/reports/follow-up?format=html&lang=sv')).text();
    expect(html).toContain('förenligt med en minskning');
    expect(html).toContain(f.interval(api.ci95));
    for (const h of ['Nollvärdet jämfört med varje senare kampanj', 'Trender över kampanjer', 'Insatser och deras utvärdering', 'Leveranser: förväntade och levererade prover',
      'Rekommendation för nästa provtagning', 'Vad mätningen kan och inte kan visa', 'Metod: provtagning, analys och befolkning', 'Kvalitetskontroller', 'Massbalans', 'Bilaga: dagliga data']) expect(flat).toContain(h);
  });

  it('compares campaign entities: every change row equals the overview API for that campaign pair (scope, season, p, q)', async () => {
    const campaigns = (await getJson(app, admin, '/api/v1/campaigns')).body as { id: number; from: string; to: string; baseline: boolean; delivery: { expected: number; delivered: number } }[];
    expect(campaigns).toHaveLength(g.campaigns.length);
    const base = campaigns.find((c) => c.baseline)!;
    expect(base.from).toBe(g.campaigns[0]);
    const csv = (await (await get('/api/v1/reports/follow-up?format=csv')).text()).trim().split(/\r?\n/).map((l) => l.split(','));
    const header = csv[0];
    const col = (name: string) => header.indexOf(name);
    const changes = csv.filter((r) => r[0] === 'change');
    // 3 areas × 2 substances (parent cocaine is not a use indicator) × 7 later campaigns
    expect(changes).toHaveLength(3 * 2 * (g.campaigns.length - 1));
    expect(new Set(changes.map((r) => Number(r[col('campaign')])))).toEqual(new Set(campaigns.filter((c) => !c.baseline).map((c) => c.id)));
    for (const c of campaigns.filter((x) => !x.baseline).slice(0, 3)) {
      const { body } = await getJson(app, admin, `/api/v1/overview?baselineCampaign=${base.id}&campaign=${c.id}`);
      for (const r of changes.filter((x) => Number(x[col('campaign')]) === c.id)) {
        const o = body.rows.find((x: { area: string; substance: string }) => x.area === r[col('area')] && x.substance === r[col('substance')]);
        expect(Number(r[col('ratio')])).toBe(o.ratio);
        expect(Number(r[col('ciLow')])).toBe(o.ci95[0]);
        expect(Number(r[col('p')])).toBe(o.p);
        expect(Number(r[col('q')])).toBe(o.q);
        expect(r[col('verdict')]).toBe(o.verdict);
        expect(r[col('scope')]).toBe(o.scope);
        expect(r[col('seasonDiffers')]).toBe(String(o.seasonDiffers));
      }
    }
    // 8 campaigns 119 days apart from 2021-03-01: with ≥ 4 own campaigns s_b is known, so the scope is "campaigns";
    // 119 days later is July (another season than March), 238 days later is October.
    expect(changes.every((r) => r[col('scope')] === 'campaigns')).toBe(true);
    expect(changes.some((r) => r[col('seasonDiffers')] === 'true')).toBe(true);
    // The same ratio as the single-change endpoint (the overview adds only q).
    const one = (await getJson(app, admin, `/api/v1/stats/change?area=${GEN.treated}&substance=benzoylecgonine&baselineCampaign=${base.id}&campaign=${campaigns[1].id}`)).body;
    const mine = changes.find((r) => r[col('area')] === GEN.treated && r[col('substance')] === 'benzoylecgonine' && Number(r[col('campaign')]) === campaigns[1].id)!;
    expect(Number(mine[col('ratio')])).toBe(one.ratio);
    expect(Number(mine[col('p')])).toBe(one.p);
  });

  it('prints the delivery record, the advisor figures and the checks as the APIs and the raw measurements give them', async () => {
    const f = reportFormat('sv');
    const full = (await (await get('/api/v1/reports/follow-up?format=html&lang=sv')).text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    // the text from the changes on (not the embedded fonts), so that a failure prints something readable
    const html = full.slice(full.lastIndexOf('Leveranser: förväntade'), full.lastIndexOf('Bilaga: dagliga data'));
    const campaigns = (await getJson(app, admin, '/api/v1/campaigns')).body as { id: number; delivery: { expected: number; delivered: number } }[];
    // Detected campaigns: what arrived is what was expected; 3 areas × 7 days × 3 substances = 63.
    for (const c of campaigns) expect(c.delivery).toMatchObject({ expected: 63, delivered: 63 });
    expect(html).toContain('upptäckt 7 dagar, dygnsprov 63 63 100 %'); // (\s+ above made the no-break space before % a space)
    const advice = (await getJson(app, admin, `/api/v1/advisor?area=${GEN.treated}&substance=benzoylecgonine&ratio=1.5&days=7&campaigns=5`)).body;
    expect(html).toContain(`${f.ratio(advice.detectableRatio)}`);
    expect(html).toContain('egna data');
    // Cocaine/BE ratio: the mean of the daily concentration ratios, recomputed from the raw measurements.
    const rows = (await getJson(app, admin, `/api/v1/measurements?area=${GEN.plant}&from=${g.campaigns[0]}&to=${g.campaigns[0].slice(0, 8)}${String(Number(g.campaigns[0].slice(8)) + 6).padStart(2, '0')}`)).body;
    const data = (Array.isArray(rows) ? rows : rows.data) as { substance: string; date: string; concentrationNgL: number; loadMgPerDay: number }[];
    const conc = (s: string, d: string) => data.find((r) => r.substance === s && r.date === d)!.concentrationNgL;
    const days = [...new Set(data.map((r) => r.date))];
    expect(days).toHaveLength(7);
    const ratio = days.reduce((s, d) => s + conc('cocaine', d) / conc('benzoylecgonine', d), 0) / days.length;
    expect(ratio).toBeGreaterThan(0.2); // generated at 8 / 30 ≈ 0.27 with day noise
    expect(ratio).toBeLessThan(0.35);
    expect(html).toContain(f.number(ratio));
    // Mass balance on the baseline days: plant load − (treated + control) loads, each mg/day = µg/m³ × m³/day / 1000.
    const sub = async (code: string) => ((await getJson(app, admin, `/api/v1/measurements?area=${code}&substance=benzoylecgonine&from=${days[0]}&to=${days[6]}`)).body);
    const loads = async (code: string) => { const b = await sub(code); return ((Array.isArray(b) ? b : b.data) as { loadMgPerDay: number }[]).map((r) => r.loadMgPerDay); };
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const plant = mean(await loads(GEN.plant));
    const parts = mean(await loads(GEN.treated)) + mean(await loads(GEN.control));
    expect(html).toContain(`${f.number(plant - parts)} (${f.percent((plant - parts) / plant)})`.replace(/\u00a0/g, ' '));
    expect((plant - parts) / plant).toBeGreaterThan(0.2); // generated remainder share 0.35 / (0.3 + 0.35 + 0.35) = 35 %, day noise 12 %
    expect((plant - parts) / plant).toBeLessThan(0.5);
  });

  it('prints the organisation\'s methods settings; bad settings are 422 naming the field', async () => {
    expect((await sendJson(app, admin, 'PUT', '/api/v1/settings/methods', { samplingMode: 'weekly' })).status).toBe(422);
    const bad = await sendJson(app, admin, 'PUT', '/api/v1/settings/methods', { compositeHours: -3, labName: 7 });
    expect(bad.headers.get('content-type')).toContain('problem+json');
    expect((await bad.json()).errors.map((e: { column: string }) => e.column).sort()).toEqual(['compositeHours', 'labName']);
    const ok = await sendJson(app, admin, 'PUT', '/api/v1/settings/methods', {
      samplingMode: 'flow_proportional', compositeHours: 24, cooling: '4 °C i provtagaren', storage: 'fryst −20 °C', labName: 'RISE', labMethod: 'SPE och LC-MS/MS',
      accreditation: 'SWEDAC 1234', interlaboratory: 'SCORE 2024', populationUnit: 'pe', populationSource: 'VA-huvudmannen 2023',
    });
    expect(ok.status).toBe(200);
    for (const url of ['/api/v1/reports/follow-up?format=html&lang=sv', '/api/v1/reports/baseline?format=html&lang=sv&from=' + g.campaigns[0] + '&to=' + g.campaigns[1]]) {
      const html = await (await get(url)).text();
      expect(html, url).toContain('Flödesproportionella samlingsprov över 24 timmar');
      for (const s of ['4 °C i provtagaren', 'fryst −20 °C', 'RISE', 'SPE och LC-MS/MS', 'SWEDAC 1234', 'SCORE 2024', 'personekvivalenter', 'VA-huvudmannen 2023', 'Kvalitetskontroller', 'Bilaga: dagliga data']) expect(html, `${url}: ${s}`).toContain(s);
    }
  });

  it('the CSV holds the API intervention numbers exactly; bad parameters are 422/404 naming the field', async () => {
    const csv = await (await get('/api/v1/reports/follow-up?format=csv')).text();
    const api = (await getJson(app, admin, `/api/v1/stats/intervention?event=${eventId}&area=${GEN.treated}&substance=benzoylecgonine`)).body;
    const row = csv.split('\n').find((l) => l.startsWith(`intervention,${GEN.treated},benzoylecgonine`))!.split(',');
    expect(Number(row[6])).toBe(api.ratio);
    expect(Number(row[7])).toBe(api.ci95[0]);
    expect(Number(row[9])).toBe(api.welch.p);
    const bad = await get('/api/v1/reports/follow-up?baselineCampaign=2021-13');
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('problem+json');
    expect((await bad.json()).errors[0].column).toBe('baselineCampaign');
    const badList = await get('/api/v1/reports/follow-up?campaigns=1,x');
    expect(badList.status).toBe(422);
    expect((await badList.json()).errors[0].column).toBe('campaigns');
    expect((await get('/api/v1/reports/follow-up?baselineCampaign=9999')).status).toBe(404);
    expect((await get('/api/v1/reports/follow-up?areas=NOPE')).status).toBe(404);
  });

  it('the public summary is exactly one A4 page, sv and en, and names no area under MIN_PUBLIC_POPULATION', async () => {
    for (const lang of ['sv', 'en']) {
      const res = await get(`/api/v1/reports/public?format=pdf&lang=${lang}`);
      expect(res.status).toBe(200);
      const { text, pages } = pdfText(Buffer.from(await res.arrayBuffer()));
      expect(pages).toBe(1);
      expect(text).toContain('Genstad ARV');
      expect(text).not.toContain('Behandlat PS'); // 18 000 < 20 000
      expect(text).toContain('Kontroll PS'); // 21 000 ≥ 20 000
      expect(text).toContain(lang === 'sv' ? 'bensoylekgonin' : 'benzoylecgonine');
    }
    const html = await (await get('/api/v1/reports/public?format=html')).text();
    expect(html).not.toContain('Behandlat PS');
  });

  it('the report page offers all three; the CLI writes each kind; viewers are refused', async () => {
    const page = await (await get('/report')).text();
    expect(page).toContain('action="/api/v1/reports/baseline"');
    expect(page).toContain('formaction="/api/v1/reports/follow-up"');
    expect(page).toContain('formaction="/api/v1/reports/public"');
    const campaigns = (await getJson(app, admin, '/api/v1/campaigns')).body as { id: number; baseline: boolean }[];
    expect(page).toMatch(new RegExp(`<option value="${campaigns.find((c) => c.baseline)!.id}" selected`));
    const { reportVerb } = await import('../../server/report/cli.ts');
    const dir = tempDir('followup-cli-');
    const out = path.join(dir, 'public.pdf');
    expect(await reportVerb(ctx, ['--kind', 'public', '--lang', 'en', '--out', out])).toBe(0);
    expect(pdfText(fs.readFileSync(out)).pages).toBe(1);
    expect(await reportVerb(ctx, ['--kind', 'follow-up', '--format', 'csv', '--out', path.join(dir, 'f.csv')])).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'f.csv'), 'utf8')).toContain('intervention,GEN-TRT,benzoylecgonine');
    expect(await reportVerb(ctx, ['--kind', 'nonsense', '--out', out])).toBe(2);
    expect(await reportVerb(ctx, ['--kind', 'follow-up', '--baseline-campaign', '2021-03-01', '--out', out])).toBe(2);
    const viewer = await addUser(app, admin, { email: 'v@example.se', password: 'viewer-password-123' });
    for (const url of ['/api/v1/reports/follow-up', '/api/v1/reports/public']) expect((await app.request(url, { headers: headers(viewer) })).status).toBe(403);
  });
});

describe('public summary with 10 substances in 3 areas', () => {
  it('still fits exactly one A4 page (sv and en): changes beyond what fits are referred to the full report', async () => {
    const { ctx } = await testContext({ MIN_PUBLIC_POPULATION: '5000' });
    const app = createApp(ctx);
    const admin = await login(app);
    const names = ['Bensoylekgonin', 'Kokain', 'Amfetamin', 'Metamfetamin', 'MDMA', 'Cannabis (THCA-metabolit)', 'Tramadol', '6-MAM (Heroin-metabolit)', 'Ketamin', 'EDDP'];
    const g = generateIntervention({ effect: 0.7, seed: 3, nBefore: 3, nAfter: 3, substances: names.map((labName, i) => ({ labName, loadMgPerDay: 10 + 7 * i })) });
    for (const [name, bytes] of [['areas.csv', g.areasCsv], ['lab.csv', g.labCsv], ['flow.csv', g.flowCsv]]) expect((await upload(app, admin, { name, bytes })).status).toBe(201);
    for (const lang of ['sv', 'en']) {
      const res = await app.request(`/api/v1/reports/public?format=pdf&lang=${lang}`, { headers: headers(admin) });
      const { text, pages } = pdfText(Buffer.from(await res.arrayBuffer()));
      expect(pages).toBe(1);
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(lang === 'sv' ? 'till i den fullständiga rapporten' : 'more in the full report');
      expect(flat).toContain(lang === 'sv' ? 'Tramadol är till största delen ett förskrivet läkemedel' : 'Tramadol is mostly a prescribed medicine');
    }
    const csv = await (await app.request('/api/v1/reports/public?format=csv', { headers: headers(admin) })).text();
    expect(csv).not.toContain(',cocaine,'); // parent cocaine is not a use indicator
    await ctx.destroy();
  });
});
