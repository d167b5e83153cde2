import type { AppContext } from '../context.ts';
import type { CensoredMode, Metric } from '../domain/loads.ts';
import { rollUp, type DayParts } from '../domain/rollup.ts';
import type { Caller } from '../domain/types.ts';
import { listMeasurements, type MeasurementOut } from './measurements.ts';
import { scopedAreas, type ScopedArea } from './scope.ts';
import { cached } from './cache.ts';
import { findSubstance } from '../db/repositories/substances.repository.ts';
import { substanceFactors } from './substances.ts';
import { deriveLoads, metricValue } from '../domain/loads.ts';
import { dosesAllowed } from '../domain/substances.ts';

export type { Series, SeriesPoint } from '../stats/types.ts';
import type { Series, SeriesPoint } from '../stats/types.ts';
import { Turns } from '../turns.ts';

export interface SeriesQuery {
  metric: Metric;
  censored: CensoredMode;
  from?: string;
  to?: string;
}

function metricOf(m: MeasurementOut, metric: Metric, censored: CensoredMode): number | null {
  switch (metric) {
    case 'concentration': return m.censored ? (censored === 'zero' ? 0 : censored === 'loq' ? m.loqNgL : m.loqNgL != null ? m.loqNgL / 2 : null) : m.concentrationNgL;
    case 'load': return m.loadMgPerDay;
    case 'normalized_load': return m.normalizedLoad;
    case 'consumption': return m.consumption;
    case 'doses': return m.doses;
  }
}

/**
 * A censored day's LOQ in the metric's unit (the chain is linear in the concentration): what the
 * day would be worth at its LOQ, for upper bounds and the Kaplan–Meier mean. Null when unknown.
 */
function loqInMetric(m: MeasurementOut, metric: Metric, sub: { key: string; correction_factor: number | null; dose_mg: number | null }): number | null {
  if (m.loqNgL == null) return null;
  if (metric === 'doses' && !dosesAllowed(sub.key)) return null;
  const d = deriveLoads({ concentrationNgL: m.loqNgL, flowM3PerDay: m.flowM3PerDay, population: m.population, correctionFactor: sub.correction_factor, doseMg: sub.dose_mg });
  return metricValue({ ...d, concentrationNgL: m.loqNgL }, metric);
}

/** Which series to read: one area or several (with what their roll-ups need), one substance or several; all when absent. */
export interface SeriesSelection {
  area?: string;
  areas?: readonly string[];
  substance?: string;
  substances?: readonly string[];
}

/**
 * Every series (area × substance) a caller may see, for one metric and censored setting.
 * Areas without measurements of their own are rolled up from their children (recursively);
 * withheld small areas still count in their parents. Cached until data change.
 */
export async function allSeries(ctx: AppContext, caller: Caller, q: SeriesQuery, only: SeriesSelection = {}): Promise<{ series: Series[]; areas: ScopedArea[] }> {
  const areaList = only.areas ? [...new Set(only.areas)].sort() : only.area ? [only.area] : null;
  const substanceList = only.substances ? [...new Set(only.substances)].sort() : only.substance ? [only.substance] : null;
  const key = `series|${caller.organisationId}|${caller.organisationIds.join(',')}|${caller.role === 'viewer' ? 'v' : 'c'}|${q.metric}|${q.censored}|${q.from ?? ''}|${q.to ?? ''}|${areaList?.join(',') ?? '*'}|${substanceList?.join(',') ?? '*'}`;
  return cached(ctx, key, async () => {
    const all = await scopedAreas(ctx, caller, { includeWithheld: true });
    // Chosen areas: read only them and their descendants (what a roll-up needs), not the whole registry.
    let wantedCodes: string[] | undefined;
    if (areaList) {
      const wanted = new Set(areaList);
      wantedCodes = [...areaList];
      for (let i = 0; i < wantedCodes.length && i < 10_000; i++) {
        for (const a of all) if (a.parent === wantedCodes[i] && !wanted.has(a.code)) { wanted.add(a.code); wantedCodes.push(a.code); }
      }
    }
    const { rows } = await listMeasurements(ctx, caller, {
      includeWithheld: true, from: q.from, to: q.to, censored: q.censored, areas: wantedCodes, substances: substanceList ?? undefined,
    });
    const subs = [...(await substanceFactors(ctx, caller)).values()].map((x) => ({ key: x.key, correction_factor: x.correctionFactor, dose_mg: x.doseMg }))
      .filter((x) => !substanceList || substanceList.includes(x.key));
    const own = new Map<string, MeasurementOut[]>(); // area|substance → rows
    for (const r of rows) {
      const k = `${r.area}|${r.substance}`;
      let list = own.get(k);
      if (!list) own.set(k, (list = []));
      list.push(r);
    }
    const children = new Map<string, ScopedArea[]>();
    for (const a of all) if (a.parent) children.set(a.parent, [...(children.get(a.parent) ?? []), a]);

    const memo = new Map<string, Series | null>();
    const build = (area: ScopedArea, sub: (typeof subs)[number], depth: number): Series | null => {
      const k = `${area.code}|${sub.key}`;
      if (memo.has(k)) return memo.get(k)!;
      let result: Series | null = null;
      const mine = own.get(k);
      if (mine && mine.length) {
        result = {
          area: area.code, substance: sub.key, metric: q.metric, censoredMode: q.censored, source: 'own',
          points: mine.sort((a, b) => a.date.localeCompare(b.date)).map((m) => ({
            date: m.date, value: metricOf(m, q.metric, q.censored), censored: m.censored, loqNgL: m.loqNgL, concentrationNgL: m.concentrationNgL,
            loq: m.censored ? loqInMetric(m, q.metric, sub) : null,
          })),
        };
      } else if (depth < 5 && children.has(area.code)) {
        const kids = children.get(area.code)!;
        const parts: Map<string, DayParts>[] = [];
        for (const child of kids) {
          const childRows = partsOf(child, sub, depth + 1);
          if (!childRows) { parts.length = 0; break; }
          parts.push(childRows);
        }
        if (parts.length === kids.length && parts.length > 0) {
          const r = rollUp(parts);
          if (r.days.length) {
            result = {
              area: area.code, substance: sub.key, metric: q.metric, censoredMode: q.censored, source: 'rollup', children: kids.filter((c) => caller.role !== 'viewer' || !c.small).map((c) => c.code), // withheld names never reach viewers
              incompleteDates: r.incompleteDates,
              points: r.days.map((d) => {
                const value = q.metric === 'concentration' ? d.concentrationNgL : q.metric === 'load' ? d.loadMgPerDay : q.metric === 'normalized_load' ? d.normalizedLoad
                  : q.metric === 'consumption' ? (sub.correction_factor != null ? d.normalizedLoad * sub.correction_factor : null)
                    : sub.correction_factor != null && sub.dose_mg && dosesAllowed(sub.key) ? (d.normalizedLoad * sub.correction_factor) / sub.dose_mg : null;
                return { date: d.date, value, censored: d.censored, loqNgL: null, concentrationNgL: null };
              }),
            };
          }
        }
      }
      memo.set(k, result);
      return result;
    };
    // A child's day parts: its own rows, or its own roll-up (as load/flow/population).
    const partsOf = (area: ScopedArea, sub: (typeof subs)[number], depth: number): Map<string, DayParts> | null => {
      const mine = own.get(`${area.code}|${sub.key}`);
      if (mine && mine.length) return new Map(mine.map((m) => [m.date, { date: m.date, loadMgPerDay: m.loadMgPerDay, flowM3PerDay: m.flowM3PerDay, population: m.population, censored: m.censored }]));
      const kids = children.get(area.code);
      if (!kids || depth > 5) return null;
      const parts: Map<string, DayParts>[] = [];
      for (const child of kids) {
        const p = partsOf(child, sub, depth + 1);
        if (!p) return null;
        parts.push(p);
      }
      const r = rollUp(parts);
      return new Map(r.days.map((d) => [d.date, { date: d.date, loadMgPerDay: d.loadMgPerDay, flowM3PerDay: d.flowM3PerDay, population: d.population, censored: d.censored }]));
    };

    const visible = caller.role === 'viewer' ? all.filter((a) => !a.small) : all;
    const series: Series[] = [];
    const shownAreas = areaList ? new Set(areaList) : null;
    const turns = new Turns();
    for (const area of visible) {
      if (shownAreas && !shownAreas.has(area.code)) continue;
      for (const sub of subs) {
        const s = build(area, sub, 0);
        if (s) series.push(s);
      }
      if (turns.due) await turns.take(); // let other requests in
    }
    return { series, areas: visible };
  });
}

export async function oneSeries(ctx: AppContext, caller: Caller, area: string, substance: string, q: SeriesQuery): Promise<Series | null> {
  const { series } = await allSeries(ctx, caller, q, { area, substance });
  return series.find((s) => s.area === area && s.substance === substance) ?? null;
}

export type StatSeriesResult = { ok: true; series: Series } | { ok: false; reason: 'unknown_substance' | 'unknown_area' };

/** The series a statistic is computed on: empty (no points) for a visible area without data. */
export async function seriesForStats(ctx: AppContext, caller: Caller, area: string, substance: string, q: SeriesQuery & { metric: Metric; censored: CensoredMode }): Promise<StatSeriesResult> {
  if (!(await findSubstance(ctx.db, substance))) return { ok: false, reason: 'unknown_substance' };
  const s = await oneSeries(ctx, caller, area, substance, q);
  if (s) return { ok: true, series: s };
  if (!(await scopedAreas(ctx, caller)).some((a) => a.code === area)) return { ok: false, reason: 'unknown_area' };
  return { ok: true, series: { area, substance, metric: q.metric, censoredMode: q.censored, points: [], source: 'own' } };
}
