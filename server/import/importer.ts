import fs from 'node:fs';
import type { AppContext } from '../context.ts';
import { readAreaRow, areaLayout, writeAreas, type AreaRow } from './areas.ts';
import { detectKind, duplicateHeader, readHeader, type ImportKind } from './columns.ts';
import { decodedChunks, inspectFile, sniffDelimiter, type FileFacts } from './decode.ts';
import { flowLayout, readFlowRow } from './flow.ts';
import { keepOriginal } from './files.ts';
import { labLayout, type LabLayout } from './lab.ts';
import { LabRowReplay, readLabRows, readLabRowsInWorker, WORKER_MIN_BYTES, type LabRowsInput } from './lab-rows.ts';
import { Registry } from './lookup.ts';
import { LabChecks } from './checks.ts';
import { ReportBuilder, type ImportReport, type OnConflict } from './report.ts';
import { csvRowBatches, isBlank, RowTooLongError } from './rows.ts';
import { looksLikeDecimalComma, slashEvidence, type DecimalSeparator, type SlashOrder } from './values.ts';
import { VALUES_PER_INSERT, type FlowRow, type MeasurementRow, type WriteOutcome } from './writer.ts';
import { withImportTransaction, type ImportTx } from './transaction.ts';
import { importReference } from './reference.ts';
import { bumpDataVersion } from '../db/repositories/data-version.repository.ts';
import { insertAudit } from '../db/repositories/audit.repository.ts';
import { noteDataVersion } from '../usecases/cache.ts';
import { collectGarbage, GC_EVERY_ROWS } from './memory.ts';

export interface ImportRequest {
  /** The uploaded bytes on disk (a temp file under DATA_DIR; moved to originals on commit). */
  filePath: string;
  fileName: string;
  kind?: ImportKind;
  dryRun?: boolean;
  onConflict?: OnConflict;
  organisationId: number;
  organisationIds: number[];
  actor: { userId: number | null; email: string };
  /** EUDA reference values are shared by every organisation: only the instance admin imports them. */
  mayImportReference?: boolean;
  /** Where a lab file's rows are read: on a worker thread or on this one (default: by the file's size, see WORKER_MIN_BYTES). */
  readRowsOn?: 'worker' | 'here';
}

/**
 * How an import ended: `committed`, a `dry_run` (written nothing, whatever the report says),
 * `rejected` (errors: nothing written), `already_imported` (the same file is in a committed
 * batch) or `busy` (another process was writing).
 */
export type ImportOutcome =
  | { outcome: 'committed'; report: ImportReport; /** The stored data version after the commit. */ dataVersion: number }
  | { outcome: 'dry_run' | 'rejected' | 'busy'; report: ImportReport }
  | { outcome: 'already_imported'; report: ImportReport; existingBatchId: number };

/**
 * Values of a lab file held back and handed to the writer at once: a multiple of the SQLite
 * writer's VALUES_PER_INSERT, small enough that the held rows die young.
 */
const VALUES_PER_WRITE = 16 * VALUES_PER_INSERT;

const UNREADABLE: Record<string, string> = {
  'zip/xlsx': 'This is an Excel workbook (.xlsx) or a zip archive, not a CSV file. In Excel choose Arkiv → Spara som → "CSV UTF-8 (kommaavgränsad)" and upload that file.',
  xls: 'This is an old Excel workbook (.xls), not a CSV file. In Excel choose Arkiv → Spara som → "CSV UTF-8" and upload that file.',
  pdf: 'This is a PDF. Ask the lab for the results as a CSV file, or save them from Excel as CSV.',
  gzip: 'This is a compressed file. Unpack it and upload the CSV file inside.',
  binary: 'This is not a text file. Save the results as CSV (UTF-8) and upload that file.',
};

/** A sample of the start of the file, to sniff delimiter, decimal separator and date order. */
async function sampleText(file: string, facts: FileFacts, maxChars = 256 * 1024): Promise<string> {
  let text = '';
  for await (const s of decodedChunks(file, facts.encoding)) {
    text += s;
    if (text.length >= maxChars) break;
  }
  return text.replace(/^\ufeff/, '');
}

function sniffDecimal(sample: string, delimiter: string): DecimalSeparator {
  if (delimiter === ',') return '.';
  const lines = sample.split(/\r?\n/).slice(1, 500);
  for (const l of lines) for (const c of l.split(delimiter)) if (looksLikeDecimalComma(c.replace(/^"|"$/g, ''))) return ',';
  return '.';
}

async function sniffSlashOrder(file: string, facts: FileFacts, delimiter: string, sample: string): Promise<SlashOrder> {
  if (!/\d{1,2}\/\d{1,2}\/\d{4}/.test(sample)) return null;
  try {
    for await (const batch of csvRowBatches(decodedChunks(file, facts.encoding), delimiter)) {
      for (const r of batch) for (const c of r.cells) {
        const e = slashEvidence(c);
        if (e) return e;
      }
    }
  } catch (e) {
    if (!(e instanceof RowTooLongError)) throw e; // reported by the reading proper
  }
  return null;
}

function emptyReport(req: ImportRequest, facts: FileFacts, kind: ImportKind | null): ReportBuilder {
  return new ReportBuilder({
    fileName: req.fileName, sha256: facts.sha256, sizeBytes: facts.sizeBytes, dryRun: Boolean(req.dryRun), onConflict: req.onConflict ?? 'reject',
    kind, format: { encoding: facts.encoding, delimiter: ',', decimalSeparator: '.', layout: null },
  });
}

/**
 * The one import use case (web page, API and CLI): reads the stored upload, validates every
 * row, and writes all of it in one transaction, or nothing. A dry run reports and writes nothing.
 */
export async function runImport(ctx: AppContext, req: ImportRequest): Promise<ImportOutcome> {
  return ctx.importLock.run(() => runImportLocked(ctx, req));
}

async function runImportLocked(ctx: AppContext, req: ImportRequest): Promise<ImportOutcome> {
  const facts = await inspectFile(req.filePath);
  const onConflict = req.onConflict ?? 'reject';
  if (facts.binaryKind || facts.sizeBytes === 0) {
    const rb = emptyReport(req, facts, req.kind ?? null);
    rb.error(null, null, 'unreadable_file', facts.sizeBytes === 0 ? 'The file is empty.' : UNREADABLE[facts.binaryKind!]);
    return { outcome: 'rejected', report: rb.finish() };
  }
  const sample = await sampleText(req.filePath, facts);
  const firstLine = sample.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const delimiter = sniffDelimiter(firstLine);
  const decimal = sniffDecimal(sample, delimiter);
  const slash = await sniffSlashOrder(req.filePath, facts, delimiter, sample);
  // A dry run only reads, whatever the file (SQLite: a read snapshot, no write lock; import/dry-run.ts).
  const readOnly = Boolean(req.dryRun);

  const outcome = await withImportTransaction(ctx, [req.organisationId, ...req.organisationIds], async (tx): Promise<{ commit: boolean; result: ImportOutcome }> => {
    const { db } = tx;
    // Inside the transaction (after the lock on PostgreSQL): two instances importing the same file
    // at once see each other's commit here, and the second is told, not doubled.
    const earlier = await db.selectFrom('import_batches').select(['id', 'file_name', 'created_at'])
      .where('organisation_id', '=', req.organisationId).where('sha256', '=', facts.sha256).where('status', '=', 'committed')
      .executeTakeFirst();
    if (earlier) {
      const rb = emptyReport(req, facts, req.kind ?? null);
      rb.error(null, null, 'already_imported', `This exact file was already imported as batch ${earlier.id} ("${earlier.file_name}", ${earlier.created_at.slice(0, 16).replace('T', ' ')} UTC). Retract that batch first if you want to import it again.`);
      return { commit: false, result: { outcome: 'already_imported', report: rb.finish(), existingBatchId: earlier.id } };
    }
    const registry = await Registry.load(db, req.organisationIds);
    const now = new Date().toISOString();
    const batchId = tx.readOnly ? DRY_RUN_BATCH_ID : (await db.insertInto('import_batches').values({
      organisation_id: req.organisationId, kind: req.kind ?? 'lab', file_name: req.fileName, size_bytes: facts.sizeBytes, sha256: facts.sha256,
      file_path: '', user_id: req.actor.userId, actor: req.actor.email, created_at: now, status: 'committed', on_conflict: onConflict, accepted: 0, report_json: '{}',
    }).returning('id').executeTakeFirstOrThrow()).id;

    const rb = emptyReport(req, facts, null);
    rb.report.format = { encoding: facts.encoding, delimiter, decimalSeparator: decimal, layout: null };
    let found: ReadFindings = { newFlows: 0, existingBatches: new Set() };
    try {
      found = await readAndWrite(ctx, tx, req, facts, registry, rb, batchId, { delimiter, decimal, slash, onConflict });
    } catch (e) {
      if (!(e instanceof RowTooLongError)) throw e;
      rb.error(e.line, null, e.code, e.message);
    }
    adviseAreasFirst(rb, registry);
    refuseEmpty(rb, found);
    const report = rb.finish();
    report.wouldCommit = rb.errorCount === 0;

    if (rb.errorCount > 0 || req.dryRun) {
      return { commit: false, result: { outcome: req.dryRun ? 'dry_run' : 'rejected', report } };
    }
    report.id = batchId;
    report.committed = true;
    const filePath = keepOriginal(ctx.config.dataDir, req.filePath, facts.sha256);
    await db.updateTable('import_batches').set({ kind: report.kind ?? 'lab', file_path: filePath, accepted: report.counts.accepted, report_json: JSON.stringify(report) })
      .where('id', '=', batchId).execute();
    await insertAudit(db, {
      organisationId: req.organisationId, userId: req.actor.userId, actor: req.actor.email, action: 'import', target: `batch:${batchId}`,
      details: { fileName: req.fileName, kind: report.kind, counts: report.counts, onConflict },
    }, now);
    const version = await bumpDataVersion(db);
    tx.verifyReferences(report.kind, batchId);
    return { commit: true, result: { outcome: 'committed', report, dataVersion: version } };
  }, { readOnly });
  if (outcome === 'busy') {
    const rb = emptyReport(req, facts, req.kind ?? null);
    rb.error(null, null, 'busy', 'Another import is being written right now (perhaps from the command line). Try again in a minute.');
    return { outcome: 'busy', report: rb.finish() };
  }
  if (outcome.outcome === 'committed') noteDataVersion(ctx, outcome.dataVersion); // this process's caches drop at once
  return outcome;
}

/** The batch id a read-only dry run gives its rows (no import_batches row is written). */
const DRY_RUN_BATCH_ID = 0;

interface ReadOptions { delimiter: string; decimal: DecimalSeparator; slash: SlashOrder; onConflict: OnConflict }

/** What a read found beyond the report's counts: whether anything new would be written, and where the rest already is. */
interface ReadFindings { newFlows: number; existingBatches: Set<number> }

/**
 * A lab or flow file uploaded before any area exists fails on every line with `unknown_area`; the
 * one thing to do comes first, as one message.
 */
function adviseAreasFirst(rb: ReportBuilder, registry: Registry): void {
  if (registry.areasById.size > 0 || (rb.report.kind !== 'lab' && rb.report.kind !== 'flow')) return;
  const unknown = rb.report.issues.filter((i) => i.code === 'unknown_area').length;
  if (unknown === 0) return;
  // First in the list, even when the list is full.
  rb.errorCount += 1;
  rb.report.issues.unshift({ row: null, column: null, severity: 'error', code: 'no_areas',
    message: 'No areas are registered yet, so no sampling point in this file is known. Upload the area file first (columns code, name, population), then this file again.' });
}

/**
 * A file without data lines, or one whose every value is already stored, would leave an empty
 * batch behind: both are refused (`no_data`, `nothing_new` naming the batches that hold the values).
 */
function refuseEmpty(rb: ReportBuilder, found: ReadFindings): void {
  const kind = rb.report.kind;
  if (rb.errorCount > 0 || !kind || kind === 'reference') return;
  const c = rb.report.counts;
  if (c.rows === 0) {
    rb.error(null, null, 'no_data', 'The file has a header line but no data lines: there is nothing to import.');
    return;
  }
  if (kind === 'areas' || c.accepted > 0 || found.newFlows > 0) return;
  const batches = [...found.existingBatches].sort((a, b) => a - b);
  rb.error(null, null, 'nothing_new', batches.length
    ? `Every value in the file is already stored (batch ${batches.join(', ')}); nothing new to import.`
    : 'Nothing in the file would be stored; nothing new to import.', { batches });
}

async function readAndWrite(
  ctx: AppContext, tx: ImportTx, req: ImportRequest, facts: FileFacts, registry: Registry, rb: ReportBuilder, batchId: number, o: ReadOptions,
): Promise<ReadFindings> {
  const { db } = tx;
  const found: ReadFindings = { newFlows: 0, existingBatches: new Set() };
  if (req.kind === 'reference' || (!req.kind && /^\ufeff?year[,;\t]metabolite/i.test((await sampleText(req.filePath, facts, 200)).trim()))) {
    rb.report.kind = 'reference';
    rb.report.format.layout = 'table';
    if (!req.mayImportReference) {
      rb.error(null, null, 'not_allowed', 'EUDA reference values are shared by every organisation; only the instance administrator imports them.');
      return found;
    }
    await importReference(db, req, facts, rb, batchId, { write: !tx.readOnly });
    return found;
  }
  const writer = await tx.writer(batchId, o.onConflict, [...registry.areasById.keys()]);
  const checks = await LabChecks.load(db, req.organisationIds, registry);
  let header: ReturnType<typeof readHeader> | null = null;
  let handle: ((cells: string[], line: number) => void) | null = null;
  const areaRows: AreaRow[] = [];
  let parentHeader: string | null = null;
  let codeHeader = 'code';
  /** Writes the values a lab file's rows hold back (see VALUES_PER_WRITE). */
  let flushValues = () => {};

  const count = (outcome: WriteOutcome, line: number, what: string, column: string | null, isFlow: boolean) => {
    const c = rb.report.counts;
    switch (outcome.kind) {
      case 'accepted':
        if (!isFlow) c.accepted += 1;
        return true;
      case 'duplicate_in_file':
        if (!isFlow) {
          c.duplicates += 1;
          rb.warning(line, null, 'duplicate_row', `Line ${line} repeats line ${outcome.otherRow} exactly (${what}); it is kept once.`);
        }
        return false;
      case 'conflict_in_file':
        if (!isFlow) c.rejected += 1;
        rb.error(line, column, 'conflicting_duplicate', `Line ${line} and line ${outcome.otherRow} give different values for ${what} ("${outcome.other}" on line ${outcome.otherRow}). Keep only the right one.`);
        return false;
      case 'duplicate_existing':
        found.existingBatches.add(outcome.batchId);
        if (!isFlow) c.duplicates += 1;
        checks.existingDuplicate(line, isFlow);
        return false;
      case 'conflict_existing':
        if (outcome.action === 'reject') {
          if (!isFlow) c.rejected += 1;
          rb.error(line, column, 'conflict_existing', `${what} already has the value "${outcome.other}" from batch ${outcome.batchId}. Choose "replace" to supersede it (the old value is kept in history) or "skip" to keep it.`);
          return false;
        }
        if (outcome.action === 'skip') {
          found.existingBatches.add(outcome.batchId);
          if (!isFlow) c.rejected += 1;
          checks.skipped(line, what, outcome.batchId);
          return false;
        }
        if (!isFlow) c.accepted += 1;
        else found.newFlows += 1;
        checks.replaced(line, what, outcome.batchId);
        return true;
    }
  };

  /**
   * A lab file's data rows, read by LabRowReader into blocks (on a worker thread for a large file,
   * see lab-rows.ts) and replayed here in file order: the reader's issues, the counts, the
   * sample's flow once per sample, and the values to the writer VALUES_PER_WRITE at a time.
   */
  const replayLabRows = async (L: LabLayout, headerLine: number) => {
    const valueColumn = new Map(L.substanceColumns.map((s) => [s.key, s.col.header]));
    /** The flow this batch holds (written or an equal repeat), as read: its repeats need no writer call. */
    let heldFlow: FlowRow | null = null;
    const valueColumnOf = (v: MeasurementRow) => (L.layout === 'long' ? L.value!.header : valueColumn.get(v.substanceKey)!);
    // Values go to the writer VALUES_PER_WRITE at a time (multi-row INSERTs on SQLite); their
    // outcomes are then taken in file order, before any later issue (rb.beforeIssue) and at
    // the end: the report, its issue order and the checks are those of one value at a time.
    const writeValues = writer.insertValues ? (ms: MeasurementRow[]) => writer.insertValues!(ms) : (ms: MeasurementRow[]) => ms.map((m) => writer.insertValue(m));
    let pending: MeasurementRow[] = [];
    flushValues = () => {
      if (pending.length === 0) return;
      const values = pending;
      pending = [];
      const outcomes = writeValues(values);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        const outcome = outcomes[i];
        if (outcome.kind === 'accepted') {
          rb.report.counts.accepted += 1;
          checks.measurementWritten(v, valueColumnOf(v));
        } else if (count(outcome, v.row, `${registry.areasById.get(v.areaId)!.code}, ${v.substanceKey}, ${v.date}`, valueColumnOf(v), false)) {
          checks.measurementWritten(v, valueColumnOf(v));
        }
      }
    };
    rb.beforeIssue = flushValues;
    const replay = new LabRowReplay({
      issue: (issue) => rb.add(issue),
      row: (line, values, rejected, flow) => {
        rb.report.counts.rows += 1;
        rb.report.counts.values += values.length + rejected;
        rb.report.counts.rejected += rejected;
        // A sample's flow repeated on each of its rows is a silent in-file duplicate once this
        // batch holds it: the reader hands the repeat over as the same object, and the writer is
        // asked once per sample, not once per row.
        if (flow && flow !== heldFlow) {
          const f = flow.row === line ? flow : { ...flow, row: line };
          const outcome = writer.insertFlow(f);
          if (outcome.kind === 'accepted') { checks.flowWritten(); found.newFlows += 1; heldFlow = flow; }
          else if (outcome.kind === 'duplicate_in_file') heldFlow = flow;
          else {
            const what = `the flow of ${registry.areasById.get(f.areaId)!.code} on ${f.date}`;
            // true: written (replacing a stored flow), so a repeat is again a duplicate in the file
            if (count(outcome, line, what, L.flow!.header, true)) { checks.flowWritten(); heldFlow = flow; }
          }
        }
        for (const v of values) {
          if (v.censored) rb.report.counts.censored += 1;
          rb.noteValue(registry.areasById.get(v.areaId)!.code, v.substanceKey, v.date);
          pending.push(v);
        }
        if (pending.length >= VALUES_PER_WRITE) flushValues();
      },
    });
    const input: LabRowsInput = { file: req.filePath, encoding: facts.encoding, delimiter: o.delimiter, headerLine, layout: L, registry: registry.data, decimal: o.decimal, slash: o.slash };
    const inWorker = req.readRowsOn ? req.readRowsOn === 'worker' : facts.sizeBytes >= WORKER_MIN_BYTES;
    let rows = 0;
    for await (const block of inWorker ? readLabRowsInWorker(input) : readLabRows(input, { registry, collect: true })) {
      replay.replay(block);
      if (block.tooLong) throw new RowTooLongError(block.tooLong.line, block.tooLong.limit);
      // The reading thread collects its own garbage; this thread's (the replayed rows) is collected here.
      rows += block.rows;
      if (inWorker && rows >= GC_EVERY_ROWS) {
        rows = 0;
        collectGarbage();
      }
    }
  };

  /** A lab file's layout and header line: its data rows are read by readLabRows (below the loop). */
  let lab: { L: LabLayout; headerLine: number } | null = null;
  let rowsSinceGc = 0;
  reading: for await (const batch of csvRowBatches(decodedChunks(req.filePath, facts.encoding), o.delimiter)) {
    rowsSinceGc += batch.length;
    if (rowsSinceGc >= GC_EVERY_ROWS) {
      rowsSinceGc = 0;
      collectGarbage();
    }
    for (const { line, cells } of batch) {
      if (isBlank(cells)) continue;
      if (!header) {
        header = readHeader(cells);
        const dup = duplicateHeader(header);
        if (dup) {
          rb.error(1, dup, 'duplicate_column', `The column "${dup}" appears more than once in the header; which one holds the values is ambiguous. Rename or remove one.`);
          return found;
        }
        const kind = req.kind ?? detectKind(header, (n) => registry.substance(n) != null);
        rb.report.kind = kind;
        if (!tx.readOnly) await db.updateTable('import_batches').set({ kind: kind ?? 'lab' }).where('id', '=', batchId).execute();
        if (!kind) {
          rb.error(1, null, 'missing_column', `Cannot tell what kind of file this is from its columns (${header.map((h) => h.header).join(', ')}). Expected a lab file (Provpunkt, Provtagning start, Analys, Halt, Enhet), a flow file (Provpunkt, Datum, Flöde) or an areas file (code, name, parent, population). Choose the kind explicitly if the columns are right.`);
          return found;
        }
        if (kind === 'lab') {
          const L = labLayout(header, registry, rb);
          if (!L) return found;
          rb.report.format.layout = L.layout;
          lab = { L, headerLine: line };
          break reading;
        }
        if (kind === 'flow') {
          const L = flowLayout(header, rb);
          if (!L) return found;
          rb.report.format.layout = 'long';
          handle = (cells, line) => {
            rb.report.counts.rows += 1;
            rb.report.counts.values += 1;
            const f = readFlowRow(L, cells, line, registry, rb, o.decimal, o.slash);
            if (!f) { rb.report.counts.rejected += 1; return; }
            const code = registry.areasById.get(f.areaId)!.code;
            rb.noteValue(code, null, f.date);
            const outcome = writer.insertFlow(f);
            const c = rb.report.counts;
            if (outcome.kind === 'duplicate_in_file') {
              c.duplicates += 1;
              rb.warning(line, null, 'duplicate_row', `Line ${line} repeats line ${outcome.otherRow} exactly; it is kept once.`);
            } else if (count(outcome, line, `the flow of ${code} on ${f.date}`, L.flow.header, false)) {
              checks.flowWritten();
            }
          };
        } else if (kind === 'areas') {
          const L = areaLayout(header, rb);
          if (!L) return found;
          rb.report.format.layout = 'table';
          parentHeader = L.parent?.header ?? null;
          codeHeader = L.code.header;
          handle = (cells, line) => {
            rb.report.counts.rows += 1;
            rb.report.counts.values += 1;
            const r = readAreaRow(L, cells, line, rb, o.decimal);
            if (r) areaRows.push(r);
            else rb.report.counts.rejected += 1;
          };
        } else {
          rb.error(1, null, 'missing_column', 'This looks like an EUDA reference file but could not be read as one.');
          return found;
        }
        continue;
      }
      handle!(cells, line);
    }
  }
  if (!header) {
    rb.error(null, null, 'unreadable_file', 'The file has no header line.');
    return found;
  }
  if (rb.report.kind === 'areas') {
    const [changed, unchanged] = await writeAreas(db, req.organisationId, areaRows, parentHeader, rb, codeHeader, { write: !tx.readOnly });
    rb.report.counts.accepted = changed;
    rb.report.counts.duplicates = unchanged;
    for (const r of areaRows) rb.noteValue(r.code, null, '');
    rb.report.period = { from: null, to: null };
    if (changed === 0 && rb.errorCount === 0) rb.warning(null, null, 'duplicate_existing', 'Every area in the file is already registered exactly like this; nothing changed.');
    return found;
  }
  if (lab) await replayLabRows(lab.L, lab.headerLine);
  flushValues();
  // The read's garbage goes before the checks read the flows back, so their peak does not stack on it.
  collectGarbage();
  await tx.flush();
  await checks.finish(db, rb, batchId);
  void ctx;
  return found;
}
