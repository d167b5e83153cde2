import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { testContext } from '../helpers.ts';
import { getJson, login, upload, type Session } from '../http.ts';

/*
 * Independent reference for /api/v1/advisor (DOMAIN.md "Planning the sampling"), by hand:
 * SciPy: norm.ppf(0.975) = 1.959963984540054, norm.ppf(0.8) = 0.8416212335729143, sum z = 2.8015852181129683.
 *
 * Data (concentration, ng/L): every campaign is two consecutive days with values x and 2x, so each
 * campaign's log variance (ddof 1) is (ln 2)²/2 and s_w² = (ln 2)²/2 = 0.2402265…, s_w = 0.49012907173427356.
 * Campaigns start 91 days apart (equal spacing), so residuals around the least-squares line are the
 * quadratic contrast of the log-means:
 *  - area A, 4 campaigns, x = 100·1.5^(+1, −1, −1, +1): log-means ±a, a = ln 1.5, RSS = 4a², df 2;
 *    s_b² = 4a²/2 − mean(s_w²/2) = 2a² − (ln 2)²/4 = 0.2086906…, s_b = 0.456826722408815 (source own, 4 campaigns).
 *  - area B, 3 campaigns, x = 100·1.2^(+1, −2, +1): RSS = 6b², b = ln 1.2, df 1. Own: 3 < 4 campaigns →
 *    pooled with A over 7 campaigns: s_b² = (4a² + 6b²)/3 − (ln 2)²/4, s_b = 0.4069049666136791.
 *  - mdma, measured nowhere → literature: s_w = √ln(1 + 0.25²) = 0.24622067706923975, s_b = √ln(1 + 0.2²) = 0.19804220043536502.
 * detectableRatio (7 days) = exp(z·√(2s_w²/7 + 2s_b²)): own 7.050678056978768, pooled 5.879016667281925, literature 2.379680267071678.
 * trendRatioPerYear (5 campaigns, 0.5 y apart: Σ(t − t̄)² = 2.5) = exp(z·√(s_b² + s_w²/7)/√2.5):
 *   own 2.395192282965915, pooled 2.2082259901682426, literature 1.4736157039836761.
 * daysNeeded(R) = ceil(2s_w²/((ln R/z)² − 2s_b²)): own R = 8: ceil(0.480453/(0.550922 − 0.417382)) = 4;
 *   pooled R = 8: 3; literature R = 2.5: ceil(0.121250/(0.106969 − 0.078441)) = 5; literature R = 2: (ln 2/z)² = 0.061213 < 2s_b² = 0.078441 → none:
 *   campaign-to-campaign variation alone hides a doubling, however many days.
 * campaignsNeeded, literature R = 1.3 per year: need Σ(t − t̄)² = 0.25·k(k² − 1)/12 ≥ (z·σ/ln 1.3)² = 5.4597,
 *   σ² = s_b² + s_w²/7 → k(k² − 1) ≥ 262.1 → k = 7 (6·35 = 210 < 262 ≤ 7·48 = 336).
 */
const STARTS = ['2022-01-03', '2022-04-04', '2022-07-04', '2022-10-03'];
const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function labFile(): string {
  const rows = ['Site,Sample date,Cocaine (ng/L)'];
  const add = (area: string, start: string, x: number) => rows.push(`${area},${start},${x.toFixed(10)}`, `${area},${next(start)},${(2 * x).toFixed(10)}`);
  [1, -1, -1, 1].forEach((s, i) => add('AAA', STARTS[i], 100 * 1.5 ** s));
  [1, -2, 1].forEach((s, i) => add('BBB', STARTS[i], 100 * 1.2 ** s));
  return rows.join('\n');
}

describe('GET /api/v1/advisor against a hand computation', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  const advice = async (q: string) => {
    const { status, body } = await getJson(app, admin, `/api/v1/advisor?metric=concentration&${q}`);
    expect(status).toBe(200);
    return body;
  };

  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    admin = await login(app);
    expect((await upload(app, admin, { name: 'areas.csv', bytes: 'code,name,population\nAAA,Verk A,20000\nBBB,Verk B,20000\n' })).status).toBe(201);
    expect((await upload(app, admin, { name: 'lab.csv', bytes: labFile() })).status).toBe(201);
  });
  afterAll(async () => ctx.destroy());

  it('own data (4 campaigns)', async () => {
    const a = await advice('area=AAA&substance=cocaine&ratio=8');
    expect(a).toMatchObject({ source: 'own', nCampaigns: 4, daysNeeded: 4, campaignsNeeded: 5 });
    expect(a.sWithinLog).toBeCloseTo(0.49012907173427356, 9);
    expect(a.sBetweenLog).toBeCloseTo(0.456826722408815, 9);
    expect(a.detectableRatio).toBeCloseTo(7.050678056978768, 8);
    expect(a.trendRatioPerYear).toBeCloseTo(2.395192282965915, 8);
  });

  it('pooled over the areas (3 own campaigns are too few)', async () => {
    const b = await advice('area=BBB&substance=cocaine&ratio=8');
    expect(b).toMatchObject({ source: 'pooled', nCampaigns: 7, daysNeeded: 3 });
    expect(b.sWithinLog).toBeCloseTo(0.49012907173427356, 9);
    expect(b.sBetweenLog).toBeCloseTo(0.4069049666136791, 9);
    expect(b.detectableRatio).toBeCloseTo(5.879016667281925, 8);
    expect(b.trendRatioPerYear).toBeCloseTo(2.2082259901682426, 8);
  });

  it('literature defaults; more days cannot beat campaign-to-campaign variation', async () => {
    const l = await advice('area=AAA&substance=mdma&ratio=2.5');
    expect(l).toMatchObject({ source: 'literature', nCampaigns: 0, daysNeeded: 5 });
    expect(l.sWithinLog).toBeCloseTo(0.24622067706923975, 12);
    expect(l.sBetweenLog).toBeCloseTo(0.19804220043536502, 12);
    expect(l.detectableRatio).toBeCloseTo(2.379680267071678, 10);
    expect(l.trendRatioPerYear).toBeCloseTo(1.4736157039836761, 10);
    expect((await advice('area=AAA&substance=mdma&ratio=2')).daysNeeded).toBeNull();
    expect((await advice('area=AAA&substance=mdma&ratio=1.3')).campaignsNeeded).toBe(7);
    // The detectable ratio falls with more days but never below exp(z·√2·s_b) = 1.7368…
    const byDays = l.byDays.map((x: { detectableRatio: number }) => x.detectableRatio);
    expect(byDays).toEqual([...byDays].sort((x, y) => y - x));
    expect(byDays[byDays.length - 1]).toBeGreaterThan(Math.exp(2.8015852181129683 * Math.SQRT2 * 0.19804220043536502));
  });
});
