import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { SAMPLES, testContext } from '../helpers.ts';
import { login, sendJson, upload, type Session } from '../http.ts';

const VIEWER = { email: 'viewer@example.se', password: 'viewer password 123' };
const COORDINATOR = { email: 'coordinator@example.se', password: 'coordinator password 1' };
const HOSTILE = '<img src=x onerror=alert(1)>';
const PAGES = ['/', '/areas/EXS-ARV', '/substances/cocaine/overview', '/events', '/periods', '/campaigns'];

/** Every tag's attributes, as a browser tokenises them (hono/jsx quotes every value). */
function tags(html: string): { name: string; attrs: Map<string, string> }[] {
  const out: { name: string; attrs: Map<string, string> }[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g)) {
    const attrs = new Map<string, string>();
    for (const a of m[2].matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) attrs.set(a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
    out.push({ name: m[1].toLowerCase(), attrs });
  }
  return out;
}

/** The CSP allows only /static/ scripts: no inline script, no on* handler, no javascript: URL. */
function expectNoInlineScript(html: string): void {
  for (const tag of tags(html)) {
    if (tag.name === 'script') expect(tag.attrs.has('src') || tag.attrs.get('type') === 'application/json', 'inline <script>').toBe(true);
    for (const name of tag.attrs.keys()) expect(name.startsWith('on'), `<${tag.name} ${name}=…>`).toBe(false);
    for (const [name, value] of tag.attrs) if (['href', 'src', 'action', 'data-chart-url'].includes(name)) expect(value.toLowerCase().startsWith('javascript:')).toBe(false);
  }
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) if (m[2].trim()) expect(m[1]).toContain('type="application/json"');
}

describe('dashboard pages', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  let coordinator: Session;
  let viewer: Session;
  const get = async (url: string, s: Session, cookies: string[] = []) => {
    const res = await app.request(url, { headers: { cookie: [s.cookie, ...cookies].join('; ') } });
    return { status: res.status, html: await res.text() };
  };

  beforeAll(async () => {
    ({ ctx } = await testContext({ MIN_PUBLIC_POPULATION: '7000' }));
    app = createApp(ctx);
    admin = await login(app);
    for (const u of [{ ...VIEWER, role: 'viewer' }, { ...COORDINATOR, role: 'coordinator' }]) expect((await sendJson(app, admin, 'POST', '/api/v1/users', u)).status).toBe(201);
    viewer = await login(app, VIEWER.email, VIEWER.password);
    coordinator = await login(app, COORDINATOR.email, COORDINATOR.password);
  });
  afterAll(async () => ctx.destroy());

  it('has empty states that lead somewhere: no data → upload; data without periods → the baseline campaign against the latest', async () => {
    expect((await get('/', coordinator)).html).toMatch(/<a class="button primary" href="\/upload\?kind=areas"[^>]*>Ladda upp områdesfilen<\/a>/);
    expect((await get('/', viewer)).html).toContain('En samordnare behöver ladda upp labbresultat');
    for (const f of ['areas.csv', 'lab-long-sv.csv']) expect((await upload(app, admin, path.join(SAMPLES, f))).status).toBe(201);
    const home = await get('/', coordinator);
    expect(home.html).toContain('id="summary"');
    // No setup: the detected campaigns give the comparison (issue 10).
    expect(home.html).toContain('id="campaign-form"');
    expect(home.html).toContain('data-chart-url="/api/v1/charts/overview?baselineCampaign=1&amp;campaign=6&amp;metric=concentration&amp;lang=sv"');
    expect(home.html).toContain('nollvärde (förvald)');
    expect(home.html).not.toContain('Lägg upp en nollvärdesperiod');
    expect((await get('/', viewer)).html).toContain('id="campaign-timeline"');
    expect((await get('/periods', coordinator)).html).toContain('Inga perioder ännu');
    expect((await get('/events', coordinator)).html).toContain('Inga händelser ännu');
  });

  it('says when flow is missing, and without any flow shows the concentration by default', async () => {
    const none = await get('/areas/EXS-ARV', coordinator);
    expect(none.html).toContain('Dygnsflöde saknas för alla provdagar');
    expect(none.html).toContain('<option value="concentration" selected="">');
    expect(none.html).toContain('metric=concentration');
    const flow = 'Provpunkt;Datum;Flöde (m3/d)\nEXS-ARV;2020-09-14;6224\nEXS-ARV;2020-09-15;6034\n';
    expect((await upload(app, admin, { name: 'flow-two-days.csv', bytes: flow })).status).toBe(201);
    const some = await get('/areas/EXS-ARV', coordinator);
    expect(some.html).toContain('Dygnsflöde saknas för 40 av 42 provdagar');
    expect(some.html).toContain('<option value="normalized_load" selected="">');
    expect((await upload(app, admin, path.join(SAMPLES, 'flow-sv.csv'), 'onConflict=skip')).status).toBe(201);
    expect((await get('/areas/EXS-ARV', coordinator)).html).not.toContain('Dygnsflöde saknas');
  });

  it('renders every page for each role, without inline scripts, with the charts as placeholders', async () => {
    await sendJson(app, admin, 'POST', '/api/v1/periods', { name: 'Nollmätning hösten 2020', from: '2020-09-14', to: '2020-09-20', baseline: true });
    for (const s of [admin, coordinator, viewer]) {
      for (const url of PAGES) {
        const { status, html } = await get(url, s);
        expect(status, url).toBe(200);
        expectNoInlineScript(html);
      }
    }
    const area = await get('/areas/EXS-ARV', viewer);
    expect(area.html).toContain('data-chart-url="/api/v1/charts/timeseries?area=EXS-ARV&amp;substance=cocaine&amp;metric=normalized_load&amp;censored=half_loq&amp;lang=sv"');
    expect(area.html).toContain('data-chart-url="/api/v1/charts/weekday?area=EXS-ARV&amp;substance=cocaine');
    expect(area.html).toContain('data-measurements-url="/api/v1/measurements?area=EXS-ARV&amp;censored=half_loq"');
    expect((area.html.match(/<figure class="chart"/g) ?? []).length).toBe(8 + 1);
    const substance = await get('/substances/cocaine/overview', coordinator);
    expect(substance.html).toContain('area=EXS-ARV%2CEXS-CEN%2CEXS-NOR&amp;substance=cocaine');
    // Forms to edit only for coordinators (the API guards the writes anyway).
    expect((await get('/events', viewer)).html).not.toContain('data-form="event"');
    expect((await get('/events', coordinator)).html).toContain('data-form="event"');
    expect((await get('/periods', viewer)).html).not.toContain('data-form="period"');
    expect((await get('/periods', coordinator)).html).toContain('data-remove-period');
  });

  it('needs a second period to compare, and two different ones', async () => {
    const baselineId = ((await (await app.request('/api/v1/periods', { headers: { cookie: admin.cookie } })).json()) as { id: number }[])[0].id;
    const one = await get(`/?baseline=${baselineId}`, coordinator);
    expect(one.html).toContain('Det finns bara en period');
    expect(one.html).not.toContain('data-chart-url');
    await sendJson(app, admin, 'POST', '/api/v1/periods', { name: 'Hösten 2022', from: '2022-09-12', to: '2022-09-18' });
    await sendJson(app, admin, 'POST', '/api/v1/periods', { name: 'Våren 2023', from: '2023-03-13', to: '2023-03-19' });
    const periods = (await (await app.request('/api/v1/periods', { headers: { cookie: admin.cookie } })).json()) as { id: number; name: string }[];
    const id = (name: string) => periods.find((p) => p.name === name)!.id;
    // Without a choice the campaigns decide (issue 10); periods are chosen explicitly.
    expect((await get('/', coordinator)).html).toContain('data-chart-url="/api/v1/charts/overview?baselineCampaign=1&amp;campaign=6&amp;lang=sv"');
    const home = await get(`/?baseline=${id('Nollmätning hösten 2020')}&comparison=${id('Våren 2023')}`, coordinator);
    expect(home.html).toContain(`data-chart-url="/api/v1/charts/overview?baselinePeriod=${id('Nollmätning hösten 2020')}&amp;period=${id('Våren 2023')}&amp;lang=sv"`);
    const chosen = await get(`/?baseline=${id('Nollmätning hösten 2020')}&comparison=${id('Hösten 2022')}`, coordinator);
    expect(chosen.html).toContain(`period=${id('Hösten 2022')}&amp;lang=sv`);
    expect(chosen.html).toMatch(new RegExp(`<option value="${id('Hösten 2022')}" selected="">Hösten 2022`));
    const same = await get(`/?baseline=${id('Våren 2023')}&comparison=${id('Våren 2023')}`, coordinator);
    expect(same.html).toContain('Välj två olika perioder');
    expect(same.html).not.toContain('data-chart-url');
  });

  // DOMAIN.md "Corrections" (issue 11): "statistiskt säkerställd", never "säker"; parent cocaine is
  // not in the overview's verdicts (3 areas × 7 substances, not × 8).
  it('puts the verdicts in plain words, with what "statistiskt säkerställd" means and what could have been seen', async () => {
    const { html } = await get('/', coordinator);
    expect(html).toMatch(/Bensoylekgonin<\/a><\/td><td><a href="\/areas\/EXS-ARV">Exempelstad ARV<\/a><\/td><td><span class="verdict verdict-increase">ökning med \d+ % \(95 % KI \d+–\d+ %\), statistiskt säkerställd<\/span>/);
    expect(html).toMatch(/<span class="verdict verdict-decrease">minskning med \d+ % \(95 % KI \d+–\d+ %\), statistiskt säkerställd<\/span>/);
    expect(html).toMatch(/<span class="verdict verdict-no_clear_change">ingen tydlig förändring \(uppmätt [+−]\d+ %, 95 % KI [+−]\d+ % till [+−]\d+ %\)<\/span>/);
    expect(html).toMatch(/Med dessa dagar hade bara en förändring större än ×\d,\d\d kunnat ses\./);
    expect(html).toContain('q &lt; 0,05 efter korrigering för att många jämförelser görs på en gång');
    // Verdict rows: every area × substance the coordinator sees, with links to the area and substance pages.
    expect((html.match(/<tr data-area="EXS-[A-Z]+" data-substance=/g) ?? []).length).toBe(21);
    expect(html).not.toContain('data-substance="cocaine"');
    expect(html).not.toMatch(/säker[^s]/);
    // Norrby's methamphetamine: "< LOQ, högst X" and no verdict
    expect(html).toMatch(/data-area="EXS-NOR" data-substance="methamphetamine" data-verdict="mostly_below_loq">.*?&lt; LOQ, högst \d/);
    const en = await get('/', coordinator, ['lang=en']);
    expect(en.html).toContain('<h1>Overview</h1>');
    expect(en.html).toMatch(/increase of \d+ % \(95 % CI \d+–\d+ %\), statistically significant/);
    expect(en.html).toContain('1,008 measurements');
  });

  it('withholds small areas from viewers everywhere, says how many, and answers 404 for them', async () => {
    const home = await get('/', viewer);
    expect(home.html).toContain('1 område visas inte (färre än 7\u00a0000 invånare)');
    expect(home.html).not.toContain('Norrby');
    expect((home.html.match(/<tr data-area="EXS-[A-Z]+" data-substance=/g) ?? []).length).toBe(14); // 2 areas × 7 (no parent cocaine, DOMAIN.md)
    for (const url of ['/areas/EXS-ARV', '/substances/cocaine/overview', '/events']) {
      const { html } = await get(url, viewer);
      expect(html, url).toContain('1 område visas inte');
      expect(html, url).not.toContain('Norrby');
      expect(html, url).not.toContain('EXS-NOR');
    }
    const hidden = await get('/areas/EXS-NOR', viewer);
    expect(hidden.status).toBe(404);
    expect(hidden.html).toContain('Sidan finns inte');
    expect((await get('/areas/NOPE', coordinator)).status).toBe(404);
    expect((await get('/substances/nope/overview', coordinator)).status).toBe(404);
    const seen = await get('/areas/EXS-NOR', coordinator);
    expect(seen.status).toBe(200);
    expect(seen.html).toContain('<h1>Norrby PS</h1>');
    expect(seen.html).not.toContain('visas inte');
    expect((await get('/substances/cocaine/overview', coordinator)).html).toContain('Norrby PS');
  });

  it('escapes hostile event titles and area names in every page', async () => {
    expect((await sendJson(app, admin, 'PUT', '/api/v1/areas/EXS-CEN', { name: HOSTILE, parent: 'EXS-ARV', population: 9000 })).status).toBe(200);
    expect((await sendJson(app, admin, 'POST', '/api/v1/events', { date: '2022-01-10', title: `</script><script>alert(2)</script>${HOSTILE}`, description: '"><svg onload=alert(3)>', areas: ['EXS-CEN'] })).status).toBe(201);
    await sendJson(app, admin, 'POST', '/api/v1/periods', { name: `Period ${HOSTILE}`, from: '2021-03-15', to: '2021-03-21' });
    for (const s of [coordinator, viewer]) {
      for (const url of [...PAGES, '/areas/EXS-CEN']) {
        const { status, html } = await get(url, s);
        expect(status, url).toBe(200);
        expect(html, url).not.toContain(HOSTILE);
        expect(html, url).not.toContain('<script>alert(2)');
        expect(html, url).not.toContain('<svg onload');
        expectNoInlineScript(html);
      }
    }
    const events = await get('/events', coordinator);
    expect(events.html).toContain('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect((await get('/', viewer)).html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('flags possible dumping of cocaine on Lägesbild', async () => {
    const lines = ['Provpunkt;Datum;Analys;Halt;Enhet'];
    for (let d = 1; d <= 7; d++) {
      const date = `2024-03-0${d}`;
      lines.push(`EXS-ARV;${date};Bensoylekgonin;400;ng/L`, `EXS-ARV;${date};Kokain;${d === 5 ? 2000 : 150 + d};ng/L`);
    }
    expect((await upload(app, admin, { name: 'dumping.csv', bytes: `${lines.join('\n')}\n` })).status).toBe(201);
    await sendJson(app, admin, 'POST', '/api/v1/periods', { name: 'Mars 2024', from: '2024-03-01', to: '2024-03-07' });
    const { html } = await get('/', coordinator);
    expect(html).toContain('Möjlig dumpning: Exempelstad ARV hade ovanligt mycket kokain i förhållande till bensoylekgonin 2024-03-05');
  });

  it('shows a roll-up (an area without own measurements) on the substance and area pages', async () => {
    expect((await sendJson(app, admin, 'PUT', '/api/v1/areas/EXS-KOMMUN', { name: 'Exempelstad kommun', population: 30000 })).status).toBe(201);
    expect((await sendJson(app, admin, 'PUT', '/api/v1/areas/EXS-ARV', { name: 'Exempelstad ARV', parent: 'EXS-KOMMUN', population: 24000 })).status).toBe(200);
    const substance = await get('/substances/cocaine/overview', viewer);
    expect(substance.html).toMatch(/<tr data-area="EXS-KOMMUN" data-source="rollup">.*?sammanvägt från Exempelstad ARV/);
    expect(substance.html).toContain('area=EXS-KOMMUN%2CEXS-ARV');
    const area = await get('/areas/EXS-KOMMUN', viewer);
    expect(area.status).toBe(200);
    expect(area.html).toContain('Området har inga egna mätningar');
    expect(area.html).toContain('data-chart-url="/api/v1/charts/timeseries?area=EXS-KOMMUN&amp;substance=cocaine');
  });
});

describe('dashboard pages without any daily flow', () => {
  it('compare and draw the concentration, and say why', async () => {
    const { ctx } = await testContext();
    const app = createApp(ctx);
    const admin = await login(app);
    for (const f of ['areas.csv', 'lab-long-sv.csv']) expect((await upload(app, admin, path.join(SAMPLES, f))).status).toBe(201);
    await sendJson(app, admin, 'POST', '/api/v1/periods', { name: 'Nollmätning', from: '2020-09-14', to: '2020-09-20', baseline: true });
    await sendJson(app, admin, 'POST', '/api/v1/periods', { name: 'Våren 2023', from: '2023-03-13', to: '2023-03-19' });
    const get = async (url: string) => (await app.request(url, { headers: { cookie: admin.cookie } })).text();
    const home = await get('/');
    expect(home).toContain('jämförelsen görs på halten (ng/L)');
    expect(home).toMatch(/data-chart-url="\/api\/v1\/charts\/overview\?[^"]*metric=concentration/);
    expect(home).toMatch(/ökning med \d+ %/);
    expect(home).toContain('ng/L');
    const substance = await get('/substances/cocaine/overview');
    expect(substance).toContain('Dygnsflöde saknas för alla provdagar');
    expect(substance).toContain('<option value="concentration" selected="">');
    expect((substance.match(/<tr data-area="EXS-/g) ?? []).length).toBe(3);
    await ctx.destroy();
  });
});
