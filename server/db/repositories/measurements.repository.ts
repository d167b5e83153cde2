import type { Db, Store } from '../connection.ts';

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

/** One active measurement as read for the calculation chain (a positional row: no object per row). */
export type MeasurementTuple = [
  id: number, areaId: number, substance: string, date: string, sampleStart: string | null, sampleEnd: string | null,
  concentrationNgL: number | null, censored: number, loqNgL: number | null, population: number | null, batchId: number,
  flowM3PerDay: number | null, correctionFactor: number | null, doseMg: number | null,
];

export interface MeasurementFilter { areaIds: number[]; substances?: string[]; from?: string; to?: string; afterId?: number; limit?: number }

/**
 * Active measurements with the day's flow and the substance's factors, in pages by id with a
 * pause between them, so a national-scale read (a million rows) leaves room for other requests
 * instead of holding the event loop for seconds. The one read on the raw better-sqlite3 handle
 * outside the import: positional rows (`raw()`) avoid an object per row on the hottest path
 * (see `npm run bench`); Kysely has no such mode.
 */
export async function* readActiveMeasurements(db: Db, store: Store, f: MeasurementFilter): AsyncGenerator<MeasurementTuple[]> {
  if (store.kind === 'postgres') {
    yield* readActiveMeasurementsKysely(db, f);
    return;
  }
  const sqlite = store.sqlite;
  // Many areas: the unary + keeps SQLite on the rowid order (pages by id) instead of an area index
  // plus a sort per page. A few areas (a chart, an area page): the area index, in one page.
  const many = f.areaIds.length > 10;
  const where = ['m.active = 1', `${many ? '+' : ''}m.area_id in (${f.areaIds.map(Number).join(',')})`];
  const params: (string | number)[] = [];
  if (f.substances) {
    where.push(`m.substance_key in (${f.substances.map(() => '?').join(',') || "''"})`);
    params.push(...f.substances);
  }
  if (f.from) { where.push('m.date >= ?'); params.push(f.from); }
  if (f.to) { where.push('m.date <= ?'); params.push(f.to); }
  const page = sqlite.prepare(
    `select m.id, m.area_id, m.substance_key, m.date, m.sample_start, m.sample_end, m.concentration_ng_l, m.censored, m.loq_ng_l,
            m.population, m.batch_id, f.flow_m3_per_day, s.correction_factor, s.dose_mg
     from measurements m join substances s on s.key = m.substance_key
     left join daily_flows f on f.area_id = m.area_id and f.date = m.date and f.active = 1
     where ${where.join(' and ')} and m.id > ? order by m.id limit ?`,
  ).raw();
  const PAGE = many ? 20_000 : Number.MAX_SAFE_INTEGER;
  let after = f.afterId ?? 0;
  let read = 0;
  while (true) {
    const want = f.limit ? Math.min(PAGE, f.limit - read) : PAGE;
    if (want <= 0) return;
    const raw = page.all(...params, after, want) as MeasurementTuple[];
    read += raw.length;
    yield raw;
    if (raw.length < want) return;
    after = raw[raw.length - 1][0];
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The same read through Kysely (PostgreSQL, where there is no raw handle): same rows, same order,
 * same pages; the objects are turned into tuples so that callers see one shape.
 */
async function* readActiveMeasurementsKysely(db: Db, f: MeasurementFilter): AsyncGenerator<MeasurementTuple[]> {
  if (f.areaIds.length === 0 || (f.substances && f.substances.length === 0)) {
    yield [];
    return;
  }
  const PAGE = 20_000;
  let after = f.afterId ?? 0;
  let read = 0;
  while (true) {
    const want = f.limit ? Math.min(PAGE, f.limit - read) : PAGE;
    if (want <= 0) return;
    let q = db.selectFrom('measurements as m')
      .innerJoin('substances as s', 's.key', 'm.substance_key')
      .leftJoin('daily_flows as f', (j) => j.onRef('f.area_id', '=', 'm.area_id').onRef('f.date', '=', 'm.date').on('f.active', '=', 1))
      .select([
        'm.id', 'm.area_id', 'm.substance_key', 'm.date', 'm.sample_start', 'm.sample_end', 'm.concentration_ng_l', 'm.censored', 'm.loq_ng_l',
        'm.population', 'm.batch_id', 'f.flow_m3_per_day', 's.correction_factor', 's.dose_mg',
      ])
      .where('m.active', '=', 1).where('m.area_id', 'in', f.areaIds).where('m.id', '>', after);
    if (f.substances) q = q.where('m.substance_key', 'in', f.substances);
    if (f.from) q = q.where('m.date', '>=', f.from);
    if (f.to) q = q.where('m.date', '<=', f.to);
    const rows = await q.orderBy('m.id').limit(want).execute();
    const page = rows.map((r): MeasurementTuple => [
      r.id, r.area_id, r.substance_key, r.date, r.sample_start, r.sample_end, r.concentration_ng_l, r.censored, r.loq_ng_l,
      r.population, r.batch_id, r.flow_m3_per_day, r.correction_factor, r.dose_mg,
    ]);
    read += page.length;
    yield page;
    if (page.length < want) return;
    after = page[page.length - 1]![0];
  }
}
