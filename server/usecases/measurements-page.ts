import type { AppContext } from '../context.ts';
import { flaggedDumpingDates } from '../domain/dumping.ts';
import type { Caller } from '../domain/types.ts';
import { listMeasurements, type MeasurementOut, type MeasurementQuery } from './measurements.ts';
import { oneSeries } from './series.ts';

export type MeasurementRow = MeasurementOut | (MeasurementOut & { cocaineBeRatio: number | null; dumpingSuspected: boolean });

/**
 * For cocaine rows: the day's cocaine/benzoylecgonine ratio and whether it is far above the
 * area's usual ratio (parent drug disposed of rather than consumed; DOMAIN.md).
 */
async function dumpingFlags(ctx: AppContext, caller: Caller, rows: MeasurementOut[]): Promise<Map<string, { cocaineBeRatio: number; dumpingSuspected: boolean }>> {
  const out = new Map<string, { cocaineBeRatio: number; dumpingSuspected: boolean }>();
  const areas = [...new Set(rows.filter((r) => r.substance === 'cocaine').map((r) => r.area))];
  for (const area of areas) {
    const q = { metric: 'concentration' as const, censored: 'half_loq' as const };
    const [coc, be] = await Promise.all([oneSeries(ctx, caller, area, 'cocaine', q), oneSeries(ctx, caller, area, 'benzoylecgonine', q)]);
    if (!coc || !be || coc.source !== 'own' || be.source !== 'own') continue;
    for (const d of flaggedDumpingDates(coc.points, be.points)) out.set(`${area}|${d.date}`, { cocaineBeRatio: d.ratio, dumpingSuspected: d.flagged });
  }
  return out;
}

/**
 * One page of measurements (GET /api/v1/measurements): `limit` rows after `afterId`, cocaine
 * rows with their dumping flags, and the cursor of the next page if there is one.
 */
export async function measurementPage(ctx: AppContext, caller: Caller, q: MeasurementQuery & { limit: number }): Promise<
  { ok: true; data: MeasurementRow[]; nextCursor: string | null } | { ok: false; reason: 'unknown_area' }
> {
  const { rows, areas } = await listMeasurements(ctx, caller, { ...q, limit: q.limit + 1 });
  const wanted = q.areas?.length === 1 ? q.areas[0] : undefined;
  if (wanted !== undefined && !areas.some((a) => a.code === wanted)) return { ok: false, reason: 'unknown_area' };
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const nextCursor = more ? String(page[page.length - 1].id) : null;
  const flags = await dumpingFlags(ctx, caller, page);
  const data = page.map(({ id: _id, ...m }) => (m.substance === 'cocaine' ? { ...m, ...(flags.get(`${m.area}|${m.date}`) ?? { cocaineBeRatio: null, dumpingSuspected: false }) } : m));
  return { ok: true, data, nextCursor };
}
