// Issue 12: events gain a span (`to`; `date` also accepted as `from`) and a control area.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { testContext } from '../helpers.ts';
import { addUser, getJson, login, sendJson, upload, type Session } from '../http.ts';

describe('events API: spans and control areas', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  let viewer: Session;

  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    admin = await login(app);
    viewer = await addUser(app, admin, { email: 'v@example.se', password: 'viewer-password-123' });
    await upload(app, admin, { name: 'areas.csv', bytes: 'code,name,population\nEXS-A,Område A,24000\nEXS-B,Område B,26000\n' });
  });
  afterAll(async () => ctx.destroy());

  it('stores a span and a control area; a single day has to = null; `from` is accepted for `date`', async () => {
    const res = await sendJson(app, admin, 'POST', '/api/v1/events', { from: '2024-03-04', to: '2024-03-08', title: 'Skolvecka', areas: ['EXS-A'], controlArea: 'EXS-B' });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ date: '2024-03-04', from: '2024-03-04', to: '2024-03-08', controlArea: 'EXS-B', areas: ['EXS-A'] });
    expect((await sendJson(app, admin, 'POST', '/api/v1/events', { date: '2024-05-01', title: 'Utan spann' })).status).toBe(201);
    const list = (await getJson(app, viewer, '/api/v1/events')).body;
    expect(list).toEqual([
      { id: created.id, date: '2024-03-04', from: '2024-03-04', to: '2024-03-08', title: 'Skolvecka', description: '', areas: ['EXS-A'], controlArea: 'EXS-B' },
      expect.objectContaining({ date: '2024-05-01', from: '2024-05-01', to: null, controlArea: null }),
    ]);
    // PUT replaces: the span goes, the control changes
    expect((await sendJson(app, admin, 'PUT', `/api/v1/events/${created.id}`, { date: '2024-03-04', title: 'Skolvecka', areas: ['EXS-A'] })).status).toBe(200);
    expect((await getJson(app, viewer, '/api/v1/events')).body[0]).toMatchObject({ to: null, controlArea: null });
  });

  it('refuses bad input naming the field, and the viewer cannot write', async () => {
    const bad = async (body: object, column: string) => {
      const res = await sendJson(app, admin, 'POST', '/api/v1/events', body);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('problem+json');
      const p = await res.json();
      expect(p.errors.map((e: { column: string }) => e.column)).toContain(column);
    };
    await bad({ title: 'x' }, 'date');
    await bad({ date: '2024-03-04', to: '2024-03-01', title: 'x' }, 'to');
    await bad({ date: '2024-03-04', from: '2024-03-05', title: 'x' }, 'from');
    await bad({ date: '2024-03-04', to: '2024-02-30', title: 'x' }, 'to');
    await bad({ date: '2024-03-04', title: 'x', controlArea: 'NOPE' }, 'controlArea');
    await bad({ date: '2024-03-04', title: 'x', areas: ['EXS-A'], controlArea: 'EXS-A' }, 'controlArea');
    expect((await sendJson(app, viewer, 'POST', '/api/v1/events', { date: '2024-03-04', title: 'x' })).status).toBe(403);
  });
});
