import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyTree, type Tree } from '../orgs.ts';
import { getJson, sendJson, upload } from '../http.ts';

const LAB = (code: string, date = '2024-03-01') => `Provpunkt;Datum;Analys;Halt;Enhet\n${code};${date};Kokain;12,5;ng/L\n`;

describe('area codes across a county and its municipalities', () => {
  let t: Tree;
  beforeAll(async () => {
    t = await countyTree();
    expect((await sendJson(t.app, await t.as('county', 'coordinator'), 'PUT', '/api/v1/areas/EXS-ARV', { name: 'Länets verk', population: 30000 })).status).toBe(201);
    expect((await sendJson(t.app, await t.as('a', 'coordinator'), 'PUT', '/api/v1/areas/EXS-A1', { name: 'A:s verk', population: 20000 })).status).toBe(201);
  });
  afterAll(async () => t.ctx.destroy());

  it('a child cannot take its parent\'s code, and the message does not name an organisation it cannot see', async () => {
    const res = await sendJson(t.app, await t.as('b', 'coordinator'), 'PUT', '/api/v1/areas/EXS-ARV', { name: 'B:s verk', population: 9000 });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.errors[0].code).toBe('code_taken');
    expect(body.detail).not.toContain('Länet');
  });

  it('a child cannot take a sibling\'s code (neutral message); the parent is told which child owns it', async () => {
    const sib = await sendJson(t.app, await t.as('b', 'coordinator'), 'PUT', '/api/v1/areas/EXS-A1', { name: 'B:s verk', population: 9000 });
    expect(sib.status).toBe(409);
    expect((await sib.json()).detail).not.toContain('Kommun A');
    const parent = await sendJson(t.app, await t.as('county', 'coordinator'), 'PUT', '/api/v1/areas/EXS-A1', { name: 'Länets version', population: 9000 });
    expect(parent.status).toBe(409);
    expect((await parent.json()).detail).toContain('Kommun A');
    // The owner itself still updates its area.
    expect((await sendJson(t.app, await t.as('a', 'coordinator'), 'PUT', '/api/v1/areas/EXS-A1', { name: 'A:s verk', population: 21000 })).status).toBe(200);
  });

  it('two siblings asking for the same new code at the same moment: one gets it, the other 409 (the check is part of the write)', async () => {
    const [coordA, coordB] = [await t.as('a', 'coordinator'), await t.as('b', 'coordinator')];
    for (const code of ['EXS-RACE1', 'EXS-RACE2', 'EXS-RACE3']) {
      const [ra, rb] = await Promise.all([
        sendJson(t.app, coordA, 'PUT', `/api/v1/areas/${code}`, { name: 'A:s', population: 9000 }),
        sendJson(t.app, coordB, 'PUT', `/api/v1/areas/${code}`, { name: 'B:s', population: 9000 }),
      ]);
      expect([ra.status, rb.status].sort()).toEqual([201, 409]);
      const { body } = await getJson(t.app, await t.as('county', 'admin'), '/api/v1/areas');
      expect(body.filter((a: { code: string }) => a.code === code)).toHaveLength(1);
    }
  });

  it('an areas file cannot take a code of another organisation of the tree either', async () => {
    const res = await upload(t.app, await t.as('b', 'coordinator'), { name: 'areas.csv', bytes: 'code,name,population\nEXS-ARV,B:s verk,9000\n' });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('code_taken');
    const { body } = await getJson(t.app, await t.as('county', 'admin'), '/api/v1/areas');
    expect(body.filter((a: { code: string }) => a.code === 'EXS-ARV')).toHaveLength(1);
  });

  it('an import resolves a code to the caller\'s own area even where an older database holds it twice', async () => {
    // A duplicate left by an older version (before codes were unique per tree), newer than the county's.
    const now = new Date().toISOString();
    const dup = (await t.ctx.db.insertInto('areas').values({ organisation_id: t.orgs.b, code: 'EXS-ARV', name: 'B:s gamla', parent_code: null, municipality: null, county: null, created_at: now, updated_at: now })
      .returning('id').executeTakeFirstOrThrow()).id;
    const res = await upload(t.app, await t.as('county', 'coordinator'), { name: 'lab.csv', bytes: LAB('EXS-ARV') });
    expect(res.status).toBe(201);
    const rows = await t.ctx.db.selectFrom('measurements').innerJoin('areas', 'areas.id', 'measurements.area_id').select(['areas.organisation_id', 'areas.id']).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].organisation_id).toBe(t.orgs.county);
    // Nothing reached B's area, and the county lists the code once (its own).
    expect((await getJson(t.app, await t.as('b', 'admin'), '/api/v1/measurements')).body.data).toEqual([]);
    const listed = (await getJson(t.app, await t.as('county', 'admin'), '/api/v1/areas')).body.filter((a: { code: string }) => a.code === 'EXS-ARV');
    expect(listed.map((a: { name: string }) => a.name)).toEqual(['Länets verk']);
    await t.ctx.db.deleteFrom('areas').where('id', '=', dup).execute();
  });
});

describe('a county and two municipalities: who sees what', () => {
  let t: Tree;
  let batchA: number;
  beforeAll(async () => {
    t = await countyTree();
    const coordA = await t.as('a', 'coordinator');
    expect((await upload(t.app, coordA, { name: 'areas.csv', bytes: 'code,name,population\nEXS-A1,A:s verk,24000\n' })).status).toBe(201);
    batchA = (await (await upload(t.app, coordA, { name: 'lab.csv', bytes: LAB('EXS-A1') })).json()).id;
    expect((await upload(t.app, await t.as('b', 'coordinator'), { name: 'areas.csv', bytes: 'code,name,population\nEXS-B1,B:s verk,18000\n' })).status).toBe(201);
  });
  afterAll(async () => t.ctx.destroy());

  it('every role of each organisation sees its own (and a county its children\'s), never a sibling\'s', async () => {
    const expected = { county: ['EXS-A1', 'EXS-B1'], a: ['EXS-A1'], b: ['EXS-B1'] } as const;
    for (const org of ['county', 'a', 'b'] as const) {
      for (const role of ['viewer', 'coordinator', 'admin'] as const) {
        const s = await t.as(org, role);
        const areas = (await getJson(t.app, s, '/api/v1/areas')).body.map((a: { code: string }) => a.code).sort();
        expect(areas, `${role}@${org}`).toEqual(expected[org]);
        const rows = (await getJson(t.app, s, '/api/v1/measurements')).body.data;
        expect(rows.length, `${role}@${org}`).toBe(org === 'b' ? 0 : 1);
        const batch = await getJson(t.app, s, `/api/v1/imports/${batchA}`);
        expect(batch.status, `${role}@${org}`).toBe(role === 'viewer' ? 403 : org === 'b' ? 404 : 200);
        if (role === 'admin') {
          const users = (await getJson(t.app, s, '/api/v1/users')).body.map((u: { email: string }) => u.email);
          expect(users.some((e: string) => e.endsWith('@b.se')), `${role}@${org}`).toBe(org !== 'a');
          expect(users.some((e: string) => e.endsWith('@a.se')), `${role}@${org}`).toBe(org !== 'b');
          const audit = JSON.stringify((await getJson(t.app, s, '/api/v1/audit')).body);
          expect(audit.includes('coordinator@a.se'), `${role}@${org}`).toBe(org !== 'b');
        }
      }
    }
  });

  it('a sibling can neither change nor retract another municipality\'s things', async () => {
    const adminB = await t.as('b', 'admin');
    expect((await sendJson(t.app, adminB, 'DELETE', `/api/v1/imports/${batchA}`, { reason: 'x' })).status).toBe(404);
    expect((await sendJson(t.app, adminB, 'PATCH', '/api/v1/users/viewer%40a.se', { role: 'admin' })).status).toBe(404);
    expect((await sendJson(t.app, adminB, 'POST', '/api/v1/users', { email: 'x@b.se', role: 'viewer', password: 'some-password-123', organisation: t.orgs.a })).status).toBe(404);
    expect((await getJson(t.app, adminB, '/api/v1/measurements?area=EXS-A1')).status).toBe(404);
  });
});
