/**
 * Statistics on the national dataset, as production computes them (issue 11): baseline (first
 * campaign, Kaplan–Meier where censored) + change (first vs last campaign against s_w and s_b,
 * s_b pooled per substance as the overview does) + trend on campaign means (Sen and Mann–Kendall
 * on one point per campaign, not on 280 days) for every series (300 areas × 15 substances = 4 500 series),
 * (1) with the data in memory (one thread, plain JavaScript) and (2) read from the SQLite file
 * the import phase wrote.
 * Standalone: `node --import tsx test/bench/stats-section.ts` (BENCH_QUICK=1: 30 areas).
 */
import { loadConfig } from '../../server/config.ts';
import { createContext } from '../../server/context.ts';
import { cliCaller } from '../../server/auth/sessions.ts';
import { demoRows } from '../../server/demo/generate.ts';
import { allSeries } from '../../server/usecases/series.ts';
import { baselineOf, changeOf, pooledSBetweenLog, trendOf } from '../../server/usecases/statistics.ts';
import type { Series } from '../../server/stats/types.ts';
import { NATIONAL_AREAS, NATIONAL_CAMPAIGNS, NATIONAL_SUBSTANCES } from './national.ts';
import { benchLongSeries } from './stats-bench.ts';

const first = { from: NATIONAL_CAMPAIGNS[0], to: new Date(Date.parse(NATIONAL_CAMPAIGNS[0]) + 6 * 86_400_000).toISOString().slice(0, 10) };
const lastStart = NATIONAL_CAMPAIGNS[NATIONAL_CAMPAIGNS.length - 1];
const last = { from: lastStart, to: new Date(Date.parse(lastStart) + 6 * 86_400_000).toISOString().slice(0, 10) };

function statsForAll(series: Series[]): number {
  let verdicts = 0;
  const bySubstance = new Map<string, Series[]>();
  for (const s of series) {
    const list = bySubstance.get(s.substance);
    if (list) list.push(s);
    else bySubstance.set(s.substance, [s]);
  }
  const pooled = new Map([...bySubstance].map(([k, list]) => [k, pooledSBetweenLog(list)]));
  for (const s of series) {
    baselineOf(s, first);
    if (changeOf(s, first, last, { pooledSBetweenLog: pooled.get(s.substance) ?? null }).verdict !== 'too_few_data') verdicts++;
    if (trendOf(s).verdict !== 'too_few_data') verdicts++;
  }
  return verdicts;
}

export async function benchNationalStats(o: { importedDir?: string; quick: boolean }): Promise<Record<string, string | number>> {
  const areas = o.quick ? NATIONAL_AREAS.slice(0, 30) : NATIONAL_AREAS;
  const byKey = new Map<string, Series>();
  const areaByCode = new Map(areas.map((a) => [a.code, a]));
  let n = 0;
  for (const c of NATIONAL_CAMPAIGNS) {
    for (const r of demoRows({ seed: 7 + n, areas, substances: NATIONAL_SUBSTANCES, campaigns: [c] })) {
      n++;
      const k = `${r.area}|${r.substance.key}`;
      let s = byKey.get(k);
      if (!s) byKey.set(k, (s = { area: r.area, substance: r.substance.key, metric: 'normalized_load', censoredMode: 'half_loq', points: [], source: 'own' }));
      const a = areaByCode.get(r.area)!;
      const conc = r.censored ? r.substance.loq / 2 : r.valueNgL;
      s.points.push({
        date: r.start, value: (conc * r.flow) / a.population, censored: r.censored, loqNgL: r.substance.loq, concentrationNgL: r.censored ? null : r.valueNgL,
        loq: r.censored ? (r.substance.loq * r.flow) / a.population : null,
      });
    }
  }
  const series = [...byKey.values()];
  statsForAll(series.slice(0, 50)); // warm-up
  // CPU time next to wall time: on a shared machine the wall clock also counts other processes.
  const cpuSeconds = (since: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(since);
    return ((c.user + c.system) / 1e6).toFixed(2);
  };
  const cpu = process.cpuUsage();
  let t = performance.now();
  statsForAll(series);
  const inMemoryMs = performance.now() - t;
  const out: Record<string, string | number> = {
    'series × points': `${series.length} × ${series[0]?.points.length ?? 0}`,
    'baseline+change (s_w, s_b)+campaign trend, all series, in memory (1 thread)': `${(inMemoryMs / 1000).toFixed(2)} s (target ≤ 3 s; CPU ${cpuSeconds(cpu)} s)`,
  };
  if (o.importedDir) {
    const config = loadConfig({ DATA_DIR: o.importedDir, LOG_LEVEL: 'silent' });
    const { ctx } = await createContext(config);
    const caller = await cliCaller(ctx);
    t = performance.now();
    const { series: fromDb } = await allSeries(ctx, caller, { metric: 'normalized_load', censored: 'half_loq' });
    const readMs = performance.now() - t;
    out['read all series from SQLite (measurements + flows + loads)'] = `${(readMs / 1000).toFixed(2)} s (${fromDb.length} series)`;
    await ctx.destroy();
  }
  Object.assign(out, await benchLongSeries());
  return out;
}

// Standalone: `node --import tsx test/bench/stats-section.ts` (BENCH_QUICK=1: 30 areas).
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const figures = await benchNationalStats({ quick: process.env.BENCH_QUICK === '1' });
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(58)} ${v}`);
}
