/**
 * SqliteBulkWriter (server/import/writer.ts): a sample's flow repeated on each of its rows is
 * compared in memory with what this batch wrote; the outcomes must be exactly those the stored
 * row would give. Expected outcomes worked out by hand from the rules in the comments.
 * A minimal in-memory database with the flow and measurement tables and their identity indexes.
 */
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteBulkWriter, type FlowRow, type MeasurementRow } from '../../../server/import/writer.ts';

let db: SQLite.Database;
beforeEach(() => {
  db = new SQLite(':memory:');
  db.exec(`
    create table daily_flows (id integer primary key, area_id integer, date text, flow_m3_per_day real, original_text text, original_unit text,
      batch_id integer, source_row integer, active integer, superseded_by_batch_id integer);
    create unique index daily_flows_identity on daily_flows(area_id, date) where active = 1;
    create table measurements (id integer primary key, area_id integer, substance_key text, date text, sample_start text, sample_end text,
      lab_sample_id text, concentration_ng_l real, censored integer, loq_ng_l real, original_text text, original_unit text, population integer,
      batch_id integer, source_row integer, active integer, superseded_by_batch_id integer);
    create unique index measurements_identity on measurements(area_id, substance_key, date) where active = 1;
    -- Batch 1 stored 50 m3/d for area 1 on 2024-03-11.
    insert into daily_flows values (1, 1, '2024-03-11', 50, '50', 'm3/d', 1, 7, 1, null);
  `);
});
afterEach(() => db.close());

const flow = (row: number, value: number, date = '2024-03-12', areaId = 1): FlowRow =>
  ({ areaId, date, flowM3PerDay: value, originalText: String(value), originalUnit: 'm3/d', row });

function writer(onConflict: 'reject' | 'replace' | 'skip') {
  const w = new SqliteBulkWriter(db, onConflict);
  expect(w.begin()).toBe(true);
  w.useBatch(2);
  return w;
}

const activeFlows = () => db.prepare('select area_id, date, flow_m3_per_day as q, batch_id, source_row from daily_flows where active = 1 order by area_id, date').all();

describe('SqliteBulkWriter flows', () => {
  it('writes a sample\'s flow once and compares its repeats with the first line', () => {
    const w = writer('reject');
    expect(w.insertFlow(flow(2, 100))).toEqual({ kind: 'accepted' });
    expect(w.insertFlow(flow(3, 100))).toEqual({ kind: 'duplicate_in_file', otherRow: 2 });
    // 100 × (1 + 1e-12) is within the 1e-9 relative tolerance: the same value.
    expect(w.insertFlow(flow(4, 100 * (1 + 1e-12)))).toEqual({ kind: 'duplicate_in_file', otherRow: 2 });
    expect(w.insertFlow(flow(5, 120))).toEqual({ kind: 'conflict_in_file', otherRow: 2, other: '100' });
    w.commit();
    expect(activeFlows()).toEqual([
      { area_id: 1, date: '2024-03-11', q: 50, batch_id: 1, source_row: 7 },
      { area_id: 1, date: '2024-03-12', q: 100, batch_id: 2, source_row: 2 },
    ]);
  });

  it('compares repeats of a replaced flow with the replacing line, and keeps the old one in history', () => {
    const w = writer('replace');
    expect(w.insertFlow(flow(2, 60, '2024-03-11'))).toEqual({ kind: 'conflict_existing', batchId: 1, other: '50', action: 'replace' });
    expect(w.insertFlow(flow(3, 60, '2024-03-11'))).toEqual({ kind: 'duplicate_in_file', otherRow: 2 });
    expect(w.insertFlow(flow(4, 70, '2024-03-11'))).toEqual({ kind: 'conflict_in_file', otherRow: 2, other: '60' });
    w.commit();
    expect(activeFlows()).toEqual([{ area_id: 1, date: '2024-03-11', q: 60, batch_id: 2, source_row: 2 }]);
    expect(db.prepare('select active, superseded_by_batch_id as by from daily_flows where id = 1').get()).toEqual({ active: 0, by: 2 });
  });

  it('with skip, writes nothing and still catches lines that contradict each other', () => {
    const w = writer('skip');
    expect(w.insertFlow(flow(2, 60, '2024-03-11'))).toEqual({ kind: 'conflict_existing', batchId: 1, other: '50', action: 'skip' });
    expect(w.insertFlow(flow(3, 60, '2024-03-11'))).toEqual({ kind: 'conflict_existing', batchId: 1, other: '50', action: 'skip' });
    expect(w.insertFlow(flow(4, 50, '2024-03-11'))).toEqual({ kind: 'conflict_in_file', otherRow: 2, other: '60' });
    expect(w.insertFlow(flow(5, 70, '2024-03-11'))).toEqual({ kind: 'conflict_in_file', otherRow: 2, other: '60' });
    w.commit();
    expect(activeFlows()).toEqual([{ area_id: 1, date: '2024-03-11', q: 50, batch_id: 1, source_row: 7 }]);
  });

  it('answers the same from the database once it has forgotten a flow (more samples than it remembers)', () => {
    const w = writer('reject');
    const days = 25_000; // above MAX_REMEMBERED_FLOWS (20 000): the first flows are forgotten
    for (let i = 0; i < days; i++) expect(w.insertFlow(flow(10 + i, 1000 + i, `d${i}`, 2)).kind).toBe('accepted');
    for (const i of [0, 1, days - 1]) {
      expect(w.insertFlow(flow(100_000 + i, 1000 + i, `d${i}`, 2))).toEqual({ kind: 'duplicate_in_file', otherRow: 10 + i });
      expect(w.insertFlow(flow(200_000 + i, 1, `d${i}`, 2))).toEqual({ kind: 'conflict_in_file', otherRow: 10 + i, other: String(1000 + i) });
    }
    w.rollback();
    expect(activeFlows()).toHaveLength(1); // only batch 1's: everything else rolled back
  });
});

describe('SqliteBulkWriter values', () => {
  const value = (row: number, v: number | null, loq: number | null = 1): MeasurementRow => ({
    areaId: 1, substanceKey: 'cocaine', date: '2024-03-12', sampleStart: null, sampleEnd: null, labSampleId: null,
    concentrationNgL: v, censored: v == null, loqNgL: loq, originalText: v == null ? `<${loq}` : String(v), originalUnit: 'ng/L', population: 9000, row,
  });

  it('accepts a value once and tells a repeat from a contradiction, a censored one by its LOQ', () => {
    const w = writer('reject');
    expect(w.insertValue(value(2, 402.2))).toEqual({ kind: 'accepted' });
    expect(w.insertValue(value(3, 402.2))).toEqual({ kind: 'duplicate_in_file', otherRow: 2 });
    expect(w.insertValue(value(4, 402.3))).toEqual({ kind: 'conflict_in_file', otherRow: 2, other: '402.2' });
    expect(w.insertValue(value(5, null, 5))).toEqual({ kind: 'conflict_in_file', otherRow: 2, other: '402.2' });
    w.commit();
    expect(db.prepare('select concentration_ng_l as c, population, batch_id, source_row from measurements where active = 1').all())
      .toEqual([{ c: 402.2, population: 9000, batch_id: 2, source_row: 2 }]);
  });
});
