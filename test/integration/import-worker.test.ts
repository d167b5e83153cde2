/**
 * A large lab file's rows are read on a worker thread and replayed on the importer's (issue 15).
 * Whatever the file, the outcome must be the one of reading on the importer's own thread: the same
 * report (counts, issues in order, with lines and columns), the same rows stored. Two databases
 * get the same sequence of files, one read here and one in the worker, and are compared; the
 * sequence holds what the replay must get right (issues between values, a sample's flow repeated
 * on its rows, flows and values that conflict within the file and with stored ones, replacement,
 * blank lines, a quoted cell over two lines, a wide file, a line too long).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/context.ts';
import { runImport, type ImportOutcome } from '../../server/import/importer.ts';
import { readLabRows, readLabRowsInWorker, type LabBlock, type LabRowsInput } from '../../server/import/lab-rows.ts';
import { labLayout } from '../../server/import/lab.ts';
import { readHeader } from '../../server/import/columns.ts';
import { Registry } from '../../server/import/lookup.ts';
import { ReportBuilder, type OnConflict } from '../../server/import/report.ts';
import { MAX_ROW_CHARS } from '../../server/import/rows.ts';
import { SAMPLES, testContext } from '../helpers.ts';

interface Side { ctx: AppContext; dir: string; org: number; userId: number }
const sides: Record<'here' | 'worker', Side> = {} as never;
let n = 0;

async function importOn(where: 'here' | 'worker', text: string, opts: { kind?: 'lab' | 'areas' | 'flow'; onConflict?: OnConflict } = {}): Promise<ImportOutcome> {
  const s = sides[where];
  const file = path.join(s.dir, `upload-${n++}.csv`);
  fs.writeFileSync(file, text);
  return runImport(s.ctx, { filePath: file, fileName: 'lab.csv', ...opts, readRowsOn: where, organisationId: s.org, organisationIds: [s.org], actor: { userId: s.userId, email: 'test@example.se' } });
}

/** Imports the file on both sides; returns the worker side's outcome after checking it equals the other. */
async function both(text: string, opts: { kind?: 'lab' | 'areas' | 'flow'; onConflict?: OnConflict } = {}): Promise<ImportOutcome> {
  const here = await importOn('here', text, opts);
  const worker = await importOn('worker', text, opts);
  expect(worker).toEqual(here);
  // Through Kysely: on PostgreSQL (the postgres project) the worker's blocks go to the COPY writer.
  const stored = async (s: Side) => ({
    measurements: await s.ctx.db.selectFrom('measurements').select(['area_id', 'substance_key', 'date', 'sample_start', 'sample_end', 'lab_sample_id', 'concentration_ng_l', 'censored',
      'loq_ng_l', 'original_text', 'original_unit', 'population', 'batch_id', 'source_row', 'active', 'superseded_by_batch_id']).orderBy('id').execute(),
    flows: await s.ctx.db.selectFrom('daily_flows').select(['area_id', 'date', 'flow_m3_per_day', 'original_text', 'original_unit', 'batch_id', 'source_row', 'active', 'superseded_by_batch_id']).orderBy('id').execute(),
  });
  expect(await stored(sides.worker)).toEqual(await stored(sides.here));
  return worker;
}

beforeAll(async () => {
  for (const where of ['here', 'worker'] as const) {
    const { ctx, dir } = await testContext();
    const u = await ctx.db.selectFrom('users').select(['id', 'organisation_id']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    sides[where] = { ctx, dir, org: u.organisation_id, userId: u.id };
    expect((await importOn(where, fs.readFileSync(path.join(SAMPLES, 'areas.csv'), 'utf8'), { kind: 'areas' })).outcome).toBe('committed');
    expect((await importOn(where, 'Provpunkt;Datum;Flöde (m3/d)\nEXS-ARV;2018-05-14;6224\n', { kind: 'flow' })).outcome).toBe('committed');
  }
});
afterAll(async () => {
  for (const s of Object.values(sides)) {
    await s.ctx.destroy();
    fs.rmSync(s.dir, { recursive: true, force: true });
  }
});

const HEADER = 'Provpunkt;Provtagning start;Provtagning slut;Labbets provnr;Analys;Halt;Enhet;Rapporteringsgräns;Flöde (m3/d);Anslutna';
const row = (day: number, substance: string, value: string, flow: string) => `EXS-ARV;2018-05-${day} 07:00;2018-05-${day + 1} 07:00;R${day};${substance};${value};ng/L;5,0;${flow};24000`;

describe('a lab file read on a worker thread', () => {
  it('gives the report and rows of reading here, for the sample files', async () => {
    for (const f of ['lab-long-sv.csv', 'lab-with-errors.csv', 'lab-wide-en.csv']) {
      const out = await both(fs.readFileSync(path.join(SAMPLES, f), 'utf8'));
      expect(out.report.counts.rows).toBeGreaterThan(0);
    }
  });

  it('replays issues, flows and conflicts in file order', async () => {
    const lines = [
      '', HEADER, '',
      row(14, 'Kokain', '402,2', '7000'), // conflicts with the stored flow of the 14th
      row(14, 'Amfetamin', '450,0', '7000'),
      row(20, 'Kokain', '100,0', '5000'),
      row(20, 'Kokain', '100,0', '5000'), // an exact repeat
      row(20, 'Amfetamin', 'x', '5000'), // not a number
      row(20, 'Okänt', '3,0', '5000'), // unknown substance
      row(21, 'Kokain', '<5', '5100'),
      row(21, 'MDMA', '40,1', '5200'), // the flow changes within the sample
      'EXS-ARV;2018-05-22 07:00;2018-05-23 07:00;"R\n22";Kokain;41,0;ng/L;5,0;5300;24000', // a quoted cell over two lines
      row(22, 'Kokain', '42,0', '5300'), // contradicts the line before
    ];
    const out = await both(lines.join('\r\n'));
    expect(out.outcome).toBe('rejected');
    // By hand from the lines above: the file's 10 data rows (the quoted cell's row counts once).
    expect(out.report.counts.rows).toBe(10);
    expect(out.report.issues.map((i) => [i.row, i.code])).toEqual([
      [4, 'conflict_existing'], [5, 'conflict_existing'], [7, 'duplicate_row'], [8, 'not_a_number'], [9, 'unknown_substance'],
      [11, 'conflicting_duplicate'], [14, 'conflicting_duplicate'],
    ]);
  });

  it('replaces stored values and flows as reading here does', async () => {
    const first = await both([HEADER, row(24, 'Kokain', '10,0', '6000'), row(24, 'MDMA', '11,0', '6000'), row(25, 'Kokain', '12,0', '6100')].join('\n'));
    expect(first.outcome).toBe('committed');
    const second = await both([HEADER, row(24, 'Kokain', '10,5', '6050'), row(24, 'MDMA', '11,0', '6050'), row(25, 'Kokain', '12,0', '6100')].join('\n'), { onConflict: 'replace' });
    expect(second.outcome).toBe('committed');
    expect(second.report.counts).toMatchObject({ rows: 3, accepted: 1, duplicates: 2 });
  });

  it('stops at a line too long with the rows before it reported, as here', async () => {
    const out = await both([HEADER, row(26, 'Kokain', 'y', '6000'), `${row(27, 'Kokain', '"1', '6000')}${'9'.repeat(MAX_ROW_CHARS)}`].join('\n'));
    expect(out.outcome).toBe('rejected');
    expect(out.report.issues.map((i) => [i.row, i.code])).toEqual([[2, 'not_a_number'], [3, 'line_too_long']]);
  });
});

describe('the reading thread', () => {
  it('sends the blocks that reading here makes, and stops when the importer stops', async () => {
    const s = sides.here;
    const file = path.join(s.dir, 'blocks.csv');
    const rows = Array.from({ length: 3000 }, (_, i) => row(10 + (i % 18), i % 2 ? 'Kokain' : 'MDMA', `${i},5`, String(5000 + i)));
    fs.writeFileSync(file, [HEADER, ...rows].join('\n'));
    const registry = await Registry.load(s.ctx.db, [s.org]);
    const rb = new ReportBuilder({ fileName: 'x', sha256: '', sizeBytes: 0, dryRun: true, onConflict: 'reject', kind: 'lab', format: { encoding: 'utf-8', delimiter: ';', decimalSeparator: ',', layout: null } });
    const input: LabRowsInput = { file, encoding: 'utf-8', delimiter: ';', headerLine: 1, layout: labLayout(readHeader(HEADER.split(';')), registry, rb)!, registry: registry.data, decimal: ',', slash: null };
    const collect = async (blocks: AsyncIterable<LabBlock>, stopAfter = Infinity) => {
      const out: LabBlock[] = [];
      for await (const b of blocks) {
        out.push(b);
        if (out.length >= stopAfter) break;
      }
      return out;
    };
    const here = await collect(readLabRows(input));
    const worker = await collect(readLabRowsInWorker(input));
    expect(here.reduce((k, b) => k + b.rows, 0)).toBe(3000);
    expect(worker).toEqual(here);
    // Stopping after the first block ends the worker (the generator's return terminates it).
    expect(await collect(readLabRowsInWorker(input), 1)).toHaveLength(1);
  });
});
