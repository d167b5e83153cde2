import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../connection.ts';
import type { EventTable, PeriodTable } from '../schema.ts';

// ---- periods ----

/** The live (not removed) periods of the given organisations, by start date. */
export function findPeriods(db: Db, organisationIds: number[]) {
  return db.selectFrom('periods').selectAll().where('organisation_id', 'in', organisationIds).where('deleted_at', 'is', null)
    .orderBy('from_date').orderBy('id').execute();
}

/** A period, removed or not. */
export function findPeriodRow(db: Db, organisationIds: number[], id: number) {
  return db.selectFrom('periods').select(['id', 'deleted_at']).where('id', '=', id).where('organisation_id', 'in', organisationIds).executeTakeFirst();
}

export async function insertPeriod(db: Db, p: Insertable<PeriodTable>): Promise<number> {
  return (await db.insertInto('periods').values(p).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePeriod(db: Db, id: number, change: Updateable<PeriodTable>): Promise<void> {
  await db.updateTable('periods').set(change).where('id', '=', id).execute();
}

/** One baseline period per organisation: flagging one unflags the others. */
export async function clearBaselineFlags(db: Db, organisationId: number): Promise<void> {
  await db.updateTable('periods').set({ baseline: 0 }).where('organisation_id', '=', organisationId).execute();
}

// ---- events ----

export function findEvents(db: Db, organisationIds: number[]) {
  return db.selectFrom('events').selectAll().where('organisation_id', 'in', organisationIds).where('deleted_at', 'is', null)
    .orderBy('date').orderBy('id').execute();
}

export function findEventRow(db: Db, organisationIds: number[], id: number) {
  return db.selectFrom('events').select(['id', 'deleted_at']).where('id', '=', id).where('organisation_id', 'in', organisationIds).executeTakeFirst();
}

export async function insertEvent(db: Db, e: Insertable<EventTable>): Promise<number> {
  return (await db.insertInto('events').values(e).returning('id').executeTakeFirstOrThrow()).id;
}

/** Updates a live event of the given organisations; false when there is none. */
export async function updateLiveEvent(db: Db, organisationIds: number[], id: number, change: Updateable<EventTable>): Promise<boolean> {
  const res = await db.updateTable('events').set(change).where('id', '=', id).where('organisation_id', 'in', organisationIds).where('deleted_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function updateEvent(db: Db, id: number, change: Updateable<EventTable>): Promise<void> {
  await db.updateTable('events').set(change).where('id', '=', id).execute();
}
