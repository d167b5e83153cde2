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

/**
 * Every organisation in the tree `organisationId` belongs to: up to its root, then all the root's
 * descendants. Area codes are unique across such a tree.
 */
export async function findTreeOrganisationIds(db: Db, organisationId: number): Promise<number[]> {
  let root = organisationId;
  for (let i = 0; i < 20; i++) {
    const row = await db.selectFrom('organisations').select('parent_id').where('id', '=', root).executeTakeFirst();
    if (!row || row.parent_id == null) break;
    root = row.parent_id;
  }
  const out = [root];
  for (let i = 0; i < out.length && i < 10_000; i++) {
    for (const id of await findChildOrganisationIds(db, out[i])) if (!out.includes(id)) out.push(id);
  }
  return out;
}

/** The installation's top organisation: the oldest one without a parent (its admins are the instance admins). */
export async function findInstanceOrganisationId(db: Db): Promise<number | null> {
  return (await db.selectFrom('organisations').select('id').where('parent_id', 'is', null).orderBy('id').executeTakeFirst())?.id ?? null;
}

export async function renameOrganisationRow(db: Db, id: number, name: string, kind?: 'municipality' | 'county'): Promise<void> {
  await db.updateTable('organisations').set(kind ? { name, kind } : { name }).where('id', '=', id).execute();
}
