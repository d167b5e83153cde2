/**
 * SQLite beside PostgreSQL in one run (issue 13): the national lab file through the import
 * (rows/s), the national overview cold (first, after the import) and warm (cached), and
 * GET /api/v1/charts/timeseries at 32 connections on one app process and on two processes serving
 * the same database (16 + 16 connections, req/s summed). PostgreSQL uses TEST_DATABASE_URL (or
 * BENCH_DATABASE_URL) if set, else a throw-away cluster from scripts/pg-test-cluster.sh, started
 * and stopped here; without the postgres binaries it is skipped with a message.
 * Registered by one line in run.ts; also runs alone: `npx tsx test/bench/db-bench.ts` (BENCH_QUICK=1: 30 areas).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../../server/config.ts';
import { createContext } from '../../server/context.ts';
import { cliCaller } from '../../server/auth/sessions.ts';
import { runImport } from '../../server/import/importer.ts';
import { saveUpload } from '../../server/import/files.ts';
import { overview } from '../../server/usecases/statistics.ts';
import { startServer, stopServer, type RunningServer } from '../server-process.ts';
import { EXTRA_SUBSTANCES, NATIONAL_AREAS, nationalAreasCsv, writeNationalLabFile } from './national.ts';
import { benchSections } from './sections.ts';

const USER = { email: 'bench@example.se', password: 'bench-password-123' };
const CLUSTER = path.resolve('scripts/pg-test-cluster.sh');

/** TEST_DATABASE_URL, else a cluster started here (stop = true), else null with the reason. */
function postgresUrl(): { url: string | null; stop: boolean; why?: string } {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (given) return { url: given, stop: false };
  const running = spawnSync('bash', [CLUSTER, 'status'], { stdio: 'ignore' }).status === 0;
  const r = spawnSync('bash', [CLUSTER, 'start'], { encoding: 'utf8' });
  const line = r.stdout.trim().split('\n').find((l) => l.startsWith('TEST_DATABASE_URL='));
  if (r.status !== 0 || !line) return { url: null, stop: false, why: `skipped: no PostgreSQL (${(r.stderr.trim().split('\n').pop() ?? '').slice(0, 160)}); apt-get install postgresql` };
  return { url: line.slice('TEST_DATABASE_URL='.length), stop: !running };
}

const progress = (what: string) => process.stderr.write(`  [db-bench ${new Date().toISOString().slice(11, 19)}] ${what}\n`);
const cannon = (opts: autocannon.Options) => new Promise<autocannon.Result>((resolve, reject) => autocannon(opts, (e, r) => (e ? reject(e) : resolve(r))));
const errors = (r: autocannon.Result) => r.errors + r.non2xx;

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(USER) });
  if (res.status !== 204) throw new Error(`login on ${url}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

async function oneDatabase(name: string, env: Record<string, string>, o: { lab: string; out: string; quick: boolean }): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const dir = fs.mkdtempSync(path.join(o.out, `db-${name}-`));
  const serverEnv = { LAGESBILD_ADMIN_EMAIL: USER.email, LAGESBILD_ADMIN_PASSWORD: USER.password, LOG_LEVEL: 'error', ...env };
  const config = loadConfig({ DATA_DIR: dir, ...serverEnv, LOG_LEVEL: 'silent' });
  const { ctx } = await createContext(config);
  try {
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
    fs.copyFileSync(o.lab, tmp);
    progress(`${name}: importing ${path.basename(o.lab)}`);
    let t0 = performance.now();
    const res = await runImport(ctx, { filePath: tmp, fileName: path.basename(o.lab), ...who });
    const seconds = (performance.now() - t0) / 1000;
    out['national file import'] = `${res.outcome}: ${res.report.counts.rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s = ${Math.round(res.report.counts.rows / seconds).toLocaleString('en')} rows/s`;
    const q = { metric: 'normalized_load' as const, censored: 'half_loq' as const };
    const periods = [{ from: '2014-01-01', to: '2014-12-31' }, { from: '2023-01-01', to: '2023-12-31' }] as const;
    progress(`${name}: overview`);
    t0 = performance.now();
    const rows = await overview(ctx, caller, periods[0], periods[1], q);
    const cold = performance.now() - t0;
    t0 = performance.now();
    await overview(ctx, caller, periods[0], periods[1], q);
    out['overview (2014 vs 2023, all areas)'] = `${rows.length} rows: cold ${cold.toFixed(0)} ms, warm ${(performance.now() - t0).toFixed(1)} ms`;
  } finally {
    await ctx.destroy();
  }

  const seconds = o.quick ? 5 : 10;
  // 20 charts (10 areas × 2 substances), warmed first: the figure is serving cached charts, the
  // same on both databases; a cold national chart is the overview's business above.
  const chartPaths = NATIONAL_AREAS.slice(0, 10).flatMap((a) => ['benzoylecgonine', 'amphetamine'].map((s) => `/api/v1/charts/timeseries?area=${a.code}&substance=${s}`));
  const servers: RunningServer[] = [];
  try {
    progress(`${name}: one instance`);
    servers.push(await startServer(dir, serverEnv, 180_000));
    const cookie = await login(servers[0].url);
    for (const p of chartPaths) await (await fetch(servers[0].url + p, { headers: { cookie } })).arrayBuffer();
    let i = 0;
    const one = await cannon({ url: servers[0].url, connections: 32, duration: seconds, headers: { cookie }, requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: chartPaths[i++ % chartPaths.length] }) }] });
    out['chart req/s, 1 instance, 32 connections'] = `${Math.round(one.requests.average).toLocaleString('en')} req/s, p50 ${one.latency.p50} ms, p99 ${one.latency.p99} ms, errors ${errors(one)}`;

    progress(`${name}: two instances`);
    servers.push(await startServer(dir, serverEnv, 180_000));
    // The session made on the first instance serves the second too (sessions live in the database).
    for (const p of chartPaths) await (await fetch(servers[1].url + p, { headers: { cookie } })).arrayBuffer();
    let j = 0;
    let k = 0;
    const [a, b] = await Promise.all([
      cannon({ url: servers[0].url, connections: 16, duration: seconds, headers: { cookie }, requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: chartPaths[j++ % chartPaths.length] }) }] }),
      cannon({ url: servers[1].url, connections: 16, duration: seconds, headers: { cookie }, requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: chartPaths[k++ % chartPaths.length] }) }] }),
    ]);
    out['chart req/s, 2 instances, 16 + 16 connections'] = `${Math.round(a.requests.average + b.requests.average).toLocaleString('en')} req/s (${Math.round(a.requests.average)} + ${Math.round(b.requests.average)}), p99 ${Math.max(a.latency.p99, b.latency.p99)} ms, errors ${errors(a) + errors(b)}`;
  } finally {
    await Promise.all(servers.map((s) => stopServer(s)));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export async function benchDatabases(o: { lab: string; out: string; quick: boolean }): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(await oneDatabase('sqlite', {}, o))) out[`sqlite: ${k}`] = v;
  const pg = postgresUrl();
  if (!pg.url) {
    out.postgres = pg.why!;
    return out;
  }
  try {
    const schema = `bench_${Date.now().toString(36)}`;
    for (const [k, v] of Object.entries(await oneDatabase('postgres', { DATABASE_URL: pg.url, DATABASE_SCHEMA: schema }, o))) out[`postgres: ${k}`] = v;
  } finally {
    if (pg.stop) spawnSync('bash', [CLUSTER, 'stop'], { stdio: 'ignore' });
  }
  return out;
}

benchSections.push({ name: 'sqlite vs postgres', run: benchDatabases });

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve('test/.tmp/bench');
  fs.mkdirSync(out, { recursive: true });
  const quick = process.env.BENCH_QUICK === '1';
  const lab = path.join(out, quick ? 'national-quick.csv' : 'national.csv');
  if (!fs.existsSync(lab)) await writeNationalLabFile(lab, quick ? { areas: 30 } : {});
  console.log(`${path.relative(process.cwd(), lab)}, ${(fs.statSync(lab).size / 1024 / 1024).toFixed(0)} MB`);
  for (const [k, v] of Object.entries(await benchDatabases({ lab, out, quick }))) console.log(`${k.padEnd(60)} ${v}`);
}
