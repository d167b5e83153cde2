/**
 * "pe is read as persons" (issue 11): an areas file whose population column is headed pe stores
 * person equivalents, and the API and the areas page say pe, while a registry population stays
 * unmarked. Expected values are the file's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyTree, type Tree } from '../orgs.ts';
import { getJson, headers, upload } from '../http.ts';

const PE = { name: 'areas-pe.csv', bytes: 'code,name,pe\nEXS-PE1,Verket med industri,31000\n' };
const PERSONS = { name: 'areas-persons.csv', bytes: 'code,name,population\nEXS-PP1,Verket,24000\n' };

describe('population kind: persons or pe', () => {
  let t: Tree;
  beforeAll(async () => {
    t = await countyTree();
    const s = await t.as('a', 'coordinator');
    expect((await upload(t.app, s, PE, 'kind=areas')).status).toBe(201);
    expect((await upload(t.app, s, PERSONS, 'kind=areas')).status).toBe(201);
  });
  afterAll(async () => t.ctx.destroy());

  it('the API gives populationKind pe for the pe column and persons otherwise', async () => {
    const { status, body } = await getJson<any>(t.app, await t.as('a', 'viewer'), '/api/v1/areas');
    expect(status).toBe(200);
    const list: any[] = Array.isArray(body) ? body : body.data;
    const byCode = Object.fromEntries(list.map((a) => [a.code, a]));
    expect(byCode['EXS-PE1']).toMatchObject({ population: 31000, populationKind: 'pe' });
    expect(byCode['EXS-PP1']).toMatchObject({ population: 24000, populationKind: 'persons' });
  });

  it('the areas page labels person equivalents as pe and leaves persons unmarked', async () => {
    const res = await t.app.request('/areas', { headers: headers(await t.as('a', 'viewer')) });
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(html).toMatch(/31[\s\u00a0\u202f]000 pe/);
    expect(html).not.toMatch(/24[\s\u00a0\u202f]000 pe/);
  });
});
