import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyTree, type Tree } from '../orgs.ts';
import { getJson, headers, sendJson, upload } from '../http.ts';

describe('small hardening findings', () => {
  let t: Tree;
  beforeAll(async () => {
    t = await countyTree();
    expect((await upload(t.app, await t.as('a', 'admin'), { name: 'areas.csv', bytes: 'code,name,population\nEXS-A1,A:s verk,24000\n' })).status).toBe(201);
  });
  afterAll(async () => t.ctx.destroy());

  it('malformed percent-encoding in X-File-Name or in a user\'s e-mail in the path is a 400, not a 500', async () => {
    const s = await t.as('a', 'admin');
    const res = await t.app.request('/api/v1/imports', { method: 'POST', headers: headers(s, { 'x-file-name': 'lab%E0%A4%A.csv', 'content-type': 'text/csv' }), body: 'code,name\n' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].column).toBe('X-File-Name');
    for (const method of ['PATCH', 'DELETE']) {
      const r = await t.app.request('/api/v1/users/viewer%E0%A4%A@a.se', { method, headers: headers(s, { 'content-type': 'application/json' }), body: method === 'GET' ? undefined : '{}' });
      expect(r.status, method).toBe(400);
    }
  });

  it('decodes a user\'s e-mail once: "%2540" is the literal text "%40", not "@"', async () => {
    const s = await t.as('a', 'admin');
    expect((await sendJson(t.app, s, 'PATCH', '/api/v1/users/viewer%2540a.se', { role: 'viewer' })).status).toBe(404);
    expect((await sendJson(t.app, s, 'PATCH', '/api/v1/users/viewer%40a.se', { role: 'viewer' })).status).toBe(200);
  });

  it('a repeated header column is an error duplicate_column', async () => {
    const res = await upload(t.app, await t.as('a', 'coordinator'), { name: 'lab.csv', bytes: 'Provpunkt;Provpunkt;Datum;Analys;Halt;Enhet\nEXS-A1;EXS-A1;2024-03-01;Kokain;12,5;ng/L\n' });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors.map((e: { code: string }) => e.code)).toContain('duplicate_column');
  });

  it('reads UTF-16 files with a byte order mark (Excel\'s "Unicode text")', async () => {
    const text = 'Provpunkt\tDatum\tAnalys\tHalt\tEnhet\r\nEXS-A1\t2024-03-02\tKokain\t12,5\tng/L\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const res = await upload(t.app, await t.as('a', 'coordinator'), { name: 'lab-utf16.txt', bytes: le });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await res.json()).counts.accepted).toBe(1);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text.replace('2024-03-02', '2024-03-03'), 'utf16le').swap16()]);
    const res2 = await upload(t.app, await t.as('a', 'coordinator'), { name: 'lab-utf16be.txt', bytes: be });
    expect(res2.status, await res2.clone().text()).toBe(201);
    const rows = (await getJson(t.app, await t.as('a', 'coordinator'), '/api/v1/measurements?area=EXS-A1')).body.data;
    expect(rows.map((r: { date: string }) => r.date).sort()).toEqual(['2024-03-02', '2024-03-03']);
  });

  it('a child\'s admin does not see failed logins (with IPs) that concern no organisation; the instance admin does', async () => {
    await sendJson(t.app, null, 'POST', '/api/v1/session', { email: 'nobody-at-all@example.se', password: 'wrong-password-123' });
    const child = (await getJson(t.app, await t.as('a', 'admin'), '/api/v1/audit?action=login_failed')).body;
    expect(JSON.stringify(child)).not.toContain('nobody-at-all');
    const sibling = (await getJson(t.app, await t.as('b', 'admin'), '/api/v1/audit?action=login_failed')).body;
    expect(JSON.stringify(sibling)).not.toContain('nobody-at-all');
    const instance = (await getJson(t.app, await t.as('county', 'admin'), '/api/v1/audit?action=login_failed')).body;
    expect(JSON.stringify(instance)).toContain('nobody-at-all');
  });

  it('a county\'s retraction of a municipality\'s batch is in the municipality\'s log too', async () => {
    const lab = 'Provpunkt;Datum;Analys;Halt;Enhet\nEXS-A1;2024-04-01;Kokain;12,5;ng/L\n';
    const batch = await (await upload(t.app, await t.as('a', 'coordinator'), { name: 'lab-april.csv', bytes: lab })).json();
    expect((await sendJson(t.app, await t.as('county', 'admin'), 'DELETE', `/api/v1/imports/${batch.id}`, { reason: 'fel labb' })).status).toBe(204);
    const log = (await getJson(t.app, await t.as('a', 'admin'), '/api/v1/audit?action=retract')).body;
    const entries = Array.isArray(log) ? log : log.data;
    expect(entries.some((e: { target: string }) => e.target === `batch:${batch.id}`)).toBe(true);
  });
});
