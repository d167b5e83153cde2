import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../connection.ts';
import type { UserTable } from '../schema.ts';

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A user of one of the given organisations, by e-mail. */
export function findMemberByEmail(db: Db, organisationIds: number[], email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).where('organisation_id', 'in', organisationIds).executeTakeFirst();
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
