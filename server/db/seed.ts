import type { Config } from '../config.ts';
import { SUBSTANCE_CATALOG } from '../domain/substances.ts';
import { normalizeName } from '../domain/text.ts';
import { hashPassword, passwordProblem, randomPassword } from '../auth/password.ts';
import type { Db } from './connection.ts';
import type { StartupNotice } from '../context.ts';

/**
 * Idempotent first-run set-up: one organisation, the substance catalog, and the first admin.
 * Existing rows are never overwritten (coordinators may have edited them).
 */
export async function seedDatabase(db: Db, config: Config): Promise<StartupNotice> {
  const now = new Date().toISOString();
  const notice: StartupNotice = {};
  let org = await db.selectFrom('organisations').select('id').orderBy('id').executeTakeFirst();
  if (!org) {
    org = await db
      .insertInto('organisations')
      .values({ name: config.organisationName ?? '', kind: 'municipality', parent_id: null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  const known = new Set((await db.selectFrom('substances').select('key').execute()).map((r) => r.key));
  for (const [i, s] of SUBSTANCE_CATALOG.entries()) {
    if (known.has(s.key)) continue;
    await db.insertInto('substances').values({
      key: s.key, name_sv: s.nameSv, name_en: s.nameEn, drug: s.drug, residue: s.residue,
      correction_factor: s.correctionFactor, dose_mg: s.doseMg, source_note: s.sourceNote, sort_order: i, updated_at: now,
    }).execute();
    const seen = new Set<string>();
    for (const alias of [s.key, s.nameSv, s.nameEn, ...s.aliases]) {
      const norm = normalizeName(alias);
      if (seen.has(norm)) continue;
      seen.add(norm);
      await db.insertInto('substance_aliases').values({ substance_key: s.key, alias, alias_norm: norm })
        .onConflict((oc) => oc.column('alias_norm').doNothing()).execute();
    }
  }

  const anyUser = await db.selectFrom('users').select('id').executeTakeFirst();
  if (!anyUser) {
    const email = (config.adminEmail ?? 'admin@localhost').toLowerCase();
    let password = config.adminPassword;
    const oneTime = !password;
    if (password && passwordProblem(password)) throw new Error(`LAGESBILD_ADMIN_PASSWORD: ${passwordProblem(password)}`);
    if (!password) {
      password = randomPassword();
      notice.oneTimeAdmin = { email, password };
    }
    await db.insertInto('users').values({
      organisation_id: org.id, email, role: 'admin', password_hash: await hashPassword(password), created_at: now, disabled_at: null, must_change_password: oneTime ? 1 : 0,
    }).execute();
  }
  return notice;
}
