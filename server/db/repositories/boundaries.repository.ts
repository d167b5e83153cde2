import type { Db } from '../connection.ts';

export interface BoundaryRow { areaId: number; code: string; geometryJson: string; sourceCrs: string; fileName: string; actor: string; createdAt: string }

/** The boundaries of the given areas (by id), with their area codes. */
export async function findBoundaries(db: Db, areaIds: number[]): Promise<BoundaryRow[]> {
  if (!areaIds.length) return [];
  const rows = await db.selectFrom('area_boundaries').innerJoin('areas', 'areas.id', 'area_boundaries.area_id')
    .select(['area_boundaries.area_id', 'areas.code', 'area_boundaries.geometry_json', 'area_boundaries.source_crs', 'area_boundaries.file_name', 'area_boundaries.actor', 'area_boundaries.created_at'])
    .where('area_boundaries.area_id', 'in', areaIds).orderBy('areas.code').execute();
  return rows.map((r) => ({ areaId: r.area_id, code: r.code, geometryJson: r.geometry_json, sourceCrs: r.source_crs, fileName: r.file_name, actor: r.actor, createdAt: r.created_at }));
}

/** How many of the given areas have a boundary. */
export async function countBoundaries(db: Db, areaIds: number[]): Promise<number> {
  if (!areaIds.length) return 0;
  const row = await db.selectFrom('area_boundaries').select((eb) => eb.fn.countAll<number>().as('n')).where('area_id', 'in', areaIds).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Sets an area's boundary, replacing the one it had. Run inside a transaction. */
export async function upsertBoundary(db: Db, b: { areaId: number; geometryJson: string; sourceCrs: string; fileName: string; actor: string; at: string }): Promise<void> {
  await db.deleteFrom('area_boundaries').where('area_id', '=', b.areaId).execute();
  await db.insertInto('area_boundaries').values({ area_id: b.areaId, geometry_json: b.geometryJson, source_crs: b.sourceCrs, file_name: b.fileName, actor: b.actor, created_at: b.at }).execute();
}
