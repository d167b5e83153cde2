// Issue 12 acceptance: GET /api/v1/stats/intervention on generated data with a known effect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { evaluateIntervention } from '../../server/stats/intervention.ts';
import { GEN, generateIntervention } from '../intervention-data.ts';
import { testContext } from '../helpers.ts';
import { addUser, allMeasurements, getJson, login, sendJson, upload, type Session } from '../http.ts';

async function setUp(effect: number, seed: number) {
  const { ctx } = await testContext();
  const app = createApp(ctx);
  const admin = await login(app);
  const g = generateIntervention({ effect, seed });
  for (const [name, bytes] of [['areas.csv', g.areasCsv], ['lab.csv', g.labCsv], ['flow.csv', g.flowCsv]]) {
    const res = await upload(app, admin, { name, bytes });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  const ev = await (await sendJson(app, admin, 'POST', '/api/v1/events', { date: g.event, title: 'Skolkampanj', areas: [GEN.treated], controlArea: GEN.control })).json();
  const viewer = await addUser(app, admin, { email: 'v@example.se', password: 'viewer-password-123' });
  return { ctx, app, admin, viewer, g, eventId: ev.id as number };
}

describe('intervention: a planted effect ×0.7 against a control on a common +10 %/year trend', () => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => { env = await setUp(0.7, 12); });
  afterAll(async () => env.ctx.destroy());

  it('finds a ratio whose interval contains 0.7, verdict consistent_with_decrease, on campaign units', async () => {
    const { status, body } = await getJson(env.app, env.viewer, `/api/v1/stats/intervention?event=${env.eventId}&substance=benzoylecgonine`);
    expect(status).toBe(200);
    expect(body.controlArea).toBe(GEN.control);
    expect(body.unit).toBe('campaigns');
    expect(body.before.n).toBe(28); // days: 4 campaigns of 7 on each side
    expect(body.after.n).toBe(28);
    expect(body.after.from > env.g.event).toBe(true);
    expect(body.ci95[0]).toBeLessThan(0.7);
    expect(body.ci95[1]).toBeGreaterThan(0.7);
    expect(body.verdict).toBe('consistent_with_decrease');
    expect(body).not.toHaveProperty('referenceTrend');
    // The same figures as the pure function (tested against SciPy) on the measurements API's loads.
    const loads = async (area: string) => (await allMeasurements(env.app, env.admin, `area=${area}&substance=benzoylecgonine`)).map((m) => ({ date: m.date, value: m.normalizedLoad }));
    const expected = evaluateIntervention({ treated: await loads(GEN.treated), control: await loads(GEN.control), controlArea: GEN.control, from: env.g.event });
    expect(body.ratio).toBeCloseTo(expected.ratio!, 12);
    expect(body.welch.t).toBeCloseTo(expected.welch!.t, 10);
    expect(body.welch.df).toBeCloseTo(expected.welch!.df, 10);
  });

  it('without the control: before/after only, controlArea null, reference trend null with its reason; the page prints the caveat', async () => {
    const { body } = await getJson(env.app, env.viewer, `/api/v1/stats/intervention?event=${env.eventId}&substance=benzoylecgonine&control=none`);
    expect(body.controlArea).toBeNull();
    expect(body.referenceTrend).toBeNull();
    expect(body.referenceTrendReason).toBe('no_reference_data');
    const withControl = await (await env.app.request(`/events/${env.eventId}`, { headers: { cookie: env.viewer.cookie } })).text();
    expect(withControl).toContain('förenligt med en minskning');
    expect(withControl).not.toContain('Utan kontrollområde');
    await sendJson(env.app, env.admin, 'PUT', `/api/v1/events/${env.eventId}`, { date: env.g.event, title: 'Skolkampanj', areas: [GEN.treated] });
    const html = await (await env.app.request(`/events/${env.eventId}`, { headers: { cookie: env.viewer.cookie } })).text();
    expect(html).toContain('Utan kontrollområde är detta bara före/efter');
    expect(html).toContain('Ingen referenstrend');
  });

  it('refuses bad input naming the parameter', async () => {
    const bad = async (q: string, status: number, column: string) => {
      const res = await env.app.request(`/api/v1/stats/intervention?${q}`, { headers: { cookie: env.viewer.cookie } });
      expect(res.status, q).toBe(status);
      expect(res.headers.get('content-type')).toContain('problem+json');
      const p = await res.json();
      if (column) expect(p.errors.map((e: { column: string }) => e.column), q).toContain(column);
    };
    await bad('substance=benzoylecgonine', 422, 'event');
    await bad('event=abc&substance=benzoylecgonine', 422, 'event');
    await bad(`event=${env.eventId}`, 422, 'substance');
    await bad(`event=${env.eventId}&substance=benzoylecgonine&metric=nonsense`, 422, 'metric');
    await bad(`event=${env.eventId}&substance=nope`, 404, 'substance');
    await bad(`event=${env.eventId}&substance=benzoylecgonine&control=NOPE`, 404, 'control');
    await bad(`event=${env.eventId}&substance=benzoylecgonine&control=${GEN.treated}`, 422, 'control');
    await bad('event=999&substance=benzoylecgonine', 404, '');
    expect((await env.app.request(`/api/v1/stats/intervention?event=${env.eventId}&substance=benzoylecgonine`)).status).toBe(401);
  });
});

describe('intervention: no effect planted', () => {
  it('says no_measurable_effect, with an interval containing 1', async () => {
    const env = await setUp(1, 12);
    const { body } = await getJson(env.app, env.viewer, `/api/v1/stats/intervention?event=${env.eventId}&substance=benzoylecgonine`);
    expect(body.verdict).toBe('no_measurable_effect');
    expect(body.ci95[0]).toBeLessThan(1);
    expect(body.ci95[1]).toBeGreaterThan(1);
    await env.ctx.destroy();
  });
});
