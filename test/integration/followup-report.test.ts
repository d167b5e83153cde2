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
import { getJson, headers, login, sendJson, upload, type Session } from '../http.ts';

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
    // (table cells wrap in the PDF text; the verdict words are checked in the HTML)
    const html = await (await get('/api/v1/reports/follow-up?format=html&lang=sv')).text();
    expect(html).toContain('förenligt med en minskning');
    expect(html).toContain(f.interval(api.ci95));
    for (const h of ['Nollvärdet jämfört med varje senare kampanj', 'Trender över kampanjer', 'Insatser och deras utvärdering', 'Vad mätningen kan och inte kan visa', 'Metod', 'Kvalitetskontroller', 'Massbalans', 'Bilaga: dagliga data']) expect(flat).toContain(h);
  });

  it('the CSV holds the API intervention numbers exactly; bad parameters are 400/404 naming the field', async () => {
    const csv = await (await get('/api/v1/reports/follow-up?format=csv')).text();
    const api = (await getJson(app, admin, `/api/v1/stats/intervention?event=${eventId}&area=${GEN.treated}&substance=benzoylecgonine`)).body;
    const row = csv.split('\n').find((l) => l.startsWith(`intervention,${GEN.treated},benzoylecgonine`))!.split(',');
    expect(Number(row[6])).toBe(api.ratio);
    expect(Number(row[7])).toBe(api.ci95[0]);
    expect(Number(row[9])).toBe(api.welch.p);
    const bad = await get('/api/v1/reports/follow-up?baselineCampaign=2021-13');
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].column).toBe('baselineCampaign');
    expect((await get('/api/v1/reports/follow-up?baselineCampaign=2020-01-01_2020-01-07')).status).toBe(404);
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
    expect(page).toContain(`value="${g.campaigns[0]}_`);
    const { reportVerb } = await import('../../server/report/cli.ts');
    const dir = tempDir('followup-cli-');
    const out = path.join(dir, 'public.pdf');
    expect(await reportVerb(ctx, ['--kind', 'public', '--lang', 'en', '--out', out])).toBe(0);
    expect(pdfText(fs.readFileSync(out)).pages).toBe(1);
    expect(await reportVerb(ctx, ['--kind', 'follow-up', '--format', 'csv', '--out', path.join(dir, 'f.csv')])).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'f.csv'), 'utf8')).toContain('intervention,GEN-TRT,benzoylecgonine');
    expect(await reportVerb(ctx, ['--kind', 'nonsense', '--out', out])).toBe(2);
    expect(await reportVerb(ctx, ['--kind', 'follow-up', '--baseline-campaign', '2021', '--out', out])).toBe(2);
    expect((await sendJson(app, admin, 'POST', '/api/v1/users', { email: 'v@example.se', role: 'viewer', password: 'viewer-password-123' })).status).toBe(201);
    const viewer = await login(app, 'v@example.se', 'viewer-password-123');
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
