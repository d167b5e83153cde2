/**
 * `npm run fuzz` (tsx test/fuzz/run.ts [runs] [seed]): runs the import properties of
 * properties.ts on many cases (default 10 000), collecting every failure instead of stopping at
 * the first, and prints a summary. Exit code 1 when any case failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createFuzzEnv, fuzzImports, type FuzzSummary } from './properties.ts';

const runs = Number(process.argv[2] ?? process.env.FUZZ_RUNS ?? 10_000);
const seed = Number(process.argv[3] ?? process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const fmt = (m: Record<string, number>) => Object.entries(m).sort().map(([k, n]) => `${k}: ${n}`).join(', ');

function print(s: FuzzSummary, final: boolean): void {
  const line = `${s.cases} cases | status ${fmt(s.byStatus)} | failures ${s.failures.length}`;
  if (!final) {
    console.log(line);
    return;
  }
  console.log('\n== import fuzz summary ==');
  console.log(`seed:               ${seed}`);
  console.log(`cases run:          ${s.cases} in ${(s.ms / 1000).toFixed(1)} s (${(s.ms / Math.max(1, s.cases)).toFixed(1)} ms/case)`);
  console.log(`outcomes by status: ${fmt(s.byStatus)}`);
  console.log(`by file kind:       ${fmt(s.byKind)}`);
  console.log(`by mutation:        ${fmt(s.byMutation)}`);
  console.log(`through HTTP:       ${s.viaHttp}; committed: ${s.committed}; values round-tripped: ${s.roundTrippedValues}`);
  console.log(`failures:           ${s.failures.length}${s.failures.length >= 50 ? ' (first 50 kept)' : ''}`);
  const file = path.resolve('test/.tmp/fuzz-failures.json');
  fs.rmSync(file, { force: true });
  if (s.failures.length) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(s.failures, null, 1));
    console.log(`all failing cases: ${file} (replay one with test/fuzz/replay.ts)`);
  }
  for (const f of s.failures.slice(0, 10)) {
    console.log('\n--', f.violations.join('\n   '));
    console.log('   case:', JSON.stringify(f.case).slice(0, 2000));
  }
}

const env = await createFuzzEnv();
try {
  const s = await fuzzImports(env, { runs, seed, mode: 'collect', onProgress: (p) => print(p, false) });
  print(s, true);
  process.exitCode = s.failures.length ? 1 : 0;
} finally {
  await env.close();
}
