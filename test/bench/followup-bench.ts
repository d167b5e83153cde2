/**
 * The follow-up report PDF for 3 areas × 10 substances × 6 campaigns (issue 12; target ≤ 2 s for
 * the first in a process): generated data (test/intervention-data.ts) with one evaluated event.
 * Standalone: `npx tsx test/bench/followup-bench.ts` (then the PDF really is the process's first);
 * as the `follow-up report` section of `npm run bench` other reports may have warmed it.
 */
import { createApp } from '../../server/app.ts';
import { cliCaller } from '../../server/auth/sessions.ts';
import { assembleFollowUp } from '../../server/report/followup-data.ts';
import { buildFollowUpModel } from '../../server/report/followup-model.ts';
import { renderReport } from '../../server/report/index.ts';
import { GEN, generateIntervention } from '../intervention-data.ts';
import { testContext } from '../helpers.ts';
import { login, sendJson, upload } from '../http.ts';
import fs from 'node:fs';

const LAB_NAMES = ['Bensoylekgonin', 'Kokain', 'Amfetamin', 'Metamfetamin', 'MDMA', 'Cannabis (THCA-metabolit)', 'Tramadol', '6-MAM (Heroin-metabolit)', 'Ketamin', 'EDDP'];

export async function benchFollowUpReport(o: { quick: boolean }): Promise<Record<string, string | number>> {
  const { ctx, dir } = await testContext();
  try {
    const app = createApp(ctx);
    const s = await login(app);
    const g = generateIntervention({ effect: 0.7, seed: 7, nBefore: 3, nAfter: 3, substances: LAB_NAMES.map((labName, i) => ({ labName, loadMgPerDay: 10 + 7 * i })) });
    for (const [name, bytes] of [['areas.csv', g.areasCsv], ['lab.csv', g.labCsv], ['flow.csv', g.flowCsv]]) {
      const r = await upload(app, s, { name, bytes });
      if (r.status !== 201) throw new Error(`${name}: ${r.status} ${await r.text()}`);
    }
    await sendJson(app, s, 'POST', '/api/v1/events', { date: g.event, title: 'Skolkampanj', areas: [GEN.treated], controlArea: GEN.control });
    const caller = await cliCaller(ctx);
    const once = async () => {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const data = await assembleFollowUp(ctx, caller, {});
      const t1 = performance.now();
      const out = await renderReport(buildFollowUpModel(data), 'pdf');
      const t2 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      return { wall: t2 - t0, assemble: t1 - t0, cpu: (cpu.user + cpu.system) / 1000, bytes: out.bytes, areas: data.areas.length, substances: data.substances.length, campaigns: data.campaigns.length + 1 };
    };
    const cold = await once();
    const warm: Awaited<ReturnType<typeof once>>[] = [];
    for (let i = 0; i < (o.quick ? 1 : 3); i++) warm.push(await once());
    warm.sort((a, b) => a.wall - b.wall);
    const median = warm[Math.floor(warm.length / 2)];
    const pages = (cold.bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    const ms = (x: number) => `${Math.round(x)} ms`;
    return {
      'PDF content': `${cold.areas} areas × ${cold.substances} substances × ${cold.campaigns} campaigns, ${pages} pages, ${(cold.bytes.length / 1024).toFixed(0)} KB`,
      'PDF, first in process (cold)': `${ms(cold.wall)} wall (assemble ${ms(cold.assemble)}), ${ms(cold.cpu)} CPU (target ≤ 2 000 ms)`,
      'PDF, warm (median of the next runs)': `${ms(median.wall)} wall (assemble ${ms(median.assemble)}), ${ms(median.cpu)} CPU`,
    };
  } finally {
    await ctx.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchFollowUpReport({ quick: process.argv.includes('--quick') }));
}
