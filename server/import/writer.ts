import type SQLite from 'better-sqlite3';
import type { OnConflict } from './report.ts';

/** One value as read from a lab file, ready to store. */
export interface MeasurementRow {
  areaId: number;
  substanceKey: string;
  date: string;
  sampleStart: string | null;
  sampleEnd: string | null;
  labSampleId: string | null;
  concentrationNgL: number | null;
  censored: boolean;
  loqNgL: number | null;
  originalText: string;
  originalUnit: string | null;
  population: number | null;
  row: number;
}

export interface FlowRow {
  areaId: number;
  date: string;
  flowM3PerDay: number;
  originalText: string;
  originalUnit: string | null;
  row: number;
}

export type WriteOutcome =
  | { kind: 'accepted' }
  | { kind: 'duplicate_in_file'; otherRow: number }
  | { kind: 'conflict_in_file'; otherRow: number; other: string }
  | { kind: 'duplicate_existing'; batchId: number }
  | { kind: 'conflict_existing'; batchId: number; other: string; action: OnConflict };

const same = (a: number | null, b: number | null) =>
  a === b || (a != null && b != null && Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)));

const ACCEPTED: WriteOutcome = Object.freeze({ kind: 'accepted' });

/**
 * Where an import's rows go: one write transaction, rows one at a time in file order (each
 * outcome drives the report, whose issue list is capped in the order issues arise), then commit
 * or rollback. SQLite below; a PostgreSQL writer implements the same over its own connection.
 */
export interface BulkWriter {
  /** Opens the write transaction; false when another writer holds the database. */
  begin(): boolean;
  /** The batch the rows belong to (its import_batches row is written inside the transaction). */
  useBatch(batchId: number): void;
  insertValue(m: MeasurementRow): WriteOutcome;
  /** The outcomes of these values in order, exactly as `insertValue` one after the other would give them. */
  insertValues(ms: MeasurementRow[]): WriteOutcome[];
  insertFlow(f: FlowRow): WriteOutcome;
  commit(): void;
  /** Undoes everything since begin; harmless when nothing is open. */
  rollback(): void;
}

/**
 * Values written by one multi-row INSERT (`insertValues`): one statement call per value was about
 * a fifth of the insert's time (binding, stepping and resetting a statement per row).
 */
export const VALUES_PER_INSERT = 64;

/** The columns of a measurement as inserted, and one row's placeholders. */
const M_COLUMNS = `area_id, substance_key, date, sample_start, sample_end, lab_sample_id,
  concentration_ng_l, censored, loq_ng_l, original_text, original_unit, population, batch_id, source_row, active`;
const M_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)';
const M_PARAMS = 14;

/** Flows this batch wrote, remembered per (area, date) up to this many; beyond, the database answers. */
const MAX_REMEMBERED_FLOWS = 20_000;

/**
 * Prepared better-sqlite3 statements for the bulk path. Identity is enforced by the partial
 * unique indexes (one active row per area+substance+date, per area+date for flows): an insert
 * that is ignored means a value exists, which is then compared.
 */
export class SqliteBulkWriter implements BulkWriter {
  private batchId = 0;
  private insertM: SQLite.Statement;
  /** VALUES_PER_INSERT rows at once (`insertValues`), its parameters in one reused array. */
  private insertManyM: SQLite.Statement;
  private manyParams: unknown[] = new Array(VALUES_PER_INSERT * M_PARAMS);
  private findIdM: SQLite.Statement;
  /**
   * The largest measurement id (-1: not read yet). Ids only grow (rows are superseded, never
   * deleted), so the rows a multi-row INSERT added are the ones with larger ids.
   */
  private maxId = -1;
  private findM: SQLite.Statement;
  private supersedeM: SQLite.Statement;
  private insertF: SQLite.Statement;
  private findF: SQLite.Statement;
  private supersedeF: SQLite.Statement;
  /**
   * With onConflict=skip nothing is written for a conflicting line, so a later line of the same
   * file for the same value would only be compared with the stored value: remember what each
   * skipped line said, to catch lines that contradict each other.
   */
  private skippedM = new Map<string, { row: number; text: string; value: number | null; censored: boolean; loq: number | null }>();
  private skippedF = new Map<string, { row: number; text: string; value: number }>();
  /**
   * The flows this batch wrote, by area and date. Labs repeat a sample's flow on each of its
   * substance rows; the repeat is then compared here, exactly as with the stored row (which is
   * this batch's, so it would say the same), instead of a failed insert and a lookup per row.
   */
  private writtenF = new Map<string, { row: number; value: number }>();
  /**
   * The distinct areas and substances this batch wrote rows for, so that the importer can check
   * them once against their tables before commit (its connection skips the per-row foreign-key
   * lookups). Rows of a sample come together: a set is touched only when the value changes.
   */
  readonly areaIds = new Set<number>();
  readonly substanceKeys = new Set<string>();
  private lastAreaId = -1;
  private lastSubstanceKey = '';

  constructor(private db: SQLite.Database, private onConflict: OnConflict) {
    this.insertM = db.prepare(`insert or ignore into measurements (${M_COLUMNS}) values ${M_PLACEHOLDERS}`);
    this.insertManyM = db.prepare(`insert or ignore into measurements (${M_COLUMNS}) values ${Array(VALUES_PER_INSERT).fill(M_PLACEHOLDERS).join(', ')}`);
    this.findIdM = db.prepare('select id from measurements where area_id = ? and substance_key = ? and date = ? and active = 1');
    this.findM = db.prepare(
      `select id, batch_id, concentration_ng_l, censored, loq_ng_l, source_row, original_text from measurements
       where area_id = ? and substance_key = ? and date = ? and active = 1`,
    );
    this.supersedeM = db.prepare(`update measurements set active = 0, superseded_by_batch_id = ? where id = ?`);
    this.insertF = db.prepare(
      `insert or ignore into daily_flows (area_id, date, flow_m3_per_day, original_text, original_unit, batch_id, source_row, active)
       values (?, ?, ?, ?, ?, ?, ?, 1)`,
    );
    this.findF = db.prepare(
      `select id, batch_id, flow_m3_per_day, source_row, original_text from daily_flows where area_id = ? and date = ? and active = 1`,
    );
    this.supersedeF = db.prepare(`update daily_flows set active = 0, superseded_by_batch_id = ? where id = ?`);
  }

  begin(): boolean {
    try {
      this.db.exec('begin immediate');
      return true;
    } catch {
      return false;
    }
  }

  useBatch(batchId: number): void {
    this.batchId = batchId;
  }

  commit(): void {
    this.db.exec('commit');
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('rollback');
  }

  private noteReferences(areaId: number, substanceKey: string | null): void {
    if (areaId !== this.lastAreaId) {
      this.lastAreaId = areaId;
      this.areaIds.add(areaId);
    }
    if (substanceKey !== null && substanceKey !== this.lastSubstanceKey) {
      this.lastSubstanceKey = substanceKey;
      this.substanceKeys.add(substanceKey);
    }
  }

  private writeMeasurement(m: MeasurementRow): boolean {
    this.noteReferences(m.areaId, m.substanceKey);
    const info = this.insertM.run(
      m.areaId, m.substanceKey, m.date, m.sampleStart, m.sampleEnd, m.labSampleId, m.concentrationNgL,
      m.censored ? 1 : 0, m.loqNgL, m.originalText, m.originalUnit, m.population, this.batchId, m.row,
    );
    if (info.changes !== 1) return false;
    this.maxId = Number(info.lastInsertRowid);
    return true;
  }

  insertValue(m: MeasurementRow): WriteOutcome {
    return this.writeMeasurement(m) ? ACCEPTED : this.ignored(m);
  }

  insertValues(ms: MeasurementRow[]): WriteOutcome[] {
    const out = new Array<WriteOutcome>(ms.length);
    let i = 0;
    for (; i + VALUES_PER_INSERT <= ms.length; i += VALUES_PER_INSERT) this.insertMany(ms, i, out);
    for (; i < ms.length; i++) out[i] = this.insertValue(ms[i]);
    return out;
  }

  /**
   * VALUES_PER_INSERT values from `start` in one statement. A multi-row INSERT OR IGNORE inserts
   * its rows in order, each exactly as its own INSERT would: a row is ignored when an active row
   * of its identity exists, stored before or inserted by an earlier row of the statement. When
   * all went in (the common case) every outcome is `accepted`. Otherwise the rows are gone through
   * in order: the one row the statement inserted for an identity is the first of the statement
   * with it, and has an id above all ids before the statement; every other row was ignored and
   * is resolved as `insertValue` resolves an ignored row, in the same order, so a replacement
   * or a skip acts on exactly the state it would have met row by row.
   */
  private insertMany(ms: MeasurementRow[], start: number, out: WriteOutcome[]): void {
    const p = this.manyParams;
    const batchId = this.batchId;
    let k = 0;
    for (let i = start; i < start + VALUES_PER_INSERT; i++) {
      const m = ms[i];
      this.noteReferences(m.areaId, m.substanceKey);
      p[k] = m.areaId; p[k + 1] = m.substanceKey; p[k + 2] = m.date; p[k + 3] = m.sampleStart; p[k + 4] = m.sampleEnd;
      p[k + 5] = m.labSampleId; p[k + 6] = m.concentrationNgL; p[k + 7] = m.censored ? 1 : 0; p[k + 8] = m.loqNgL;
      p[k + 9] = m.originalText; p[k + 10] = m.originalUnit; p[k + 11] = m.population; p[k + 12] = batchId; p[k + 13] = m.row;
      k += M_PARAMS;
    }
    if (this.maxId < 0) this.maxId = (this.db.prepare('select coalesce(max(id), 0) as id from measurements').get() as { id: number }).id;
    const idBefore = this.maxId;
    const info = this.insertManyM.run(p);
    if (info.changes > 0) this.maxId = Number(info.lastInsertRowid);
    if (info.changes === VALUES_PER_INSERT) {
      for (let i = start; i < start + VALUES_PER_INSERT; i++) out[i] = ACCEPTED;
      return;
    }
    const seen = new Set<string>();
    for (let i = start; i < start + VALUES_PER_INSERT; i++) {
      const m = ms[i];
      const key = `${m.areaId}|${m.substanceKey}|${m.date}`;
      const first = !seen.has(key);
      seen.add(key);
      if (first && info.changes > 0) {
        const stored = this.findIdM.get(m.areaId, m.substanceKey, m.date) as { id: number } | undefined;
        if (stored && stored.id > idBefore) {
          out[i] = ACCEPTED;
          continue;
        }
      }
      out[i] = this.ignored(m);
    }
  }

  /** The outcome of a value whose insert was ignored: an active value of its identity is stored. */
  private ignored(m: MeasurementRow): WriteOutcome {
    const ex = this.findM.get(m.areaId, m.substanceKey, m.date) as {
      id: number; batch_id: number; concentration_ng_l: number | null; censored: number; loq_ng_l: number | null; source_row: number; original_text: string;
    };
    const equal = Boolean(ex.censored) === m.censored && (m.censored ? same(ex.loq_ng_l, m.loqNgL) : same(ex.concentration_ng_l, m.concentrationNgL));
    if (ex.batch_id === this.batchId) {
      return equal ? { kind: 'duplicate_in_file', otherRow: ex.source_row } : { kind: 'conflict_in_file', otherRow: ex.source_row, other: ex.original_text };
    }
    const key = `${m.areaId}|${m.substanceKey}|${m.date}`;
    const skipped = this.skippedM.get(key);
    if (skipped) {
      const sameAsSkipped = skipped.censored === m.censored && (m.censored ? same(skipped.loq, m.loqNgL) : same(skipped.value, m.concentrationNgL));
      if (!sameAsSkipped) return { kind: 'conflict_in_file', otherRow: skipped.row, other: skipped.text };
    }
    if (equal) return { kind: 'duplicate_existing', batchId: ex.batch_id };
    if (this.onConflict === 'replace') {
      this.supersedeM.run(this.batchId, ex.id);
      this.writeMeasurement(m);
    } else if (this.onConflict === 'skip' && !skipped) {
      this.skippedM.set(key, { row: m.row, text: m.originalText, value: m.concentrationNgL, censored: m.censored, loq: m.loqNgL });
    }
    return { kind: 'conflict_existing', batchId: ex.batch_id, other: ex.original_text, action: this.onConflict };
  }

  private writeFlow(f: FlowRow, key: string): boolean {
    this.noteReferences(f.areaId, null);
    if (this.insertF.run(f.areaId, f.date, f.flowM3PerDay, f.originalText, f.originalUnit, this.batchId, f.row).changes !== 1) return false;
    if (this.writtenF.size >= MAX_REMEMBERED_FLOWS) this.writtenF.clear();
    // Not the cell text: it is a slice of its parsed block of the file and would keep that alive.
    this.writtenF.set(key, { row: f.row, value: f.flowM3PerDay });
    return true;
  }

  insertFlow(f: FlowRow): WriteOutcome {
    const key = `${f.areaId}|${f.date}`;
    const mine = this.writtenF.get(key);
    if (mine) {
      if (same(mine.value, f.flowM3PerDay)) return { kind: 'duplicate_in_file', otherRow: mine.row };
      // The stored active row for this area and date is the one this batch wrote.
      const ours = this.findF.get(f.areaId, f.date) as { original_text: string };
      return { kind: 'conflict_in_file', otherRow: mine.row, other: ours.original_text };
    }
    if (this.writeFlow(f, key)) return ACCEPTED;
    const ex = this.findF.get(f.areaId, f.date) as { id: number; batch_id: number; flow_m3_per_day: number; source_row: number; original_text: string };
    const equal = same(ex.flow_m3_per_day, f.flowM3PerDay);
    if (ex.batch_id === this.batchId) {
      return equal ? { kind: 'duplicate_in_file', otherRow: ex.source_row } : { kind: 'conflict_in_file', otherRow: ex.source_row, other: ex.original_text };
    }
    const skipped = this.skippedF.get(key);
    if (skipped && !same(skipped.value, f.flowM3PerDay)) return { kind: 'conflict_in_file', otherRow: skipped.row, other: skipped.text };
    if (equal) return { kind: 'duplicate_existing', batchId: ex.batch_id };
    if (this.onConflict === 'replace') {
      this.supersedeF.run(this.batchId, ex.id);
      this.writeFlow(f, key);
    } else if (this.onConflict === 'skip' && !skipped) {
      this.skippedF.set(key, { row: f.row, text: f.originalText, value: f.flowM3PerDay });
    }
    return { kind: 'conflict_existing', batchId: ex.batch_id, other: ex.original_text, action: this.onConflict };
  }
}
