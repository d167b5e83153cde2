import { spawn, type ChildProcess } from 'node:child_process';
import { ADMIN } from './helpers.ts';

export interface RunningServer {
  proc: ChildProcess;
  url: string;
  output: () => string;
}

/**
 * Starts `server/main.ts` (under tsx) as a real process on a free port and waits for its URL;
 * `built: true` starts `dist/server/main.js` with node, as `npm start` does (build it first).
 * `cwd`: another checkout's (npm run bench:ab); this one by default.
 */
export async function startServer(dataDir: string, env: Record<string, string> = {}, startTimeoutMs = 90_000, { built = false, cwd = process.cwd() } = {}): Promise<RunningServer> {
  const proc = spawn(process.execPath, built ? ['--enable-source-maps', 'dist/server/main.js'] : ['--import', 'tsx', 'server/main.ts'], {
    cwd,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LAGESBILD_ADMIN_EMAIL: ADMIN.email, LAGESBILD_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn', ORGANISATION_NAME: 'Testkommun', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { out += d; });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), startTimeoutMs);
    const check = () => {
      const m = /running at (http:\/\/[^\s/]+)\//.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${out}`)); });
  });
  return { proc, url, output: () => out };
}

export async function stopServer(s: RunningServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (s.proc.exitCode !== null) return s.proc.exitCode;
  const done = new Promise<number | null>((r) => s.proc.once('exit', (code) => r(code)));
  s.proc.kill(signal);
  return done;
}

export async function httpLogin(url: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (res.status !== 204) throw new Error(`login: ${res.status}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: res.headers.get('x-csrf-token') ?? '' };
}
