import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../connection.ts';
import type { CatalogueDefault, CatalogueOverride } from '../../domain/catalogue.ts';
import type { SubstanceOverrideTable, SubstanceTable } from '../schema.ts';

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

/** The organisation, then its parent and so on up to the top (the order overrides are resolved in). */
export async function findOrganisationChain(db: Db, organisationId: number): Promise<number[]> {
  const chain: number[] = [];
  let id: number | null = organisationId;
  while (id != null && !chain.includes(id) && chain.length < 20) {
    const row: { parent_id: number | null } | undefined = await db.selectFrom('organisations').select('parent_id').where('id', '=', id).executeTakeFirst();
    if (!row) break;
    chain.push(id);
    id = row.parent_id;
  }
  return chain;
}

export function findSubstanceOverrides(db: Db, organisationIds: number[]) {
  if (organisationIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('substance_overrides').selectAll().where('organisation_id', 'in', organisationIds).execute();
}

export function findSubstanceOverride(db: Db, organisationId: number, key: string) {
  return db.selectFrom('substance_overrides').selectAll().where('organisation_id', '=', organisationId).where('substance_key', '=', key).executeTakeFirst();
}

/** Writes an organisation's override of a substance (the whole row). */
export async function saveSubstanceOverride(db: Db, row: Insertable<SubstanceOverrideTable>): Promise<void> {
  const existing = await findSubstanceOverride(db, row.organisation_id, row.substance_key);
  if (existing) {
    await db.updateTable('substance_overrides').set(row).where('organisation_id', '=', row.organisation_id).where('substance_key', '=', row.substance_key).execute();
  } else {
    await db.insertInto('substance_overrides').values(row).execute();
  }
}

export async function deleteSubstanceOverride(db: Db, organisationId: number, key: string): Promise<number> {
  const res = await db.deleteFrom('substance_overrides').where('organisation_id', '=', organisationId).where('substance_key', '=', key).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Everything the catalogue as one organisation sees it is resolved from (domain/catalogue.ts resolveCatalogue). */
export async function findCatalogueSources(db: Db, organisationId: number): Promise<{ chain: number[]; defaults: CatalogueDefault[]; overrides: CatalogueOverride[] }> {
  const chain = await findOrganisationChain(db, organisationId);
  const substances = await db.selectFrom('substances').select(['key', 'correction_factor', 'dose_mg', 'source_note']).orderBy('sort_order').orderBy('key').execute();
  const aliases = await findSubstanceAliases(db);
  const rows = await findSubstanceOverrides(db, chain);
  const defaults = substances.map((s): CatalogueDefault => ({
    key: s.key, correctionFactor: s.correction_factor, doseMg: s.dose_mg, sourceNote: s.source_note,
    aliases: aliases.filter((a) => a.substance_key === s.key && a.alias !== s.key).map((a) => a.alias),
  }));
  const overrides = rows.map((o): CatalogueOverride => ({
    organisationId: o.organisation_id, key: o.substance_key,
    ...(o.correction_factor_set ? { correctionFactor: o.correction_factor } : {}),
    ...(o.dose_mg_set ? { doseMg: o.dose_mg } : {}),
    ...(o.source_note != null ? { sourceNote: o.source_note } : {}),
    ...(o.aliases_json != null ? { aliases: JSON.parse(o.aliases_json) as string[] } : {}),
  }));
  return { chain, defaults, overrides };
}
