/**
 * `npm run crash-test`: 20 large imports, each SIGKILLed at a random moment (during upload,
 * parse, write or commit). After every kill the database must open, pass integrity_check, hold
 * no partial batch, and the next run imports the same file in full. Prints a summary.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { insertExtraSubstances, nationalAreasCsv, writeNationalLabFile } from '../bench/national.ts';
import { tempDir } from '../helpers.ts';
import { httpLogin, startServer, stopServer } from '../server-process.ts';

const RUNS = Number(process.env.CRASH_RUNS ?? 20);
const dir = tempDir('crash-runs-');
const lab = path.join(dir, 'lab.csv');
const rows = await writeNationalLabFile(lab, { areas: 40 });
const bytes = fs.readFileSync(lab);
const post = (url: string, s: { cookie: string; csrf: string }, name: string, body: Buffer | string) =>
  fetch(`${url}/api/v1/imports`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-file-name': name } });

let server = await startServer(dir);
let s = await httpLogin(server.url);
await post(server.url, s, 'areas.csv', nationalAreasCsv().split('\n').slice(0, 41).join('\n') + '\n');
const db0 = new SQLite(path.join(dir, 'lagesbild.sqlite'));
insertExtraSubstances(db0);
db0.close();

// One full import, timed, to spread the kill moments over its whole length.
let t = performance.now();
let res = await post(server.url, s, 'lab.csv', bytes);
const fullMs = performance.now() - t;
if (res.status !== 201) throw new Error(`baseline import failed: ${res.status}`);
const batch = (await res.json()).id;
await fetch(`${server.url}/api/v1/imports/${batch}`, { method: 'DELETE', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'crash test' }) });
console.log(`file: ${rows} rows; a full import takes ${(fullMs / 1000).toFixed(1)} s; ${RUNS} runs killed at random moments`);

let survived = 0;
const committedAtKill: number[] = [];
for (let run = 1; run <= RUNS; run++) {
  const killAfter = Math.random() * fullMs * 1.1;
  const pending = post(server.url, s, 'lab.csv', bytes).catch(() => null);
  await new Promise((r) => setTimeout(r, killAfter));
  await stopServer(server, 'SIGKILL');
  const finished = await pending;
  const db = new SQLite(path.join(dir, 'lagesbild.sqlite'));
  const integrity = db.pragma('integrity_check', { simple: true });
  const active = (db.prepare('select count(*) n from measurements where active = 1').get() as { n: number }).n;
  const partial = db.prepare(`select b.id, b.accepted, (select count(*) from measurements m where m.batch_id = b.id) n from import_batches b where b.kind = 'lab' and b.status = 'committed'`).all() as { id: number; accepted: number; n: number }[];
  db.close();
  const whole = partial.every((b) => b.n === b.accepted) && (active === 0 || active === rows);
  const ok = integrity === 'ok' && whole;
  if (ok) survived++;
  committedAtKill.push(active === rows ? 1 : 0);
  console.log(`run ${String(run).padStart(2)}: killed after ${(killAfter / 1000).toFixed(2)} s — integrity ${integrity}, active values ${active} (${active === rows ? 'committed before the kill' : active === 0 ? 'rolled back' : 'PARTIAL'})${finished ? `, response ${finished.status}` : ''} ${ok ? 'OK' : 'FAILED'}`);
  server = await startServer(dir);
  s = await httpLogin(server.url);
  // Bring it back to "nothing imported" for the next run.
  const committed = (await (await fetch(`${server.url}/api/v1/imports`, { headers: { cookie: s.cookie } })).json()) as { id: number; kind: string; status: string }[];
  for (const b of committed.filter((x) => x.kind === 'lab' && x.status === 'committed')) {
    await fetch(`${server.url}/api/v1/imports/${b.id}`, { method: 'DELETE', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'crash test' }) });
  }
}
t = performance.now();
res = await post(server.url, s, 'lab.csv', bytes);
const last = await res.json();
await stopServer(server);
console.log(`\n${survived}/${RUNS} runs survived (integrity ok, no partial batch); ${committedAtKill.filter(Boolean).length} had committed before the kill.`);
console.log(`final import after all kills: ${res.status}, ${last.counts?.accepted} of ${rows} values (${((performance.now() - t) / 1000).toFixed(1)} s)`);
fs.rmSync(dir, { recursive: true, force: true });
process.exit(survived === RUNS && last.counts?.accepted === rows ? 0 : 1);
