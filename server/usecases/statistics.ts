import type { AppContext } from '../context.ts';
import type { CensoredMode, Metric } from '../domain/loads.ts';
import { dumpingDays } from '../domain/dumping.ts';
import type { Caller } from '../domain/types.ts';
import { scopedAreas } from './scope.ts';
import { allSeries } from './series.ts';
import { benjaminiHochberg } from '../stats/index.ts';
import { changeOf, type DateRange } from '../stats/seriesStats.ts';
import { cachedPatiently } from './cache.ts';

export { baselineOf, changeOf, statPoints, trendOf, unitOf, type DateRange } from '../stats/seriesStats.ts';

export interface StatsQuery {
  metric: Metric;
  censored: CensoredMode;
}

export type OverviewRow = ReturnType<typeof changeOf> & { q: number | null; dumpingDays?: string[] };

/**
 * Every area × substance for a baseline and a comparison period. q-values (Benjamini–Hochberg)
 * over every row with a p-value, over all areas whatever the caller's role; viewers then see
 * only the rows of areas they may see. The verdict uses q < 0.05.
 */
export async function overview(ctx: AppContext, caller: Caller, baseline: DateRange, current: DateRange, q: StatsQuery): Promise<OverviewRow[]> {
  const key = `overview|${caller.organisationIds.join(',')}|${baseline.from}|${baseline.to}|${current.from}|${current.to}|${q.metric}|${q.censored}`;
  const { value: rows } = await cachedPatiently(ctx, key, async () => {
    const everyone: Caller = { ...caller, role: 'coordinator' };
    const { series } = await allSeries(ctx, everyone, q);
    // In slices with a pause between them: at national scale (thousands of series) the other
    // requests of a busy server get their turn while this runs.
    const out: ReturnType<typeof changeOf>[] = [];
    for (const [i, s] of series.entries()) {
      out.push(changeOf(s, baseline, current));
      if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
    }
    const p = out.map((r) => (r.verdict === 'too_few_data' ? null : r.mannWhitney?.p ?? null));
    const qv = benjaminiHochberg(p);
    const dumping = dumpingDays(series);
    return out.map((r, i): OverviewRow => {
      const qi = qv[i];
      const verdict = r.verdict === 'too_few_data' || qi === null ? r.verdict : qi < 0.05 ? (r.ratio! > 1 ? 'increase' : 'decrease') : 'no_clear_change';
      const flagged = r.substance === 'cocaine' ? dumping.get(r.area)?.filter((d) => d >= current.from && d <= current.to) : undefined;
      return { ...r, verdict, q: qi, ...(flagged ? { dumpingDays: flagged } : {}) };
    });
  });
  if (caller.role !== 'viewer') return rows;
  const visible = new Set((await scopedAreas(ctx, caller)).map((a) => a.code));
  return rows.filter((r) => visible.has(r.area));
}
