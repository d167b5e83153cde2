/**
 * The first-hour checklist ticks itself from the database: areas → flow → lab → baseline → report,
 * checked through the use case and on the home page (sample files, real app, fresh database).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { setupChecklist } from '../../server/usecases/checklist.ts';
import { SAMPLES, testContext } from '../helpers.ts';
import { addUser, getJson, headers, login, sendJson, upload, type Session } from '../http.ts';

describe('first-hour checklist', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  let viewer: Session;
  const states = async () => {
    const me = (await getJson(app, admin, '/api/v1/me')).body;
    const caller = { userId: me.id, email: me.email, role: 'admin' as const, organisationId: me.organisation.id, organisationIds: [me.organisation.id] };
    const list = await setupChecklist(ctx, caller as never);
    return { done: list.steps.filter((s) => s.done).map((s) => s.step).join(','), next: list.next };
  };
  const home = async (s: Session) => (await app.request('/', { headers: headers(s) })).text();

  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    admin = await login(app);
    viewer = await addUser(app, admin, { email: 'v@example.se', password: 'viewer-password-123' });
  });
  afterAll(async () => ctx.destroy());

  it('starts with nothing done and the area file as the one button on the page', async () => {
    expect(await states()).toEqual({ done: '', next: 'areas' });
    const html = await home(admin);
    expect(html).toContain('id="checklist"');
    expect(html).toMatch(/<a class="button primary" href="\/upload\?kind=areas"/);
    expect(html).not.toContain('href="/upload?kind=lab"'); // the lab file is not offered before the areas
    expect(await home(viewer)).not.toContain('id="checklist"');
  });

  it('ticks each step as its data arrive, in order', async () => {
    expect((await upload(app, admin, path.join(SAMPLES, 'areas.csv'), 'kind=areas')).status).toBe(201);
    expect(await states()).toEqual({ done: 'areas', next: 'flow' });
    expect((await upload(app, admin, path.join(SAMPLES, 'flow-sv.csv'), 'kind=flow')).status).toBe(201);
    expect(await states()).toEqual({ done: 'areas,flow', next: 'lab' });
    expect((await upload(app, admin, path.join(SAMPLES, 'lab-long-sv.csv'), 'kind=lab')).status).toBe(201);
    // The earliest campaign is only the default baseline: the step asks the coordinator to choose.
    expect(await states()).toEqual({ done: 'areas,flow,lab', next: 'baseline' });
    const html = await home(admin);
    expect(html).toContain('data-step="lab" data-done="1"');
    expect(html).toMatch(/<a class="button primary" href="\/campaigns"/);
    const campaigns = (await getJson(app, admin, '/api/v1/campaigns')).body as { id: number; from: string; to: string }[];
    expect((await sendJson(app, admin, 'PUT', `/api/v1/campaigns/${campaigns[0].id}`, { baseline: true })).status).toBe(200);
    expect(await states()).toEqual({ done: 'areas,flow,lab,baseline', next: 'report' });
    expect((await app.request(`/api/v1/reports/baseline?format=html&from=${campaigns[0].from}&to=${campaigns[0].to}`, { headers: headers(admin) })).status).toBe(200);
    expect(await states()).toEqual({ done: 'areas,flow,lab,baseline,report', next: null });
    expect(await home(admin)).not.toContain('id="checklist"');
  });
});
