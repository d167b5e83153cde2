/**
 * Several requests creating the same area code at once (issue 13): every one is checked before any
 * commits, so all but one reach the database's unique constraint (organisation, code). That must
 * answer 409 naming the code, on SQLite and on PostgreSQL alike, never 500; one area exists after.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { testContext } from '../helpers.ts';
import { getJson, login, sendJson } from '../http.ts';

describe('creating one area code concurrently', () => {
  it('creates it once and answers the others 409 (or 200 when they came after), never 500', async () => {
    const { ctx } = await testContext();
    const app = createApp(ctx);
    const s = await login(app);
    const res = await Promise.all(Array.from({ length: 12 }, (_, i) => sendJson(app, s, 'PUT', '/api/v1/areas/RACE-1', { name: `Racing ${i}`, population: 10_000 + i })));
    const statuses = res.map((r) => r.status);
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    expect(statuses.every((x) => x === 201 || x === 200 || x === 409)).toBe(true);
    for (const r of res.filter((x) => x.status === 409)) {
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect((await r.json()).errors[0].column).toBe('code');
    }
    const areas = (await getJson(app, s, '/api/v1/areas')).body as { code: string }[];
    expect(areas.filter((a) => a.code === 'RACE-1')).toHaveLength(1);
    await ctx.destroy();
  });
});
