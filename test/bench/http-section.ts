/**
 * HTTP benchmarks of the built server (`npm start`) on the national dataset (the database the import phase wrote):
 *  - GET /api/v1/charts/timeseries beside a bare Hono hello-world, 32 connections each (after a
 *    first request of each of the 250 charts, timed one after another), then again with
 *    Accept-Encoding: gzip as browsers send it;
 *  - the first national overview (cold and warm) and the server's first and second baseline PDF;
 *  - a mixed read load (Lägesbild, area pages, chart specs) of 32 connections for 60 s while
 *    one import runs (BENCH_LOAD_SECONDS to change), counting errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { NATIONAL_AREAS } from './national.ts';
import { startServer, stopServer } from '../server-process.ts';

const BENCH_USER = { email: 'bench@example.se', password: 'bench-password-123' };

async function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

const fmt = (r: autocannon.Result) =>
  `${Math.round(r.requests.average).toLocaleString('en')} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors + r.non2xx} of ${r.requests.total}` +
  (r.non2xx ? ` (${Object.entries(r.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2')).map(([code, v]) => `${code}: ${(v as { count: number }).count}`).join(', ')})` : '');

/** Progress on stderr (a phase that takes minutes shows where it is). */
const started = performance.now();
const progress = (what: string) => process.stderr.write(`  [http ${((performance.now() - started) / 1000).toFixed(0)} s] ${what}\n`);

export async function benchHttp(o: { importedDir?: string; lab: string; quick: boolean; out: string }): Promise<Record<string, string>> {
  if (!o.importedDir) return { skipped: 'no imported database' };
  const out: Record<string, string> = {};
  const seconds = o.quick ? 5 : 10;

  // Hello world first, alone.
  const hello = spawn(process.execPath, ['--import', 'tsx', 'test/bench/hello.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const helloUrl = await new Promise<string>((resolve) => hello.stdout!.on('data', (d) => { const m = /running at (\S+)/.exec(String(d)); if (m) resolve(m[1]); }));
  const h = await cannon({ url: helloUrl, connections: 32, duration: seconds });
  hello.kill();
  out['hello-world (bare Hono), 32 connections'] = fmt(h);

  progress('starting the server on the national database');
  const serverStart = performance.now();
  // The built server, as `npm start` runs it (run.ts builds dist/ first).
  const server = await startServer(o.importedDir, { LAGESBILD_ADMIN_EMAIL: BENCH_USER.email, LAGESBILD_ADMIN_PASSWORD: BENCH_USER.password, LOG_LEVEL: 'error' }, 90_000, { built: true });
  out['server start on the national database (to listening)'] = `${((performance.now() - serverStart) / 1000).toFixed(1)} s`;
  try {
    progress('started; warming charts');
    const login = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_USER) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const csrf = login.headers.get('x-csrf-token') ?? '';
    const headers = { cookie };
    // The bench's database was set up without an organisation name: name it as the first-run page
    // asks (else every page answers 303 to /setup and the mixed load counts those as errors).
    await fetch(`${server.url}/api/v1/setup`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ organisationName: 'Benchkommun' }) });
    // A baseline and a comparison period, as a coordinator would have defined them (the overview needs both).
    for (const p of [{ name: 'Nollmätning', from: '2014-03-08', to: '2014-03-14', baseline: true }, { name: 'Senaste', from: '2023-11-22', to: '2023-11-28' }]) {
      await fetch(`${server.url}/api/v1/periods`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(p) });
    }
    const areas = o.quick ? NATIONAL_AREAS.slice(0, 30) : NATIONAL_AREAS;
    const subs = ['cocaine', 'benzoylecgonine', 'amphetamine', 'mdma', 'thc-cooh'];
    const chartPaths = areas.slice(0, 50).flatMap((a) => subs.map((s) => `/api/v1/charts/timeseries?area=${a.code}&substance=${s}`));
    let i = 0;
    // Warm the caches of the charts we hit (as a dashboard in use would have).
    const tc = performance.now();
    for (const p of chartPaths) await fetch(server.url + p, { headers });
    out[`${chartPaths.length} timeseries charts, first request each (one after another)`] = `${((performance.now() - tc) / 1000).toFixed(1)} s = ${((performance.now() - tc) / chartPaths.length).toFixed(0)} ms per chart`;
    progress('charts warm; timeseries load');
    const t = await cannon({ url: server.url, connections: 32, duration: seconds, headers, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: chartPaths[i++ % chartPaths.length] }) }] });
    out['GET /api/v1/charts/timeseries (national data), 32 connections'] = fmt(t);
    out['timeseries / hello-world throughput'] = `${((100 * t.requests.average) / h.requests.average).toFixed(0)} % (target ≥ 25 %, p99 < 100 ms)`;
    // The same load as a browser asks for it (every browser sends Accept-Encoding): gzip bodies.
    i = 0;
    const g = await cannon({ url: server.url, connections: 32, duration: seconds, headers: { ...headers, 'accept-encoding': 'gzip, deflate, br, zstd' }, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: chartPaths[i++ % chartPaths.length] }) }] });
    out['the same with Accept-Encoding: gzip, as browsers send'] = `${fmt(g)}, ${(g.throughput.average / g.requests.average / 1024).toFixed(1)} KB per response against ${(t.throughput.average / t.requests.average / 1024).toFixed(1)} KB`;

    // Mixed read load while an import runs.
    const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? (o.quick ? 10 : 60));
    const pages = ['/', ...areas.slice(0, 20).map((a) => `/areas/${a.code}`), '/api/v1/overview', ...chartPaths.slice(0, 40)];
    let k = 0;
    const importFile = path.join(o.out, 'load-import.csv');
    // A new campaign for every area: the import writes while the readers read.
    const lines = fs.readFileSync(o.lab, 'latin1').split('\r\n');
    fs.writeFileSync(importFile, Buffer.from([lines[0], ...lines.slice(1, Math.min(lines.length - 1, 150_001)).map((l) => l.replace(/;(\d{4})-/g, (_m, y) => `;${Number(y) + 20}-`))].join('\r\n') + '\r\n', 'latin1'));
    // Warm what the readers will ask for, as on a dashboard in use (the first national overview
    // takes seconds to build; measured separately below).
    progress('first national overview');
    const tw = performance.now();
    await fetch(`${server.url}/api/v1/overview`, { headers });
    out['first national overview (cold cache)'] = `${((performance.now() - tw) / 1000).toFixed(1)} s`;
    const tw2 = performance.now();
    await fetch(`${server.url}/api/v1/overview`, { headers });
    out['national overview again (warm cache)'] = `${((performance.now() - tw2) / 1000).toFixed(2)} s`;
    // The first baseline report of the server (its report worker starts cold): 3 areas, the baseline week.
    progress('first PDF');
    const pdfPath = `/api/v1/reports/baseline?from=2014-03-08&to=2014-03-14&areas=${areas.slice(0, 3).map((a) => a.code).join('&areas=')}&format=pdf`;
    for (const which of ['first', 'second']) {
      const tp = performance.now();
      const pdf = await fetch(server.url + pdfPath, { headers });
      const bytes = (await pdf.arrayBuffer()).byteLength;
      out[`${which} baseline report PDF (3 areas, baseline week)`] = `${((performance.now() - tp) / 1000).toFixed(1)} s (status ${pdf.status}, ${(bytes / 1024).toFixed(0)} KB)`;
    }
    progress('warming the pages of the mixed load');
    for (const p of pages) await fetch(server.url + p, { headers });
    progress('mixed load during an import');
    const t0 = Date.now();
    const importing = fetch(`${server.url}/api/v1/imports`, { method: 'POST', body: new Uint8Array(fs.readFileSync(importFile)), headers: { cookie, 'x-csrf-token': csrf, 'x-file-name': 'load-import.csv' } })
      .then(async (r) => ({ status: r.status, seconds: (Date.now() - t0) / 1000, accepted: (await r.json()).counts?.accepted }));
    const mixed = await cannon({ url: server.url, connections: 32, duration: loadSeconds, headers, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: pages[k++ % pages.length] }) }] });
    const imp = await importing;
    out[`mixed read load ${loadSeconds} s, 32 connections, during an import`] = fmt(mixed);
    out['the import during the load'] = `status ${imp.status}, ${imp.accepted} values in ${imp.seconds.toFixed(1)} s`;
  } finally {
    await stopServer(server);
  }
  return out;
}
