import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { testContext } from '../helpers.ts';
import { getJson, login, sendJson, upload, type Session } from '../http.ts';

describe('suppression as a viewer sees it', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;
  let viewer: Session;
  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    admin = await login(app);
    expect((await sendJson(app, admin, 'POST', '/api/v1/users', { email: 'v@example.se', role: 'viewer', password: 'viewer-password-1' })).status).toBe(201);
    viewer = await login(app, 'v@example.se', 'viewer-password-1');
    const areas = ['code,name,parent,population', 'EXS-P,Parent,,26000', 'EXS-BIG,Big,EXS-P,24000', 'EXS-TINY,Tiny,EXS-P,2000',
      'EXS-SOLO,Solo parent,,6000', 'EXS-ONLY,Only child,EXS-SOLO,2000', 'EXS-NOPOP,No population,,'].join('\n');
    expect((await upload(app, admin, { name: 'areas.csv', bytes: `${areas}\n` })).status).toBe(201);
    const lab = ['Provpunkt;Datum;Analys;Halt;Enhet;Flöde;Anslutna'];
    for (const [code, pop] of [['EXS-BIG', 24000], ['EXS-TINY', 2000], ['EXS-ONLY', 2000], ['EXS-NOPOP', 1500]] as const) {
      for (const d of ['2024-03-01', '2024-03-02', '2024-03-03']) lab.push(`${code};${d};Kokain;100;ng/L;5000;${pop}`);
    }
    const res = await upload(app, admin, { name: 'lab.csv', bytes: `${lab.join('\n')}\n` });
    expect(res.status, await res.clone().text()).toBe(201);
  });
  afterAll(async () => ctx.destroy());

  it('a viewer sees neither a parent that is its only small child, nor one that differs from a shown sibling by a small one, nor an area without a registry population', async () => {
    const codes = (await getJson(app, viewer, '/api/v1/areas')).body.map((a: { code: string }) => a.code).sort();
    expect(codes).toEqual(['EXS-BIG']);
    const coordinatorView = (await getJson(app, admin, '/api/v1/areas')).body.map((a: { code: string }) => a.code);
    expect(coordinatorView).toHaveLength(6);
  });

  it('the substance page never names a withheld area to a viewer', async () => {
    const page = await app.request('/substances/cocaine/overview', { headers: { cookie: viewer.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const hidden of ['EXS-TINY', 'EXS-ONLY', 'EXS-NOPOP', 'Tiny', 'Only child']) expect(html).not.toContain(hidden);
  });
});
