/**
 * The Swedish UI shows no English: pages rendered through app.request in Swedish (the default),
 * after imports and an audit trail exist, hold none of the English words that appeared before.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { SAMPLES, testContext } from '../helpers.ts';
import { login, upload, type Session } from '../http.ts';

/** The text a reader sees: no scripts, tags or attributes, and no <code> (stored machine data such as audit details). */
function visibleText(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script>/g, ' ').replace(/<code>[^<]*<\/code>/g, ' ').replace(/<[^>]*>/g, ' ');
}

const ENGLISH = [/\bbatch\b/i, /\bDrug\b/, /\bSource\b/, /\bunknown_area\b/, /\bexcreted\b/, /\bLoads only\b/, /\buser_created\b/, /\blogin\b/];

describe('Swedish pages', () => {
  let ctx: AppContext;
  let app: ReturnType<typeof createApp>;
  let admin: Session;

  beforeAll(async () => {
    ({ ctx } = await testContext());
    app = createApp(ctx);
    admin = await login(app);
    expect((await upload(app, admin, path.join(SAMPLES, 'areas.csv'))).status).toBe(201);
    expect((await upload(app, admin, path.join(SAMPLES, 'lab-long-sv.csv'))).status).toBe(201);
  });
  afterAll(async () => ctx.destroy());

  for (const url of ['/', '/imports', '/areas', '/substances', '/admin', '/upload', '/account', '/periods', '/events', '/report', '/help']) {
    it(`${url} holds no English`, async () => {
      const res = await app.request(url, { headers: { cookie: admin.cookie } });
      expect(res.status).toBe(200);
      const text = visibleText(await res.text());
      expect(ENGLISH.filter((w) => w.test(text)).map(String)).toEqual([]);
    });
  }

  it('shows the catalog in Swedish and English by language', async () => {
    const sv = visibleText(await (await app.request('/substances', { headers: { cookie: admin.cookie } })).text());
    expect(sv).toContain('kokain');
    expect(sv).toContain('Bara belastning.');
    const en = visibleText(await (await app.request('/substances', { headers: { cookie: `${admin.cookie}; lang=en` } })).text());
    expect(en).toContain('Loads only.');
    expect(en).toContain('Source');
  });
});
