import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../server/db/schema.ts';
import { seededRandom } from '../../../server/demo/generate.ts';
import type { MeasurementRow } from '../../../server/import/writer.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const SKIP_MESSAGE = 'TEST_DATABASE_URL is not set: PostgreSQL tests skipped (scripts/pg-test-cluster.sh start)';

/** A schema of its own per test file, so files running in parallel on one database do not meet. */
export const uniqueSchema = (tag: string) => `t_${tag}_${process.pid}_${Date.now().toString(36)}`;

export const SUBSTANCES = ['amf', 'koka'] as const;
export const NOW = '2026-12-01T00:00:00.000Z';

/**
 * The rows every database needs before values can be written: one organisation, `areas` areas
 * (ids 1..areas), two substances. Works on either dialect (ids are generated 1, 2, … on a fresh schema).
 */
export async function seedBasics(db: Kysely<Database>, areas: number): Promise<number[]> {
  await db.insertInto('organisations').values({ name: 'Testkommun', kind: 'municipality', parent_id: null, created_at: NOW }).execute();
  const ids: number[] = [];
  for (let i = 1; i <= areas; i++) {
    const r = await db.insertInto('areas').values({
      organisation_id: 1, code: `A${i}`, name: `Område ${i}`, parent_code: null, municipality: null, county: null, created_at: NOW, updated_at: NOW,
    }).returning('id').executeTakeFirstOrThrow();
    ids.push(r.id);
  }
  for (const [i, key] of SUBSTANCES.entries()) {
    await db.insertInto('substances').values({
      key, name_sv: key, name_en: key, drug: key, residue: key, correction_factor: null, dose_mg: null, source_note: '', sort_order: i, updated_at: NOW,
    }).execute();
  }
  return ids;
}

export async function newBatch(db: Kysely<Database>, onConflict: 'reject' | 'replace' | 'skip', fileName = 'lab.csv'): Promise<number> {
  const r = await db.insertInto('import_batches').values({
    organisation_id: 1, kind: 'lab', file_name: fileName, size_bytes: 1, sha256: fileName, file_path: fileName, user_id: null,
    actor: 'test', created_at: NOW, status: 'committed', on_conflict: onConflict, accepted: 0, report_json: '{}',
    retracted_at: null, retracted_by: null, retract_reason: null,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function measurement(areaId: number, substanceKey: string, date: string, value: number | null, row: number, extra: Partial<MeasurementRow> = {}): MeasurementRow {
  const censored = value === null;
  return {
    areaId, substanceKey, date, sampleStart: null, sampleEnd: null, labSampleId: null,
    concentrationNgL: value, censored, loqNgL: censored ? 0.5 : null,
    originalText: censored ? '<0,5' : String(value).replace('.', ','), originalUnit: 'ng/L', population: null, row, ...extra,
  };
}

/** Deterministic pseudo-random numbers (mulberry32, the demo generator's), so a failing case can be replayed. */
export const rng = seededRandom;

/**
 * A small file whose rows collide often: 2 areas × 2 substances × 3 dates, values drawn from a few
 * that are equal (2 and 2 + 1e-12 count as the same value), different, or censored.
 */
export function collidingFile(random: () => number, rows: number): MeasurementRow[] {
  const values = [1, 2, 2 + 1e-12, 3, null];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  return Array.from({ length: rows }, (_, i) =>
    measurement(pick([1, 2]), pick(SUBSTANCES), pick(['2026-01-05', '2026-01-06', '2026-01-07']), pick(values), i + 2));
}

/** Every measurement row, in a form both databases give alike. */
export async function measurementState(db: Kysely<Database>) {
  return db.selectFrom('measurements')
    .select(['area_id', 'substance_key', 'date', 'concentration_ng_l', 'censored', 'loq_ng_l', 'batch_id', 'source_row', 'active', 'superseded_by_batch_id'])
    .orderBy('batch_id').orderBy('source_row').execute();
}

export async function dropSchema(db: Kysely<Database>, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
}
