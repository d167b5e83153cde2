import { PostgresAdapter, sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../connection.ts';
import type { CampaignTable } from '../schema.ts';

/** The live (not removed) campaigns of the given organisations, by start date. */
export function findCampaigns(db: Db, organisationIds: number[]) {
  return db.selectFrom('campaigns').selectAll().where('organisation_id', 'in', organisationIds).where('deleted_at', 'is', null)
    .orderBy('from_date').orderBy('id').execute();
}

/** Every live campaign of every organisation (coverage of detected runs crosses organisations: a county plans for its municipalities). */
export function findAllLiveCampaigns(db: Db) {
  return db.selectFrom('campaigns').selectAll().where('deleted_at', 'is', null).orderBy('from_date').orderBy('id').execute();
}

/** A campaign, removed or not. */
export function findCampaignRow(db: Db, organisationIds: number[], id: number) {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).where('organisation_id', 'in', organisationIds).executeTakeFirst();
}

export async function insertCampaign(db: Db, c: Insertable<CampaignTable>): Promise<number> {
  return (await db.insertInto('campaigns').values(c).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateCampaign(db: Db, id: number, change: Updateable<CampaignTable>): Promise<void> {
  await db.updateTable('campaigns').set(change).where('id', '=', id).execute();
}

/** One baseline campaign per organisation: flagging one unflags the others. */
export async function clearCampaignBaseline(db: Db, organisationId: number): Promise<void> {
  await db.updateTable('campaigns').set({ baseline: 0, baseline_chosen: 0 }).where('organisation_id', '=', organisationId).execute();
}

/** Distinct (area, substance, date) of the active measurements of some areas: what arrived. */
export async function measuredDays(db: Db, areaIds: number[]) {
  if (!areaIds.length) return [];
  return db.selectFrom('measurements').select(['area_id', 'substance_key', 'date']).distinct()
    .where('active', '=', 1).where('area_id', 'in', areaIds).execute();
}

/**
 * Each measured (area, date) of some areas once, with the substances measured that day: what the
 * campaign sync needs, aggregated in the database (a national database holds ~1.3 M (area,
 * substance, date) rows but only ~85 000 (area, date) ones; building a row object per substance
 * and day was most of a start-up's sync). A few areas at a time, as forEachMeasuredDay.
 */
export async function forEachMeasuredDate(db: Db, areaIds: number[], each: (m: { area_id: number; date: string; substances: string[] }) => void): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const substances = postgres ? sql<string>`string_agg(distinct substance_key, ',')` : sql<string>`group_concat(distinct substance_key)`;
  const AREAS_PER_READ = 32;
  for (let i = 0; i < areaIds.length; i += AREAS_PER_READ) {
    const rows = await db.selectFrom('measurements').select(['area_id', 'date', substances.as('substances')])
      .where('active', '=', 1).where('area_id', 'in', areaIds.slice(i, i + AREAS_PER_READ)).groupBy(['area_id', 'date']).execute();
    for (const r of rows) each({ area_id: r.area_id, date: r.date, substances: r.substances.split(',') });
  }
}

/** Separates the substance keys of `measuredDates` (a control character: no key holds one). */
export const SUBSTANCE_SEPARATOR = '\u001f';

/**
 * The measured (area, date)s of some areas, each with the keys of its substances joined by
 * SUBSTANCE_SEPARATOR: aggregated in the order of the identity index (area, date, substance), so
 * the database neither sorts nor hands over a row per value (a national database: 1.26 M values,
 * 84 000 sampled days; grouping by series instead sorted them, 0.67 s against 0.22 s). What the
 * campaign sync reads after every import.
 */
export async function measuredDates(db: Db, areaIds: number[]): Promise<{ area_id: number; date: string; substances: string }[]> {
  if (!areaIds.length) return [];
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const substances = postgres ? sql<string>`string_agg(substance_key, chr(31))` : sql<string>`group_concat(substance_key, char(31))`;
  return db.selectFrom('measurements').select(['area_id', 'date', substances.as('substances')])
    .where('active', '=', 1).where('area_id', 'in', areaIds).groupBy(['area_id', 'date']).execute();
}

/**
 * The same rows as `measuredDays`, handed over a few areas at a time: a national database holds
 * over a million of them, which as one array of row objects cost ~250 MB after every import.
 */
export async function forEachMeasuredDay(db: Db, areaIds: number[], each: (m: { area_id: number; substance_key: string; date: string }) => void): Promise<void> {
  const AREAS_PER_READ = 8;
  for (let i = 0; i < areaIds.length; i += AREAS_PER_READ) {
    for (const m of await measuredDays(db, areaIds.slice(i, i + AREAS_PER_READ))) each(m);
  }
}

/** Distinct (area, date) with an active daily flow. */
export async function flowDays(db: Db, areaIds: number[]) {
  if (!areaIds.length) return [];
  return db.selectFrom('daily_flows').select(['area_id', 'date']).distinct().where('active', '=', 1).where('area_id', 'in', areaIds).execute();
}

/** Every organisation id (the start-up sync covers them all). */
export async function allOrganisationIds(db: Db): Promise<number[]> {
  return (await db.selectFrom('organisations').select('id').execute()).map((o) => o.id);
}

/** The areas (id, code) owned by one organisation. */
export function ownAreas(db: Db, organisationId: number) {
  return db.selectFrom('areas').select(['id', 'code']).where('organisation_id', '=', organisationId).execute();
}

/** The flagged baseline periods of one organisation (migrated to the baseline campaign when one matches). */
export function baselinePeriodsOf(db: Db, organisationId: number) {
  return db.selectFrom('periods').select(['from_date', 'to_date']).where('organisation_id', '=', organisationId).where('baseline', '=', 1).where('deleted_at', 'is', null).execute();
}

/** The lowest LOQ (ng/L) each substance was reported with in some areas: what to ask the lab for again. */
export async function lowestLoqBySubstance(db: Db, areaIds: number[]): Promise<Map<string, number>> {
  if (!areaIds.length) return new Map();
  const rows = await db.selectFrom('measurements').select((eb) => ['substance_key', eb.fn.min('loq_ng_l').as('loq')])
    .where('active', '=', 1).where('area_id', 'in', areaIds).where('loq_ng_l', 'is not', null).groupBy('substance_key').execute();
  return new Map(rows.filter((r) => r.loq != null).map((r) => [r.substance_key, Number(r.loq)]));
}

/** An organisation and the county above it, if any: whose planned campaigns may cover its areas. */
export async function organisationAndParent(db: Db, organisationId: number): Promise<number[]> {
  const row = await db.selectFrom('organisations').select('parent_id').where('id', '=', organisationId).executeTakeFirst();
  return row?.parent_id != null ? [organisationId, row.parent_id] : [organisationId];
}
