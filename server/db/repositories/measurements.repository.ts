import type { Db } from '../connection.ts';

/** Count, date span and distinct areas and substances of the active measurements of some areas. */
export async function summarizeMeasurements(db: Db, areaIds: number[]) {
  const row = await db.selectFrom('measurements')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'), eb.fn.min('date').as('from'), eb.fn.max('date').as('to'),
      eb.fn.count<number>('area_id').distinct().as('areas'), eb.fn.count<number>('substance_key').distinct().as('substances'),
    ])
    .where('active', '=', 1).where('area_id', 'in', areaIds).executeTakeFirstOrThrow();
  return { count: Number(row.count), areas: Number(row.areas), substances: Number(row.substances), from: row.from, to: row.to };
}

/** The substances measured (active values) in some areas. */
export async function measuredSubstanceKeys(db: Db, areaIds: number[]): Promise<Set<string>> {
  if (!areaIds.length) return new Set();
  const rows = await db.selectFrom('measurements').select('substance_key').distinct().where('active', '=', 1).where('area_id', 'in', areaIds).execute();
  return new Set(rows.map((m) => m.substance_key));
}
