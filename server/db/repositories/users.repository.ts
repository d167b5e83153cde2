import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../connection.ts';
import type { UserTable } from '../schema.ts';

/** Every account of one e-mail (one per organisation at most), oldest first. */
export function findUsersByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).orderBy('id').execute();
}

export function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A user of one of the given organisations, by e-mail: the account in the first of them that has one
 * (a county admin whose county and a municipality both have the e-mail gets the county's).
 */
export async function findMemberByEmail(db: Db, organisationIds: number[], email: string) {
  const rows = await db.selectFrom('users').selectAll().where('email', '=', email).where('organisation_id', 'in', organisationIds).orderBy('id').execute();
  const rank = (o: number) => organisationIds.indexOf(o);
  return rows.sort((a, b) => rank(a.organisation_id) - rank(b.organisation_id))[0];
}

export function findUsers(db: Db, organisationIds: number[]) {
  return db.selectFrom('users').selectAll().where('organisation_id', 'in', organisationIds).orderBy('email').execute();
}

export async function insertUser(db: Db, user: Insertable<UserTable>): Promise<number> {
  return (await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateUser(db: Db, id: number, change: Updateable<UserTable>): Promise<void> {
  await db.updateTable('users').set(change).where('id', '=', id).execute();
}
