import { createHash } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { overviewSpec, referenceSpec, shareRepeatedData, timeseriesSpec, weekdaySpec, METRICS, type ChartSpec, type MetricInfo } from '../charts/index.ts';
import type { CensoredMode, Metric } from '../domain/loads.ts';
import type { Caller, Lang } from '../domain/types.ts';
import { listEvents } from './periods.ts';
import { cached } from './cache.ts';
import { findSubstanceNames } from '../db/repositories/substances.repository.ts';
import { findOrganisation } from '../db/repositories/organisations.repository.ts';
import { referenceFor } from './reference.ts';
import { allSeries, type Series } from './series.ts';
import { scopedAreas } from './scope.ts';
import { baselineOf, overview, statPoints, trendAdjustedAmong, trendOf, trendsAdjusted, type DateRange } from './statistics.ts';
import { meanByWeekday, weekdayWeekend } from '../stats/index.ts';
import { perPopulationKinds } from '../i18n/charts.ts';

/**
 * The charts' use case: fetches series and statistics and adapts them to the pure spec
 * builders in server/charts. Used by GET /api/v1/charts/:name, the pages and the report.
 */
export interface ChartParams {
  lang: Lang;
  metric: Metric;
  censored: CensoredMode;
  areas: string[];
  substance?: string;
  from?: string;
  to?: string;
  baseline?: DateRange & { name?: string };
  current?: DateRange & { name?: string };
  year?: number;
  width?: number | 'container';
}

const METRIC_KEY: Record<Metric, keyof (typeof METRICS)['sv']> = {
  normalized_load: 'normalisedLoad', concentration: 'concentration', load: 'load', consumption: 'consumption', doses: 'doses',
};
export const metricInfo = (metric: Metric, lang: Lang): MetricInfo => METRICS[lang][METRIC_KEY[metric]];
const SUBSTITUTION: Record<CensoredMode, 'loq/2' | 'zero' | 'loq'> = { half_loq: 'loq/2', zero: 'zero', loq: 'loq' };

/** Campaign index per date: runs of sampling dates with gaps of at most 2 days (API.md). */
export function campaignIndex(dates: string[]): Map<string, number> {
  const sorted = [...new Set(dates)].sort();
  const out = new Map<string, number>();
  let c = 0;
  sorted.forEach((d, i) => {
    if (i > 0 && (Date.parse(d) - Date.parse(sorted[i - 1])) / 86_400_000 > 2) c += 1;
    out.set(d, c);
  });
  return out;
}

export class ChartNotFound extends Error {}

async function names(ctx: AppContext, caller: Caller, lang: Lang) {
  const subs = await findSubstanceNames(ctx.db);
  const areas = await scopedAreas(ctx, caller);
  return {
    substance: (key: string) => { const s = subs.find((x) => x.key === key); return s ? (lang === 'sv' ? s.name_sv : s.name_en) : key; },
    area: (code: string) => areas.find((a) => a.code === code)?.name ?? code,
    visible: new Set(areas.map((a) => a.code)),
    substances: subs,
  };
}

function pick(series: Series[], area: string, substance: string): Series | undefined {
  return series.find((s) => s.area === area && s.substance === substance);
}

export async function buildChart(ctx: AppContext, caller: Caller, name: string, p: ChartParams): Promise<ChartSpec> {
  // One area and substance (time series, weekday, reference) reads only what it needs.
  const narrow = name !== 'overview' && p.areas.length === 1 && p.substance ? { area: p.areas[0], substance: p.substance } : {};
  const read = name === 'overview' ? null : await allSeries(ctx, caller, { metric: p.metric, censored: p.censored }, narrow);
  const series = read?.series ?? [];
  const n = await names(ctx, caller, p.lang);
  for (const a of p.areas) if (!n.visible.has(a)) throw new ChartNotFound(`No area "${a}".`);
  // Areas that count person equivalents: the unit says "per 1000 pe", or "… eller pe" beside persons (DOMAIN.md).
  const shown = read?.areas.filter((a) => p.areas.includes(a.code)) ?? [];
  const basic = metricInfo(p.metric, p.lang);
  const metric = { ...basic, unit: perPopulationKinds(basic.unit, shown.map((a) => a.populationKind ?? 'persons'), p.lang) };
  const inRange = (d: string) => (!p.from || d >= p.from) && (!p.to || d <= p.to);

  if (name === 'timeseries') {
    if (!p.substance || p.areas.length === 0) throw new ChartNotFound('timeseries needs area and substance.');
    const chosen = p.areas.map((a) => pick(series, a, p.substance!)).filter((s): s is Series => Boolean(s));
    const campaigns = campaignIndex(chosen.flatMap((s) => s.points.map((x) => x.date)));
    const one = chosen.length === 1 ? chosen[0] : null;
    const base = one && p.baseline ? baselineOf(one, p.baseline) : null;
    // The area page shows one chart per substance: Benjamini–Hochberg over all of the area's
    // trends (DOMAIN.md), so this chart's verdict is the adjusted one.
    let trend: (ReturnType<typeof trendOf> & { q?: number | null }) | null = null;
    if (one) {
      const siblings = (await allSeries(ctx, caller, { metric: p.metric, censored: p.censored }, { area: one.area })).series.filter((x) => x.area === one.area);
      trend = trendAdjustedAmong(one, siblings.length ? siblings : [one], { from: p.from, to: p.to }, { intervals: true });
    }
    const events = (await listEvents(ctx, caller)).filter((e) => (inRange(e.date) || inRange(e.to ?? e.date)) && (e.areas.length === 0 || e.areas.some((a) => p.areas.includes(a))));
    return timeseriesSpec({
      lang: p.lang, width: p.width, metric, censoredSubstitution: SUBSTITUTION[p.censored],
      series: chosen.map((s) => ({
        areaCode: s.area, areaName: n.area(s.area), substanceKey: s.substance, substanceName: n.substance(s.substance),
        points: s.points.filter((x) => inRange(x.date)).map((x) => ({ date: x.date, value: x.value, censored: x.censored, loqNgL: x.loqNgL, campaign: campaigns.get(x.date)! })),
      })),
      baseline: base && base.mean != null ? { mean: base.mean, ci95: base.ci95, from: p.baseline!.from, to: p.baseline!.to } : null,
      trend: trend && trend.sen && trend.line && (trend.verdict === 'increase' || trend.verdict === 'decrease' || trend.verdict === 'no_clear_change')
        ? { significant: trend.verdict === 'increase' || trend.verdict === 'decrease', slopePerYear: trend.sen.slopePerYear, percentPerYear: trend.sen.percentPerYear, line: [trend.line[0], trend.line[1]] }
        : null,
      campaignMeans: trend ? trend.campaigns : null,
      trendStatus: trend ? { verdict: trend.verdict, nCampaigns: trend.nCampaigns, minCampaigns: trend.minCampaigns, q: trend.q ?? null } : null,
      events: events.map((e) => ({ date: e.date, to: e.to, title: e.title })),
    });
  }
  if (name === 'weekday') {
    if (!p.substance || p.areas.length !== 1) throw new ChartNotFound('weekday needs one area and a substance.');
    const s = pick(series, p.areas[0], p.substance);
    const pts = s ? statPoints(s.points, { from: p.from, to: p.to }) : [];
    const ww = weekdayWeekend(pts, 'euda');
    const byDay = meanByWeekday(pts);
    return weekdaySpec({
      lang: p.lang, width: p.width, metric, areaName: n.area(p.areas[0]), substanceName: n.substance(p.substance),
      periodLabel: pts.length ? `${pts[0].date} – ${pts[pts.length - 1].date}` : undefined,
      days: byDay.map((d) => ({ weekday: d.weekday as 1, mean: d.n ? d.mean : null, n: d.n, nCensored: pts.filter((x) => x.censored && isoDay(x.date) === d.weekday).length })),
      weekdayMean: ww.weekdayMean, weekendMean: ww.weekendMean, ratio: ww.weekendRatio,
    });
  }
  if (name === 'overview') {
    if (!p.baseline || !p.current) throw new ChartNotFound('overview needs a baseline and a comparison period.');
    const rows = await overview(ctx, caller, p.baseline, p.current, { metric: p.metric, censored: p.censored });
    const org = await findOrganisation(ctx.db, caller.organisationId);
    return overviewSpec({
      lang: p.lang, width: p.width, placeName: org?.name ?? '', metric,
      baselineLabel: p.baseline.name ?? `${p.baseline.from} – ${p.baseline.to}`, comparisonLabel: p.current.name ?? `${p.current.from} – ${p.current.to}`,
      rows: rows.filter((r) => (p.areas.length === 0 || p.areas.includes(r.area)) && (!p.substance || r.substance === p.substance)).map((r) => ({
        areaCode: r.area, areaName: n.area(r.area), substanceKey: r.substance, substanceName: n.substance(r.substance),
        ratio: r.ratio, ci95: r.ci95, q: r.q, verdict: r.verdict, nBaseline: r.baseline.n, nComparison: r.current.n,
      })),
    });
  }
  if (name === 'reference') {
    if (!p.substance || p.areas.length !== 1) throw new ChartNotFound('reference needs one area and a substance.');
    const ref = await referenceFor(ctx, p.substance, p.year);
    const year = ref.year ?? p.year ?? new Date().getUTCFullYear();
    const s = pick(series, p.areas[0], p.substance);
    // The area's daily mean: that year's values if any, else the latest year with values.
    const pts = s ? statPoints(s.points) : [];
    const sameYear = pts.filter((x) => x.date.startsWith(String(year)));
    const use = sameYear.length ? sameYear : pts.filter((x) => x.date.slice(0, 4) === pts[pts.length - 1]?.date.slice(0, 4));
    const areaMean = use.length ? use.reduce((a, b) => a + b.value, 0) / use.length : null;
    return referenceSpec({
      lang: p.lang, width: p.width, metric: metricInfo('normalized_load', p.lang), substanceName: n.substance(p.substance), year,
      area: { name: n.area(p.areas[0]), value: areaMean, periodLabel: use.length ? use[0].date.slice(0, 4) : undefined },
      cities: ref.swedishCities.map((c) => ({ name: c.city, country: 'SE', value: c.dailyMean })),
      europeanMedian: ref.europeanMedian, europeanCityCount: ref.nCities,
    });
  }
  throw new ChartNotFound(`No chart "${name}". Charts: timeseries, weekday, overview, reference.`);
}

function isoDay(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export type ChartResult = { ok: true; json: Buffer<ArrayBuffer>; etag: string } | { ok: false; reason: 'not_found' | 'invalid'; message: string };

/**
 * A chart's spec as UTF-8 JSON with its entity tag (the SHA-1 of the JSON, quoted), cached per
 * `cacheKey` until data change: a cache hit is then written without encoding or hashing it again.
 * The key must fix the chart (the query as asked, the caller's scope, the language); `params` turns
 * the query into parameters and is called only when the chart is not cached (its errors, say a bad
 * query, are thrown as they are, and nothing is cached).
 */
export async function chartJson(ctx: AppContext, caller: Caller, name: string, cacheKey: string, params: () => Promise<ChartParams>): Promise<ChartResult> {
  try {
    const { json, etag } = await cached(ctx, cacheKey, async () => {
      const json = Buffer.from(JSON.stringify(shareRepeatedData(await buildChart(ctx, caller, name, await params()))), 'utf8');
      return { json, etag: `"${createHash('sha1').update(json).digest('hex')}"` };
    });
    return { ok: true, json, etag };
  } catch (e) {
    if (e instanceof ChartNotFound) return { ok: false, reason: /^No (area|chart)/.test(e.message) ? 'not_found' : 'invalid', message: e.message };
    throw e;
  }
}
