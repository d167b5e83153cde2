import { PostgresAdapter, sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../connection.ts';
import type { AreaTable } from '../schema.ts';
import type { PopulationKind } from '../../domain/types.ts';

export function findAreas(db: Db, organisationIds: number[]) {
  return db.selectFrom('areas').selectAll().where('organisation_id', 'in', organisationIds).orderBy('code').execute();
}

/** Population history of the given areas, oldest first. */
export function findAreaPopulations(db: Db, areaIds: number[]) {
  return db.selectFrom('area_populations').select(['area_id', 'population', 'kind', 'valid_from']).where('area_id', 'in', areaIds).orderBy('valid_from').orderBy('id').execute();
}

export function findAreaAliases(db: Db, areaIds: number[]) {
  return db.selectFrom('area_aliases').select(['area_id', 'alias']).where('area_id', 'in', areaIds).execute();
}

/**
 * Makes the caller's transaction the only one, until it ends, that gives out area codes: codes are
 * unique across an organisation tree, which no index of one organisation can enforce, so a check
 * and the insert after it must not interleave with another's. PostgreSQL: a transaction-level
 * advisory lock. SQLite: nothing to do, its writes are serialized (an import holds the write lock
 * from its start; the server's own transactions share one connection, one at a time).
 */
export async function lockAreaCodes(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(hashtext('lagesbild-area-codes'))`.execute(db);
}

/**
 * Inserts an area; null when the organisation already holds the code (a concurrent request created it
 * between the caller's check and this insert). DO NOTHING rather than catching the unique violation:
 * on PostgreSQL a failed statement aborts the whole transaction.
 */
export async function insertArea(db: Db, a: Insertable<AreaTable>): Promise<number | null> {
  const row = await db.insertInto('areas').values(a).onConflict((oc) => oc.columns(['organisation_id', 'code']).doNothing()).returning('id').executeTakeFirst();
  return row?.id ?? null;
}

export async function updateArea(db: Db, id: number, change: Updateable<AreaTable>): Promise<void> {
  await db.updateTable('areas').set(change).where('id', '=', id).execute();
}

export async function insertAreaPopulation(db: Db, p: { areaId: number; population: number; kind?: PopulationKind; validFrom: string; at: string }): Promise<void> {
  await db.insertInto('area_populations').values({ area_id: p.areaId, population: p.population, kind: p.kind ?? 'persons', valid_from: p.validFrom, created_at: p.at }).execute();
}

/** Replaces an area's aliases (`normalize` gives the matching key). */
export async function replaceAreaAliases(db: Db, areaId: number, aliases: string[], normalize: (s: string) => string): Promise<void> {
  await db.deleteFrom('area_aliases').where('area_id', '=', areaId).execute();
  for (const a of new Set(aliases)) {
    await db.insertInto('area_aliases').values({ area_id: areaId, alias: a, alias_norm: normalize(a) }).onConflict((oc) => oc.doNothing()).execute();
  }
}

/** The areas with `code` among the given organisations (with their organisation's name). */
export function findAreasByCode(db: Db, organisationIds: number[], code: string) {
  return db.selectFrom('areas').innerJoin('organisations', 'organisations.id', 'areas.organisation_id')
    .select(['areas.id', 'areas.organisation_id', 'areas.code', 'organisations.name as organisation_name'])
    .where('areas.organisation_id', 'in', organisationIds).where('areas.code', '=', code).orderBy('areas.id').execute();
}

/**
 * The areas with measurements of their own (counting rows), each with the smallest and the largest
 * population a lab or flow file gave it (null if none did).
 */
export function findMeasuredPopulationRanges(db: Db, areaIds: number[]) {
  return db.selectFrom('measurements').select(['area_id', (eb) => eb.fn.min<number | null>('population').as('smallest'), (eb) => eb.fn.max<number | null>('population').as('largest')])
    .where('area_id', 'in', areaIds).where('active', '=', 1).groupBy('area_id').execute();
}
