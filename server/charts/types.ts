/**
 * Input types of the chart spec builders (server/charts/*). These are deliberately the
 * charts' own types: the HTTP layer adapts domain/stats results to them. All builders are
 * pure: input → Vega-Lite v6 spec (JSON-serialisable, no functions, no I/O).
 *
 * Dates are calendar dates as 'YYYY-MM-DD' strings (no time zone).
 */
import type { TopLevelSpec } from 'vega-lite';

export type { Lang } from '../i18n/lang.ts';
import type { Lang } from '../i18n/lang.ts';

/** What is plotted, e.g. {label: 'Normaliserad belastning', unit: 'mg/dygn/1000 inv.'} (see METRICS in server/i18n/charts.ts). */
export interface MetricInfo {
  label: string;
  unit: string;
}

/** Options common to every chart. */
export interface ChartOptions {
  /** Default 'sv'. */
  lang?: Lang;
  /** Plot width in px (default depends on the chart) or 'container' to fill the embedding element. */
  width?: number | 'container';
  /** Plot height in px (timeseries, weekday). */
  height?: number;
}

/** The accessible data table that the page renders beside the chart (all cells pre-formatted in the language). */
export interface ChartTable {
  caption: string;
  /**
   * Columns whose value is the same on every row (the caption names it): shown once, not repeated
   * in `rows`. A CSV download puts them first on every line, so that the file stands on its own.
   */
  fixed?: { column: string; value: string }[];
  columns: string[];
  /** One array per row, same length and order as `columns`. */
  rows: string[][];
}

export interface ChartUsermeta {
  /** One-line plain-text summary in the chart's language (for screen readers / alt text). */
  summary: string;
  table: ChartTable;
  lang: Lang;
  /** Which chart builder produced the spec. */
  chart: 'timeseries' | 'weekday' | 'overview' | 'reference' | 'rounds' | 'map';
}

/** A Vega-Lite v6 top-level spec that always carries `usermeta`. */
export type ChartSpec = TopLevelSpec & { usermeta: ChartUsermeta };

// ---------------------------------------------------------------------------
// 1. Time series

export interface TimeseriesPoint {
  date: string;
  /** The value to plot (for censored points: the substituted value). null = no value, no point is drawn. */
  value: number | null;
  /** Below the limit of quantification: drawn hollow at `value`. */
  censored: boolean;
  /** The LOQ in ng/L, if known (shown in the tooltip of censored points). */
  loqNgL: number | null;
  /** Index of the sampling campaign (runs of dates with gaps ≤ 2 days). Lines join points only within one campaign. */
  campaign: number;
}

export interface TimeseriesSeries {
  areaCode: string;
  areaName: string;
  substanceKey: string;
  substanceName: string;
  points: TimeseriesPoint[];
}

export interface TimeseriesBaseline {
  mean: number;
  /** 95 % confidence interval of the mean; null = not available (only the rule is drawn). */
  ci95: [number, number] | null;
  from: string;
  to: string;
}

export interface TimeseriesTrend {
  significant: boolean;
  /** Sen's slope in metric units per year. */
  slopePerYear: number;
  /** Sen's slope as % per year of the median level, if computed. */
  percentPerYear?: number | null;
  /** The Sen line as two endpoints (typically first and last sampling date). */
  line: [{ date: string; value: number }, { date: string; value: number }];
}

/** One campaign's mean at its middle date (DOMAIN.md: the unit of the trend). */
export interface TimeseriesCampaignMean {
  from: string;
  to: string;
  mid: string;
  n: number;
  /** Null when the campaign is mostly below LOQ (then `upperBound` is its "at most"). */
  mean: number | null;
  ci95?: [number, number] | null;
  belowLoq: boolean;
  upperBound: number | null;
}

/** Whether the trend could be judged: the words shown when there is no Sen line. */
export interface TimeseriesTrendStatus {
  verdict: 'increase' | 'decrease' | 'no_clear_change' | 'too_few_data' | 'mostly_below_loq' | 'loq_changed';
  nCampaigns: number;
  minCampaigns: number;
  /** Benjamini–Hochberg q when several trends are shown together. */
  q?: number | null;
}

export interface ChartEvent {
  date: string;
  /** The last day of a span (drawn as a shaded band); absent or null = a single day. */
  to?: string | null;
  title: string;
}

export interface TimeseriesInput extends ChartOptions {
  metric: MetricInfo;
  /** One or more series; several areas share the y-axis and are coloured by area. */
  series: TimeseriesSeries[];
  /** Drawn only when there is exactly one series. */
  baseline?: TimeseriesBaseline | null;
  /** Drawn (Sen line) only when there is exactly one series and `significant` is true. */
  trend?: TimeseriesTrend | null;
  /** Interventions, drawn as labelled vertical rules. */
  events?: ChartEvent[];
  /** One series: campaign means with their intervals, drawn prominently over faint daily points. */
  campaignMeans?: TimeseriesCampaignMean[] | null;
  /** One series: the trend's status in words ("kan inte bedömas ännu (N av minst 5 kampanjer)"). */
  trendStatus?: TimeseriesTrendStatus | null;
  /** How censored values were substituted (for the note and the tooltip). */
  censoredSubstitution?: 'loq/2' | 'zero' | 'loq';
  /** The points are means of runs of this many days (a long series thinned for print); said in the subtitle. */
  pointsAreMeansOfDays?: number;
}

// ---------------------------------------------------------------------------
// 2. Weekday profile

export interface WeekdayValue {
  /** ISO weekday of the sampling START day: 1 = Monday … 7 = Sunday. */
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /** Mean for that weekday; null = no samples (no bar). */
  mean: number | null;
  /** Number of samples behind the mean. */
  n: number;
  /** How many of them were below LOQ. */
  nCensored?: number;
}

export interface WeekdayInput extends ChartOptions {
  metric: MetricInfo;
  areaName: string;
  substanceName: string;
  /** E.g. "2023–2024" or "vecka 12, 2024"; shown in the subtitle. */
  periodLabel?: string;
  days: WeekdayValue[];
  /** EUDA weekday mean (Tue–Thu), weekend mean (Fri–Mon) and their ratio, if computed by the caller. */
  weekdayMean?: number | null;
  weekendMean?: number | null;
  ratio?: number | null;
}

// ---------------------------------------------------------------------------
// 3. Overview heatmap (area × substance, ratio to baseline)

export type Verdict = 'increase' | 'decrease' | 'no_clear_change' | 'too_few_data' | 'mostly_below_loq' | 'loq_changed';

export interface OverviewRow {
  areaCode: string;
  areaName: string;
  substanceKey: string;
  substanceName: string;
  /** Comparison mean / baseline mean; null = not computable (grey cell). */
  ratio: number | null;
  ci95: [number, number] | null;
  /** Benjamini–Hochberg adjusted p-value. */
  q: number | null;
  verdict: Verdict;
  nBaseline?: number;
  nComparison?: number;
}

export interface OverviewInput extends ChartOptions {
  /** Where, e.g. "Exempelstad kommun". */
  placeName: string;
  /** E.g. "mars 2023" — the baseline period. */
  baselineLabel: string;
  /** E.g. "hösten 2024" — the period compared with the baseline. */
  comparisonLabel: string;
  metric: MetricInfo;
  /** One cell per row. */
  rows: OverviewRow[];
  /** Significance level for the marker; default 0.05. */
  alpha?: number;
}

// ---------------------------------------------------------------------------
// 4. Reference comparison (EUDA / SCORE)

export interface ReferenceCity {
  /** Display name (the caller may translate EUDA spellings, e.g. "Gothenburg" → "Göteborg"). */
  name: string;
  country?: string;
  /** Daily mean for the substance and year; null = not measured (listed in the table only). */
  value: number | null;
}

export interface ReferenceInput extends ChartOptions {
  metric: MetricInfo;
  substanceName: string;
  year: number;
  /** The local area being compared. */
  area: { name: string; value: number | null; periodLabel?: string };
  /** Swedish cities from the EUDA file. */
  cities: ReferenceCity[];
  europeanMedian: number | null;
  /** Number of European cities behind the median. */
  europeanCityCount?: number;
}
