/**
 * Lab files repeat a sample's flow on each of its substance rows; the importer asks the writer
 * once per sample while the repeats are silent duplicates (issue 15). These cases pin down that
 * a repeat still counts when it is not: each row repeating a flow that conflicts with a stored
 * one is an error of its own line, a changed flow within a sample is a conflict naming the first
 * line, and a replaced flow is written once. Expected values by hand from the files below.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/context.ts';
import { runImport, type ImportOutcome } from '../../server/import/importer.ts';
import type { OnConflict } from '../../server/import/report.ts';
import { SAMPLES, testContext } from '../helpers.ts';

let ctx: AppContext;
let dir: string;
let org: number;
let userId: number;
let n = 0;

async function importText(text: string, opts: { kind?: 'lab' | 'areas' | 'flow'; onConflict?: OnConflict } = {}): Promise<ImportOutcome> {
  const file = path.join(dir, `upload-${n++}.csv`);
  fs.writeFileSync(file, text);
  return runImport(ctx, { filePath: file, fileName: path.basename(file), ...opts, organisationId: org, organisationIds: [org], actor: { userId, email: 'test@example.se' } });
}

const HEADER = 'Provpunkt;Provtagning start;Provtagning slut;Labbets provnr;Analys;Halt;Enhet;Rapporteringsgräns;Flöde (m3/d);Anslutna';
const row = (day: number, substance: string, flow: string) => `EXS-ARV;2020-09-${day} 07:00;2020-09-${day + 1} 07:00;R1;${substance};402,2;ng/L;5,0;${flow};24000`;
const flowsOf = (date: string) => ctx.sqlite.prepare(
  `select f.flow_m3_per_day as flow, f.active, f.source_row as row, f.batch_id as batch from daily_flows f join areas a on a.id = f.area_id where a.code = 'EXS-ARV' and f.date = ? order by f.id`,
).all(date) as { flow: number; active: number; row: number; batch: number }[];

beforeAll(async () => {
  ({ ctx, dir } = await testContext());
  const u = ctx.sqlite.prepare('select id, organisation_id from users order by id limit 1').get() as { id: number; organisation_id: number };
  userId = u.id;
  org = u.organisation_id;
  expect((await importText(fs.readFileSync(path.join(SAMPLES, 'areas.csv'), 'utf8'), { kind: 'areas' })).outcome).toBe('committed');
  expect((await importText('Provpunkt;Datum;Flöde (m3/d)\nEXS-ARV;2020-09-14;6224\n', { kind: 'flow' })).outcome).toBe('committed');
});
afterAll(async () => {
  await ctx.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a sample flow repeated on each substance row', () => {
  it('refuses each row that repeats a flow differing from the stored one (reject)', async () => {
    const out = await importText([HEADER, row(14, 'Kokain', '7000'), row(14, 'Amfetamin', '7000'), row(14, 'MDMA', '7000')].join('\n'));
    expect(out.outcome).toBe('rejected');
    const conflicts = out.report.issues.filter((i) => i.code === 'conflict_existing');
    expect(conflicts.map((i) => [i.row, i.column])).toEqual([[2, 'Flöde (m3/d)'], [3, 'Flöde (m3/d)'], [4, 'Flöde (m3/d)']]);
    expect(flowsOf('2020-09-14')).toHaveLength(1);
  });

  it('names the first line when the flow changes within a sample', async () => {
    const out = await importText([HEADER, row(16, 'Kokain', '7000'), row(16, 'Amfetamin', '7000'), row(16, 'MDMA', '7100')].join('\n'));
    expect(out.outcome).toBe('rejected');
    const errors = out.report.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.row, i.code])).toEqual([[4, 'conflicting_duplicate']]);
    expect(errors[0].message).toContain('line 2');
    expect(flowsOf('2020-09-16')).toHaveLength(0);
  });

  it('replaces the stored flow once and counts the repeats as nothing (replace)', async () => {
    const out = await importText([HEADER, row(14, 'Kokain', '7000'), row(14, 'Amfetamin', '7000'), row(14, 'MDMA', '7000')].join('\n'), { onConflict: 'replace' });
    expect(out.outcome).toBe('committed');
    expect(out.report.counts).toMatchObject({ rows: 3, values: 3, accepted: 3, duplicates: 0, rejected: 0 });
    expect(out.report.issues.filter((i) => i.code === 'conflict_existing').map((i) => i.message)).toEqual([expect.stringContaining('1 value(s) replace')]);
    const flows = flowsOf('2020-09-14');
    expect(flows.map((f) => [f.flow, f.active, f.row])).toEqual([[6224, 0, 2], [7000, 1, 2]]);
    expect(flows[1].batch).toBe(out.report.id);
  });
});
