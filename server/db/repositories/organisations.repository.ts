import type { Insertable } from 'kysely';
import type { Db } from '../connection.ts';
import type { OrganisationTable } from '../schema.ts';

export function findOrganisation(db: Db, id: number) {
  return db.selectFrom('organisations').select(['id', 'name', 'kind', 'parent_id']).where('id', '=', id).executeTakeFirst();
}

/** The first organisation (the installation's own). */
export function findFirstOrganisation(db: Db) {
  return db.selectFrom('organisations').select(['id', 'name']).orderBy('id').executeTakeFirst();
}

export function findOrganisations(db: Db, ids: number[]) {
  return db.selectFrom('organisations').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

export async function findChildOrganisationIds(db: Db, parentId: number): Promise<number[]> {
  return (await db.selectFrom('organisations').select('id').where('parent_id', '=', parentId).execute()).map((o) => o.id);
}

export function insertOrganisation(db: Db, o: Insertable<OrganisationTable>) {
  return db.insertInto('organisations').values(o).returning(['id', 'name', 'kind', 'parent_id']).executeTakeFirstOrThrow();
}

export async function renameOrganisationRow(db: Db, id: number, name: string, kind?: 'municipality' | 'county'): Promise<void> {
  await db.updateTable('organisations').set(kind ? { name, kind } : { name }).where('id', '=', id).execute();
}
