/**
 * Issue 16, small findings about organisation boundaries: `POST /users` told whether an e-mail has an
 * account in another organisation (now accounts are per organisation: it cannot); audit entries are shown to the organisations they concern.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashStats } from '../../server/auth/password.ts';
import { countyTree, TREE_PASSWORD, type Tree } from '../orgs.ts';
import { getJson, login, sendJson } from '../http.ts';

describe('organisation boundaries: user creation and the audit log', () => {
  let t: Tree;
  beforeAll(async () => {
    t = await countyTree();
  });
  afterAll(async () => t.ctx.destroy());

  const entries = (body: unknown) => (Array.isArray(body) ? body : (body as { data: unknown[] }).data) as { action: string; target: string | null }[];

  it('an admin of A cannot tell whether an e-mail has an account in B or the county: POST /users answers as for a new e-mail, and the accounts stay apart', async () => {
    const admin = await t.as('a', 'admin');
    const post = (email: string, password = 'a-long-password-1') => sendJson(t.app, admin, 'POST', '/api/v1/users', { email, role: 'viewer', password });
    const shape = async (r: Response) => {
      const body = await r.json();
      return { status: r.status, type: r.headers.get('content-type'), keys: Object.keys(body).sort(), role: body.role, organisation: body.organisation, disabled: body.disabled };
    };
    // Before issue 16's fix: 409 for viewer@b.se / viewer@county.se (they exist), 201 for a new one.
    const fresh = await shape(await post('never-seen@x.se'));
    const sibling = await shape(await post('viewer@b.se'));
    const foreign = await shape(await post('viewer@county.se'));
    expect(fresh.status).toBe(201);
    expect(sibling).toEqual(fresh);
    expect(foreign).toEqual(fresh);
    // A's list shows A's new accounts, as it would for any new e-mail; nothing of B's.
    const listed = (await getJson(t.app, admin, '/api/v1/users')).body as { email: string; organisation: number }[];
    expect(listed.filter((u) => u.email === 'viewer@b.se')).toEqual([expect.objectContaining({ organisation: t.orgs.a })]);
    // Each person logs in to their own account with their own password; B's account is untouched.
    const meA = await getJson(t.app, await login(t.app, 'viewer@b.se', 'a-long-password-1'), '/api/v1/me');
    expect(meA.body.organisation.id).toBe(t.orgs.a);
    const meB = await getJson(t.app, await login(t.app, 'viewer@b.se', TREE_PASSWORD), '/api/v1/me');
    expect(meB.body.organisation.id).toBe(t.orgs.b);
    // A duplicate inside the same organisation is still a 409 (A can list its own users anyway).
    const dup = await post('coordinator@a.se');
    expect(dup.status).toBe(409);
    const dupBody = await dup.json();
    expect(dupBody.errors[0]).toMatchObject({ column: 'email', code: 'exists' });
    expect(JSON.stringify(dupBody)).not.toMatch(/Länet|Kommun|county\.se|b\.se/);
    // Nothing about the probe reaches A's or B's log beyond A's own creations.
    expect(entries((await getJson(t.app, await t.as('b', 'admin'), '/api/v1/audit?action=user_created')).body)).toEqual([]);
  });

  it('a login of an e-mail with accounts in two organisations runs scrypt once, as for one account (no timing signal)', async () => {
    // viewer@b.se now has accounts in A and B (the test above); viewer@a.se one; nobody@ none.
    for (const email of ['viewer@b.se', 'viewer@a.se', 'nobody@nowhere.se']) {
      const before = hashStats.runs;
      expect((await sendJson(t.app, null, 'POST', '/api/v1/session', { email, password: 'wrong-password-123' })).status).toBe(401);
      expect(hashStats.runs - before, email).toBe(1);
    }
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
    // (viewer@b.se and viewer@county.se have accounts in A too since the first test: those are A's now.)
    for (const email of ['coordinator@a.se', 'coordinator@b.se', 'coordinator@county.se']) {
      expect((await sendJson(t.app, null, 'POST', '/api/v1/session', { email, password: 'wrong-password-123' })).status).toBe(401);
    }
    const failed = async (org: 'county' | 'a' | 'b') => entries((await getJson(t.app, await t.as(org, 'admin'), '/api/v1/audit?action=login_failed')).body).map((e) => JSON.stringify(e));
    const a = await failed('a');
    expect(a.some((e) => e.includes('coordinator@a.se'))).toBe(true);
    expect(a.some((e) => e.includes('coordinator@b.se') || e.includes('coordinator@county.se'))).toBe(false);
    const b = await failed('b');
    expect(b.some((e) => e.includes('coordinator@b.se'))).toBe(true);
    expect(b.some((e) => e.includes('coordinator@a.se') || e.includes('coordinator@county.se'))).toBe(false);
    // An e-mail with accounts in A and B: a failure shows in both logs, as it would were it theirs alone.
    expect(a.some((e) => e.includes('viewer@b.se'))).toBe(true);
    expect(b.some((e) => e.includes('viewer@b.se'))).toBe(true);
  });
});
