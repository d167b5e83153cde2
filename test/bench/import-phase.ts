/**
 * One benchmark phase in its own process, so peak RSS is its own. Prints one JSON line.
 *   setup <dir>              a fresh DATA_DIR with the bench's substances and areas (for the CLI import)
 *   import <dir> <labFile>   the real import use case (areas imported first, not timed)
 *   floor <dir> <labFile>    papaparse chunk parse + prepared insert into the same table and indexes, no validation
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { createContext } from '../../server/context.ts';
import { cliCaller } from '../../server/auth/sessions.ts';
import { runImport } from '../../server/import/importer.ts';
import { saveUpload } from '../../server/import/files.ts';
import { decodedChunks } from '../../server/import/decode.ts';
import { csvRowBatches } from '../../server/import/rows.ts';
import { insertExtraSubstances, nationalAreasCsv, NATIONAL_SUBSTANCES } from './national.ts';

const [phase, dir, labFile] = process.argv.slice(2);
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', LAGESBILD_ADMIN_EMAIL: 'bench@example.se', LAGESBILD_ADMIN_PASSWORD: 'bench-password-123' });
const { ctx } = await createContext(config);
insertExtraSubstances(ctx.sqlite);
const caller = await cliCaller(ctx);
const areasTmp = await saveUpload(dir, Buffer.from(nationalAreasCsv()), 1e9);
await runImport(ctx, { filePath: areasTmp, fileName: 'areas.csv', organisationId: caller.organisationId, organisationIds: caller.organisationIds, actor: { userId: null, email: 'bench' } });

const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
if (phase === 'setup') {
  console.log(JSON.stringify({ phase, rssBeforeMb }));
} else if (phase === 'import') {
  const tmp = path.join(dir, 'upload.csv');
  fs.copyFileSync(labFile, tmp);
  const t0 = performance.now();
  const out = await runImport(ctx, { filePath: tmp, fileName: path.basename(labFile), organisationId: caller.organisationId, organisationIds: caller.organisationIds, actor: { userId: null, email: 'bench' } });
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ phase, status: out.outcome, rows: out.report.counts.rows, accepted: out.report.counts.accepted, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb }));
} else if (phase === 'floor') {
  const areaIds = new Map((ctx.sqlite.prepare('select id, code from areas').all() as { id: number; code: string }[]).map((a) => [a.code, a.id]));
  const batch = Number(ctx.sqlite.prepare(`insert into import_batches (organisation_id, kind, file_name, size_bytes, sha256, file_path, actor, created_at, status, on_conflict, accepted, report_json) values (1,'lab','floor',0,'x','','bench','now','committed','reject',0,'{}')`).run().lastInsertRowid);
  const keys = new Map(NATIONAL_SUBSTANCES.map((s) => [s.labName, s.key]));
  const insert = ctx.sqlite.prepare(`insert into measurements (area_id, substance_key, date, sample_start, sample_end, lab_sample_id, concentration_ng_l, censored, loq_ng_l, original_text, original_unit, population, batch_id, source_row, active) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, 1)`);
  const t0 = performance.now();
  let rows = 0;
  ctx.sqlite.exec('begin');
  for await (const b of csvRowBatches(decodedChunks(labFile, 'windows-1252'), ';')) {
    for (const { line, cells } of b) {
      if (line === 1 || cells.length < 8) continue;
      const censored = cells[5].startsWith('<');
      insert.run(areaIds.get(cells[0]), keys.get(cells[4]), cells[1].slice(0, 10), cells[1], cells[2], cells[3],
        censored ? null : Number(cells[5].replace(',', '.')), censored ? 1 : 0, Number(cells[7].replace(',', '.')), cells[5], cells[6], batch, line);
      rows += 1;
    }
  }
  ctx.sqlite.exec('commit');
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ phase, rows, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb }));
}
await ctx.destroy();
