/**
 * Issue 16, stalls, against a real server process: a large multipart upload is streamed to disk,
 * not held in memory. The server's peak RSS (VmHWM, reset before the upload through
 * /proc/PID/clear_refs) may grow by at most UPLOAD_MEMORY_BUDGET_MB while it takes a 120 MB file.
 * Before, parseBody() held the body as an ArrayBuffer, a File and a Buffer copy: 240 MB and more.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';
import { httpLogin, startServer, stopServer, type RunningServer } from '../server-process.ts';

const FILE_MB = 120;
const UPLOAD_MEMORY_BUDGET_MB = 100;

const status = (pid: number, key: 'VmHWM' | 'VmRSS') => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

describe.skipIf(process.platform !== 'linux')('a large multipart upload does not fill the server\'s memory', () => {
  let server: RunningServer;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    server = await startServer(dir);
  });
  afterAll(async () => {
    await stopServer(server);
  });

  it(`a ${FILE_MB} MB file without line breaks, sent as a form: 422 line_too_long, peak RSS + < ${UPLOAD_MEMORY_BUDGET_MB} MB`, async () => {
    const file = path.join(dir, 'one-line.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, 'Provpunkt;Datum;Analys;Halt;Enhet\n');
    const mb = Buffer.from('EXS-ARV;'.repeat(128 * 1024));
    for (let i = 0; i < FILE_MB; i++) fs.writeSync(fd, mb);
    fs.closeSync(fd);
    const auth = await httpLogin(server.url);
    const pid = server.proc.pid!;
    // Settle, then start a new peak from the current RSS.
    await fetch(`${server.url}/healthz`);
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const before = status(pid, 'VmRSS');
    const form = new FormData();
    form.append('file', new File([await fs.openAsBlob(file)], 'one-line.csv'));
    const res = await fetch(`${server.url}/api/v1/imports`, { method: 'POST', headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf }, body: form });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors.map((e: { code: string }) => e.code)).toEqual(['line_too_long']);
    const grew = status(pid, 'VmHWM') - before;
    expect(grew).toBeLessThan(UPLOAD_MEMORY_BUDGET_MB);
    // Nothing is left in uploads/.
    expect(fs.readdirSync(path.join(dir, 'uploads'))).toEqual([]);
  }, 180_000);
});
