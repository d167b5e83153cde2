// Issue 11 acceptance on the sample municipality: campaign trends, below-LOQ honesty, change
// beyond normal variation, THC-COOH without doses, the overview without parent cocaine.
// References come from truth.json and hand/SciPy computations written out here, never from the
// code's own output.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { SAMPLES, testContext } from '../helpers.ts';
import { getJson, login, sendJson, upload, type Session } from '../http.ts';

interface TruthRow { area: string; date: string; key: string; flow: number; pop: number; loq: number; censored: boolean; conc: number }
const truth: TruthRow[] = JSON.parse(fs.readFileSync(path.join(SAMPLES, 'truth.json'), 'utf8')).rows;
const AREAS = ['EXS-ARV', 'EXS-CEN', 'EXS-NOR'];

describe('numbers the council can defend (sample municipality)', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let s: Session;
  let baselineId: number;
  let springId: number;

  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    s = await login(app);
    for (const f of ['areas.csv', 'lab-long-sv.csv', 'flow-sv.csv']) expect((await upload(app, s, path.join(SAMPLES, f))).status).toBe(201);
    baselineId = (await (await sendJson(app, s, 'POST', '/api/v1/periods', { name: 'Nollmätning', from: '2020-09-14', to: '2020-09-20', baseline: true })).json()).id;
    springId = (await (await sendJson(app, s, 'POST', '/api/v1/periods', { name: 'Våren 2023', from: '2023-03-13', to: '2023-03-19' })).json()).id;
  });
  afterAll(async () => ctx.destroy());

  it.each([['6-mam'], ['methamphetamine']])('Norrby %s: "< LOQ, at most X" with no mean, interval, trend or verdict', async (key) => {
    const rows = truth.filter((t) => t.area === 'EXS-NOR' && t.key === key && t.date >= '2020-09-14' && t.date <= '2020-09-20');
    expect(rows.filter((r) => r.censored).length).toBe(7); // all 7 baseline days below LOQ
    // upper bound: the mean normalised load with every censored day at its LOQ: LOQ·Q/P
    const upper = rows.reduce((a, t) => a + ((t.censored ? t.loq : t.conc) * t.flow) / t.pop, 0) / rows.length;
    const b = (await getJson(app, s, `/api/v1/stats/baseline?area=EXS-NOR&substance=${key}&period=${baselineId}`)).body;
    expect(b.belowLoq).toBe(true);
    expect(Math.abs(b.upperBound - upper)).toBeLessThanOrEqual(1e-9 * upper);
    expect(b.mean).toBeNull();
    expect(b.ci95).toBeNull();
    expect(b.weekendRatio).toBeNull();
    const t = (await getJson(app, s, `/api/v1/stats/trend?area=EXS-NOR&substance=${key}`)).body;
    expect(t.verdict).toBe('mostly_below_loq');
    expect(t.sen).toBeNull();
    expect(t.mannKendall).toBeNull();
    const c = (await getJson(app, s, `/api/v1/stats/change?area=EXS-NOR&substance=${key}&baselinePeriod=${baselineId}&period=${springId}`)).body;
    expect(c.verdict).toBe('mostly_below_loq');
    expect(c.ratio).toBeNull();
    expect(c.ci95).toBeNull();
    expect(c.detectableRatio).toBeNull();
    expect(c.baseline.belowLoq).toBe(true);
    // The area chart: no Sen line and the trend in words
    const chart = (await getJson(app, s, `/api/v1/charts/timeseries?area=EXS-NOR&substance=${key}`)).body;
    expect(chart.layer.some((l: { name?: string }) => l.name === 'trend')).toBe(false);
    expect(chart.usermeta.summary).toContain('kan inte bedömas');
  });

  it('Centrum BE: Mann–Kendall on its 6 campaign means (not on 42 days)', async () => {
    // Campaign means of the normalised load C·Q/P (no censored BE days at Centrum), from truth.json.
    const rows = truth.filter((t) => t.area === 'EXS-CEN' && t.key === 'benzoylecgonine');
    expect(rows.some((r) => r.censored)).toBe(false);
    const byCampaign = new Map<string, number[]>();
    for (const r of rows) {
      const k = r.date.slice(0, 7); // each campaign is 7 days inside one month
      byCampaign.set(k, [...(byCampaign.get(k) ?? []), (r.conc * r.flow) / r.pop]);
    }
    const means = [...byCampaign.keys()].sort().map((k) => byCampaign.get(k)!.reduce((a, b) => a + b, 0) / 7);
    expect(means).toHaveLength(6);
    let sHand = 0;
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) sHand += Math.sign(means[j] - means[i]);
    const t = (await getJson(app, s, '/api/v1/stats/trend?area=EXS-CEN&substance=benzoylecgonine')).body;
    expect(t.unit).toBe('campaign');
    expect(t.n).toBe(6);
    expect(t.nCampaigns).toBe(6);
    expect(t.campaigns).toHaveLength(6);
    t.campaigns.forEach((c: { mean: number; n: number }, i: number) => {
      expect(c.n).toBe(7);
      expect(Math.abs(c.mean - means[i])).toBeLessThanOrEqual(1e-9 * means[i]);
    });
    expect(t.mannKendall.s).toBe(sHand);
    // Python (SciPy 1.x) on the same six means:
    //   m = [122.28050476190477, 161.63260952380955, 137.07341111111108, 184.24057142857143, 230.11820634920633, 216.72910158730159]
    //   s = sum(np.sign(m[j]-m[i]) for i in range(6) for j in range(i+1,6))      # 11
    //   z = (s - 1) / np.sqrt(6*5*17/18); 2*norm.sf(z)                           # 0.060289173990602095 (API: continuity-corrected)
    //   kendalltau(range(6), m, method='exact').pvalue                            # 0.05555555555555555
    expect(sHand).toBe(11);
    expect(t.mannKendall.p).toBeCloseTo(0.060289173990602095, 12);
    expect(t.pExact).toBeCloseTo(0.05555555555555555, 12);
    expect(t.verdict).toBe('no_clear_change'); // 42 days would have claimed p ≈ 4·10⁻⁵
  });

  it('change with s_b: campaign scope with a z test on log means', async () => {
    const c = (await getJson(app, s, `/api/v1/stats/change?area=EXS-ARV&substance=amphetamine&baselinePeriod=${baselineId}&period=${springId}`)).body;
    expect(c.scope).toBe('campaigns');
    expect(c.sBetweenLog).not.toBeNull();
    expect(c.mannWhitney).toBeNull();
    // z, p and the interval follow from the reported s_w, s_b and the days' logs (DOMAIN.md formula).
    const logs = (from: string, to: string) => truth.filter((t) => t.area === 'EXS-ARV' && t.key === 'amphetamine' && t.date >= from && t.date <= to).map((t) => Math.log((t.conc * t.flow) / t.pop));
    const l1 = logs('2020-09-14', '2020-09-20');
    const l2 = logs('2023-03-13', '2023-03-19');
    const d = l2.reduce((a, b) => a + b, 0) / l2.length - l1.reduce((a, b) => a + b, 0) / l1.length;
    const se = Math.sqrt(c.sWithinLog ** 2 * (1 / 7 + 1 / 7) + 2 * c.sBetweenLog ** 2);
    expect(c.test.z).toBeCloseTo(d / se, 10);
    expect(c.ratio).toBeCloseTo(Math.exp(d), 10);
    expect(c.ci95[0]).toBeCloseTo(Math.exp(d - 1.96 * se), 10);
    expect(c.verdict).toBe('decrease');
    expect(c.seasonDiffers).toBe(true); // September (autumn) against March (spring)
  });

  it('the overview leaves parent cocaine out of its rows and counts, and attaches dumping days to BE', async () => {
    const { body } = await getJson(app, s, '/api/v1/overview');
    expect(body.rows.some((r: { substance: string }) => r.substance === 'cocaine')).toBe(false);
    // 3 areas × 7 substances with data (8 in the samples minus parent cocaine)
    expect(body.rows).toHaveLength(AREAS.length * 7);
    for (const r of body.rows) if (r.p !== null) expect(r.q).toBeGreaterThanOrEqual(r.p);
  });

  it('THC-COOH has no doses: measurements, statistics and the area page', async () => {
    const m = (await getJson(app, s, '/api/v1/measurements?substance=thc-cooh&limit=1000')).body;
    const rows = Array.isArray(m) ? m : m.data;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.doses).toBeNull();
      expect(r.consumption).not.toBeNull(); // the chain still gives consumption
    }
    const b = (await getJson(app, s, `/api/v1/stats/baseline?area=EXS-ARV&substance=thc-cooh&period=${baselineId}&metric=doses`)).body;
    expect(b.n).toBe(0);
    expect(b.mean).toBeNull();
    const page = await app.request('/areas/EXS-ARV?metric=doses', { headers: { cookie: s.cookie } });
    const html = await page.text();
    expect(html).not.toContain('data-substance="thc-cooh"');
    expect(html).toContain('data-substance="benzoylecgonine"');
  });
});

describe('one week of data', () => {
  it('says "kan inte bedömas ännu (1 av minst 5 kampanjer)" wherever a trend would stand', async () => {
    const { ctx } = await testContext();
    const app = createApp(ctx);
    const s = await login(app);
    expect((await upload(app, s, path.join(SAMPLES, 'areas.csv'))).status).toBe(201);
    const lab = fs.readFileSync(path.join(SAMPLES, 'lab-long-sv.csv'), 'latin1').split(/\r?\n/);
    const week = [lab[0], ...lab.filter((l) => /;2020-09-(1[4-9]|20) /.test(l))].join('\r\n');
    expect((await upload(app, s, { name: 'week.csv', bytes: Buffer.from(week, 'latin1') })).status).toBe(201);
    expect((await upload(app, s, path.join(SAMPLES, 'flow-sv.csv'))).status).toBe(201);
    const t = (await getJson(app, s, '/api/v1/stats/trend?area=EXS-ARV&substance=benzoylecgonine')).body;
    expect(t.nCampaigns).toBe(1);
    expect(t.nDays).toBe(7);
    expect(t.verdict).toBe('too_few_data');
    expect(t.sen).toBeNull(); // no "+538 %/år" from one week
    const chart = (await getJson(app, s, '/api/v1/charts/timeseries?area=EXS-ARV&substance=benzoylecgonine')).body;
    expect(chart.usermeta.summary).toContain('kan inte bedömas ännu (1 av minst 5 kampanjer)');
    expect(chart.title.subtitle.join(' ')).toContain('kan inte bedömas ännu (1 av minst 5 kampanjer)');
    expect(chart.usermeta.summary).not.toContain('ingen');
    const en = (await getJson(app, s, '/api/v1/charts/timeseries?area=EXS-ARV&substance=benzoylecgonine&lang=en')).body;
    expect(en.usermeta.summary).toContain('cannot be judged yet (1 of at least 5 campaigns)');
    await ctx.destroy();
  });
});
