/**
 * Issue 16, "Shared catalogue": a child municipality's coordinator set BE's correction factor to 233
 * and the county's consumption went up a hundredfold; removing aliases broke the county's imports;
 * any coordinator could change the EUDA reference values. Now: organisation-level overrides over a
 * shared default that only the instance admin edits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyTree, type Tree } from '../orgs.ts';
import { allMeasurements, getJson, headers, sendJson, upload } from '../http.ts';

// 500 ng/L × 10 000 m³/d × 1 000 L/m³ = 5·10⁹ ng/d = 5 000 mg/d; per 1 000 of 20 000 people: 250 mg/d/1000.
// Consumption = normalised load × CF: 250 × 2.33 = 582.5 (default), 250 × 233 = 58 250, 250 × 3 = 750.
const LAB = (code: string, analysis: string, date: string) => `Provpunkt;Datum;Analys;Halt;Enhet;Flöde (m3/d)\n${code};${date};${analysis};500;ng/L;10000\n`;

type Sub = { key: string; correctionFactor: number | null; aliases: string[]; override: string | null; default: { correctionFactor: number | null } };
const be = async (t: Tree, org: 'county' | 'a' | 'b') =>
  ((await getJson(t.app, await t.as(org, 'viewer'), '/api/v1/substances')).body as Sub[]).find((s) => s.key === 'benzoylecgonine')!;
const consumption = async (t: Tree, org: 'county' | 'a' | 'b', area: string) =>
  (await allMeasurements(t.app, await t.as(org, 'coordinator'), `area=${area}&substance=benzoylecgonine`)).map((m) => m.consumption);

describe('the substance catalogue: organisation overrides over a shared default', () => {
  let t: Tree;
  beforeAll(async () => {
    t = await countyTree();
    expect((await sendJson(t.app, await t.as('a', 'coordinator'), 'PUT', '/api/v1/areas/EXS-A1', { name: 'A:s verk', population: 20000 })).status).toBe(201);
    expect((await sendJson(t.app, await t.as('county', 'coordinator'), 'PUT', '/api/v1/areas/EXS-L1', { name: 'Länets verk', population: 20000 })).status).toBe(201);
    expect((await upload(t.app, await t.as('a', 'coordinator'), { name: 'a.csv', bytes: LAB('EXS-A1', 'Bensoylekgonin', '2024-03-01') })).status).toBe(201);
  });
  afterAll(async () => t.ctx.destroy());

  it('a child\'s correction factor changes its own figures only, never its county\'s or its sibling\'s', async () => {
    expect(await consumption(t, 'county', 'EXS-A1')).toEqual([582.5]);
    const res = await sendJson(t.app, await t.as('a', 'coordinator'), 'PUT', '/api/v1/substances/benzoylecgonine', { correctionFactor: 233 });
    expect(res.status).toBe(200);
    expect(await consumption(t, 'a', 'EXS-A1')).toEqual([58250]);
    // The county reads the same area with the shared default; the default itself did not move.
    expect(await consumption(t, 'county', 'EXS-A1')).toEqual([582.5]);
    expect((await t.ctx.db.selectFrom('substances').select('correction_factor').where('key', '=', 'benzoylecgonine').executeTakeFirstOrThrow()).correction_factor).toBe(2.33);
    expect(await be(t, 'a')).toMatchObject({ correctionFactor: 233, override: 'own', default: { correctionFactor: 2.33 } });
    expect(await be(t, 'county')).toMatchObject({ correctionFactor: 2.33, override: null });
    expect(await be(t, 'b')).toMatchObject({ correctionFactor: 2.33, override: null });
    expect((await res.json()).scope).toBe('organisation');
  });

  it('names are shared: only the instance admin changes them (403 naming the field for anyone else)', async () => {
    const res = await sendJson(t.app, await t.as('b', 'admin'), 'PUT', '/api/v1/substances/benzoylecgonine', { nameSv: 'Hackat' });
    expect(res.status).toBe(403);
    expect((await res.json()).errors[0].column).toBe('nameSv');
    const bad = await sendJson(t.app, await t.as('b', 'coordinator'), 'PUT', '/api/v1/substances/benzoylecgonine', { correctionFactor: -1 });
    expect([400, 422]).toContain(bad.status);
    expect((await sendJson(t.app, await t.as('b', 'viewer'), 'PUT', '/api/v1/substances/benzoylecgonine', { correctionFactor: 3 })).status).toBe(403);
  });

  it('removing aliases in one organisation does not break another\'s import; an own alias works only there', async () => {
    const b = await t.as('b', 'coordinator');
    expect((await sendJson(t.app, b, 'PUT', '/api/v1/substances/benzoylecgonine', { aliases: [] })).status).toBe(200);
    expect((await sendJson(t.app, await t.as('a', 'coordinator'), 'PUT', '/api/v1/substances/benzoylecgonine', { aliases: ['Bensoylekgonin', 'BE-special'] })).status).toBe(200);
    // The county still imports with the default's aliases.
    expect((await upload(t.app, await t.as('county', 'coordinator'), { name: 'l.csv', bytes: LAB('EXS-L1', 'Bensoylekgonin', '2024-03-02') })).status).toBe(201);
    // A's own alias is A's: the county does not know it.
    expect((await upload(t.app, await t.as('a', 'coordinator'), { name: 'a2.csv', bytes: LAB('EXS-A1', 'BE-special', '2024-03-03') })).status).toBe(201);
    const refused = await upload(t.app, await t.as('county', 'coordinator'), { name: 'l2.csv', bytes: LAB('EXS-L1', 'BE-special', '2024-03-04') });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain('unknown_substance');
    expect((await be(t, 'b')).aliases).toEqual(['benzoylecgonine']);
    expect((await be(t, 'county')).aliases).toContain('Bensoylekgonin');
  });

  it('an alias that names another substance in the organisation\'s catalogue is a 409', async () => {
    const res = await sendJson(t.app, await t.as('b', 'coordinator'), 'PUT', '/api/v1/substances/benzoylecgonine', { aliases: ['Kokain'] });
    expect(res.status).toBe(409);
    expect((await res.json()).errors[0]).toMatchObject({ column: 'aliases', code: 'conflict' });
  });

  it('the instance admin edits the shared default; the county\'s own values reach its municipalities, not past their own', async () => {
    const res = await sendJson(t.app, await t.as('county', 'admin'), 'PUT', '/api/v1/substances/benzoylecgonine', { correctionFactor: 3 });
    expect(res.status).toBe(200);
    expect((await res.json()).scope).toBe('default');
    expect(await be(t, 'b')).toMatchObject({ correctionFactor: 3, override: 'own' }); // B's own override holds aliases only
    expect(await be(t, 'a')).toMatchObject({ correctionFactor: 233 });
    expect(await consumption(t, 'county', 'EXS-A1')).toEqual([750, 750]);
    // The county's coordinator (not the instance admin) sets the county's own value: inherited by B, not by A.
    expect((await sendJson(t.app, await t.as('county', 'coordinator'), 'PUT', '/api/v1/substances/mdma', { correctionFactor: 4.4 })).status).toBe(200);
    const mdma = async (org: 'county' | 'a' | 'b') => ((await getJson(t.app, await t.as(org, 'viewer'), '/api/v1/substances')).body as Sub[]).find((s) => s.key === 'mdma')!;
    expect(await mdma('county')).toMatchObject({ correctionFactor: 4.4, override: 'own', default: { correctionFactor: 1.5 } });
    expect(await mdma('b')).toMatchObject({ correctionFactor: 4.4, override: 'inherited' });
    expect((await sendJson(t.app, await t.as('a', 'coordinator'), 'PUT', '/api/v1/substances/mdma', { correctionFactor: null })).status).toBe(200);
    expect(await mdma('a')).toMatchObject({ correctionFactor: null, override: 'own' });
  });

  it('an organisation drops its own values and inherits again (DELETE …/override; 404 when it has none)', async () => {
    const a = await t.as('a', 'coordinator');
    expect((await sendJson(t.app, a, 'DELETE', '/api/v1/substances/benzoylecgonine/override')).status).toBe(204);
    expect(await be(t, 'a')).toMatchObject({ correctionFactor: 3, override: null });
    expect(await consumption(t, 'a', 'EXS-A1')).toEqual([750, 750]);
    expect((await sendJson(t.app, a, 'DELETE', '/api/v1/substances/benzoylecgonine/override')).status).toBe(404);
    const audit = (await getJson(t.app, await t.as('a', 'admin'), '/api/v1/audit?action=substance_override_removed')).body;
    expect(JSON.stringify(audit)).toContain('substance:benzoylecgonine');
  });

  it('the substances page: a municipality\'s form edits its own values (names read-only), the instance admin\'s the shared default', async () => {
    const page = async (org: 'county' | 'a' | 'b', role: 'coordinator' | 'admin') => (await t.app.request('/substances', { headers: headers(await t.as(org, role)) })).text();
    const child = await page('b', 'coordinator');
    expect(child).toContain('id="substances-scope"');
    expect(child).toMatch(/name="nameSv"[^>]*readonly/);
    expect(child).toContain('data-override="inherited"'); // mdma: the county's 4.4
    expect(await page('a', 'coordinator')).toContain('data-override="own"'); // mdma: A's null
    const instance = await page('county', 'admin');
    expect(instance).not.toMatch(/name="nameSv"[^>]*readonly/);
    expect(instance).toContain('gemensamma katalogen');
  });

  it('EUDA reference values are shared: a municipality cannot import them', async () => {
    const euda = 'year,metabolite,country,city,site_id,wed,thu,fri,sat,sun,mon,tue,daily_mean\n2022,cocaine,SE,Stockholm,SE001,100,100,100,100,100,100,100,100\n';
    const res = await upload(t.app, await t.as('a', 'coordinator'), { name: 'euda.csv', bytes: euda }, 'kind=reference');
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('not_allowed');
    expect(await t.ctx.db.selectFrom('reference_values').select('id').execute()).toEqual([]);
  });
});
