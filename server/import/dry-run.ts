import type SQLite from 'better-sqlite3';
import type { OnConflict } from './report.ts';
import type { FlowRow, MeasurementRow, WriteOutcome } from './writer.ts';

/**
 * A dry run on SQLite, without the write lock. SQLite has one writer: the dry run used to write
 * into a transaction it then rolled back (`begin immediate`), so every write meanwhile — logins
 * included — waited for it. Areas and reference files now only read (writeAreas and importReference
 * with `write: false`). For a lab or flow file the connection only reads the database (a
 * deferred transaction: one snapshot, never the write lock) and keeps what the file would write in
 * TEMP tables, which are the connection's own and take no lock on the database file. `daily_flows`
 * is shadowed by a TEMP view (stored ∪ this file's), so the import's closing checks, which read it
 * unqualified, see the flows the file brings exactly as after a real write.
 */
export function prepareDryRunConnection(conn: SQLite.Database): void {
  // On disk (a temp file), not in memory: a 100 MB file's values stay out of the heap.
  conn.pragma('temp_store = FILE');
  conn.exec(`
    create temp table dry_measurements (
      area_id integer not null, substance_key text not null, date text not null,
      concentration_ng_l real, censored integer not null, loq_ng_l real, source_row integer not null, original_text text not null,
      primary key (area_id, substance_key, date)) without rowid;
    create temp table dry_flows (
      area_id integer not null, date text not null, flow_m3_per_day real not null, source_row integer not null, original_text text not null,
      primary key (area_id, date)) without rowid;
    create temp view daily_flows as
      select area_id, date, active from main.daily_flows union all select area_id, date, 1 as active from temp.dry_flows;
  `);
}

const same = (a: number | null, b: number | null) =>
  a === b || (a != null && b != null && Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)));

const ACCEPTED: WriteOutcome = Object.freeze({ kind: 'accepted' });

interface StoredM { batch_id: number; concentration_ng_l: number | null; censored: number; loq_ng_l: number | null; source_row: number; original_text: string }
interface StoredF { batch_id: number; flow_m3_per_day: number; source_row: number; original_text: string }

/**
 * The outcomes SqliteBulkWriter gives, row for row, without writing the database: "this file's
 * row" is a row of the TEMP tables, "stored" one of the database's active rows.
 */
export class DryRunWriter {
  private mineM: SQLite.Statement;
  private storedM: SQLite.Statement;
  private keepM: SQLite.Statement;
  private mineF: SQLite.Statement;
  private storedF: SQLite.Statement;
  private keepF: SQLite.Statement;
  /** As in SqliteBulkWriter: what each skipped line said, to catch later lines that contradict it. */
  private skippedM = new Map<string, { row: number; text: string; value: number | null; censored: boolean; loq: number | null }>();
  private skippedF = new Map<string, { row: number; text: string; value: number }>();

  constructor(db: SQLite.Database, private onConflict: OnConflict) {
    this.mineM = db.prepare('select concentration_ng_l, censored, loq_ng_l, source_row, original_text from temp.dry_measurements where area_id = ? and substance_key = ? and date = ?');
    this.storedM = db.prepare(`select batch_id, concentration_ng_l, censored, loq_ng_l, source_row, original_text from main.measurements
      where area_id = ? and substance_key = ? and date = ? and active = 1`);
    this.keepM = db.prepare('insert or replace into temp.dry_measurements values (?, ?, ?, ?, ?, ?, ?, ?)');
    this.mineF = db.prepare('select flow_m3_per_day, source_row, original_text from temp.dry_flows where area_id = ? and date = ?');
    this.storedF = db.prepare('select batch_id, flow_m3_per_day, source_row, original_text from main.daily_flows where area_id = ? and date = ? and active = 1');
    this.keepF = db.prepare('insert or replace into temp.dry_flows values (?, ?, ?, ?, ?)');
  }

  private keepValue(m: MeasurementRow): void {
    this.keepM.run(m.areaId, m.substanceKey, m.date, m.concentrationNgL, m.censored ? 1 : 0, m.loqNgL, m.row, m.originalText);
  }

  insertValue(m: MeasurementRow): WriteOutcome {
    const equalTo = (x: { censored: number | boolean; loq_ng_l: number | null; concentration_ng_l: number | null }) =>
      Boolean(x.censored) === m.censored && (m.censored ? same(x.loq_ng_l, m.loqNgL) : same(x.concentration_ng_l, m.concentrationNgL));
    const mine = this.mineM.get(m.areaId, m.substanceKey, m.date) as Omit<StoredM, 'batch_id'> | undefined;
    if (mine) return equalTo(mine) ? { kind: 'duplicate_in_file', otherRow: mine.source_row } : { kind: 'conflict_in_file', otherRow: mine.source_row, other: mine.original_text };
    const ex = this.storedM.get(m.areaId, m.substanceKey, m.date) as StoredM | undefined;
    if (!ex) {
      this.keepValue(m);
      return ACCEPTED;
    }
    const key = `${m.areaId}|${m.substanceKey}|${m.date}`;
    const skipped = this.skippedM.get(key);
    if (skipped && !(skipped.censored === m.censored && (m.censored ? same(skipped.loq, m.loqNgL) : same(skipped.value, m.concentrationNgL)))) {
      return { kind: 'conflict_in_file', otherRow: skipped.row, other: skipped.text };
    }
    if (equalTo(ex)) return { kind: 'duplicate_existing', batchId: ex.batch_id };
    if (this.onConflict === 'replace') this.keepValue(m);
    else if (this.onConflict === 'skip' && !skipped) {
      this.skippedM.set(key, { row: m.row, text: m.originalText, value: m.concentrationNgL, censored: m.censored, loq: m.loqNgL });
    }
    return { kind: 'conflict_existing', batchId: ex.batch_id, other: ex.original_text, action: this.onConflict };
  }

  insertFlow(f: FlowRow): WriteOutcome {
    const mine = this.mineF.get(f.areaId, f.date) as Omit<StoredF, 'batch_id'> | undefined;
    if (mine) {
      return same(mine.flow_m3_per_day, f.flowM3PerDay) ? { kind: 'duplicate_in_file', otherRow: mine.source_row } : { kind: 'conflict_in_file', otherRow: mine.source_row, other: mine.original_text };
    }
    const keep = () => this.keepF.run(f.areaId, f.date, f.flowM3PerDay, f.row, f.originalText);
    const ex = this.storedF.get(f.areaId, f.date) as StoredF | undefined;
    if (!ex) {
      keep();
      return ACCEPTED;
    }
    const key = `${f.areaId}|${f.date}`;
    const skipped = this.skippedF.get(key);
    if (skipped && !same(skipped.value, f.flowM3PerDay)) return { kind: 'conflict_in_file', otherRow: skipped.row, other: skipped.text };
    if (same(ex.flow_m3_per_day, f.flowM3PerDay)) return { kind: 'duplicate_existing', batchId: ex.batch_id };
    if (this.onConflict === 'replace') keep();
    else if (this.onConflict === 'skip' && !skipped) this.skippedF.set(key, { row: f.row, text: f.originalText, value: f.flowM3PerDay });
    return { kind: 'conflict_existing', batchId: ex.batch_id, other: ex.original_text, action: this.onConflict };
  }
}
