/**
 * County rounds (issue 13, DOMAIN.md "County-wide", API.md /stats/rounds): three municipalities
 * of one county sampling in weeks 14, 16 and 20 of 2021 make one round (2021-Q2) with three values
 * and coverage 100 %; a fourth that did not sample lowers the coverage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { testContext } from '../helpers.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { getJson, login, upload, type Session } from '../http.ts';

// Concentrations (ng/L) per municipality; week 14 of 2021 is 5–11 April, week 16 19–25 April, week 20 17–23 May.
const DAYS: Record<string, [string, number][]> = {
  'KA-ARV': [['2021-04-06', 100], ['2021-04-07', 110], ['2021-04-08', 120]], // mean 110
  'KB-ARV': [['2021-04-20', 200], ['2021-04-21', 220]], // mean 210
  'KC-ARV': [['2021-05-18', 50], ['2021-05-19', 70]], // mean 60
};
const POP: Record<string, number> = { 'KA-ARV': 10000, 'KB-ARV': 20000, 'KC-ARV': 30000, 'KD-ARV': 40000 };

function labFile(codes: string[]): string {
  const lines = ['Provpunkt;Provtagning start;Provtagning slut;Labbets provnr;Analys;Halt;Enhet;Rapporteringsgräns'];
  for (const code of codes) {
    for (const [date, value] of DAYS[code]!) {
      const next = new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);
      lines.push(`${code};${date} 07:00;${next} 07:00;${code}-${date};Amfetamin;${String(value).replace('.', ',')};ng/L;5,0`);
    }
  }
  return lines.join('\n') + '\n';
}

describe('county rounds', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let s: Session;

  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    s = await login(app);
    const areas = ['code,name,population,county', ...Object.entries(POP).map(([c, p]) => `${c},${c} verk,${p},${c === 'KD-ARV' ? 'Annat län' : 'Testlän'}`)];
    expect((await upload(app, s, { name: 'areas.csv', bytes: areas.join('\n') + '\n' })).status).toBe(201);
    expect((await upload(app, s, { name: 'lab.csv', bytes: labFile(['KA-ARV', 'KB-ARV', 'KC-ARV']) })).status).toBe(201);
  });
  afterAll(async () => ctx.destroy());

  it('puts weeks 14, 16 and 20 in one round with three values and coverage 100 %', async () => {
    const res = await getJson(app, s, '/api/v1/stats/rounds?county=Testl%C3%A4n&substance=amphetamine&metric=concentration');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    const [round] = res.body;
    expect(round.round).toBe('2021-Q2');
    expect(round.areas).toEqual([
      { area: 'KA-ARV', campaigns: 1, value: 110 },
      { area: 'KB-ARV', campaigns: 1, value: 210 },
      { area: 'KC-ARV', campaigns: 1, value: 60 },
    ]);
    // (10 000·110 + 20 000·210 + 30 000·60) / 60 000 = 7 100 000 / 60 000 = 118.333…
    expect(round.county.value).toBeCloseTo(7_100_000 / 60_000, 10);
    expect(round.county.coverage).toBe(1);
  });

  it('says so in the coverage when one municipality did not sample', async () => {
    const res = await getJson(app, s, '/api/v1/stats/rounds?areas=KA-ARV,KB-ARV,KC-ARV,KD-ARV&substance=amphetamine&metric=concentration');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0].areas.map((a: { area: string }) => a.area)).toEqual(['KA-ARV', 'KB-ARV', 'KC-ARV']);
    // 60 000 of 100 000 people sampled; the value is still over the three that did.
    expect(res.body[0].county.coverage).toBeCloseTo(0.6, 12);
    expect(res.body[0].county.value).toBeCloseTo(7_100_000 / 60_000, 10);
  });

  it('answers 422 naming the field for bad input, 404 for unknown areas, counties and substances', async () => {
    const both = await getJson(app, s, '/api/v1/stats/rounds?areas=KA-ARV&county=Testl%C3%A4n&substance=amphetamine');
    expect(both.status).toBe(422);
    expect(both.body.errors[0].column).toBe('county');
    const neither = await getJson(app, s, '/api/v1/stats/rounds?substance=amphetamine');
    expect(neither.status).toBe(422);
    expect(neither.body.errors[0].column).toBe('areas');
    const noSubstance = await getJson(app, s, '/api/v1/stats/rounds?county=Testl%C3%A4n');
    expect(noSubstance.status).toBe(422);
    expect(noSubstance.body.errors[0].column).toBe('substance');
    const badMetric = await getJson(app, s, '/api/v1/stats/rounds?county=Testl%C3%A4n&substance=amphetamine&metric=bogus');
    expect(badMetric.status).toBe(422);
    expect(badMetric.body.errors[0].column).toBe('metric');
    expect((await getJson(app, s, '/api/v1/stats/rounds?areas=NOPE&substance=amphetamine')).status).toBe(404);
    expect((await getJson(app, s, '/api/v1/stats/rounds?county=Inget&substance=amphetamine')).status).toBe(404);
    expect((await getJson(app, s, '/api/v1/stats/rounds?county=Testl%C3%A4n&substance=nope')).status).toBe(404);
  });

  it('never shows a municipality another municipality\'s areas of the same county', async () => {
    // A second, unrelated municipality with its own coordinator (set up in the database: an admin
    // creates users only in their own organisations).
    const now = new Date().toISOString();
    const org = await ctx.db.insertInto('organisations').values({ name: 'Grannkommun', kind: 'municipality', parent_id: null, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('users').values({
      organisation_id: org.id, email: 'granne@example.se', role: 'coordinator', password_hash: await hashPassword('granne-password-123'), created_at: now, disabled_at: null,
    }).execute();
    const other = await login(app, 'granne@example.se', 'granne-password-123');
    expect((await upload(app, other, { name: 'areas.csv', bytes: 'code,name,population,county\nKX-ARV,Grannverket,50000,Testlän\n' })).status).toBe(201);
    DAYS['KX-ARV'] = [['2021-04-13', 999], ['2021-04-14', 999]];
    expect((await upload(app, other, { name: 'lab.csv', bytes: labFile(['KX-ARV']) })).status).toBe(201);
    // The first municipality's county view is unchanged: KX-ARV is not its area.
    const mine = await getJson(app, s, '/api/v1/stats/rounds?county=Testl%C3%A4n&substance=amphetamine&metric=concentration');
    expect(mine.body[0].areas.map((a: { area: string }) => a.area)).toEqual(['KA-ARV', 'KB-ARV', 'KC-ARV']);
    expect(mine.body[0].county.coverage).toBe(1);
    // …and the neighbour sees only its own, and cannot name the first one's areas.
    const theirs = await getJson(app, other, '/api/v1/stats/rounds?county=Testl%C3%A4n&substance=amphetamine&metric=concentration');
    expect(theirs.body).toEqual([{ round: '2021-Q2', areas: [{ area: 'KX-ARV', campaigns: 1, value: 999 }], county: { value: 999, coverage: 1 } }]);
    expect((await getJson(app, other, '/api/v1/stats/rounds?areas=KA-ARV&substance=amphetamine')).status).toBe(404);
  });

  it('is refused without a session', async () => {
    expect((await getJson(app, null, '/api/v1/stats/rounds?county=Testl%C3%A4n&substance=amphetamine')).status).toBe(401);
  });
});
