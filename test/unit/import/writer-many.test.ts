/**
 * SqliteBulkWriter.insertValues (server/import/writer.ts) writes VALUES_PER_INSERT values per
 * multi-row INSERT and must give exactly the outcomes, and leave exactly the stored rows, that
 * insertValue one value after the other gives: the reference here is insertValue itself on a
 * second database with the same start. Files with many repeats and contradictions (a small
 * identity space), stored values of an earlier batch, a value repeated within one line (a wide
 * line whose two columns name the same substance), in every conflict mode and cut into slices of
 * every kind (whole statements, a remainder, a statement's worth split over two calls).
 */
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../server/demo/generate.ts'; // mulberry32: a failure can be replayed
import { SqliteBulkWriter, VALUES_PER_INSERT, type MeasurementRow, type WriteOutcome } from '../../../server/import/writer.ts';

const open: SQLite.Database[] = [];
afterEach(() => { for (const db of open.splice(0)) db.close(); });

function database(): SQLite.Database {
  const db = new SQLite(':memory:');
  open.push(db);
  db.exec(`
    create table measurements (id integer primary key autoincrement, area_id integer, substance_key text, date text, sample_start text, sample_end text,
      lab_sample_id text, concentration_ng_l real, censored integer, loq_ng_l real, original_text text, original_unit text, population integer,
      batch_id integer, source_row integer, active integer, superseded_by_batch_id integer);
    create unique index measurements_identity on measurements(area_id, substance_key, date) where active = 1;
    create table daily_flows (id integer primary key, area_id integer, date text, flow_m3_per_day real, original_text text, original_unit text,
      batch_id integer, source_row integer, active integer, superseded_by_batch_id integer);
    create unique index daily_flows_identity on daily_flows(area_id, date) where active = 1;
  `);
  return db;
}

/** `n` values over 2 areas × 3 substances × `dates` dates, from 3 results (one censored), some lines holding the same identity twice. */
function values(seed: number, n: number, dates: number): MeasurementRow[] {
  const r = seededRandom(seed);
  const out: MeasurementRow[] = [];
  let row = 2;
  while (out.length < n) {
    const areaId = 1 + Math.floor(r() * 2);
    const substanceKey = ['cocaine', 'mdma', 'thc'][Math.floor(r() * 3)];
    const date = `2024-03-${String(10 + Math.floor(r() * dates)).padStart(2, '0')}`;
    const pick = Math.floor(r() * 3);
    const v: MeasurementRow = {
      areaId, substanceKey, date, sampleStart: `${date}T07:00`, sampleEnd: null, labSampleId: `L${row}`,
      concentrationNgL: pick === 2 ? null : [402.2, 510][pick], censored: pick === 2, loqNgL: pick === 2 ? 5 : null,
      originalText: pick === 2 ? '<5' : String([402.2, 510][pick]), originalUnit: 'ng/L', population: null, row,
    };
    out.push(v);
    // A wide line whose two columns name the same substance: the same identity twice on one line.
    if (r() < 0.05) out.push({ ...v, concentrationNgL: v.censored ? null : 510, originalText: v.censored ? '<5' : '510' });
    row += 1;
  }
  return out.slice(0, n);
}

/** The stored rows, without ids (insertValues may number a replacing row later than insertValue would). */
const state = (db: SQLite.Database) => db.prepare(`select area_id, substance_key, date, concentration_ng_l, censored, loq_ng_l, original_text, batch_id, source_row,
  active, superseded_by_batch_id from measurements order by area_id, substance_key, date, batch_id, source_row, active`).all();

function run(db: SQLite.Database, onConflict: 'reject' | 'replace' | 'skip', batchId: number, rows: MeasurementRow[], slices: number[] | null): WriteOutcome[] {
  const w = new SqliteBulkWriter(db, onConflict);
  w.useBatch(batchId);
  if (!slices) return rows.map((m) => w.insertValue(m));
  const out: WriteOutcome[] = [];
  let i = 0;
  for (const n of slices) {
    out.push(...w.insertValues(rows.slice(i, i + n)));
    i += n;
  }
  out.push(...w.insertValues(rows.slice(i)));
  return out;
}

describe('SqliteBulkWriter.insertValues', () => {
  const K = VALUES_PER_INSERT;
  const slicings: [string, number[]][] = [
    ['whole statements and a remainder', [5 * K + 17]],
    ['a statement split over two calls', [K - 1, 1, K + 1, 3 * K]],
    ['many small calls', Array.from({ length: 40 }, (_, i) => (i * 7) % 13)],
  ];
  for (const onConflict of ['reject', 'replace', 'skip'] as const) {
    for (const [name, slices] of slicings) {
      it(`gives insertValue's outcomes and rows (${onConflict}, ${name})`, () => {
        const a = database();
        const b = database();
        // Batch 1 stored values for part of the identity space (the reference writer, one at a time).
        const earlier = values(1, 3 * K, 6);
        run(a, 'reject', 1, earlier, null);
        run(b, 'reject', 1, earlier, null);
        expect(state(b)).toEqual(state(a));
        const file = values(2, 12 * K, 12);
        const expected = run(a, onConflict, 2, file, null);
        const got = run(b, onConflict, 2, file, slices);
        expect(got).toEqual(expected);
        expect(state(b)).toEqual(state(a));
        // The case the multi-row statement is for: all of a statement went in, and every kind of outcome occurred.
        const kinds = new Set(expected.map((o) => o.kind));
        expect(kinds).toEqual(new Set(['accepted', 'duplicate_in_file', 'conflict_in_file', 'duplicate_existing', 'conflict_existing']));
      });
    }
  }

  it('writes a file of new values a statement at a time, every value accepted, in file order', () => {
    const db = database();
    const rows = values(3, 4 * K, 1).map((v, i) => ({ ...v, date: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(i / 12)).padStart(2, '0')}`, row: i + 2 }));
    const out = run(db, 'reject', 2, rows, [4 * K]);
    expect(out.every((o) => o.kind === 'accepted')).toBe(true);
    expect(db.prepare('select source_row from measurements order by id').all().map((r) => (r as { source_row: number }).source_row)).toEqual(rows.map((r) => r.row));
  });
});
