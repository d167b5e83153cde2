/**
 * Chart throughput of this checkout against another checkout (another commit), paired on one
 * machine: `npm run bench:ab -- <other checkout> [pairs] [gzip] [concentration]`. Prints figures,
 * asserts nothing.
 *
 * Why paired: this machine's speed swings by ±30 % from minute to minute, more than the
 * differences we look for (issue 9: "none worse by more than 10 %"). So both servers run at once
 * and take turns: `pairs` pairs of 5-second loads (32 connections over 250 timeseries charts: 50
 * areas × 5 substances, each requested once before), the order alternating within pairs. The
 * figures are the medians of the per-pair ratios (this / other): requests per second, and server
 * CPU per request (user + system time of the server process, from /proc/<pid>/stat).
 *
 * Both sides do the same work: the same lab file (50 areas × 12 substances × 10 years, without
 * flow, as the national bench file) imported by each side's own CLI into its own data directory
 * (test/.tmp/bench/ab-<side>, kept for the next run); each side runs as its `npm start` does
 * (built JavaScript when the checkout has dist/server/main.js, else tsx). `gzip` sends
 * Accept-Encoding as browsers do; `concentration` asks for concentration charts (a value on every
 * point) instead of the default normalised loads (empty without flow).
 *
 * The other checkout, e.g. the end of round 1 (before the house):
 *   git worktree add ../lagesbild-before a00c8a8 && (cd ../lagesbild-before && npm ci)
 *   npm run build && npm run bench:ab -- ../lagesbild-before 10 gzip
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import { NATIONAL_AREAS, nationalAreasCsv, writeNationalLabFile } from './national.ts';
import { ADMIN } from '../helpers.ts';
import { httpLogin, startServer, stopServer, type RunningServer } from '../server-process.ts';

const [otherArg, pairsArg, ...flags] = process.argv.slice(2);
if (!otherArg || !fs.existsSync(path.join(otherArg, 'server'))) {
  console.error('usage: npm run bench:ab -- <other checkout with node_modules> [pairs=10] [gzip] [concentration]');
  process.exit(2);
}
const pairs = Number(pairsArg ?? 10);
const gzip = flags.includes('gzip');
const metric = flags.includes('concentration') ? '&metric=concentration' : '';
const out = path.resolve('test/.tmp/bench');
fs.mkdirSync(out, { recursive: true });
// The CLI's first import creates the administrator that the servers' login uses (httpLogin).
const ENV = { LAGESBILD_ADMIN_EMAIL: ADMIN.email, LAGESBILD_ADMIN_PASSWORD: ADMIN.password };

interface Side { name: string; root: string; dir: string; built: boolean }
const sides: Side[] = [
  { name: 'this', root: process.cwd() },
  { name: 'other', root: path.resolve(otherArg) },
].map((s) => ({ ...s, dir: path.join(out, `ab-${s.name}`), built: fs.existsSync(path.join(s.root, 'dist/server/main.js')) }));
if (!sides[0].built) throw new Error('Run npm run build first: this side runs as npm start does.');

const cli = (s: Side) => (s.built ? ['dist/server/cli.js'] : ['--import', 'tsx', 'server/cli.ts']);

// The lab file: the national bench file's first 50 areas, without the three substances the bench
// adds to the catalogue (an older checkout would refuse the whole file for them).
const labFile = path.join(out, 'ab-lab.csv');
if (!fs.existsSync(labFile)) {
  const full = path.join(out, 'ab-lab-full.csv');
  await writeNationalLabFile(full, { areas: 50 });
  const lines = fs.readFileSync(full, 'latin1').split('\r\n').filter((l) => !/;(Morfin|Kodein|Metadon);/.test(l));
  fs.writeFileSync(labFile, Buffer.from(lines.join('\r\n'), 'latin1'));
  fs.rmSync(full);
}
const areasFile = path.join(out, 'ab-areas.csv');
fs.writeFileSync(areasFile, nationalAreasCsv());
for (const s of sides) {
  if (fs.existsSync(path.join(s.dir, 'lagesbild.sqlite'))) continue;
  for (const file of [areasFile, labFile]) {
    const r = spawnSync(process.execPath, [...cli(s), 'import', file], { cwd: s.root, env: { ...process.env, ...ENV, DATA_DIR: s.dir, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${s.name}: import of ${file} failed: ${r.stdout}${r.stderr}`);
  }
}

const subs = ['cocaine', 'benzoylecgonine', 'amphetamine', 'mdma', 'thc-cooh'];
const chartPaths = NATIONAL_AREAS.slice(0, 50).flatMap((a) => subs.map((x) => `/api/v1/charts/timeseries?area=${a.code}&substance=${x}${metric}`));
const servers: RunningServer[] = [];
const running: Record<string, { url: string; pid: number; headers: Record<string, string> }> = {};
try {
  for (const s of sides) {
    const server = await startServer(s.dir, { LOG_LEVEL: 'error' }, 90_000, { built: s.built, cwd: s.root });
    servers.push(server);
    const { url } = server;
    const headers: Record<string, string> = { cookie: (await httpLogin(url)).cookie, 'accept-encoding': gzip ? 'gzip, deflate, br, zstd' : 'identity' };
    let bytes = 0;
    for (const p of chartPaths) {
      const r = await fetch(url + p, { headers });
      if (r.status !== 200) throw new Error(`${s.name}: ${p} answered ${r.status}`);
      bytes += Number(r.headers.get('content-length') ?? (await r.arrayBuffer()).byteLength);
      if (!r.bodyUsed) await r.arrayBuffer();
    }
    running[s.name] = { url, pid: server.proc.pid!, headers };
    console.log(`${s.name.padEnd(5)} ${s.root} (${s.built ? 'built' : 'tsx'}): ${(bytes / chartPaths.length / 1024).toFixed(1)} KB per chart on the wire${gzip ? ' (gzip asked)' : ''}`);
  }

  const cpuTicks = (pid: number) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); };
  const tickUs = 1e6 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);
  const load = (name: string) => {
    const s = running[name];
    let i = 0;
    return new Promise<autocannon.Result>((resolve, reject) => autocannon({ url: s.url, connections: 32, duration: 5, headers: s.headers, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: chartPaths[i++ % chartPaths.length] }) }] }, (e, r) => (e ? reject(e) : resolve(r))));
  };
  const reqRatios: number[] = [];
  const cpuRatios: number[] = [];
  for (let k = 0; k < pairs; k++) {
    const order = k % 2 ? ['this', 'other'] : ['other', 'this'];
    const rps: Record<string, number> = {};
    const us: Record<string, number> = {};
    for (const name of order) {
      const t0 = cpuTicks(running[name].pid);
      const r = await load(name);
      if (r.errors + r.non2xx) throw new Error(`${name}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);
      rps[name] = r.requests.average;
      us[name] = ((cpuTicks(running[name].pid) - t0) * tickUs) / r.requests.total;
    }
    reqRatios.push(rps.this / rps.other);
    cpuRatios.push(us.this / us.other);
    console.log(`pair ${String(k + 1).padStart(2)}: other ${Math.round(rps.other)} req/s, ${us.other.toFixed(0)} µs CPU/req; this ${Math.round(rps.this)} req/s, ${us.this.toFixed(0)} µs CPU/req; ratio ${(rps.this / rps.other).toFixed(3)}`);
  }
  const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
  const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  console.log(`\nthis / other, median of ${pairs} pairs: requests per second ${median(reqRatios).toFixed(3)} (pairs ${range(reqRatios)}), server CPU per request ${median(cpuRatios).toFixed(3)} (pairs ${range(cpuRatios)})`);
} finally {
  for (const s of servers) await stopServer(s);
}
