/**
 * Operations with a real server process: an online backup with the CLI, and SIGTERM with a
 * request in flight. Nothing here depends on how fast the machine is: the server's start is
 * awaited (test/server-process.ts, bounded), and "in flight" is made certain rather than hoped
 * for by a sleep: the upload's body is held open until the server has started writing it to
 * DATA_DIR/uploads, SIGTERM is sent, the server's shutdown message is awaited, and only then is
 * the rest of the body sent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createContext } from '../../server/context.ts';
import { uploadsDir } from '../../server/import/files.ts';
import { SAMPLES, tempDir } from '../helpers.ts';
import { allMeasurements, login } from '../http.ts';
import { httpLogin, startServer, stopServer, type RunningServer } from '../server-process.ts';

/** Generous: a loaded 2-core machine may take tens of seconds to start tsx processes. */
const SLOW = 180_000;

/** Polls `check` every 50 ms until it returns true, at most `ms`; throws with `what` on time-out. */
async function waitFor(what: string, check: () => boolean, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A child process, awaited without blocking the event loop. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, encoding: 'utf8', maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** A GET, tried again (at most 3 times) when a reused keep-alive connection was closed under it. */
async function getWithRetry(url: string, headers: Record<string, string>): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { headers });
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

describe('operations with a server process', () => {
  it('backs up online with the CLI while the server runs; a restored copy gives the same figures', { timeout: SLOW }, async () => {
    const dir = tempDir('backup-');
    const server = await startServer(dir);
    try {
      const s = await httpLogin(server.url);
      for (const f of ['areas.csv', 'lab-long-sv.csv', 'flow-sv.csv']) {
        const res = await fetch(`${server.url}/api/v1/imports`, { method: 'POST', body: fs.readFileSync(path.join(SAMPLES, f)), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-file-name': f } });
        expect(res.status).toBe(201);
      }
      const target = path.join(tempDir('backup-out-'), 'copy.sqlite');
      // Asynchronously: a blocking spawnSync would also stop this process from noticing that the
      // server closed an idle keep-alive connection meanwhile (the next fetch then fails).
      const cli = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'backup', target], { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' });
      expect(cli.status, cli.stderr).toBe(0);
      expect(cli.stdout).toMatch(/integrity ok/);
      const before = await (await getWithRetry(`${server.url}/api/v1/measurements?limit=100000`, { cookie: s.cookie })).json();

      // Restore = put the copy in place as DATA_DIR/lagesbild.sqlite (README "Security and backups").
      const restored = tempDir('restored-');
      fs.copyFileSync(target, path.join(restored, 'lagesbild.sqlite'));
      const { ctx } = await createContext(loadConfig({ DATA_DIR: restored, LOG_LEVEL: 'silent' }));
      const app = createApp(ctx);
      const r = await login(app);
      const after = await allMeasurements(app, r);
      expect(after).toEqual(before.data);
      await ctx.destroy();
    } finally {
      await stopServer(server);
    }
  });

  it('SIGTERM: the server stops accepting, lets the running request finish, and exits 0', { timeout: SLOW }, async () => {
    const dir = tempDir('sigterm-');
    const server: RunningServer = await startServer(dir);
    try {
      const s = await httpLogin(server.url);
      const post = (f: string) => fetch(`${server.url}/api/v1/imports`, { method: 'POST', body: fs.readFileSync(path.join(SAMPLES, f)), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-file-name': f } });
      expect((await post('areas.csv')).status).toBe(201);
      // The 1 008 values of the lab file take a while to import. SIGTERM goes once the handler
      // is certainly running: its temporary upload file is there (or, on a fast machine, it has
      // already answered). No sleep decides anything.
      let answered: Response | null = null;
      const pending = post('lab-long-sv.csv').then((r) => { answered = r; return r; });
      pending.catch(() => undefined); // awaited below; never an unhandled rejection
      const uploads = uploadsDir(dir);
      await waitFor('the import to start', () => answered !== null || (fs.existsSync(uploads) && fs.readdirSync(uploads).some((f) => f.endsWith('.part'))));
      const exited = stopServer(server, 'SIGTERM');
      const res = await pending;
      expect(res.status, await res.clone().text()).toBe(201);
      expect((await res.json()).counts.accepted).toBe(1008);
      expect(await exited).toBe(0);
      expect(server.output()).toContain('SIGTERM: no new requests');
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    } finally {
      await stopServer(server, 'SIGKILL');
    }
  });
});
