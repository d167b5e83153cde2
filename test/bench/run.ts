/**
 * `npm run bench`: prints figures, asserts nothing. Each heavy phase runs in its own process
 * so that its peak RSS is its own. BENCH_QUICK=1 uses a 30-area national file (for a smoke run).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { writeNationalLabFile } from './national.ts';
import { benchSections } from './sections.ts';

const out = path.resolve('test/.tmp/bench');
fs.mkdirSync(out, { recursive: true });
const quick = process.env.BENCH_QUICK === '1';
const lab = path.join(out, quick ? 'national-quick.csv' : 'national.csv');
const figures: Record<string, string> = {};
const put = (k: string, v: string) => {
  figures[k] = v;
  console.log(`${k.padEnd(58)} ${v}`);
};

console.log(`Lägesbild benchmarks — ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}\n`);
let t = performance.now();
if (!fs.existsSync(lab)) await writeNationalLabFile(lab, quick ? { areas: 30 } : {});
const sizeMb = fs.statSync(lab).size / 1024 / 1024;
put('national lab file', `${path.relative(process.cwd(), lab)}, ${sizeMb.toFixed(0)} MB (generated in ${((performance.now() - t) / 1000).toFixed(1)} s)`);

let importedDir: string | undefined;
function phase(name: string): { rows: number; seconds: number; maxRssMb: number; rssBeforeMb: number; status?: number } {
  const dir = fs.mkdtempSync(path.join(out, `${name}-`));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/import-phase.ts', name, dir, lab], { encoding: 'utf8', maxBuffer: 1 << 24 });
  // The imported database stays for the sections that read from it (stats, charts).
  if (name === 'import' && r.status === 0) importedDir = dir;
  else fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const imp = phase('import');
put('import use case: rows', `${imp.rows} (status ${imp.status})`);
put('import use case: time', `${imp.seconds.toFixed(1)} s = ${Math.round(imp.rows / imp.seconds).toLocaleString('en')} rows/s`);
put('import use case: peak RSS (whole process)', `${imp.maxRssMb.toFixed(0)} MB (target ≤ 200 MB); RSS before the import ${imp.rssBeforeMb.toFixed(0)} MB (tsx, modules, one scrypt hash)`);
const floor = phase('floor');
put('floor (papaparse + prepared insert, no validation)', `${floor.seconds.toFixed(1)} s = ${Math.round(floor.rows / floor.seconds).toLocaleString('en')} rows/s, peak RSS ${floor.maxRssMb.toFixed(0)} MB`);
put('import / floor', `${(imp.seconds / floor.seconds).toFixed(2)} × (target ≤ 1.5)`);

// sqlite3 CLI .import: C's speed for the same storage work (same columns and indexes).
const sqliteBin = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
if (sqliteBin.status === 0) {
  const dbf = path.join(out, 'cli-import.sqlite');
  fs.rmSync(dbf, { force: true });
  const script = [
    'pragma journal_mode=wal;',
    'create table measurements (provpunkt text, start text, slut text, provnr text, analys text, halt text, enhet text, loq text);',
    'create unique index m_identity on measurements(provpunkt, analys, start);',
    'create index m_batch on measurements(provnr);',
    'create index m_sup on measurements(enhet);',
    '.mode csv', '.separator ";"', `.import --skip 1 ${lab} measurements`, 'select count(*) from measurements;',
  ].join('\n');
  t = performance.now();
  const r = spawnSync('sqlite3', [dbf], { input: script, encoding: 'utf8', maxBuffer: 1 << 24 });
  const s = (performance.now() - t) / 1000;
  const rows = Number(r.stdout.trim().split('\n').pop());
  put('sqlite3 CLI .import (same file, 3 indexes)', `${s.toFixed(1)} s = ${Math.round(rows / s).toLocaleString('en')} rows/s (${rows} rows)`);
  put('import / sqlite3 .import', `${(imp.seconds / s).toFixed(2)} × (target ≤ 2)`);
  fs.rmSync(dbf, { force: true });
  fs.rmSync(`${dbf}-wal`, { force: true });
  fs.rmSync(`${dbf}-shm`, { force: true });
} else {
  put('sqlite3 CLI .import', 'n/a (apt-get install sqlite3)');
}

for (const section of benchSections) {
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
