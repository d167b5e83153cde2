/**
 * One report worker per process, shared by its contexts (the server has one; the tests run many in
 * one process). Each context's reports come from its own database, and destroying a context closes
 * the worker's connection to that database, fails its waiting jobs and leaves the others working.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { cliCaller } from '../../server/auth/sessions.ts';
import type { AppContext } from '../../server/context.ts';
import { startReportJob } from '../../server/usecases/report-jobs.ts';
import { ON_POSTGRES, SAMPLES, testContext } from '../helpers.ts';
import { headers, login, upload, type Session } from '../http.ts';

/** A week of amphetamine at one area: the lab's Swedish layout. */
function weekAt(code: string): string {
  const lines = ['Provpunkt;Provtagning start;Provtagning slut;Labbets provnr;Analys;Halt;Enhet;Rapporteringsgräns'];
  for (let d = 14; d <= 20; d++) lines.push(`${code};2020-09-${d} 07:00;2020-09-${d + 1} 07:00;${code}-${d};Amfetamin;${100 + d};ng/L;5,0`);
  return `${lines.join('\n')}\n`;
}

/** This process's open descriptors of a file (the request thread's and the worker's connections alike). */
const openDescriptors = (file: string) => fs.readdirSync('/proc/self/fd').filter((fd) => {
  try { return fs.readlinkSync(`/proc/self/fd/${fd}`) === file; } catch { return false; }
}).length;

describe('the report worker is shared by the contexts of a process', () => {
  type Side = { ctx: AppContext; dir: string; app: ReturnType<typeof createApp>; s: Session };
  const sides: Side[] = [];
  const open = async (files: (string | { name: string; bytes: string })[]): Promise<Side> => {
    const { ctx, dir } = await testContext();
    const app = createApp(ctx);
    const s = await login(app);
    for (const f of files) expect((await upload(app, s, f)).status).toBe(201);
    const side = { ctx, dir, app, s };
    sides.push(side);
    return side;
  };
  const report = (side: Side) => side.app.request('/api/v1/reports/baseline?from=2020-09-14&to=2020-09-20&format=csv', { headers: headers(side.s) });
  let a: Side;
  let b: Side;

  beforeAll(async () => {
    a = await open([path.join(SAMPLES, 'areas.csv'), path.join(SAMPLES, 'lab-long-sv.csv')]);
    b = await open([{ name: 'areas.csv', bytes: 'code,name,population\nBBB-ARV,Bestad ARV,12000\n' }, { name: 'lab.csv', bytes: weekAt('BBB-ARV') }]);
  });
  afterAll(async () => {
    for (const side of sides) await side.ctx.destroy().catch(() => undefined);
  });

  it("each context's reports come from its own database, also when they are made side by side", async () => {
    const [ra, rb, ra2] = await Promise.all([report(a), report(b), report(a)]);
    for (const r of [ra, rb, ra2]) expect(r.status).toBe(200);
    const [ta, tb, ta2] = await Promise.all([ra.text(), rb.text(), ra2.text()]);
    expect(ta).toMatch(/EXS-ARV/);
    expect(ta).not.toMatch(/BBB-ARV/);
    expect(tb).toMatch(/BBB-ARV/);
    expect(tb).not.toMatch(/EXS-/);
    expect(ta2).toBe(ta);
  });

  it.skipIf(ON_POSTGRES)("destroying a context closes the worker's connection to its database; the other context goes on", async () => {
    const c = await open([{ name: 'areas.csv', bytes: 'code,name,population\nCCC-ARV,Cestad ARV,9000\n' }, { name: 'lab.csv', bytes: weekAt('CCC-ARV') }]);
    const file = path.join(c.dir, 'lagesbild.sqlite');
    expect((await report(c)).status).toBe(200);
    // The request thread's connection and the worker's (SQLite may hand one's descriptor on to the other: no count here).
    expect(openDescriptors(file)).toBeGreaterThan(0);
    await c.ctx.destroy();
    expect(openDescriptors(file)).toBe(0);
    const rb = await report(b);
    expect(rb.status).toBe(200);
    expect(await rb.text()).toMatch(/BBB-ARV/);
  });

  it('a waiting job of a destroyed context fails with a reason instead of waiting for ever', async () => {
    const d = await open([{ name: 'areas.csv', bytes: 'code,name,population\nDDD-ARV,Destad ARV,9000\n' }, { name: 'lab.csv', bytes: weekAt('DDD-ARV') }]);
    const caller = await cliCaller(d.ctx);
    const input = { kind: 'baseline', format: 'pdf', options: { from: '2020-09-14', to: '2020-09-20' } } as const;
    const first = await startReportJob(d.ctx, caller, input);
    const second = await startReportJob(d.ctx, caller, input);
    if (!first.ok || !second.ok) throw new Error('the jobs were not queued');
    await d.ctx.destroy();
    // The first had started (it may finish or fail with its database); the second had not.
    await first.done;
    expect(await second.done).toEqual({ ok: false, reason: 'failed', message: 'The server stopped before the report was made.' });
    expect((await report(a)).status).toBe(200);
  });
});
