import type { Updateable } from 'kysely';
import type { Db } from '../connection.ts';
import type { SubstanceTable } from '../schema.ts';

/** The catalog in display order. */
export function findSubstances(db: Db) {
  return db.selectFrom('substances').selectAll().orderBy('sort_order').orderBy('key').execute();
}

export function findSubstance(db: Db, key: string) {
  return db.selectFrom('substances').selectAll().where('key', '=', key).executeTakeFirst();
}

export function findSubstanceAliases(db: Db) {
  return db.selectFrom('substance_aliases').select(['substance_key', 'alias']).execute();
}

/** Aliases (by normalised form) that belong to another substance than `key`. */
export function findAliasesTakenByOthers(db: Db, key: string, aliasNorms: string[]) {
  return db.selectFrom('substance_aliases').select(['alias', 'substance_key', 'alias_norm']).where('alias_norm', 'in', aliasNorms).where('substance_key', '!=', key).execute();
}

export async function updateSubstance(db: Db, key: string, change: Updateable<SubstanceTable>): Promise<void> {
  await db.updateTable('substances').set(change).where('key', '=', key).execute();
}

/** Replaces a substance's aliases; `aliases` are [alias, normalised] pairs, already unique. */
export async function replaceSubstanceAliases(db: Db, key: string, aliases: [string, string][]): Promise<void> {
  await db.deleteFrom('substance_aliases').where('substance_key', '=', key).execute();
  for (const [alias, norm] of aliases) await db.insertInto('substance_aliases').values({ substance_key: key, alias, alias_norm: norm }).execute();
}

/** Correction factors and doses of every substance (stored order). */
export function findSubstanceFactors(db: Db) {
  return db.selectFrom('substances').select(['key', 'correction_factor', 'dose_mg']).execute();
}

/** Keys and names of every substance (stored order). */
export function findSubstanceNames(db: Db) {
  return db.selectFrom('substances').select(['key', 'name_sv', 'name_en']).execute();
}
