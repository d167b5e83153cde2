/**
 * The import's connection runs without per-row foreign-key checks (server/import/importer.ts):
 * every area and substance a row refers to comes from the registry, read inside the write
 * transaction, and the distinct references are checked once before commit. These tests show
 * that a row naming an unknown area or substance is still never written, also when the registry
 * itself is fed a dangling alias (possible only with foreign keys off: inserted so here).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/context.ts';
import { runImport, type ImportOutcome } from '../../server/import/importer.ts';
import { SAMPLES, testContext } from '../helpers.ts';

let ctx: AppContext;
let dir: string;
let org: number;
let userId: number;
let n = 0;

async function importText(text: string, kind?: 'lab' | 'areas'): Promise<ImportOutcome> {
  const file = path.join(dir, `upload-${n++}.csv`);
  fs.writeFileSync(file, text);
  return runImport(ctx, { filePath: file, fileName: path.basename(file), kind, organisationId: org, organisationIds: [org], actor: { userId, email: 'test@example.se' } });
}

const HEADER = 'Provpunkt;Provtagning start;Provtagning slut;Labbets provnr;Analys;Halt;Enhet;Rapporteringsgräns;Flöde (m3/d);Anslutna';
const line = (area: string, substance: string, day = 14, value = '402,2') => `${area};2020-09-${day} 07:00;2020-09-${day + 1} 07:00;R1;${substance};${value};ng/L;5,0;6224;24000`;
const count = (table: string) => (ctx.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
const fkViolations = () => ctx.sqlite.prepare('pragma foreign_key_check').all();

beforeAll(async () => {
  ({ ctx, dir } = await testContext());
  const u = ctx.sqlite.prepare('select id, organisation_id from users order by id limit 1').get() as { id: number; organisation_id: number };
  userId = u.id;
  org = u.organisation_id;
  const areas = await importText(fs.readFileSync(path.join(SAMPLES, 'areas.csv'), 'utf8'), 'areas');
  expect(areas.outcome).toBe('committed');
});
afterAll(async () => {
  await ctx.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('import without per-row foreign-key checks', () => {
  it('rejects unknown areas and substances and writes nothing', async () => {
    const before = { m: count('measurements'), f: count('daily_flows') };
    const out = await importText([HEADER, line('EXS-ARV', 'Kokain'), line('NOWHERE-1', 'Kokain'), line('EXS-ARV', 'Unobtainium')].join('\n'));
    expect(out.outcome).toBe('rejected');
    expect(out.report.issues.map((i) => i.code).sort()).toEqual(['unknown_area', 'unknown_substance']);
    expect({ m: count('measurements'), f: count('daily_flows') }).toEqual(before);
    expect(ctx.sqlite.prepare(`select count(*) as n from measurements where substance_key not in (select key from substances) or area_id not in (select id from areas)`).get()).toEqual({ n: 0 });
  });

  it('never writes a substance the catalog does not have, even through a dangling alias', async () => {
    // Only possible with foreign keys off, as here on purpose: an alias for a substance that does not exist.
    ctx.sqlite.pragma('foreign_keys = OFF');
    ctx.sqlite.prepare(`insert into substance_aliases (substance_key, alias, alias_norm) values ('ghost-substance', 'Spöke', 'spoke')`).run();
    ctx.sqlite.pragma('foreign_keys = ON');
    const before = { m: count('measurements'), f: count('daily_flows'), b: count('import_batches') };
    // The import's aliases come from the catalogue as the organisation sees it (issue 16): a dangling
    // alias names no substance there, so the row is an unknown substance, like a dangling area alias.
    const out = await importText([HEADER, line('EXS-ARV', 'Kokain'), line('EXS-ARV', 'Spöke')].join('\n'));
    expect(out.outcome).toBe('rejected');
    expect(out.report.issues.map((i) => i.code)).toEqual(['unknown_substance']);
    expect({ m: count('measurements'), f: count('daily_flows'), b: count('import_batches') }).toEqual(before);
    ctx.sqlite.prepare(`delete from substance_aliases where substance_key = 'ghost-substance'`).run();
  });

  it('ignores an area alias whose area does not exist: the row is an unknown area', async () => {
    ctx.sqlite.pragma('foreign_keys = OFF');
    ctx.sqlite.prepare(`insert into area_aliases (area_id, alias, alias_norm) values (987654, 'Spökverket', 'spokverket')`).run();
    ctx.sqlite.pragma('foreign_keys = ON');
    const before = count('measurements');
    const out = await importText([HEADER, line('EXS-ARV', 'Kokain'), line('Spökverket', 'Kokain')].join('\n'));
    expect(out.outcome).toBe('rejected');
    expect(out.report.issues.map((i) => i.code)).toEqual(['unknown_area']);
    expect(count('measurements')).toBe(before);
    ctx.sqlite.prepare(`delete from area_aliases where area_id = 987654`).run();
  });

  it('commits a valid file whose every row satisfies the foreign keys', async () => {
    const before = count('measurements');
    const out = await importText([HEADER, line('EXS-ARV', 'Kokain'), line('EXS-ARV', 'Amfetamin'), line('Centrum PS', 'Kokain', 15, '<2')].join('\n'));
    expect(out.outcome).toBe('committed');
    expect(count('measurements')).toBe(before + 3);
    expect(fkViolations()).toEqual([]);
  });
});
