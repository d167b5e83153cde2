/**
 * Issue 16, small findings about organisation boundaries: `POST /users` told whether an e-mail has an
 * account in another organisation; audit entries are shown to the organisations they concern.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyTree, type Tree } from '../orgs.ts';
import { getJson, sendJson } from '../http.ts';

describe('organisation boundaries: user creation and the audit log', () => {
  let t: Tree;
  beforeAll(async () => {
    t = await countyTree();
  });
  afterAll(async () => t.ctx.destroy());

  const entries = (body: unknown) => (Array.isArray(body) ? body : (body as { data: unknown[] }).data) as { action: string; target: string | null }[];

  it('POST /users answers the same for an e-mail of another organisation as for one of our own, and names no organisation', async () => {
    const admin = await t.as('a', 'admin');
    const post = (email: string) => sendJson(t.app, admin, 'POST', '/api/v1/users', { email, role: 'viewer', password: 'a-long-password-1' });
    const foreign = await post('viewer@county.se'); // the county's user: A cannot see it
    const sibling = await post('viewer@b.se');
    const own = await post('coordinator@a.se');
    const answer = async (r: Response) => ({ status: r.status, type: r.headers.get('content-type'), body: await r.json() });
    const [f, s, o] = [await answer(foreign), await answer(sibling), await answer(own)];
    expect(o.status).toBe(409);
    expect(f).toEqual(o);
    expect(s).toEqual(o);
    expect(JSON.stringify(f)).not.toMatch(/Länet|Kommun|county\.se|b\.se/);
    expect(o.body.errors[0]).toMatchObject({ column: 'email', code: 'unavailable' });
    expect((await post('new-person@a.se')).status).toBe(201);
    // The probes of accounts A cannot see are the instance admin's to see, not A's.
    const instance = entries((await getJson(t.app, await t.as('county', 'admin'), '/api/v1/audit?action=user_create_refused')).body);
    expect(instance.map((e) => e.target).sort()).toEqual(['user:viewer@b.se', 'user:viewer@county.se']);
    expect(entries((await getJson(t.app, admin, '/api/v1/audit?action=user_create_refused')).body)).toEqual([]);
    expect(entries((await getJson(t.app, await t.as('b', 'admin'), '/api/v1/audit?action=user_create_refused')).body)).toEqual([]);
  });

  it('a change to the shared catalogue is in every organisation\'s log; an organisation\'s own override only in its own (and its county\'s)', async () => {
    expect((await sendJson(t.app, await t.as('county', 'admin'), 'PUT', '/api/v1/substances/amphetamine', { correctionFactor: 2.8 })).status).toBe(200);
    expect((await sendJson(t.app, await t.as('a', 'coordinator'), 'PUT', '/api/v1/substances/mdma', { correctionFactor: 4.4 })).status).toBe(200);
    const log = async (org: 'county' | 'a' | 'b') => entries((await getJson(t.app, await t.as(org, 'admin'), '/api/v1/audit')).body).filter((e) => e.target?.startsWith('substance:'));
    for (const org of ['county', 'a', 'b'] as const) expect((await log(org)).some((e) => e.action === 'substance_updated' && e.target === 'substance:amphetamine'), org).toBe(true);
    expect((await log('a')).some((e) => e.action === 'substance_override_saved')).toBe(true);
    expect((await log('county')).some((e) => e.action === 'substance_override_saved')).toBe(true);
    expect((await log('b')).some((e) => e.action === 'substance_override_saved')).toBe(false);
  });

  it('a child\'s admin sees failed logins of its own users, not those of its county or sibling', async () => {
    for (const email of ['viewer@a.se', 'viewer@b.se', 'viewer@county.se']) {
      expect((await sendJson(t.app, null, 'POST', '/api/v1/session', { email, password: 'wrong-password-123' })).status).toBe(401);
    }
    const failed = async (org: 'county' | 'a' | 'b') => entries((await getJson(t.app, await t.as(org, 'admin'), '/api/v1/audit?action=login_failed')).body).map((e) => JSON.stringify(e));
    const a = await failed('a');
    expect(a.some((e) => e.includes('viewer@a.se'))).toBe(true);
    expect(a.some((e) => e.includes('viewer@b.se') || e.includes('viewer@county.se'))).toBe(false);
    const b = await failed('b');
    expect(b.some((e) => e.includes('viewer@a.se') || e.includes('viewer@county.se'))).toBe(false);
  });
});
