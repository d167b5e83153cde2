import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../../server/db/connection.ts';
import { migrationProvider } from '../../../server/db/migrations.ts';
import { postgresMigrationProvider } from '../../../server/db/migrations-pg.ts';
import { migratePostgresToLatest, openPostgres, type OpenedPostgres } from '../../../server/db/postgres.ts';
import { inPgTransaction, lockImports, writeMeasurementsPg } from '../../../server/import/pgWriter.ts';
import type { MeasurementRow } from '../../../server/import/writer.ts';
import { dropSchema, measurement, newBatch, NOW, seedBasics, SKIP_MESSAGE, SUBSTANCES, TEST_DATABASE_URL, uniqueSchema } from './fixtures.ts';

if (!TEST_DATABASE_URL) console.warn(SKIP_MESSAGE);

const AREAS = 10;
const DATES = 5000;

/** 10 areas × 2 substances × 5000 days = 100 000 values; every tenth censored. */
function bigFile(areaIds: number[]): MeasurementRow[] {
  const start = Date.UTC(2010, 0, 1);
  const rows: MeasurementRow[] = [];
  for (let d = 0; d < DATES; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (const areaId of areaIds) {
      for (const key of SUBSTANCES) {
        const i = rows.length;
        rows.push(measurement(areaId, key, date, i % 10 === 0 ? null : (i % 997) + 0.25, i + 2));
      }
    }
  }
  return rows;
}

async function counts(o: OpenedPostgres) {
  const r = await sql<{ m: number; b: number }>`select (select count(*) from measurements) as m, (select count(*) from import_batches) as b`.execute(o.db);
  return r.rows[0]!;
}

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL: migrations and the COPY bulk writer', () => {
  const schema = uniqueSchema('pgw');
  let pg: OpenedPostgres;
  let areaIds: number[];

  beforeAll(async () => {
    pg = openPostgres(TEST_DATABASE_URL!, { schema, max: 4 });
    await migratePostgresToLatest(pg.db, { schema });
    areaIds = await seedBasics(pg.db, AREAS);
  });
  afterAll(async () => {
    if (!pg) return;
    await dropSchema(pg.db, schema);
    await pg.db.destroy();
  });

  it('has the migrations, tables, columns, nullability and named indexes of the SQLite schema', async () => {
    expect(Object.keys(await postgresMigrationProvider.getMigrations())).toEqual(Object.keys(await migrationProvider.getMigrations()));

    const lite = openDatabase(':memory:');
    await migrateToLatest(lite.db);
    const liteTables = (lite.sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`).all() as { name: string }[]).map((t) => t.name);
    const liteColumns = liteTables.flatMap((t) =>
      (lite.sqlite.prepare(`select name, "notnull" as nn, pk from pragma_table_info(?)`).all(t) as { name: string; nn: number; pk: number }[])
        .map((c) => `${t}.${c.name} ${c.nn || c.pk ? 'not null' : 'null'}`)).sort();
    const liteIndexes = (lite.sqlite.prepare(`select name from sqlite_master where type = 'index' and sql is not null order by name`).all() as { name: string }[]).map((i) => i.name);
    await lite.db.destroy();

    const pgColumns = await sql<{ t: string; c: string; nullable: string }>`
      select table_name as t, column_name as c, is_nullable as nullable from information_schema.columns
      where table_schema = ${schema} and table_name not like 'kysely_%'`.execute(pg.db);
    expect([...new Set(pgColumns.rows.map((r) => r.t))].sort()).toEqual(liteTables);
    expect(pgColumns.rows.map((r) => `${r.t}.${r.c} ${r.nullable === 'YES' ? 'null' : 'not null'}`).sort()).toEqual(liteColumns);

    // Explicit indexes only: the ones behind primary keys and unique constraints are named differently.
    const pgIndexes = await sql<{ name: string; def: string }>`
      select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.schemaname = ${schema} and i.tablename not like 'kysely_%'
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = ${schema}::regnamespace)
      order by i.indexname`.execute(pg.db);
    expect(pgIndexes.rows.map((r) => r.name)).toEqual(liteIndexes);
    const defs = Object.fromEntries(pgIndexes.rows.map((r) => [r.name, r.def]));
    expect(defs.measurements_identity).toMatch(/UNIQUE INDEX .*\(area_id, date, substance_key\) WHERE \(active = 1\)/);
    expect(defs.daily_flows_identity).toMatch(/UNIQUE INDEX .*\(area_id, date\) WHERE \(active = 1\)/);
  });

  it('orders text as SQLite does, whatever the database collation (the test cluster is ICU sv-SE)', async () => {
    const codes = ['b', 'Ä', 'Å', 'a', 'B', 'Z', 'a-1', 'a1', '2026-12-01T10', '2026-12-01'];
    const lite = openDatabase(':memory:');
    await migrateToLatest(lite.db);
    await seedBasics(lite.db, 0);
    const orders: string[][] = [];
    for (const db of [lite.db, pg.db]) {
      await db.insertInto('areas').values(codes.map((code) => ({
        organisation_id: 1, code, name: code, parent_code: null, municipality: null, county: null, created_at: NOW, updated_at: NOW,
      }))).execute();
      orders.push((await db.selectFrom('areas').select('code').where('code', 'in', codes).orderBy('code').execute()).map((r) => r.code));
      await db.deleteFrom('areas').where('code', 'in', codes).execute();
    }
    await lite.db.destroy();
    // Byte order (UTF-8): digits, upper case, lower case, then Ä (C3 84) before Å (C3 85).
    expect(orders[0]).toEqual(['2026-12-01', '2026-12-01T10', 'B', 'Z', 'a', 'a-1', 'a1', 'b', 'Ä', 'Å']);
    expect(orders[1]).toEqual(orders[0]);
  });

  it('migrating a second time is a no-op', async () => {
    await migratePostgresToLatest(pg.db, { schema });
    const r = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(pg.db);
    expect(Number(r.rows[0]!.n)).toBe(Object.keys(await postgresMigrationProvider.getMigrations()).length);
  });

  it('allows one active value per area, substance and date, any number of inactive ones', async () => {
    await expect(inPgTransaction(pg.pool, async (client, db) => {
      const batch = await newBatch(db, 'reject');
      const row = (active: number) => ({
        area_id: areaIds[0]!, substance_key: 'amf', date: '1999-01-01', concentration_ng_l: 1, censored: 0, loq_ng_l: null,
        original_text: '1', original_unit: null, population: null, batch_id: batch, source_row: 2, active,
        sample_start: null, sample_end: null, lab_sample_id: null, superseded_by_batch_id: null,
      });
      await db.insertInto('measurements').values([row(0), row(0), row(1)]).execute();
      await db.insertInto('measurements').values(row(1)).execute();
    })).rejects.toMatchObject({ code: '23505', constraint: 'measurements_identity' });
    expect(await counts(pg)).toEqual({ m: 0, b: 0 });
  });

  it('commits a staged COPY of 100 000 rows, values and awkward text intact', async () => {
    const rows = bigFile(areaIds);
    expect(rows.length).toBe(100_000);
    // Text that COPY's format must escape, and the literal two characters of its null marker.
    rows[0] = { ...rows[0]!, originalText: 'a\tb\\c\nd\re ÅÄÖ µg/l', labSampleId: '\\N', originalUnit: '' };
    rows[1] = { ...rows[1]!, concentrationNgL: 1 / 3, originalText: '0,333…' };
    rows[2] = { ...rows[2]!, concentrationNgL: 1e-300, population: 2_000_000_000 };

    const t0 = performance.now();
    const result = await inPgTransaction(pg.pool, async (client, db) => {
      await lockImports(client, 1);
      const batch = await newBatch(db, 'reject', 'big.csv');
      return { batch, ...(await writeMeasurementsPg(client, batch, 'reject', rows)) };
    });
    const seconds = (performance.now() - t0) / 1000;
    console.info(`pgWriter: 100 000 rows in ${seconds.toFixed(2)} s (${Math.round(100_000 / seconds)} rows/s)`);

    expect(result.inserted).toBe(100_000);
    expect(result.outcomes.every((o) => o.kind === 'accepted')).toBe(true);

    // Expected figures from the generator's formula, independent of the database.
    let expectedSum = 0;
    for (let i = 3; i < 100_000; i++) if (i % 10 !== 0) expectedSum += (i % 997) + 0.25;
    expectedSum += 1 / 3 + 1e-300; // rows 1 and 2 as overwritten above (row 0 is censored)
    const agg = await sql<{ n: number; censored: number; keys: number; total: number; first: string; last: string }>`
      select count(*) as n, sum(censored) as censored, count(distinct (area_id, substance_key, date)) as keys,
             sum(concentration_ng_l) as total, min(date) as first, max(date) as last
      from measurements where batch_id = ${result.batch} and active = 1`.execute(pg.db);
    expect(agg.rows[0]).toMatchObject({ n: 100_000, censored: 10_000, keys: 100_000, first: '2010-01-01', last: '2023-09-09' });
    expect(agg.rows[0]!.total).toBeCloseTo(expectedSum, 3);

    const firstRows = await pg.db.selectFrom('measurements')
      .select(['source_row', 'original_text', 'lab_sample_id', 'original_unit', 'concentration_ng_l', 'censored', 'loq_ng_l', 'population'])
      .where('batch_id', '=', result.batch).where('source_row', '<=', 4).orderBy('source_row').execute();
    expect(firstRows).toEqual([
      { source_row: 2, original_text: 'a\tb\\c\nd\re ÅÄÖ µg/l', lab_sample_id: '\\N', original_unit: '', concentration_ng_l: null, censored: 1, loq_ng_l: 0.5, population: null },
      { source_row: 3, original_text: '0,333…', lab_sample_id: null, original_unit: 'ng/L', concentration_ng_l: 1 / 3, censored: 0, loq_ng_l: null, population: null },
      { source_row: 4, original_text: '2,25', lab_sample_id: null, original_unit: 'ng/L', concentration_ng_l: 1e-300, censored: 0, loq_ng_l: null, population: 2_000_000_000 },
    ]);
    // Same values again: every row a duplicate of the stored one, nothing written.
    const again = await inPgTransaction(pg.pool, async (client, db) => writeMeasurementsPg(client, await newBatch(db, 'reject', 'again.csv'), 'reject', rows));
    expect(again.inserted).toBe(0);
    expect(again.outcomes.filter((o) => o.kind === 'duplicate_existing').length).toBe(100_000);
    await sql`delete from measurements`.execute(pg.db);
    await sql`delete from import_batches`.execute(pg.db);
  });

  it('leaves nothing when a row half-way through refers to an unknown area', async () => {
    const rows = bigFile(areaIds).slice(0, 60_000);
    rows[50_000] = { ...rows[50_000]!, areaId: 999_999 };
    await expect(inPgTransaction(pg.pool, async (client, db) => writeMeasurementsPg(client, await newBatch(db, 'reject'), 'reject', rows)))
      .rejects.toMatchObject({ code: '23503' }); // foreign_key_violation
    expect(await counts(pg)).toEqual({ m: 0, b: 0 });
  });

  it('leaves nothing when the COPY stream fails half-way', async () => {
    const rows = bigFile(areaIds).slice(0, 60_000);
    rows[40_000] = { ...rows[40_000]!, concentrationNgL: Number.NaN };
    await expect(inPgTransaction(pg.pool, async (client, db) => writeMeasurementsPg(client, await newBatch(db, 'reject'), 'reject', rows)))
      .rejects.toThrow(/not a finite number/);
    expect(await counts(pg)).toEqual({ m: 0, b: 0 });
  });

  it('leaves nothing when the import fails after its rows are written', async () => {
    const rows = bigFile(areaIds).slice(0, 20_000);
    await expect(inPgTransaction(pg.pool, async (client, db) => {
      const r = await writeMeasurementsPg(client, await newBatch(db, 'reject'), 'reject', rows);
      expect(r.inserted).toBe(20_000);
      throw new Error('report could not be written');
    })).rejects.toThrow('report could not be written');
    expect(await counts(pg)).toEqual({ m: 0, b: 0 });
    // The pool is still usable after three rolled-back transactions.
    expect((await sql<{ one: number }>`select 1 as one`.execute(pg.db)).rows[0]!.one).toBe(1);
  });
});
