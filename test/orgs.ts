import { createApp } from '../server/app.ts';
import { hashPassword } from '../server/auth/password.ts';
import type { AppContext } from '../server/context.ts';
import type { Role } from '../server/domain/types.ts';
import { testContext } from './helpers.ts';
import { login, type Session } from './http.ts';

export const TREE_PASSWORD = 'tree-password-1234';

/**
 * A county with two child municipalities: organisation 1 (the admin's, "Kommun A") becomes a child of
 * "Länet", next to "Kommun B". Users `<role>@<org>.se` for every role in each (password TREE_PASSWORD),
 * ADMIN stays admin of Kommun A. `as(org, role)` logs one in.
 */
export async function countyTree(env: Record<string, string> = {}) {
  const { ctx } = await testContext(env);
  const app = createApp(ctx);
  const now = new Date().toISOString();
  const county = (await ctx.db.insertInto('organisations').values({ name: 'Länet', kind: 'county', parent_id: null, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  await ctx.db.updateTable('organisations').set({ parent_id: county, name: 'Kommun A' }).where('id', '=', 1).execute();
  const b = (await ctx.db.insertInto('organisations').values({ name: 'Kommun B', kind: 'municipality', parent_id: county, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  const orgs = { county, a: 1, b } as const;
  const hash = await hashPassword(TREE_PASSWORD);
  for (const [org, id] of Object.entries(orgs)) {
    for (const role of ['viewer', 'coordinator', 'admin'] as const) {
      await ctx.db.insertInto('users').values({ organisation_id: id, email: `${role}@${org}.se`, role, password_hash: hash, created_at: now, disabled_at: null }).execute();
    }
  }
  const cache = new Map<string, Session>();
  const as = async (org: keyof typeof orgs, role: Role): Promise<Session> => {
    const key = `${role}@${org}`;
    if (!cache.has(key)) cache.set(key, await login(app, `${role}@${org}.se`, TREE_PASSWORD));
    return cache.get(key)!;
  };
  return { ctx, app, orgs, as };
}

export type Tree = Awaited<ReturnType<typeof countyTree>>;
export type { AppContext };
