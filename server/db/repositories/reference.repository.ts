import type { Db } from '../connection.ts';

/** The years with active reference values of a substance, oldest first. */
export async function findReferenceYears(db: Db, substance: string): Promise<number[]> {
  const rows = await db.selectFrom('reference_values').select('year').distinct().where('substance_key', '=', substance).where('active', '=', 1).orderBy('year').execute();
  return rows.map((y) => y.year);
}

export function findReferenceValues(db: Db, substance: string, year: number) {
  return db.selectFrom('reference_values').selectAll().where('substance_key', '=', substance).where('year', '=', year).where('active', '=', 1).execute();
}

export function findReferenceSites(db: Db) {
  return db.selectFrom('reference_sites').select(['site_key', 'population']).where('active', '=', 1).execute();
}
