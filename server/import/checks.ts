import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Registry } from './lookup.ts';
import { MAX_LISTED_ISSUES, type ReportBuilder } from './report.ts';
import type { MeasurementRow } from './writer.ts';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Turns } from '../turns.ts';

/** Sample days gone through between two turns of the event loop in `finish`. */
const SAMPLES_PER_TURN = 20_000;
/** Areas whose history `LabChecks.load` reads per query (a national area: ~4 000 values). */
const AREAS_PER_HISTORY_READ = 8;

interface History { max: number | null; min: number | null; n: number; lastLoq: number | null }

/** What the checks know of one area and substance: its history, the first LOQ this file gave, and whether a change was reported. */
interface SeriesState { h: History | undefined; loqSeen: number | null; loqWarned: boolean }

/** Factor beyond the area's earlier range that makes a value worth a second look. */
const OUTLIER_FACTOR = 10;

/**
 * The warnings that do not block an import: values far outside the area's history, changed
 * LOQs, samples without flow, values that already existed. Summaries, not one line per row,
 * where a file would otherwise drown the coordinator in identical messages.
 */
export class LabChecks {
  private history = new Map<string, History>();
  /** Area id → substance key → state: no key string to build per row. */
  private series = new Map<number, Map<string, SeriesState>>();
  private samples = new Map<string, number>(); // area_id|date → first line
  private existing = { n: 0, firstLine: 0, flows: 0 };
  private skippedN = { n: 0, firstLine: 0 };
  private replacedN = { n: 0, firstLine: 0 };
  private flowsWritten = 0;

  /**
   * The history of the organisations' areas: range and count of active values per area and
   * substance, and the LOQ of the latest one (by date, then id; a subquery rather than SQLite's
   * "bare column", which PostgreSQL rejects and which takes an arbitrary row of the group).
   */
  static async load(db: Kysely<Database>, organisationIds: number[], registry: Registry): Promise<LabChecks> {
    // A few areas per query, with a turn between: over a national database one query took 1.4 s
    // and held the server's event loop (every other request) for all of it.
    const areaIds = organisationIds.length === 0 ? [] : (await db.selectFrom('areas').select('id').where('organisation_id', 'in', organisationIds).orderBy('id').execute()).map((a) => a.id);
    const rows: Awaited<ReturnType<typeof LabChecks.historyOf>> = [];
    const turns = new Turns();
    for (let i = 0; i < areaIds.length; i += AREAS_PER_HISTORY_READ) {
      rows.push(...await LabChecks.historyOf(db, areaIds.slice(i, i + AREAS_PER_HISTORY_READ)));
      if (turns.due) await turns.take();
    }
    return new LabChecks(rows.map((r) => ({ areaId: r.area_id, substanceKey: r.substance_key, max: r.mx, min: r.mn, n: Number(r.n), lastLoq: r.lastLoq })), registry);
  }

  private static historyOf(db: Kysely<Database>, areaIds: number[]) {
    return db.selectFrom('measurements as m')
      .select((eb) => [
        'm.area_id', 'm.substance_key',
        eb.fn.max('m.concentration_ng_l').as('mx'), eb.fn.min('m.concentration_ng_l').as('mn'), eb.fn.count<number>('m.concentration_ng_l').as('n'),
        eb.selectFrom('measurements as l').select('l.loq_ng_l')
          .whereRef('l.area_id', '=', 'm.area_id').whereRef('l.substance_key', '=', 'm.substance_key').where('l.active', '=', 1)
          .orderBy('l.date', 'desc').orderBy('l.id', 'desc').limit(1).as('lastLoq'),
      ])
      .where('m.active', '=', 1).where('m.area_id', 'in', areaIds)
      .groupBy(['m.area_id', 'm.substance_key'])
      .execute();
  }

  constructor(history: ({ areaId: number; substanceKey: string } & History)[], private registry: Registry) {
    for (const h of history) this.history.set(`${h.areaId}|${h.substanceKey}`, { max: h.max, min: h.min, n: h.n, lastLoq: h.lastLoq });
  }

  private lastSample = { areaId: 0, date: '' };

  private areaCode(areaId: number): string {
    return this.registry.areasById.get(areaId)?.code ?? '?';
  }

  private state(areaId: number, substanceKey: string): SeriesState {
    let bySubstance = this.series.get(areaId);
    if (!bySubstance) this.series.set(areaId, (bySubstance = new Map()));
    let st = bySubstance.get(substanceKey);
    if (!st) bySubstance.set(substanceKey, (st = { h: this.history.get(`${areaId}|${substanceKey}`), loqSeen: null, loqWarned: false }));
    return st;
  }

  measurementWritten(v: MeasurementRow, column: string): void {
    // A sample's rows come together: only a new (area, date) needs the map.
    if (v.areaId !== this.lastSample.areaId || v.date !== this.lastSample.date) {
      this.lastSample = { areaId: v.areaId, date: v.date };
      const sample = `${v.areaId}|${v.date}`;
      if (!this.samples.has(sample)) this.samples.set(sample, v.row);
    }
    const st = this.state(v.areaId, v.substanceKey);
    const h = st.h;
    if (h && h.n >= 5 && v.concentrationNgL != null && h.max != null && h.min != null) {
      if (v.concentrationNgL > OUTLIER_FACTOR * h.max || (h.min > 0 && v.concentrationNgL < h.min / OUTLIER_FACTOR && v.concentrationNgL > 0)) {
        v.concentrationNgL > h.max
          ? this.rbWarn(v.row, column, 'outlier', `${v.concentrationNgL} ng/L is more than ${OUTLIER_FACTOR} times the highest earlier value (${h.max}) for ${this.areaCode(v.areaId)}, ${v.substanceKey}. Check the value and its unit.`)
          : this.rbWarn(v.row, column, 'outlier', `${v.concentrationNgL} ng/L is less than a ${OUTLIER_FACTOR}th of the lowest earlier value (${h.min}) for ${this.areaCode(v.areaId)}, ${v.substanceKey}. Check the value and its unit.`);
      }
    }
    if (v.loqNgL != null && !st.loqWarned) {
      const before = st.loqSeen ?? h?.lastLoq ?? null;
      if (before != null && Math.abs(before - v.loqNgL) > 1e-9 * before) {
        st.loqWarned = true;
        this.rbWarn(v.row, column, 'loq_changed', `The LOQ for ${v.substanceKey} at ${this.areaCode(v.areaId)} changed from ${before} to ${v.loqNgL} ng/L (from line ${v.row} on). Values below the limit are not comparable across the change.`);
      }
      if (st.loqSeen === null) st.loqSeen = v.loqNgL;
    }
  }

  /**
   * Warnings added to the report at the end, in the order they arose. The report lists at most
   * MAX_LISTED_ISSUES, so only as many are kept; the rest are counted (they would be omitted).
   */
  private pending: { row: number; column: string; code: string; message: string }[] = [];
  private pendingOmitted = 0;
  private rbWarn(row: number, column: string, code: string, message: string): void {
    if (this.pending.length < MAX_LISTED_ISSUES) this.pending.push({ row, column, code, message });
    else this.pendingOmitted += 1;
  }

  flowWritten(): void {
    this.flowsWritten += 1;
  }

  existingDuplicate(line: number, isFlow: boolean): void {
    if (isFlow) { this.existing.flows += 1; return; }
    if (this.existing.n === 0) this.existing.firstLine = line;
    this.existing.n += 1;
  }

  skipped(line: number, _what: string, _batchId: number): void {
    if (this.skippedN.n === 0) this.skippedN.firstLine = line;
    this.skippedN.n += 1;
  }

  replaced(line: number, _what: string, _batchId: number): void {
    if (this.replacedN.n === 0) this.replacedN.firstLine = line;
    this.replacedN.n += 1;
  }

  /** Adds the summaries; `db` is the import's transaction, after every value of the file was written. */
  async finish(db: Kysely<Database>, rb: ReportBuilder, _batchId: number): Promise<void> {
    for (const p of this.pending) rb.warning(p.row, p.column, p.code, p.message);
    // The kept ones filled the list (it holds MAX_LISTED_ISSUES): the others would be omitted.
    rb.report.issuesOmitted += this.pendingOmitted;
    if (this.existing.n > 0) {
      rb.warning(this.existing.firstLine, null, 'duplicate_existing', `${this.existing.n} value(s) are already stored with exactly the same result and were not written again (first on line ${this.existing.firstLine}).`);
    }
    if (this.skippedN.n > 0) {
      rb.warning(this.skippedN.firstLine, null, 'conflict_existing', `${this.skippedN.n} value(s) differ from results already stored and were skipped, as asked; the stored values stay (first on line ${this.skippedN.firstLine}).`);
    }
    if (this.replacedN.n > 0) {
      rb.warning(this.replacedN.firstLine, null, 'conflict_existing', `${this.replacedN.n} value(s) replace results already stored; the old values are kept in history and come back if this batch is retracted (first on line ${this.replacedN.firstLine}).`);
    }
    let missing = 0;
    let firstLine = 0;
    const areas = new Set<string>();
    // One query for the file's sample areas rather than one per sample day (a round trip each on PostgreSQL).
    // In slices with a turn for other requests between them: a 100 MB file has ~300 000 sample days,
    // and going through them at once held the event loop for half a second.
    let seen = 0;
    const sampleAreaIds = new Set<number>();
    for (const k of this.samples.keys()) {
      sampleAreaIds.add(Number(k.slice(0, k.indexOf('|'))));
      if (++seen % SAMPLES_PER_TURN === 0) await nextTurn();
    }
    const sampleAreas = [...sampleAreaIds];
    const flows = new Set<string>();
    for (let i = 0; i < sampleAreas.length; i += 500) {
      const rows = await db.selectFrom('daily_flows').select(['area_id', 'date']).where('active', '=', 1).where('area_id', 'in', sampleAreas.slice(i, i + 500)).execute();
      for (const r of rows) flows.add(`${r.area_id}|${r.date}`);
    }
    for (const [key, line] of this.samples) {
      if (++seen % SAMPLES_PER_TURN === 0) await nextTurn();
      if (!flows.has(key)) {
        const areaId = key.slice(0, key.indexOf('|'));
        if (missing === 0 || line < firstLine) firstLine = line;
        missing += 1;
        areas.add(this.registry.areasById.get(Number(areaId))?.code ?? areaId);
      }
    }
    if (missing > 0) {
      rb.warning(firstLine, null, 'no_flow', `${missing} sample day(s) (${[...areas].sort().join(', ')}) have no flow yet, so loads cannot be computed for them: upload the flow file from the treatment plant.`);
    }
  }
}
