/**
 * POST /api/v1/imports validates its query (zod, through @hono/zod-validator) before the file is
 * read: a bad parameter is a 400 problem naming it, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyTree, type Tree } from '../orgs.ts';
import { upload } from '../http.ts';

const AREAS = { name: 'areas.csv', bytes: 'code,name,population\nEXS-Q1,Q:s verk,24000\n' };

describe('import query parameters', () => {
  let t: Tree;
  beforeAll(async () => { t = await countyTree(); });
  afterAll(async () => t.ctx.destroy());

  for (const [query, column] of [['onConflict=sometimes', 'onConflict'], ['kind=spreadsheet', 'kind'], ['dryRun=maybe', 'dryRun']] as const) {
    it(`answers 400 naming ${column} for ?${query}, and stores nothing`, async () => {
      const res = await upload(t.app, await t.as('a', 'coordinator'), AREAS, query);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = await res.json() as { errors: { column: string }[] };
      expect(body.errors.map((e) => e.column)).toEqual([column]);
      expect(await t.ctx.db.selectFrom('import_batches').select('id').execute()).toEqual([]);
    });
  }

  it('takes valid parameters (a dry run stores nothing and answers 200)', async () => {
    const res = await upload(t.app, await t.as('a', 'coordinator'), AREAS, 'dryRun=true&kind=areas&onConflict=skip');
    expect(res.status).toBe(200);
    expect((await res.json() as { dryRun: boolean; kind: string }).kind).toBe('areas');
  });
});
