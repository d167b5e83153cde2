/**
 * The baseline report PDF for 3 areas × 10 substances (target ≤ 2 s): the sample municipality's
 * baseline week (8 substances) plus a small lab file with ketamine and EDDP for the same week.
 * Times the first PDF of the process (cold: modules and fonts load) and the median of the next
 * ones, with CPU time beside wall time since the machine may be shared.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../../server/app.ts';
import { cliCaller } from '../../server/auth/sessions.ts';
import { assembleBaselineReport } from '../../server/report/assemble.ts';
import { renderReport } from '../../server/report/index.ts';
import { SAMPLES, testContext } from '../helpers.ts';
import { login, sendJson, upload } from '../http.ts';

const FROM = '2020-09-14';
const TO = '2020-09-20';

/** Ketamine and EDDP for the three sample areas over the baseline week (deterministic values). */
export function extraLabFile(): string {
  const lines = ['Provpunkt;Datum;Analys;Halt;Enhet;Rapporteringsgräns'];
  ['EXS-ARV', 'EXS-CEN', 'EXS-NOR'].forEach((area, a) => {
    for (let d = 0; d < 7; d++) {
      const date = `2020-09-${14 + d}`;
      const weekend = [4, 5, 6, 0].includes(d); // Fri–Mon from a Monday start
      lines.push(`${area};${date};Ketamin;${(8 + a * 2 + d * 0.7 + (weekend ? 4 : 0)).toFixed(1).replace('.', ',')};ng/L;1,0`);
      lines.push(`${area};${date};EDDP;${(35 + a * 5 + ((d * 7) % 5)).toFixed(1).replace('.', ',')};ng/L;2,0`);
    }
  });
  return `${lines.join('\n')}\n`;
}

export async function benchReport(o: { quick: boolean }): Promise<Record<string, string | number>> {
  const { ctx, dir } = await testContext();
  try {
    const app = createApp(ctx);
    const s = await login(app);
    for (const f of ['areas.csv', 'lab-long-sv.csv', 'flow-sv.csv']) {
      const r = await upload(app, s, path.join(SAMPLES, f));
      if (r.status !== 201) throw new Error(`${f}: ${r.status}`);
    }
    if ((await upload(app, s, { name: 'ketamine-eddp.csv', bytes: extraLabFile() })).status !== 201) throw new Error('extra lab file not imported');
    await sendJson(app, s, 'POST', '/api/v1/periods', { name: 'Nollmätning', from: FROM, to: TO, baseline: true });
    const caller = await cliCaller(ctx);

    const once = async () => {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const model = await assembleBaselineReport(ctx, caller, {});
      const t1 = performance.now();
      const out = await renderReport(model, 'pdf');
      const t2 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      const charts = model.sections.flatMap((x) => x.blocks).filter((b) => b.kind === 'chart').length;
      const substances = new Set(model.csv.machine.rows.map((r) => r[2])).size;
      const areas = new Set(model.csv.machine.rows.map((r) => r[0])).size;
      return { wall: t2 - t0, assemble: t1 - t0, cpu: (cpu.user + cpu.system) / 1000, bytes: out.bytes, charts, substances, areas };
    };
    const cold = await once();
    const warm: Awaited<ReturnType<typeof once>>[] = [];
    for (let i = 0; i < (o.quick ? 2 : 5); i++) warm.push(await once());
    warm.sort((a, b) => a.wall - b.wall);
    const median = warm[Math.floor(warm.length / 2)];
    const pages = (cold.bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    fs.writeFileSync(path.join(dir, 'report.pdf'), cold.bytes);
    const ms = (x: number) => `${Math.round(x)} ms`;
    return {
      'PDF content': `${cold.areas} areas × ${cold.substances} substances, ${cold.charts} charts, ${pages} pages, ${(cold.bytes.length / 1024).toFixed(0)} KB`,
      'PDF, first in process (cold)': `${ms(cold.wall)} wall, ${ms(cold.cpu)} CPU (target ≤ 2 000 ms)`,
      'PDF, warm (median of the next runs)': `${ms(median.wall)} wall (of which assemble ${ms(median.assemble)}), ${ms(median.cpu)} CPU (target ≤ 2 000 ms)`,
    };
  } finally {
    await ctx.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
