import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { SAMPLES, testContext } from '../helpers.ts';
import { addUser, getJson, login, upload, type Session } from '../http.ts';

const batches = async (ctx: AppContext) => (await ctx.db.selectFrom('import_batches').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

/** Header-only and all-duplicate files leave no batch; refused attempts are listed with their error list. */
describe('refused imports', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let s: Session;
  let viewer: Session;

  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    s = await login(app);
    viewer = await addUser(app, s, { email: 'v@example.se', password: 'viewer-password-1' });
    expect((await upload(app, s, path.join(SAMPLES, 'areas.csv'))).status).toBe(201);
  });
  afterAll(async () => ctx.destroy());

  it('refuses a file with only a header line (422 no_data), dry run or not, and writes no batch', async () => {
    const before = await batches(ctx);
    const header = 'Provpunkt;Provtagning start;Analys;Halt;Enhet\n';
    const dry = await upload(app, s, { name: 'tom.csv', bytes: header }, 'dryRun=true');
    expect(dry.status).toBe(200);
    const dryRep = await dry.json();
    expect(dryRep.wouldCommit).toBe(false);
    expect(dryRep.issues.map((i: { code: string }) => i.code)).toEqual(['no_data']);
    const res = await upload(app, s, { name: 'tom.csv', bytes: header });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors).toEqual([{ code: 'no_data', message: expect.stringContaining('no data lines') }]);
    expect(await batches(ctx)).toBe(before);
  });

  it('refuses a flow file whose every value is stored (422 nothing_new naming the batch)', async () => {
    const flow = 'Provpunkt;Datum;Flöde (m3/d)\nEXS-ARV;2020-09-14;12000\n';
    const first = await upload(app, s, { name: 'flode1.csv', bytes: flow });
    expect(first.status).toBe(201);
    const id = (await first.json()).id as number;
    const before = await batches(ctx);
    // Different bytes (a trailing blank line), same values.
    const again = await upload(app, s, { name: 'flode2.csv', bytes: `${flow}\n` });
    expect(again.status).toBe(422);
    const body = await again.json();
    expect(body.errors[0].code).toBe('nothing_new');
    expect(body.errors[0].message).toContain(`batch ${id}`);
    expect(await batches(ctx)).toBe(before);
  });

  it('lists refused attempts (file, who, when, error count) and gives their error list as CSV', async () => {
    const bad = 'Provpunkt;Provtagning start;Analys;Halt;Enhet\nOKÄND-PS;2020-09-14;Kokain;12,5;ng/L\n=cmd;2020-09-15;Kokain;x;ng/L\n';
    expect((await upload(app, s, { name: 'fel.csv', bytes: bad })).status).toBe(422);
    const list = await getJson(app, s, '/api/v1/import-attempts');
    expect(list.status).toBe(200);
    const attempt = list.body.find((a: { fileName: string }) => a.fileName === 'fel.csv');
    expect(attempt).toMatchObject({ by: 'admin@example.se', kind: 'lab' });
    expect(attempt.errors).toBeGreaterThanOrEqual(2);
    expect(list.body.map((a: { fileName: string }) => a.fileName)).toEqual(expect.arrayContaining(['tom.csv', 'flode2.csv']));
    const csv = await app.request(`/api/v1/import-attempts/${attempt.id}/issues`, { headers: { cookie: s.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    const lines = text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Rad;Kolumn;Värde;Fel;Meddelande');
    expect(lines[1]).toMatch(/^2;Provpunkt;OKÄND-PS;Okänd provpunkt;/);
    // A cell that Excel would run as a formula is written as text.
    expect(text).toContain("'=cmd");
    // Viewers see neither; an unknown attempt is 404.
    expect((await getJson(app, viewer, '/api/v1/import-attempts')).status).toBe(403);
    expect((await app.request('/api/v1/import-attempts/999999/issues', { headers: { cookie: s.cookie } })).status).toBe(404);
  });
});
