/**
 * `npm run bench`: prints figures, asserts nothing. Each heavy phase runs in its own process
 * so that its peak RSS is its own. BENCH_QUICK=1 uses a 30-area national file (for a smoke run);
 * BENCH_SECTIONS=0 stops after the import figures (BENCH_SECTIONS=http,stats: only those sections after them); BENCH_REPEAT=N repeats each import comparison N times (default 2) and reports the spread.
 *
 * The import is measured as an operator meets it: the built CLI (`npm run cli -- import FILE`,
 * i.e. `node dist/server/cli.js`, rebuilt by `npm run build` first) and `npx tsx server/cli.ts`
 * on a fresh DATA_DIR with the areas already imported, wall time and peak RSS from `/usr/bin/time -f %M`. Its reference is `sqlite3 .import`
 * of the same file into a table with the identity key (area, start, substance) only, run right
 * before it so that both see the same load on a shared machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from '../../scripts/build.ts';
import { writeNationalLabFile } from './national.ts';
import { benchSections } from './sections.ts';
import './db-bench.ts'; // SQLite beside PostgreSQL (issue 13)

const out = path.resolve('test/.tmp/bench');
fs.mkdirSync(out, { recursive: true });
const quick = process.env.BENCH_QUICK === '1';
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 2));
const lab = path.join(out, quick ? 'national-quick.csv' : 'national.csv');
const labFlow = path.join(out, quick ? 'national-flow-quick.csv' : 'national-flow.csv');
const figures: Record<string, string> = {};
const put = (k: string, v: string) => {
  figures[k] = v;
  console.log(`${k.padEnd(58)} ${v}`);
};

console.log(`Lägesbild benchmarks — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
for (const [file, flowAndPopulation] of [[lab, false], [labFlow, true]] as const) {
  const t = performance.now();
  if (!fs.existsSync(file)) await writeNationalLabFile(file, { areas: quick ? 30 : undefined, flowAndPopulation });
  const sizeMb = fs.statSync(file).size / 1024 / 1024;
  put(`national lab file${flowAndPopulation ? ' with flow + population' : ''}`, `${path.relative(process.cwd(), file)}, ${sizeMb.toFixed(0)} MB (ready in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
}

let importedDir: string | undefined;
function phase(name: string, dir: string, file = ''): { rows: number; seconds: number; maxRssMb: number; rssBeforeMb: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/import-phase.ts', name, dir, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/** Wall seconds and peak RSS (MB, of the largest process) of a command, by /usr/bin/time. */
function timed(cmd: string, args: string[], env: Record<string, string> = {}, input?: string): { seconds: number; cpuSeconds: number; maxRssMb: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M CPU %U %S', cmd, ...args], { encoding: 'utf8', input, env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stdout}\n${r.stderr}`);
  const m = /MAXRSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { seconds, cpuSeconds: Number(m?.[2]) + Number(m?.[3]), maxRssMb: Number(m?.[1]) / 1024, stdout: r.stdout };
}

function sqliteImport(file: string, columns: number): { seconds: number; cpuSeconds: number; rows: number } {
  const dbf = path.join(out, 'cli-import.sqlite');
  const clean = () => { for (const f of [dbf, `${dbf}-wal`, `${dbf}-shm`]) fs.rmSync(f, { force: true }); };
  clean();
  const extra = ['flode', 'anslutna'].slice(0, columns - 8).map((c) => `, ${c} text`).join('');
  const script = [
    'pragma journal_mode=wal;',
    `create table measurements (provpunkt text, start text, slut text, provnr text, analys text, halt text, enhet text, loq text${extra});`,
    'create unique index m_identity on measurements(provpunkt, start, analys);',
    '.mode csv', '.separator ";"', `.import --skip 1 ${file} measurements`, 'select count(*) from measurements;',
  ].join('\n');
  const r = timed('sqlite3', [dbf], {}, script);
  clean();
  return { seconds: r.seconds, cpuSeconds: r.cpuSeconds, rows: Number(r.stdout.trim().split('\n').pop()) };
}

// The bench measures the code as it stands: rebuild dist/ (what `npm run cli` runs).
await build();
const builtCli = path.resolve('dist/server/cli.js');

/** Our CLI import on a fresh DATA_DIR with the areas imported first (not timed). */
function cliImport(file: string, runner: 'tsx' | 'node', keep: boolean): { seconds: number; cpuSeconds: number; maxRssMb: number; rows: number } {
  const dir = fs.mkdtempSync(path.join(out, 'import-'));
  phase('setup', dir);
  const [cmd, args] = runner === 'tsx' ? ['npx', ['tsx', 'server/cli.ts', 'import', file]] : [process.execPath, ['--enable-source-maps', builtCli, 'import', file]];
  const r = timed(cmd, args, { DATA_DIR: dir, LOG_LEVEL: 'warn' });
  const rows = Number(/rows (\d+)/.exec(r.stdout)?.[1]);
  if (!/Imported as batch/.test(r.stdout)) throw new Error(`import of ${file} did not commit: ${r.stdout}`);
  if (keep) {
    if (importedDir) fs.rmSync(importedDir, { recursive: true, force: true });
    importedDir = dir;
  } else fs.rmSync(dir, { recursive: true, force: true });
  return { seconds: r.seconds, cpuSeconds: r.cpuSeconds, maxRssMb: r.maxRssMb, rows };
}

const spread = (xs: number[], digits = 2) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 1 ? s[0].toFixed(digits) : `${s[Math.floor((s.length - 1) / 2)].toFixed(digits)} (min ${s[0].toFixed(digits)}, max ${s[s.length - 1].toFixed(digits)}, n=${s.length})`;
};

const hasSqlite = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).status === 0;
for (const [file, label, columns] of [[lab, 'lab file', 8], [labFlow, 'lab file with flow + population', 10]] as const) {
  const ratios: Record<'tsx' | 'node', number[]> = { tsx: [], node: [] };
  // CPU seconds (user + system): on a shared machine less at the mercy of other work than wall time.
  const cpuRatios: Record<'tsx' | 'node', number[]> = { tsx: [], node: [] };
  const rss: Record<'tsx' | 'node', number[]> = { tsx: [], node: [] };
  const secs: Record<'tsx' | 'node' | 'sqlite3', number[]> = { tsx: [], node: [], sqlite3: [] };
  const cpu: Record<'tsx' | 'node' | 'sqlite3', number[]> = { tsx: [], node: [], sqlite3: [] };
  let rows = 0;
  for (let i = 0; i < repeat; i++) {
    for (const runner of ['tsx', 'node'] as const) {
      // sqlite3 right before each import, so that each ratio compares runs under the same load.
      const s = hasSqlite ? sqliteImport(file, columns) : null;
      const r = cliImport(file, runner, columns === 8 && runner === 'tsx' && i === repeat - 1);
      rows = r.rows;
      secs[runner].push(r.seconds);
      cpu[runner].push(r.cpuSeconds);
      rss[runner].push(r.maxRssMb);
      if (s) {
        secs.sqlite3.push(s.seconds);
        cpu.sqlite3.push(s.cpuSeconds);
        ratios[runner].push(r.seconds / s.seconds);
        cpuRatios[runner].push(r.cpuSeconds / s.cpuSeconds);
        if (s.rows !== r.rows) put(`${label}: sqlite3 rows`, `${s.rows} ≠ ${r.rows}`);
      }
    }
  }
  put(`${label}: rows`, String(rows));
  if (secs.sqlite3.length) put(`${label}: sqlite3 .import (identity key only)`, `${spread(secs.sqlite3, 1)} s = ${Math.round(rows / Math.min(...secs.sqlite3)).toLocaleString('en')} rows/s at best, CPU ${spread(cpu.sqlite3, 1)} s`);
  for (const runner of ['tsx', 'node'] as const) {
    const what = runner === 'tsx' ? 'npx tsx server/cli.ts import' : 'node --enable-source-maps dist/server/cli.js import';
    put(`${label}: ${what}`, `${spread(secs[runner], 1)} s = ${Math.round(rows / Math.min(...secs[runner])).toLocaleString('en')} rows/s at best, CPU ${spread(cpu[runner], 1)} s`);
    if (ratios[runner].length) put(`${label}: ${runner} import / sqlite3 .import`, `${spread(ratios[runner])} × wall (target ≤ 2), ${spread(cpuRatios[runner])} × CPU`);
    put(`${label}: ${runner} peak RSS`, `${spread(rss[runner], 0)} MB (target ≤ 200 MB)`);
  }
}
if (!hasSqlite) put('sqlite3 CLI .import', 'n/a (apt-get install sqlite3)');

const floorDir = fs.mkdtempSync(path.join(out, 'floor-'));
const floor = phase('floor', floorDir, lab);
fs.rmSync(floorDir, { recursive: true, force: true });
put('floor (papaparse + prepared insert, no validation)', `${floor.seconds.toFixed(1)} s = ${Math.round(floor.rows / floor.seconds).toLocaleString('en')} rows/s, peak RSS ${floor.maxRssMb.toFixed(0)} MB`);

// BENCH_SECTIONS=0: the import comparison only (for iterating on the import); BENCH_SECTIONS=http,stats: those sections after it.
const only = process.env.BENCH_SECTIONS;
for (const section of only === '0' ? [] : only ? benchSections.filter((s) => only.split(',').includes(s.name)) : benchSections) {
  try {
    const res = await section.run({ lab, out, quick, importedDir });
    for (const [k, v] of Object.entries(res)) put(`${section.name}: ${k}`, String(v));
  } catch (e) {
    put(section.name, `failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
if (importedDir) fs.rmSync(importedDir, { recursive: true, force: true });
fs.writeFileSync(path.join(out, 'figures.json'), JSON.stringify(figures, null, 2));
console.log(`\nFigures also in ${path.relative(process.cwd(), path.join(out, 'figures.json'))}`);
