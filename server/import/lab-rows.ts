import { Worker } from 'node:worker_threads';
import type { Encoding } from './decode.ts';
import { decodedChunks } from './decode.ts';
import { LabRowReader, type LabLayout } from './lab.ts';
import { Registry, type RegistryData } from './lookup.ts';
import { collectGarbage, GC_EVERY_ROWS } from './memory.ts';
import { workerScript } from '../workers.ts';
import type { ImportIssue, IssueSink } from './report.ts';
import { csvRowBatches, isBlank, RowTooLongError } from './rows.ts';
import type { DecimalSeparator, SlashOrder } from './values.ts';
import type { FlowRow, MeasurementRow } from './writer.ts';

/**
 * The data rows of a lab file as LabRowReader read them, in file order, a block of rows at a time:
 * what the importer replays on its own thread (counts, flows, values to the writer, issues in
 * place). Typed arrays and string tables rather than one object per value, so that a block crosses
 * from the reading thread (import-worker.ts) as a few buffers instead of thousands of objects.
 *
 * Small files are read into the same blocks on the importer's thread (readLabRows): one path of
 * replay for both.
 */
export interface LabBlock {
  /** Data rows in this block (blank lines are no rows). */
  rows: number;
  /** Per row: its line, the issues the reader raised on it, its values, its rejected values, its flow (serial, -1: none). */
  line: Int32Array;
  issueCount: Int32Array;
  valueCount: Int32Array;
  rejected: Int32Array;
  flow: Int32Array;
  /** The reader's issues, in order (row by row, as issueCount says). */
  issues: ImportIssue[];
  /** Flows read for the first time in this block: serials firstFlow, firstFlow + 1, … */
  firstFlow: number;
  flows: FlowRow[];
  /** Values, column by column (strings as indexes into `strings`, -1: null; NaN: null). */
  values: number;
  area: Int32Array;
  substance: Int32Array;
  date: Int32Array;
  sampleStart: Int32Array;
  sampleEnd: Int32Array;
  labSampleId: Int32Array;
  unit: Int32Array;
  concentration: Float64Array;
  censored: Uint8Array;
  loq: Float64Array;
  population: Float64Array;
  valueRow: Int32Array;
  text: string[];
  strings: string[];
  /** The block's substance keys (`substance` indexes them). */
  substanceKeys: string[];
  /** Set on the last block when the reading stopped at a line too long (see RowTooLongError). */
  tooLong?: { line: number; limit: number };
}

/** What the reading of a lab file's data rows needs: all plain data (it crosses to a worker). */
export interface LabRowsInput {
  file: string;
  encoding: Encoding;
  delimiter: string;
  /** The header's line: rows up to and including it are skipped. */
  headerLine: number;
  layout: LabLayout;
  registry: RegistryData;
  decimal: DecimalSeparator;
  slash: SlashOrder;
}

/** An issue sink that keeps the issues for the block being made. */
class IssueRecorder implements IssueSink {
  issues: ImportIssue[] = [];
  error(row: number | null, column: string | null, code: string, message: string, extra: Partial<ImportIssue> = {}): void {
    this.issues.push({ row, column, severity: 'error', code, message, ...extra });
  }
  warning(row: number | null, column: string | null, code: string, message: string, extra: Partial<ImportIssue> = {}): void {
    this.issues.push({ row, column, severity: 'warning', code, message, ...extra });
  }
}

/** The typed-array columns of a block, per row and per value. */
const ROW_COLUMNS = ['line', 'issueCount', 'valueCount', 'rejected', 'flow'] as const;
const INT_VALUE_COLUMNS = ['area', 'substance', 'date', 'sampleStart', 'sampleEnd', 'labSampleId', 'unit', 'valueRow'] as const;
const FLOAT_VALUE_COLUMNS = ['concentration', 'loq', 'population'] as const;

/**
 * Fills one LabBlock from the reader's results, row by row, in working arrays kept from block to
 * block; `finish` copies them into one buffer of the block's size (one allocation and one transfer
 * per block, rather than seventeen).
 */
class BlockMaker {
  private b!: LabBlock;
  private stringIndex = new Map<string, number>();
  private substanceIndex = new Map<string, number>();
  private flowSerial = -1;
  private lastFlow: FlowRow | null = null;

  constructor(private maxValuesPerRow: number) {}

  start(rows: number): void {
    const n = rows;
    const v = rows * this.maxValuesPerRow;
    this.stringIndex.clear();
    this.substanceIndex.clear();
    const prev = this.b;
    const ints = (a: Int32Array | undefined, len: number) => (a && a.length >= len ? a : new Int32Array(len));
    const floats = (a: Float64Array | undefined, len: number) => (a && a.length >= len ? a : new Float64Array(len));
    this.b = {
      rows: 0, line: ints(prev?.line, n), issueCount: ints(prev?.issueCount, n), valueCount: ints(prev?.valueCount, n), rejected: ints(prev?.rejected, n), flow: ints(prev?.flow, n),
      issues: [], firstFlow: this.flowSerial + 1, flows: [],
      values: 0, area: ints(prev?.area, v), substance: ints(prev?.substance, v), date: ints(prev?.date, v), sampleStart: ints(prev?.sampleStart, v), sampleEnd: ints(prev?.sampleEnd, v),
      labSampleId: ints(prev?.labSampleId, v), unit: ints(prev?.unit, v), concentration: floats(prev?.concentration, v),
      censored: prev && prev.censored.length >= v ? prev.censored : new Uint8Array(v), loq: floats(prev?.loq, v),
      population: floats(prev?.population, v), valueRow: ints(prev?.valueRow, v), text: [], strings: [], substanceKeys: [],
    };
  }

  /** The index of `s` in `list` (added on first sight); -1 for null. */
  private static intern(index: Map<string, number>, list: string[], s: string | null): number {
    if (s === null) return -1;
    let i = index.get(s);
    if (i === undefined) {
      i = list.length;
      list.push(s);
      index.set(s, i);
    }
    return i;
  }

  private str(s: string | null): number {
    return BlockMaker.intern(this.stringIndex, this.b.strings, s);
  }

  add(line: number, issues: ImportIssue[], values: MeasurementRow[], rejected: number, flow: FlowRow | null): void {
    const b = this.b;
    const r = b.rows++;
    b.line[r] = line;
    b.issueCount[r] = issues.length;
    for (const i of issues) b.issues.push(i);
    b.valueCount[r] = values.length;
    b.rejected[r] = rejected;
    if (flow === null) b.flow[r] = -1;
    else {
      if (flow !== this.lastFlow) {
        this.lastFlow = flow;
        this.flowSerial += 1;
        b.flows.push(flow);
      }
      b.flow[r] = this.flowSerial;
    }
    for (const m of values) {
      const k = b.values++;
      b.area[k] = m.areaId;
      b.substance[k] = BlockMaker.intern(this.substanceIndex, this.b.substanceKeys, m.substanceKey);
      b.date[k] = this.str(m.date);
      b.sampleStart[k] = this.str(m.sampleStart);
      b.sampleEnd[k] = this.str(m.sampleEnd);
      b.labSampleId[k] = this.str(m.labSampleId);
      b.unit[k] = this.str(m.originalUnit);
      b.concentration[k] = m.concentrationNgL ?? NaN;
      b.censored[k] = m.censored ? 1 : 0;
      b.loq[k] = m.loqNgL ?? NaN;
      b.population[k] = m.population ?? NaN;
      b.valueRow[k] = m.row;
      b.text.push(m.originalText);
    }
  }

  /** The block made: its columns copied, at their length, into one new buffer (the working arrays stay here). */
  finish(): LabBlock {
    const b = this.b;
    const n = b.rows;
    const v = b.values;
    const buffer = new ArrayBuffer(8 * v * FLOAT_VALUE_COLUMNS.length + 4 * (n * ROW_COLUMNS.length + v * INT_VALUE_COLUMNS.length) + v);
    let at = 0;
    const out: LabBlock = { ...b };
    for (const c of FLOAT_VALUE_COLUMNS) {
      (out[c] = new Float64Array(buffer, at, v)).set(b[c].subarray(0, v));
      at += 8 * v;
    }
    for (const c of ROW_COLUMNS) {
      (out[c] = new Int32Array(buffer, at, n)).set(b[c].subarray(0, n));
      at += 4 * n;
    }
    for (const c of INT_VALUE_COLUMNS) {
      (out[c] = new Int32Array(buffer, at, v)).set(b[c].subarray(0, v));
      at += 4 * v;
    }
    (out.censored = new Uint8Array(buffer, at, v)).set(b.censored.subarray(0, v));
    return out;
  }
}

/**
 * Reads the data rows of a lab file (after its header) into blocks, on whichever thread runs it.
 * A line too long ends the reading with a last block that says so (its rows before it included).
 * On the importer's thread pass its `registry` (`input.registry` is what a worker builds its own
 * from) and `collect`: a full garbage collection every GC_EVERY_ROWS rows (see memory.ts), since
 * that heap also holds the writer's work.
 */
export async function* readLabRows(input: LabRowsInput, here?: { registry: Registry; collect: boolean }): AsyncGenerator<LabBlock> {
  const registry = here?.registry ?? new Registry(input.registry);
  const collect = here?.collect ?? false;
  const sink = new IssueRecorder();
  const reader = new LabRowReader(input.layout, registry, sink, input.decimal, input.slash);
  const maker = new BlockMaker(input.layout.layout === 'long' ? 1 : Math.max(1, input.layout.substanceColumns.length));
  let rowsSinceGc = 0;
  try {
    for await (const batch of csvRowBatches(decodedChunks(input.file, input.encoding), input.delimiter)) {
      rowsSinceGc += batch.length;
      if (collect && rowsSinceGc >= GC_EVERY_ROWS) {
        rowsSinceGc = 0;
        collectGarbage();
      }
      maker.start(batch.length);
      for (const { line, cells } of batch) {
        if (line <= input.headerLine || isBlank(cells)) continue;
        const r = reader.read(cells, line);
        maker.add(line, sink.issues, r.values, r.rejected, r.flow);
        sink.issues = [];
      }
      const block = maker.finish();
      if (block.rows > 0) yield block;
    }
  } catch (e) {
    if (!(e instanceof RowTooLongError)) throw e;
    maker.start(0);
    yield { ...maker.finish(), tooLong: { line: e.line, limit: e.limit } };
  }
}

/** Files from this size on are read on a worker thread (below, a worker's start costs more than it saves). */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;

/**
 * The reading thread's young generation (MB). Its garbage is a block's cells and strings, dead
 * within the block. V8's default lets the nursery grow to 3 × 16 MB, which costs peak RSS for
 * nothing; too small a nursery promotes blocks still in use and its collections take 40 % of the
 * thread. National bench file with flow and population, two runs each beside `sqlite3 .import`
 * on a noisy machine: 4 MB 1.57–1.91×, 8 MB 1.30–1.49×, 16 MB 1.57–1.65×; peak RSS 184–187,
 * 190–195 and 198–203 MB.
 */
const WORKER_YOUNG_MB = 8;

/**
 * Blocks the worker may have sent ahead of the importer; bounds the memory between the two (32
 * held more on the importer's heap for no measurable gain in time).
 */
const BLOCKS_AHEAD = 8;

/**
 * The same blocks, read on a worker thread (server/import-worker.ts) while this thread writes:
 * decoding, CSV parsing and reading the cells take the second core. The worker stays at most
 * BLOCKS_AHEAD blocks ahead (each block received is acknowledged), and is stopped when the
 * consumer stops early.
 */
export async function* readLabRowsInWorker(input: LabRowsInput): AsyncGenerator<LabBlock> {
  const { file, entry } = workerScript('import-worker');
  const worker = new Worker(file, { workerData: { entry, input, blocksAhead: BLOCKS_AHEAD }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
  type Message = LabBlock | { done: true } | { error: Error } | { exited: number };
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  const push = (m: Message) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', (m: LabBlock | { done: true } | { failed: { message: string; stack?: string } }) => {
    if ('failed' in m) push({ error: Object.assign(new Error(`reading the lab file failed: ${m.failed.message}`), { stack: m.failed.stack }) });
    else push(m);
  });
  worker.on('error', (e) => push({ error: e }));
  // Every message the worker sent is delivered before its exit: an exit before `done` is a failure, never a shorter file.
  worker.on('exit', (code) => push({ exited: code }));
  try {
    for (;;) {
      if (queue.length === 0) await new Promise<void>((resolve) => { wake = resolve; });
      const m = queue.shift()!;
      if ('error' in m) throw m.error;
      if ('exited' in m) throw new Error(`the import's reading thread stopped before the end of the file (exit code ${m.exited})`);
      if ('done' in m) return;
      worker.postMessage('ack');
      yield m;
    }
  } finally {
    await worker.terminate();
  }
}

/**
 * The importer's side: the blocks again as the reader's results, row by row. `row` is called for
 * each data row, after `issue` for each issue the reader raised on it; the row's values and flow
 * are rebuilt as the reader made them (a flow repeated on a sample's rows is the same object).
 */
export class LabRowReplay {
  private flowSerial = -1;
  private flow: FlowRow | null = null;

  constructor(private on: {
    issue(issue: ImportIssue): void;
    row(line: number, values: MeasurementRow[], rejected: number, flow: FlowRow | null): void;
  }) {}

  replay(b: LabBlock): void {
    let issue = 0;
    let v = 0;
    const { strings: s, substanceKeys } = b;
    for (let r = 0; r < b.rows; r++) {
      for (let k = 0; k < b.issueCount[r]; k++) this.on.issue(b.issues[issue++]);
      const n = b.valueCount[r];
      const values = new Array<MeasurementRow>(n);
      for (let k = 0; k < n; k++, v++) {
        const censored = b.censored[v] === 1;
        const loq = b.loq[v];
        const population = b.population[v];
        values[k] = {
          areaId: b.area[v], substanceKey: substanceKeys[b.substance[v]], date: s[b.date[v]],
          sampleStart: b.sampleStart[v] < 0 ? null : s[b.sampleStart[v]], sampleEnd: b.sampleEnd[v] < 0 ? null : s[b.sampleEnd[v]],
          labSampleId: b.labSampleId[v] < 0 ? null : s[b.labSampleId[v]],
          concentrationNgL: censored ? null : b.concentration[v], censored, loqNgL: Number.isNaN(loq) ? null : loq,
          originalText: b.text[v], originalUnit: b.unit[v] < 0 ? null : s[b.unit[v]], population: Number.isNaN(population) ? null : population, row: b.valueRow[v],
        };
      }
      const serial = b.flow[r];
      if (serial >= 0 && serial !== this.flowSerial) {
        this.flowSerial = serial;
        this.flow = b.flows[serial - b.firstFlow];
      }
      this.on.row(b.line[r], values, b.rejected[r], serial >= 0 ? this.flow : null);
    }
  }
}
