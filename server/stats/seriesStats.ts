// The statistics of one series (area × substance × metric) as the API, the charts, the report
// and the bench show them: points with a value in a date range, then the pure summaries. Pure
// (no I/O); server/usecases/statistics.ts re-exports it.
//
// DOMAIN.md "Campaigns" and "Below LOQ": a trend has one point per campaign; a change is judged
// against day-to-day (s_w) and campaign-to-campaign (s_b) variation; a summary with more than
// half its days below LOQ is "< LOQ, at most upperBound" and carries no mean, interval or verdict;
// 1–50 % below LOQ uses the Kaplan–Meier mean unless a substitution was asked for.
import { METRIC_UNIT, type Metric } from '../domain/loads.ts';
import { MAX_CAMPAIGN_GAP_DAYS } from '../domain/campaigns.ts';
import type { Series, SeriesPoint } from './types.ts';
import { changeSummary, type StatPoint } from './summaries.ts';
import { describe } from './describe.ts';
import { weekdayWeekend } from './weekday.ts';
import { campaignChange, varianceComponents, type CampaignLogs, type ChangeSide } from './campaignChange.ts';
import { campaignTrend, MIN_TREND_CAMPAIGNS } from './campaignTrend.ts';
import { censoredMean, kaplanMeierMean, type CensoredObservation } from './censoredMean.ts';
import { bootstrapMeanCI } from './bootstrap.ts';
import { epochDay } from './isoDate.ts';
import { normalQuantile } from './normal.ts';
import { daysWithoutValue, memoised, pointsWithValue } from './seriesIndex.ts';
import type { Verdict } from './verdicts.ts';

export { MIN_TREND_CAMPAIGNS };

export interface DateRange { from: string; to: string }

/**
 * How a mean is estimated when some days are below LOQ: 'kaplan_meier' (the default: the
 * Kaplan–Meier mean for 1–50 % censored, Helsel 2012) or 'substitution' (the series' own
 * substituted values: LOQ/2, 0 or LOQ as `censored=` says).
 */
export type MeanEstimator = 'kaplan_meier' | 'substitution';

/** One campaign: an explicit one (issue 10's campaign entity) or a detected run of dates. */
export interface CampaignRange { id: string | null; from: string; to: string }

export interface StatsOptions {
  estimator?: MeanEstimator;
  /**
   * The campaigns to judge by. Absent: the runs detected from the series' own dates (gaps ≤ 2
   * days), which are exactly the `detected` campaigns of the campaign entity.
   */
  campaigns?: readonly CampaignRange[];
}

export interface StatPointWithLoq extends StatPoint {
  /** A censored day's LOQ in the metric's unit; null when unknown. */
  loq: number | null;
}

/** Points with a value (a day without flow has no load) within a date range, as stats take them. */
export function statPoints(points: SeriesPoint[], range?: Partial<DateRange>): StatPointWithLoq[] {
  const from = range?.from;
  const to = range?.to;
  const out: StatPointWithLoq[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p.value != null && (!from || p.date >= from) && (!to || p.date <= to)) out.push({ date: p.date, value: p.value, censored: p.censored, loq: p.loq ?? null });
  }
  return out;
}

/** The unit of a metric's values, as shown next to every figure. */
export function unitOf(metric: Metric): string {
  return METRIC_UNIT[metric];
}

const isMostlyBelowLoq = (n: number, nCensored: number) => n > 0 && 2 * nCensored > n;

/** Mean with censored days at their LOQ (the "at most" of a "< LOQ" result); null if a LOQ is unknown. */
export function upperBoundOf(points: readonly StatPointWithLoq[]): number | null {
  if (points.length === 0) return null;
  let sum = 0;
  for (const p of points) {
    const v = p.censored ? p.loq : p.value;
    if (v === null || !Number.isFinite(v)) return null;
    sum += v;
  }
  return sum / points.length;
}

const observations = (points: readonly StatPointWithLoq[]): CensoredObservation[] | null =>
  points.some((p) => p.censored && p.loq === null) ? null : points.map((p) => ({ value: p.censored ? p.loq! : p.value, censored: p.censored }));

/** The mean a summary shows, by the estimator; 'kaplan_meier' falls back to substitution without LOQs. */
function meanOf(points: readonly StatPointWithLoq[], estimator: MeanEstimator, withInterval: boolean): { mean: number | null; ci95: [number, number] | null; used: 'arithmetic' | 'kaplan_meier' } {
  const nCensored = points.filter((p) => p.censored).length;
  if (estimator === 'kaplan_meier' && nCensored > 0) {
    const obs = observations(points);
    if (obs) {
      if (!withInterval) return { mean: kaplanMeierMean(obs), ci95: null, used: 'kaplan_meier' };
      const km = censoredMean(obs);
      return { mean: km.mean, ci95: km.ci95, used: 'kaplan_meier' };
    }
  }
  const values = points.map((p) => p.value);
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  return { mean, ci95: withInterval ? bootstrapMeanCI(values) : null, used: 'arithmetic' };
}

export function baselineOf(series: Series, range: DateRange, opts: StatsOptions = {}) {
  const pts = pointsWithValue(series, range.from, range.to);
  const missing = daysWithoutValue(series, range.from, range.to);
  const values = pts.map((p) => p.value);
  const d = describe(values, { censoredFlags: pts.map((p) => p.censored) });
  const head = { area: series.area, substance: series.substance, from: range.from, to: range.to, source: series.source };
  const tail = { nWithoutValue: missing, unit: unitOf(series.metric) };
  if (isMostlyBelowLoq(d.n, d.nCensored)) {
    // "< LOQ, at most upperBound": no mean, interval or weekend ratio (DOMAIN.md "Below LOQ").
    return {
      ...head, ...d, mean: null, ci95: null, weekdayMean: null, weekendMean: null, weekendRatio: null,
      belowLoq: true, upperBound: upperBoundOf(pts), meanEstimator: null, ...tail,
    };
  }
  const m = meanOf(pts, opts.estimator ?? 'kaplan_meier', true);
  return { ...head, ...d, mean: m.mean, ci95: m.ci95, ...weekdayWeekend(pts, 'euda'), belowLoq: false, upperBound: null, meanEstimator: m.used, ...tail };
}

/** A campaign as the API shows it: mean null (and `upperBound` set) when mostly below LOQ. */
export interface CampaignOut {
  id: string | null;
  from: string;
  to: string;
  mid: string;
  n: number;
  nCensored: number;
  mean: number | null;
  ci95?: [number, number] | null;
  belowLoq: boolean;
  upperBound: number | null;
}

interface CampaignOfSeries extends CampaignOut {
  midEpochDay: number;
  /** The mean the trend uses (also for a mostly-below-LOQ campaign, which the verdict then weighs). */
  trendMean: number;
  points: StatPointWithLoq[];
}

/** 'YYYY-MM-DD' of a day count since 1970-01-01 (H. Hinnant's civil_from_days; no Date object). */
function isoOfEpochDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

type CampaignGroup = { range: CampaignRange; points: StatPointWithLoq[] };

/**
 * Campaigns detected from the dates, kept compact (a series' detected campaigns are kept for as
 * long as the series): the points in date order and where each run starts (gaps ≤ 2 days, as
 * detectCampaigns); starts[k] … starts[k + 1] − 1 are the k-th campaign's points.
 */
interface DetectedRuns {
  sorted: readonly StatPointWithLoq[];
  starts: Int32Array;
}

function inDateOrder(points: readonly StatPointWithLoq[]): readonly StatPointWithLoq[] {
  for (let i = 1; i < points.length; i++) {
    if (points[i - 1].date > points[i].date) return [...points].sort((a, b) => a.date.localeCompare(b.date));
  }
  return points;
}

function detectRuns(points: readonly StatPointWithLoq[]): DetectedRuns {
  const sorted = inDateOrder(points);
  const starts: number[] = [];
  let lastDay = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < sorted.length; i++) {
    const day = epochDay(sorted[i].date);
    if (day - lastDay - 1 > MAX_CAMPAIGN_GAP_DAYS) starts.push(i);
    lastDay = day;
  }
  if (sorted.length) starts.push(sorted.length);
  return { sorted, starts: Int32Array.from(starts) };
}

/** The detected runs as groups of points ("from_to" ids); the arrays are new, exactly sized. */
function groupsOfRuns({ sorted, starts }: DetectedRuns): CampaignGroup[] {
  const out: CampaignGroup[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    const points = sorted.slice(starts[k], starts[k + 1]);
    const from = points[0].date;
    const to = points[points.length - 1].date;
    out.push({ range: { id: `${from}_${to}`, from, to }, points });
  }
  return out;
}

/**
 * The points of each campaign: the explicit list when given (points outside every listed
 * campaign are left out), else the runs detected from the dates (gaps ≤ 2 days, as
 * detectCampaigns).
 */
function groupByCampaign(points: readonly StatPointWithLoq[], explicit?: readonly CampaignRange[]): CampaignGroup[] {
  if (!explicit) return groupsOfRuns(detectRuns(points));
  const sorted = inDateOrder(points);
  const out: CampaignGroup[] = [];
  for (const r of [...explicit].sort((a, b) => a.from.localeCompare(b.from))) {
    const mine = sorted.filter((p) => p.date >= r.from && p.date <= r.to);
    if (mine.length) out.push({ range: r, points: mine });
  }
  return out;
}

/**
 * The campaigns of a series' points (groupByCampaign) with their summaries: n, share below LOQ,
 * the mean (Kaplan–Meier for 1–50 % censored by default; null when mostly below LOQ, with the
 * upper bound instead) at the middle date. id: the explicit id, or "from_to" for a detected run.
 */
export function campaignsOfPoints(points: readonly StatPointWithLoq[], opts: StatsOptions & { intervals?: boolean } = {}): CampaignOfSeries[] {
  return summariesOfCampaigns(groupByCampaign(points, opts.campaigns), opts);
}

function summariesOfCampaigns(groups: readonly CampaignGroup[], opts: StatsOptions & { intervals?: boolean }): CampaignOfSeries[] {
  const estimator = opts.estimator ?? 'kaplan_meier';
  const out: CampaignOfSeries[] = [];
  for (const { range: r, points: mine } of groups) {
    const firstDay = epochDay(mine[0].date);
    const lastDay = epochDay(mine[mine.length - 1].date);
    const midEpochDay = (firstDay + lastDay) / 2;
    let nCensored = 0;
    let sum = 0;
    for (const p of mine) {
      if (p.censored) nCensored++;
      sum += p.value;
    }
    const n = mine.length;
    const mostly = isMostlyBelowLoq(n, nCensored);
    const m = mostly ? { mean: null, ci95: null } : nCensored > 0 ? meanOf(mine, estimator, opts.intervals ?? false) : { mean: sum / n, ci95: opts.intervals ? bootstrapMeanCI(mine.map((p) => p.value)) : null };
    out.push({
      id: r.id, from: mine[0].date, to: mine[n - 1].date, mid: isoOfEpochDay(Math.floor(midEpochDay)), midEpochDay, n, nCensored,
      mean: m.mean, ...(opts.intervals ? { ci95: m.ci95 } : {}), belowLoq: mostly, upperBound: mostly ? upperBoundOf(mine) : null,
      trendMean: m.mean ?? sum / n, points: mine,
    });
  }
  return out;
}

/** The API's fields of a campaign (written out: an object rest would copy into a slow dictionary object). */
const campaignOut = (c: CampaignOfSeries): CampaignOut =>
  'ci95' in c
    ? { id: c.id, from: c.from, to: c.to, mid: c.mid, n: c.n, nCensored: c.nCensored, mean: c.mean, ci95: c.ci95, belowLoq: c.belowLoq, upperBound: c.upperBound }
    : { id: c.id, from: c.from, to: c.to, mid: c.mid, n: c.n, nCensored: c.nCensored, mean: c.mean, belowLoq: c.belowLoq, upperBound: c.upperBound };

/** A campaign's logs of its positive values, in an array of exactly their number (kept per series). */
function logsOfPoints(points: readonly StatPointWithLoq[], from: number, to: number): CampaignLogs {
  let positive = 0;
  for (let i = from; i < to; i++) if (points[i].value > 0) positive++;
  const logs = new Array<number>(positive);
  let j = 0;
  for (let i = from; i < to; i++) if (points[i].value > 0) logs[j++] = Math.log(points[i].value);
  return { midEpochDay: (epochDay(points[from].date) + epochDay(points[to - 1].date)) / 2, logs };
}

const logsOf = (groups: readonly CampaignGroup[]): CampaignLogs[] => groups.map(({ points }) => logsOfPoints(points, 0, points.length));

const logsOfRuns = ({ sorted, starts }: DetectedRuns): CampaignLogs[] => {
  const out: CampaignLogs[] = [];
  for (let k = 0; k + 1 < starts.length; k++) out.push(logsOfPoints(sorted, starts[k], starts[k + 1]));
  return out;
};

/** Each campaign's logs of its positive daily values, for s_w and s_b (campaignChange.ts). */
export function campaignLogs(series: Series, opts: StatsOptions = {}): CampaignLogs[] {
  if (opts.campaigns) return logsOf(groupByCampaign(pointsWithValue(series), opts.campaigns));
  return memoised(series, 'campaign logs', () => logsOfRuns(detectedCampaigns(series)));
}

/**
 * The campaigns detected in all of a series' points with a value: grouped once per series, for
 * its s_w and s_b (campaignLogs) and its trend over the whole series (the overview and the
 * statistics of every series ask for both). Shared: not to be changed.
 */
function detectedCampaigns(series: Series): DetectedRuns {
  return memoised(series, 'detected campaigns', (all) => detectRuns(all));
}

/**
 * s_b pooled over several series of one substance (the organisation's areas): null when they hold
 * fewer than 4 campaigns in all (DOMAIN.md). Only series with measurements of their own take
 * part (a roll-up would count its children twice).
 */
export function pooledSBetweenLog(series: readonly Series[], opts: StatsOptions = {}): number | null {
  const groups = series.filter((s) => s.source === 'own').map((s) => campaignLogs(s, opts));
  const v = varianceComponents(groups);
  return v.sBetween2 === null ? null : Math.sqrt(v.sBetween2);
}

const sideOf = (points: readonly StatPointWithLoq[]): ChangeSide => {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    const day = epochDay(p.date);
    if (day < first) first = day;
    if (day > last) last = day;
  }
  return { midEpochDay: points.length ? (first + last) / 2 : 0, days: points };
};

const Z_975 = normalQuantile(0.975);
const Z_80 = normalQuantile(0.8);

export interface ChangeOptions extends StatsOptions {
  /** s_b pooled over the organisation's areas for this substance (pooledSBetweenLog); used without own s_b. */
  pooledSBetweenLog?: number | null;
}

/**
 * A later period against the baseline. Campaign scope (s_b known, own or pooled): DOMAIN.md's z
 * test on log means, ratio = exp(d) (ratio of geometric means) with exp(d ± 1.96·SE), and
 * detectableRatio = exp((z₀.₉₇₅ + z₀.₈₀)·SE) from the same variance. Days scope (no s_b): the
 * comparison covers day-to-day variation only: Mann–Whitney, ratio of means with its bootstrap
 * interval, detectableRatio from the baseline's day-to-day spread (API.md). Refusals first:
 * mostly_below_loq, loq_changed.
 */
export function changeOf(series: Series, baseline: DateRange, current: DateRange, opts: ChangeOptions = {}) {
  const p1 = pointsWithValue(series, baseline.from, baseline.to);
  const p2 = pointsWithValue(series, current.from, current.to);
  const cc = campaignChange({
    baseline: sideOf(p1),
    later: sideOf(p2),
    areaCampaigns: campaignLogs(series, opts),
    pooledSBetweenLog: opts.pooledSBetweenLog ?? null,
  });
  const side = (pts: readonly StatPointWithLoq[], mean: number | null) => {
    const nCensored = pts.filter((p) => p.censored).length;
    const belowLoq = isMostlyBelowLoq(pts.length, nCensored);
    return { n: pts.length, nCensored, mean: belowLoq ? null : mean, belowLoq, upperBound: belowLoq ? upperBoundOf(pts) : null };
  };
  const arithmetic = (pts: readonly StatPointWithLoq[]) => (pts.length ? pts.reduce((a, p) => a + p.value, 0) / pts.length : null);
  const head = {
    area: series.area, substance: series.substance, baselinePeriod: baseline, currentPeriod: current,
    baseline: side(p1, arithmetic(p1)), current: side(p2, arithmetic(p2)),
    scope: cc.scope, sWithinLog: cc.sWithinLog, sBetweenLog: cc.sBetweenLog, sBetweenSource: cc.sBetweenSource, seasonDiffers: cc.seasonDiffers,
  };
  const unit = unitOf(series.metric);
  const empty = p1.length === 0 || p2.length === 0;
  if (!empty && (cc.verdict === 'mostly_below_loq' || cc.verdict === 'loq_changed')) {
    return { ...head, test: null, mannWhitney: null, ratio: null, ci95: null, detectableRatio: null, p: null, verdict: cc.verdict as Verdict, unit };
  }
  if (cc.scope === 'campaigns') {
    const se = cc.sWithinLog !== null && p1.length > 0 && p2.length > 0
      ? Math.sqrt(cc.sWithinLog ** 2 * (1 / p1.length + 1 / p2.length) + 2 * (cc.sBetweenLog ?? 0) ** 2)
      : null;
    const verdict: Verdict = empty ? 'too_few_data' : cc.verdict;
    return {
      ...head, test: cc.test, mannWhitney: null, ratio: cc.ratio, ci95: cc.ci95,
      detectableRatio: se !== null && se > 0 ? Math.exp((Z_975 + Z_80) * se) : null,
      p: verdict === 'too_few_data' ? null : cc.test?.p ?? null, verdict, unit,
    };
  }
  // Days scope only: the bootstrap interval and Mann–Whitney (campaign scope needs neither).
  const days = changeSummary(p1, p2);
  return {
    ...head, test: null, mannWhitney: days.mannWhitney, ratio: days.ratio, ci95: days.ci95, detectableRatio: days.detectableRatio,
    p: days.verdict === 'too_few_data' ? null : days.mannWhitney?.p ?? null, verdict: days.verdict, unit,
  };
}

export type ChangeResult = ReturnType<typeof changeOf>;

export interface TrendOptions extends StatsOptions {
  /** Each campaign's 95 % interval of its mean (charts): seeded bootstrap; off by default (cost). */
  intervals?: boolean;
}

/**
 * Trend on campaign means (DOMAIN.md): Mann–Kendall and Sen on one point per campaign (its mean at
 * its middle date); too_few_data below 5 campaigns; mostly_below_loq when more than half the
 * campaigns are. `n` counts campaigns. `line`: the Sen line's ends at the first and last
 * campaign's middle date (SciPy's intercept median(y) − slope·median(x), x in years from the first).
 */
export function trendOf(series: Series, range?: Partial<DateRange>, opts: TrendOptions = {}): TrendResult {
  // Charts of one area's substances each ask for all of its trends (Benjamini–Hochberg across
  // them): computed once per series, range and options (the result is shared: not to be changed).
  if (opts.campaigns) return computeTrend(series, range, opts);
  const key = `trend|${range?.from ?? ''}|${range?.to ?? ''}|${opts.estimator ?? ''}|${opts.intervals ? 'i' : ''}`;
  return memoised(series, key, () => computeTrend(series, range, opts));
}

function computeTrend(series: Series, range: Partial<DateRange> | undefined, opts: TrendOptions) {
  const pts = pointsWithValue(series, range?.from, range?.to);
  const whole = !opts.campaigns && !range?.from && !range?.to;
  const campaigns = summariesOfCampaigns(whole ? groupsOfRuns(detectedCampaigns(series)) : groupByCampaign(pts, opts.campaigns), opts);
  const t = campaignTrend(campaigns.map((c) => ({ midEpochDay: c.midEpochDay, mean: c.trendMean, mostlyBelowLoq: c.belowLoq })));
  const first = campaigns[0];
  const last = campaigns[campaigns.length - 1];
  const lastYears = first && last ? (last.midEpochDay - first.midEpochDay) / 365.25 : null;
  const line =
    t.sen && first && last && lastYears !== null && lastYears > 0
      ? [
          { date: first.mid, value: t.sen.intercept },
          { date: last.mid, value: t.sen.intercept + t.sen.slopePerYear * lastYears },
        ]
      : null;
  return {
    area: series.area, substance: series.substance, from: pts[0]?.date ?? null, to: pts[pts.length - 1]?.date ?? null,
    unit: 'campaign' as const, valueUnit: unitOf(series.metric),
    n: t.nCampaigns, nCampaigns: t.nCampaigns, nDays: pts.length, nMostlyBelowLoq: t.nMostlyBelowLoq, minCampaigns: MIN_TREND_CAMPAIGNS,
    campaigns: campaigns.map(campaignOut),
    mannKendall: t.mannKendall, pExact: t.pExact,
    sen: t.sen && { slopePerYear: t.sen.slopePerYear, ci95: t.sen.ci95, percentPerYear: t.sen.percentPerYear },
    verdict: t.verdict as Verdict, line,
  };
}

export type TrendResult = ReturnType<typeof computeTrend>;
