import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { nationalAreasCsv, writeNationalLabFile } from '../bench/national.ts';
import { tempDir } from '../helpers.ts';
import { httpLogin, startServer, stopServer, type RunningServer } from '../server-process.ts';

async function post(url: string, s: { cookie: string; csrf: string }, name: string, body: Buffer | string): Promise<Response> {
  return fetch(`${url}/api/v1/imports`, {
    method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/octet-stream', 'x-file-name': name },
  });
}

describe('SIGKILL in the middle of a large import', () => {
  const dir = tempDir('crash-');
  let server: RunningServer | null = null;
  afterAll(async () => { if (server) await stopServer(server, 'SIGKILL'); });

  it('leaves a database that opens, has no partial batch, and imports the same file in full afterwards', async () => {
    const lab = path.join(dir, 'big-lab.csv');
    // 40 areas of the national set: 40 × 15 substances × 7 days × 40 campaigns = 168 000 rows.
    const rows = await writeNationalLabFile(lab, { areas: 40 });
    const bench = (await import('../bench/national.ts'));
    server = await startServer(dir);
    let s = await httpLogin(server.url);
    const areas = nationalAreasCsv().split('\n').slice(0, 41).join('\n') + '\n';
    expect((await post(server.url, s, 'areas.csv', areas)).status).toBe(201);
    // The bench's three extra substances, added as the catalog's coordinators would.
    const db0 = new SQLite(path.join(dir, 'lagesbild.sqlite'));
    bench.insertExtraSubstances(db0);
    db0.close();

    const wal = path.join(dir, 'lagesbild.sqlite-wal');
    const walStart = fs.statSync(wal).size;
    const pending = post(server.url, s, 'big-lab.csv', fs.readFileSync(lab)).catch(() => null);
    // Kill once the import transaction has written a good part of the rows into the WAL.
    const t0 = Date.now();
    while (fs.statSync(wal).size < walStart + 4 * 1024 * 1024) {
      if (Date.now() - t0 > 60_000) throw new Error('the import never started writing');
      await new Promise((r) => setTimeout(r, 5));
    }
    await stopServer(server, 'SIGKILL');
    await pending;

    const db = new SQLite(path.join(dir, 'lagesbild.sqlite'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare('select count(*) n from measurements').get() as { n: number }).n).toBe(0);
    expect((db.prepare("select count(*) n from import_batches where kind = 'lab'").get() as { n: number }).n).toBe(0);
    db.close();

    server = await startServer(dir);
    s = await httpLogin(server.url);
    const res = await post(server.url, s, 'big-lab.csv', fs.readFileSync(lab));
    expect(res.status).toBe(201);
    expect((await res.json()).counts.accepted).toBe(rows);
    await stopServer(server);
    server = null;
  }, 180_000);
});
