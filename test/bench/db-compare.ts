/**
 * SQLite beside PostgreSQL (issue 13): the national lab file through the import use case (rows/s)
 * and the overview cold (first request after the import) and warm (cached), on each database.
 * Prints figures, asserts nothing. PostgreSQL runs when TEST_DATABASE_URL (or BENCH_DATABASE_URL)
 * is set, in a schema of its own. BENCH_QUICK=1: the 30-area file.
 *   npx tsx test/bench/db-compare.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { createContext } from '../../server/context.ts';
import { cliCaller } from '../../server/auth/sessions.ts';
import { runImport } from '../../server/import/importer.ts';
import { saveUpload } from '../../server/import/files.ts';
import { overview } from '../../server/usecases/statistics.ts';
import { EXTRA_SUBSTANCES, nationalAreasCsv, writeNationalLabFile } from './national.ts';

const out = path.resolve('test/.tmp/bench');
fs.mkdirSync(out, { recursive: true });
const quick = process.env.BENCH_QUICK === '1';
const lab = path.join(out, quick ? 'national-quick.csv' : 'national.csv');
if (!fs.existsSync(lab)) await writeNationalLabFile(lab, quick ? { areas: 30 } : {});
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

async function run(name: string, env: Record<string, string>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(out, `cmp-${name}-`));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', LAGESBILD_ADMIN_EMAIL: 'bench@example.se', LAGESBILD_ADMIN_PASSWORD: 'bench-password-123', ...env });
  const { ctx } = await createContext(config);
  const now = new Date().toISOString();
  for (const [i, s] of EXTRA_SUBSTANCES.entries()) {
    await ctx.db.insertInto('substances').values({ key: s.key, name_sv: s.name, name_en: s.key, drug: s.key, residue: s.key, correction_factor: null, dose_mg: null, source_note: 'bench', sort_order: 100 + i, updated_at: now })
      .onConflict((oc) => oc.doNothing()).execute();
    await ctx.db.insertInto('substance_aliases').values({ substance_key: s.key, alias: s.name, alias_norm: s.name.toLowerCase() }).onConflict((oc) => oc.doNothing()).execute();
  }
  const caller = await cliCaller(ctx);
  const who = { organisationId: caller.organisationId, organisationIds: caller.organisationIds, actor: { userId: null, email: 'bench' } };
  await runImport(ctx, { filePath: await saveUpload(dir, Buffer.from(nationalAreasCsv()), 1e9), fileName: 'areas.csv', ...who });
  const tmp = path.join(dir, 'upload.csv');
  fs.copyFileSync(lab, tmp);
  let t0 = performance.now();
  const res = await runImport(ctx, { filePath: tmp, fileName: path.basename(lab), ...who });
  const seconds = (performance.now() - t0) / 1000;
  const rows = res.report.counts.rows;
  console.log(`${name.padEnd(10)} import ${res.outcome}: ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s`);
  const baseline = { from: '2014-01-01', to: '2014-12-31' };
  const current = { from: '2023-01-01', to: '2023-12-31' };
  const q = { metric: 'normalized_load' as const, censored: 'half_loq' as const };
  t0 = performance.now();
  const rowsOut = await overview(ctx, caller, baseline, current, q);
  const cold = performance.now() - t0;
  t0 = performance.now();
  await overview(ctx, caller, baseline, current, q);
  const warm = performance.now() - t0;
  console.log(`${name.padEnd(10)} overview (${rowsOut.length} rows): cold ${cold.toFixed(0)} ms, warm ${warm.toFixed(1)} ms`);
  await ctx.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`${path.relative(process.cwd(), lab)}, ${(fs.statSync(lab).size / 1024 / 1024).toFixed(0)} MB`);
await run('sqlite', {});
if (pgUrl) await run('postgres', { DATABASE_URL: pgUrl, DATABASE_SCHEMA: `bench_${Date.now().toString(36)}` });
else console.log('postgres   skipped: set TEST_DATABASE_URL (scripts/pg-test-cluster.sh start)');
