import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { databaseEnv, SAMPLES, tempDir } from '../helpers.ts';
import { httpLogin, startServer, stopServer } from '../server-process.ts';

/**
 * The data version is stored in the database: a running server sees a commit made by another
 * process (here the CLI on the same DATA_DIR) within 2 s, with no restart.
 */
describe('commits from another process', () => {
  it('a CLI import shows in /api/v1/stats/baseline of a running server within 2 s', async () => {
    const dir = tempDir('data-version-');
    const db = databaseEnv(); // the suite's database: SQLite in dir, or one PostgreSQL schema for server and CLI
    const server = await startServer(dir, db, 60_000);
    try {
      const s = await httpLogin(server.url);
      const areas = await fetch(`${server.url}/api/v1/imports`, { method: 'POST', body: fs.readFileSync(path.join(SAMPLES, 'areas.csv')), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-file-name': 'areas.csv' } });
      expect(areas.status).toBe(201);
      const url = `${server.url}/api/v1/stats/baseline?area=EXS-ARV&substance=cocaine&metric=concentration&from=2020-09-14&to=2020-09-20`;
      const baseline = async () => {
        const res = await fetch(url, { headers: { cookie: s.cookie } });
        expect(res.status).toBe(200);
        return (await res.json()) as { n: number; mean: number | null };
      };
      const before = await baseline();
      expect(before.n).toBe(0);
      expect(await baseline()).toEqual(before); // now cached in the server

      const cli = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'import', path.join(SAMPLES, 'lab-long-sv.csv')], {
        env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', ...db }, encoding: 'utf8',
      });
      expect(cli.status, cli.stdout + cli.stderr).toBe(0);
      expect(cli.stdout).toMatch(/Imported as batch \d+/);
      const committedAt = Date.now();

      let after = before;
      while (after.n === 0 && Date.now() - committedAt < 3000) {
        await new Promise((r) => setTimeout(r, 100));
        after = await baseline();
      }
      const seenAfterMs = Date.now() - committedAt;
      expect(after.n).toBeGreaterThan(0);
      expect(after.mean).not.toBeNull();
      expect(seenAfterMs).toBeLessThan(2000);
    } finally {
      await stopServer(server);
    }
  }, 150_000);
});
