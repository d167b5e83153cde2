/**
 * Issue 16, stalls: a real server process (`node --import tsx server/main.ts`, fresh DATA_DIR)
 * over HTTP, its peak RSS from /proc/PID/status (VmHWM).
 *  1. 40 MB and 150 MB files without a line break: time to the answer, status, error code, peak RSS
 *     (target: within 10 s each, a clear error, RSS ≤ 300 MB).
 *  2. A 100 MB lab dry run and a 30-year baseline PDF (3 areas × 8 substances, a value every third
 *     day, daily flows) at once, while /healthz is asked every 50 ms and a login made every second
 *     (target: /healthz p99 < 200 ms, every login succeeds).
 * Also the 150 MB file as a multipart form (the upload form without script), streamed by the server.
 * Per phase: server CPU seconds (user+sys from /proc/PID/stat) and peak RSS (VmHWM, reset between
 * phases through /proc/PID/clear_refs), and the load average.
 * Standalone: `npx tsx test/bench/stalls-bench.ts` (BENCH_QUICK=1: 10 and 30 MB one-line files, a 20 MB dry run).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ADMIN = { email: 'admin@example.se', password: 'correct horse battery' };
const SUBSTANCES = ['Kokain', 'Bensoylekgonin (BzE)', 'Amfetamin', 'Metamfetamin', 'MDMA', 'THC-COOH', 'Ketamin', 'EDDP'];
const AREAS = 30;
const code = (i: number) => `EXS-A${String(i).padStart(2, '0')}`;

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Starts a new peak: VmHWM falls back to the current RSS (Linux: clear_refs 5). */
function resetPeak(pid: number): void {
  try { fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'); } catch { /* not Linux / not ours: the peak stays cumulative */ }
}

/** The process's CPU seconds so far (user + system, from /proc/PID/stat). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function writeFile(file: string, write: (put: (s: string) => void) => void): Promise<void> {
  const out = fs.createWriteStream(file);
  let buf = '';
  write((s) => {
    buf += s;
    if (buf.length > 1 << 20) { out.write(buf); buf = ''; }
  });
  out.end(buf);
  await new Promise<void>((r) => out.on('finish', () => r()));
}

const days = (from: string, n: number, step = 1) => Array.from({ length: Math.ceil(n / step) }, (_, i) => new Date(Date.parse(from) + i * step * 86_400_000).toISOString().slice(0, 10));

async function startServer(dir: string, port: number): Promise<ChildProcess> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATA_DIR: dir, PORT: String(port), LAGESBILD_ADMIN_EMAIL: ADMIN.email, LAGESBILD_ADMIN_PASSWORD: ADMIN.password, ORGANISATION_NAME: 'Bench', LOG_LEVEL: 'error' },
  });
  child.stderr!.on('data', (d) => process.stderr.write(d));
  child.on('exit', (c, sig) => console.error(`bench server exited: ${c ?? sig}`));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => { if (String(d).includes('is running')) resolve(); else process.stderr.write(d); });
    child.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  return child;
}

export async function benchStalls(o: { quick: boolean; out?: string }): Promise<Record<string, string | number>> {
  const out = path.resolve(o.out ?? 'test/.tmp/bench');
  fs.mkdirSync(out, { recursive: true });
  const dir = fs.mkdtempSync(path.join(out, 'stalls-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const figures: Record<string, string | number> = {};
  const server = await startServer(dir, port);
  try {
    const login = async () => {
      const t = performance.now();
      const r = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
      return { status: r.status, ms: performance.now() - t, cookie: (r.headers.get('set-cookie') ?? '').split(';')[0], csrf: r.headers.get('x-csrf-token') ?? '' };
    };
    const s = await login();
    const auth = { cookie: s.cookie, 'x-csrf-token': s.csrf };
    // As the upload page sends a file: the raw body, streamed (multipart is read whole into memory by the route).
    const upload = async (file: string, query = '') => {
      const t = performance.now();
      const r = await fetch(`${base}/api/v1/imports${query}`, {
        method: 'POST', headers: { ...auth, 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(path.basename(file)) }, body: await fs.openAsBlob(file),
      });
      const text = await r.text();
      return { status: r.status, ms: performance.now() - t, text };
    };

    // The upload form without script: a multipart body, streamed.
    const uploadForm = async (file: string) => {
      const t = performance.now();
      const form = new FormData();
      form.append('file', new File([await fs.openAsBlob(file)], path.basename(file)));
      const r = await fetch(`${base}/api/v1/imports`, { method: 'POST', headers: auth, body: form });
      const text = await r.text();
      return { status: r.status, ms: performance.now() - t, text };
    };
    const pid = server.pid!;

    // 1. One-line files.
    const sizes = o.quick ? [10, 30] : [40, 150];
    for (const mb of sizes) {
      const file = path.join(dir, `one-line-${mb}.csv`);
      await writeFile(file, (put) => {
        put('Provpunkt;Datum;Analys;Halt;Enhet\n');
        for (let i = 0; i < (mb * 1024 * 1024) / 8; i++) put('EXS-ARV;');
      });
      for (const how of mb === sizes.at(-1) ? ['raw', 'multipart'] as const : ['raw'] as const) {
        resetPeak(pid);
        const cpu0 = cpuSeconds(pid);
        const r = how === 'raw' ? await upload(file) : await uploadForm(file);
        const codes = (() => { try { return [...new Set((JSON.parse(r.text).errors ?? []).map((e: { code: string }) => e.code))].join(', '); } catch { return r.text.slice(0, 80); } })();
        console.error(`(one-line ${mb} MB ${how}: ${r.status} in ${(r.ms / 1000).toFixed(1)} s)`);
        figures[`one-line file ${mb} MB (${how})`] = `${r.status} ${codes} in ${(r.ms / 1000).toFixed(1)} s, server CPU ${(cpuSeconds(pid) - cpu0).toFixed(1)} s, answer ${r.text.length} B, server peak RSS ${peakRssMb(pid).toFixed(0)} MB, load ${load()} (target ≤ 10 s, ≤ 300 MB)`;
      }
      fs.rmSync(file);
    }

    // 2. Data for a 30-year report (3 areas), then the big dry run and the report together.
    await writeFile(path.join(dir, 'areas.csv'), (put) => {
      put('code,name,population\n');
      for (let i = 1; i <= AREAS; i++) put(`${code(i)},Område ${i},${20000 + i * 100}\n`);
    });
    const thirty = days('1991-01-01', 30 * 365 + 7);
    await writeFile(path.join(dir, 'lab-30y.csv'), (put) => {
      put('Provpunkt;Datum;Analys;Halt;Enhet;Rapporteringsgräns\n');
      for (let a = 1; a <= 3; a++) for (const [i, d] of thirty.entries()) if (i % 3 === 0) SUBSTANCES.forEach((sub, k) => put(`${code(a)};${d};${sub};${(20 + k * 7 + a + (i % 11)).toFixed(1).replace('.', ',')};ng/L;1,0\n`));
    });
    await writeFile(path.join(dir, 'flow-30y.csv'), (put) => {
      put('Provpunkt;Datum;Flöde (m3/d)\n');
      for (let a = 1; a <= 3; a++) for (const [i, d] of thirty.entries()) put(`${code(a)};${d};${6000 + a * 500 + (i % 13) * 10}\n`);
    });
    for (const f of ['areas.csv', 'lab-30y.csv', 'flow-30y.csv']) {
      const r = await upload(path.join(dir, f));
      if (r.status !== 201) throw new Error(`${f}: ${r.status} ${r.text.slice(0, 300)}`);
    }
    const dryMb = o.quick ? 20 : 100;
    const dryFile = path.join(dir, 'dry-run.csv');
    await writeFile(dryFile, (put) => {
      put('Provpunkt;Datum;Analys;Halt;Enhet;Rapporteringsgräns\n');
      let bytes = 0;
      outer: for (let a = 4; a <= AREAS; a++) for (const d of days('1991-01-01', 30 * 365)) for (const sub of SUBSTANCES) {
        const line = `${code(a)};${d};${sub};${(10 + a).toFixed(1).replace('.', ',')};ng/L;1,0\n`;
        put(line);
        bytes += line.length;
        if (bytes > dryMb * 1024 * 1024) break outer;
      }
    });

    const healthMs: number[] = [];
    const healthFailed: string[] = [];
    const logins: { status: number; ms: number }[] = [];
    let running = true;
    const healthLoop = (async () => {
      while (running) {
        const t = performance.now();
        try {
          await fetch(`${base}/healthz`).then((r) => r.text());
          healthMs.push(performance.now() - t);
        } catch (e) {
          healthFailed.push(`${((performance.now() - t) / 1000).toFixed(1)} s: ${String((e as Error).cause ?? e)}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const loginLoop = (async () => {
      while (running) {
        logins.push(await login().catch(() => ({ status: 0, ms: 0, cookie: '', csrf: '' })));
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    const rss0 = peakRssMb(pid);
    resetPeak(pid);
    const cpu0 = cpuSeconds(pid);
    const load0 = load();
    const reportTimeoutS = Number(process.env.STALLS_REPORT_TIMEOUT_S ?? 600);
    const dry = upload(dryFile, '?dryRun=true');
    const report = (async () => {
      // As a job (job=1) and polled: a long PDF outlasts fetch's 300 s header timeout on a loaded machine.
      const t = performance.now();
      const started = await fetch(`${base}/api/v1/reports/baseline?from=1991-01-01&to=2020-12-31&areas=${code(1)},${code(2)},${code(3)}&format=pdf&job=1`, { headers: auth });
      if (started.status !== 202) return { status: started.status, ms: performance.now() - t, bytes: (await started.text()).length };
      const job = await started.json() as { statusUrl: string; fileUrl: string };
      for (;;) {
        await new Promise((r) => setTimeout(r, 1000));
        const st = await (await fetch(`${base}${job.statusUrl}`, { headers: auth })).json() as { status: string };
        if (st.status === 'done' || st.status === 'failed') break;
        // The bench ends in minutes whatever the report does (STALLS_REPORT_TIMEOUT_S, default 600).
        if (performance.now() - t > reportTimeoutS * 1000) return { status: 0, ms: performance.now() - t, bytes: 0, unfinished: st.status };
      }
      const r = await fetch(`${base}${job.fileUrl}`, { headers: auth });
      const bytes = (await r.arrayBuffer()).byteLength;
      return { status: r.status, ms: performance.now() - t, bytes };
    })();
    dry.then((d) => console.error(`(dry run answered ${d.status} after ${(d.ms / 1000).toFixed(1)} s)`));
    const [d, rep] = await Promise.all([dry, report]);
    running = false;
    await Promise.all([healthLoop, loginLoop]);
    healthMs.sort((a, b) => a - b);
    const q = (p: number) => healthMs[Math.min(healthMs.length - 1, Math.floor(p * healthMs.length))];
    const dryRep = (() => { try { const j = JSON.parse(d.text); return `${j.counts?.values} values, wouldCommit ${j.wouldCommit}`; } catch { return d.text.slice(0, 80); } })();
    figures[`dry run ${dryMb} MB (lab, ${AREAS - 3} areas)`] = `${d.status} in ${(d.ms / 1000).toFixed(1)} s (${dryRep})`;
    figures['30-year baseline PDF (3 areas × 8 substances)'] = 'unfinished' in rep
      ? `still ${rep.unfinished} after ${(rep.ms / 1000).toFixed(0)} s (STALLS_REPORT_TIMEOUT_S)`
      : `${rep.status} in ${(rep.ms / 1000).toFixed(1)} s, ${(rep.bytes / 1024).toFixed(0)} KB`;
    figures['/healthz meanwhile'] = `n=${healthMs.length}, p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${healthMs.at(-1)!.toFixed(1)} ms (target p99 < 200 ms)${healthFailed.length ? `; ${healthFailed.length} failed: ${healthFailed.slice(0, 3).join('; ')}` : ''}`;
    const loginMs = logins.filter((l) => l.status === 204).map((l) => l.ms).sort((a, b) => a - b);
    figures['logins meanwhile'] = `${loginMs.length}/${logins.length} succeeded (${[...new Set(logins.map((l) => l.status))].join(', ')}), p50 ${(loginMs[Math.floor(loginMs.length / 2)] ?? NaN).toFixed(0)} ms, slowest ${Math.max(...logins.map((l) => l.ms)).toFixed(0)} ms`;
    figures['server during dry run + report'] = `CPU ${(cpuSeconds(pid) - cpu0).toFixed(1)} s (report worker included), peak RSS ${peakRssMb(pid).toFixed(0)} MB (${rss0.toFixed(0)} MB peak before), load ${load0} → ${load()}`;
    return figures;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const figures = await benchStalls({ quick: process.env.BENCH_QUICK === '1' });
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(50)} ${v}`);
}
