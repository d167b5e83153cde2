import type { AppContext } from '../context.ts';
import type { Caller } from '../domain/types.ts';
import { hashPassword } from '../auth/password.ts';
import { DEMO_CAMPAIGNS } from './generate.ts';
import { commit } from '../usecases/commit.ts';

const SEASON: Record<string, string> = { '03': 'våren', '09': 'hösten' };

/** Named periods (one per campaign, the first as baseline), two interventions and a viewer. */
export async function seedDemoExtras(ctx: AppContext, caller: Caller): Promise<void> {
  const now = new Date().toISOString();
  const password = await hashPassword('demo-password-123');
  await commit(ctx, caller, async (db) => {
    for (const [i, start] of DEMO_CAMPAIGNS.entries()) {
      const end = new Date(Date.parse(start) + 6 * 86_400_000).toISOString().slice(0, 10);
      const name = `${i === 0 ? 'Nollvärde ' : 'Mätning '}${SEASON[start.slice(5, 7)] ?? ''} ${start.slice(0, 4)}`.replace(/\s+/g, ' ');
      await db.insertInto('periods').values({ organisation_id: caller.organisationId, name, from_date: start, to_date: end, baseline: i === 0 ? 1 : 0, created_at: now, deleted_at: null }).execute();
    }
    await db.insertInto('events').values([
      { organisation_id: caller.organisationId, date: '2022-11-14', title: 'Drogförebyggande vecka i skolorna', description: 'Föreläsningar och föräldramöten på högstadieskolorna.', areas_json: '[]', created_at: now, deleted_at: null },
      { organisation_id: caller.organisationId, date: '2023-06-01', title: 'Kameror vid resecentrum', description: 'Kamerabevakning vid resecentrum och hamnen.', areas_json: JSON.stringify(['DMS-CEN', 'DMS-HAM']), created_at: now, deleted_at: null },
    ]).execute();
    await db.insertInto('users').values({ organisation_id: caller.organisationId, email: 'namnd@lagesbild.local', role: 'viewer', password_hash: password, created_at: now, disabled_at: null }).execute();
    return { result: undefined, audit: { action: 'demo_seeded', target: null } };
  });
}
