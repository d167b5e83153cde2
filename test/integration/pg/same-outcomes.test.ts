import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../../server/db/connection.ts';
import { migratePostgresToLatest, openPostgres, type OpenedPostgres } from '../../../server/db/postgres.ts';
import { classifyMeasurements, inPgTransaction, writeMeasurementsPg, type ExistingMeasurement } from '../../../server/import/pgWriter.ts';
import type { OnConflict } from '../../../server/import/report.ts';
import { SqliteBulkWriter, type MeasurementRow, type WriteOutcome } from '../../../server/import/writer.ts';
import { collidingFile, dropSchema, measurementState, newBatch, rng, seedBasics, SKIP_MESSAGE, TEST_DATABASE_URL, uniqueSchema } from './fixtures.ts';

/**
 * The reference is the SQLite BulkWriter itself: two files written one row at a time, the second
 * against what the first left. The PostgreSQL path must give the same outcome for every row and
 * leave the same rows behind.
 */
const MODES: OnConflict[] = ['reject', 'replace', 'skip'];

interface Scenario { seed: number; files: { rows: MeasurementRow[]; onConflict: OnConflict }[] }

function scenario(seed: number): Scenario {
  const random = rng(seed);
  return {
    seed,
    files: [0, 1].map(() => ({ rows: collidingFile(random, 4 + Math.floor(random() * 12)), onConflict: MODES[Math.floor(random() * 3)]! })),
  };
}

async function onSqlite(s: Scenario) {
  const lite = openDatabase(':memory:');
  await migrateToLatest(lite.db);
  await seedBasics(lite.db, 2);
  const outcomes: WriteOutcome[][] = [];
  const existingBefore: ExistingMeasurement[][] = [];
  const batchIds: number[] = [];
  for (const f of s.files) {
    existingBefore.push((lite.sqlite.prepare(`select * from measurements where active = 1`).all() as Record<string, never>[]).map((r) => ({
      id: r.id, areaId: r.area_id, substanceKey: r.substance_key, date: r.date, batchId: r.batch_id, concentrationNgL: r.concentration_ng_l,
      censored: Boolean(r.censored), loqNgL: r.loq_ng_l, sourceRow: r.source_row, originalText: r.original_text,
    })));
    const batch = await newBatch(lite.db, f.onConflict);
    batchIds.push(batch);
    const writer = new SqliteBulkWriter(lite.sqlite, f.onConflict);
    writer.useBatch(batch);
    outcomes.push(f.rows.map((m) => writer.insertValue(m)));
  }
  const state = await measurementState(lite.db);
  await lite.db.destroy();
  return { outcomes, existingBefore, batchIds, state };
}

describe('classifyMeasurements replays the SQLite BulkWriter', () => {
  it('gives every row the same outcome and writes and supersedes the same rows (200 random two-file cases)', async () => {
    let conflicts = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const s = scenario(seed);
      const ref = await onSqlite(s);
      s.files.forEach((f, k) => {
        const plan = classifyMeasurements(f.rows, ref.existingBefore[k]!, ref.batchIds[k]!, f.onConflict);
        expect(plan.outcomes, `seed ${seed}, file ${k + 1}`).toEqual(ref.outcomes[k]);
        const written = ref.state.filter((r) => r.batch_id === ref.batchIds[k]).map((r) => r.source_row).sort((a, b) => a - b);
        expect(plan.insert.map((i) => f.rows[i]!.row).sort((a, b) => a - b), `seed ${seed}, file ${k + 1}`).toEqual(written);
        const supersededRows = ref.state.filter((r) => r.superseded_by_batch_id === ref.batchIds[k]).length;
        expect(plan.supersede.length, `seed ${seed}, file ${k + 1}`).toBe(supersededRows);
        conflicts += plan.outcomes.filter((o) => o.kind === 'conflict_existing').length;
      });
    }
    // The generator must actually produce the interesting cases.
    expect(conflicts).toBeGreaterThan(100);
  });
});

if (!TEST_DATABASE_URL) console.warn(SKIP_MESSAGE);

describe.skipIf(!TEST_DATABASE_URL)('writeMeasurementsPg on PostgreSQL gives the SQLite results', () => {
  const schema = uniqueSchema('same');
  let pg: OpenedPostgres;

  beforeAll(async () => {
    pg = openPostgres(TEST_DATABASE_URL!, { schema, max: 2 });
    await migratePostgresToLatest(pg.db, { schema });
    await seedBasics(pg.db, 2);
  });
  afterAll(async () => {
    if (!pg) return;
    await dropSchema(pg.db, schema);
    await pg.db.destroy();
  });

  it('same outcomes and same stored rows (40 random two-file cases)', async () => {
    for (let seed = 1001; seed <= 1040; seed++) {
      const s = scenario(seed);
      const ref = await onSqlite(s);
      await sql`truncate measurements, daily_flows, reference_values, reference_sites, import_batches restart identity`.execute(pg.db);
      for (const [k, f] of s.files.entries()) {
        const result = await inPgTransaction(pg.pool, async (client, db) => writeMeasurementsPg(client, await newBatch(db, f.onConflict), f.onConflict, f.rows));
        expect(result.outcomes, `seed ${seed}, file ${k + 1}`).toEqual(ref.outcomes[k]);
      }
      expect(await measurementState(pg.db), `seed ${seed}`).toEqual(ref.state);
    }
  });
});
