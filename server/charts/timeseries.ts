/**
 * Time series of one or more series (area × substance) on a shared y-axis.
 *
 * Layers (bottom → top):
 *   baseline_band (rect, 95 % CI of the baseline mean, full width)  ─┐ only with exactly
 *   baseline_rule (rule, baseline mean, full width) + baseline_label ─┘ one series
 *   event_rules (vertical rules) + event_labels_<row> (text, staggered in ≤ 3 rows)
 *   lines  (line per series × campaign: `detail` = lineGroup, so campaigns are NOT joined)
 *   trend  (Sen line between two endpoints, only when significant and one series) + trend_label
 *   points (one symbol per non-null measurement; hollow = censored; faint under campaign means)
 *   campaign_intervals + campaign_means (one series: each campaign's mean at its middle date with
 *     its 95 % interval, drawn prominently: the trend's unit, DOMAIN.md "Campaigns")
 *
 * Counting points in the browser:
 *   - vega scenegraph: the mark named "points_marks" (vega-lite appends "_marks" to the layer
 *     `name` "points"); its `items.length` is the number of drawn points. E.g.
 *       view.scenegraph().root → recursively find the item with `name === 'points_marks'`.
 *   - SVG renderer: `svg g.mark-symbol.role-mark.points_marks > path` (one <path> per point).
 *     Note: the class is `points_marks`, not `points`.
 *   One point = one input point whose value is not null (null values are left out of the data).
 *
 * Lines: the mark group "lines_marks" is faceted by lineGroup; each line path only contains the
 * points of one series and one campaign, so there is a gap between campaigns.
 */
import { LEGEND_RESOLVE, legendLayer, type LegendItem } from './legend.ts';
import {
  type Layer,
  DARK_GREY,
  VEGA_LITE_SCHEMA,
  baseConfig,
  estimatedWidth,
  langOf,
  listJoin,
  paletteColour,
  sizeOf,
  truncate,
  unique,
  uniqueLabels,
} from './common.ts';
import {
  axisTitle,
  dateToUtcMs,
  formatDate,
  formatDateLong,
  formatInterval,
  formatNumber,
  formatSigned,
  isoWeekday,
  parseIsoDate,
  strings,
  summaryWords,
  WEEKDAYS,
} from '../i18n/index.ts';
import type { ChartSpec, ChartTable, Lang, TimeseriesInput } from './types.ts';

const DAY_MS = 86_400_000;

/** A row of the points/lines layers (inline data). */
export interface TimeseriesDatum {
  /** Index of the input series. */
  seriesIndex: number;
  /** Legend label of the series (area name, substance name, or both). */
  series: string;
  areaCode: string;
  area: string;
  substanceKey: string;
  substance: string;
  date: string;
  value: number;
  censored: boolean;
  loqNgL: number | null;
  campaign: number;
  /** `${seriesIndex}:${campaign}` – the line grouping key. */
  lineGroup: string;
  dateText: string;
  valueText: string;
  statusText: string;
}

interface TickPlan {
  interval: 'day' | 'month' | 'year';
  step: number;
  format: string;
}

/** Chooses calendar-aligned x ticks for a span of `days` days (≤ ~8 labels). */
export function planTimeTicks(days: number): TickPlan {
  if (days <= 60) return { interval: 'day', step: Math.max(1, Math.ceil(days / 7)), format: '%-d %b' };
  if (days <= 100) return { interval: 'day', step: 14, format: '%-d %b' };
  if (days <= 900) {
    const raw = Math.ceil(days / 30 / 8);
    const step = [1, 2, 3, 4, 6].find((s) => s >= raw) ?? 6;
    return { interval: 'month', step, format: '%b %Y' };
  }
  return { interval: 'year', step: Math.max(1, Math.ceil(days / 365 / 8)), format: '%Y' };
}

function dateTimeOf(ms: number) {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate(), utc: true as const };
}

export function timeseriesSpec(input: TimeseriesInput): ChartSpec {
  const lang: Lang = langOf(input);
  const s = strings(lang);
  const { width, height } = sizeOf(input, { width: 720, height: 360 });
  const series = input.series;
  const unit = input.metric.unit;

  // ---- series labels (colour by area; fall back to substance / both when needed)
  const sameSubstance = unique(series.map((x) => x.substanceKey)).length <= 1;
  const sameArea = unique(series.map((x) => x.areaCode)).length <= 1;
  const rawLabels = series.map((x) =>
    sameSubstance ? x.areaName : sameArea ? x.substanceName : `${x.areaName} — ${x.substanceName}`,
  );
  const labels = uniqueLabels(
    series.map((x, i) => ({ x, i })),
    ({ i }) => rawLabels[i],
    ({ x }) => (sameSubstance ? x.areaCode : x.substanceKey),
  );
  const legendTitle = sameSubstance ? s.area : sameArea ? s.substance : `${s.area} — ${s.substance}`;
  const colours = labels.map((_, i) => paletteColour(i));

  // ---- data
  const points: TimeseriesDatum[] = [];
  series.forEach((ser, i) => {
    for (const p of ser.points) {
      parseIsoDate(p.date); // validates the format
      if (p.value === null || !Number.isFinite(p.value)) continue; // null → no point, no line vertex
      const loqText = p.loqNgL !== null ? `LOQ ${formatNumber(p.loqNgL, lang)} ng/L` : 'LOQ ?';
      points.push({
        seriesIndex: i,
        series: labels[i],
        areaCode: ser.areaCode,
        area: ser.areaName,
        substanceKey: ser.substanceKey,
        substance: ser.substanceName,
        date: p.date,
        value: p.value,
        censored: p.censored,
        loqNgL: p.loqNgL,
        campaign: p.campaign,
        lineGroup: `${i}:${p.campaign}`,
        dateText: formatDateLong(p.date, lang),
        valueText: `${formatNumber(p.value, lang)} ${unit}`,
        statusText: p.censored ? `< LOQ (${loqText}), ${s.plottedAt(input.censoredSubstitution)}` : s.measured,
      });
    }
  });

  const single = series.length === 1;
  const baseline = single && input.baseline ? input.baseline : null;
  const trend = single && input.trend && input.trend.significant ? input.trend : null;
  const campaignMeans = single && input.campaignMeans?.length ? input.campaignMeans : null;
  const faint = campaignMeans !== null;
  const campaignData = (campaignMeans ?? []).filter((c) => (c.mean ?? c.upperBound) !== null && Number.isFinite(c.mean ?? c.upperBound)).map((c) => {
    const value = (c.mean ?? c.upperBound) as number;
    const figure = c.mean !== null ? `${formatNumber(c.mean, lang)} ${unit}` : s.campaignBelowLoq(c.upperBound !== null ? `${formatNumber(c.upperBound, lang)} ${unit}` : '?');
    return {
      date: c.mid, value, lo: c.ci95 ? c.ci95[0] : value, hi: c.ci95 ? c.ci95[1] : value, belowLoq: c.belowLoq,
      text: `${formatDate(c.from, lang)}–${formatDate(c.to, lang)} (${c.n} ${lang === 'sv' ? 'dagar' : 'days'}): ${figure}${c.ci95 && c.mean !== null ? ` (${s.ci95} ${formatInterval(c.ci95, lang)})` : ''}`,
    };
  });
  const events = [...(input.events ?? [])].sort((a, b) => a.date.localeCompare(b.date));

  // ---- x range (all dates that are drawn) with a little padding
  const allMs = [
    ...points.map((p) => dateToUtcMs(p.date)),
    ...events.flatMap((e) => [dateToUtcMs(e.date), ...(e.to ? [dateToUtcMs(e.to)] : [])]),
    ...(trend ? trend.line.map((p) => dateToUtcMs(p.date)) : []),
  ];
  const allInputMs = series.flatMap((x) => x.points.map((p) => dateToUtcMs(p.date)));
  const msForRange = allMs.length ? allMs : allInputMs.length ? allInputMs : [Date.UTC(2000, 0, 1)];
  const minMs = Math.min(...msForRange);
  const maxMs = Math.max(...msForRange);
  const spanDays = Math.round((maxMs - minMs) / DAY_MS);
  const padDays = Math.max(1, Math.round(spanDays * 0.03));
  const x0 = minMs - padDays * DAY_MS;
  const x1 = maxMs + padDays * DAY_MS;
  const ticks = planTimeTicks(Math.round((x1 - x0) / DAY_MS));
  const years = unique([new Date(x0 + padDays * DAY_MS).getUTCFullYear(), new Date(x1 - padDays * DAY_MS).getUTCFullYear()]);
  const xTitle = ticks.interval === 'day' ? `${s.samplingDate} (${years.join('–')})` : s.samplingDate;

  const xEnc = {
    field: 'date',
    type: 'temporal' as const,
    timeUnit: 'utcyearmonthdate' as const,
    title: xTitle,
    scale: { domain: [dateTimeOf(x0), dateTimeOf(x1)] },
    axis: {
      format: ticks.format,
      tickCount: { interval: ticks.interval, step: ticks.step },
      labelOverlap: true,
      grid: false,
    },
  };

  // ---- y range: start at 0, leave head room for event labels
  const yValues = [
    ...points.map((p) => p.value),
    ...(baseline ? [baseline.mean, ...(baseline.ci95 ?? [])] : []),
    ...(trend ? trend.line.map((p) => p.value) : []),
    ...campaignData.flatMap((c) => [c.value, c.lo, c.hi]),
  ].filter((v) => Number.isFinite(v));
  const yMaxData = yValues.length ? Math.max(0, ...yValues) : 0;
  const yMax = yMaxData > 0 ? yMaxData * (events.length ? 1.25 : 1.05) : 1;
  const yMin = Math.min(0, ...yValues);
  const yEnc = {
    field: 'value',
    type: 'quantitative' as const,
    title: axisTitle(input.metric, typeof height === 'number' ? height : 300),
    scale: { domain: [yMin, yMax], nice: true, zero: true },
  };

  const colourScale = { domain: labels, range: colours };
  const colourEnc = {
    field: 'series',
    type: 'nominal' as const,
    title: legendTitle,
    scale: colourScale,
    legend: single ? null : { orient: 'bottom' as const, direction: 'horizontal' as const, columns: 3, symbolType: 'stroke', symbolStrokeWidth: 3 },
  };

  const tooltip = [
    { field: 'area', type: 'nominal' as const, title: s.area },
    { field: 'substance', type: 'nominal' as const, title: s.substance },
    { field: 'dateText', type: 'nominal' as const, title: s.date },
    { field: 'valueText', type: 'nominal' as const, title: s.value },
    { field: 'statusText', type: 'nominal' as const, title: s.status },
  ];

  const layers: Layer[] = [];

  if (baseline) {
    const ci = baseline.ci95;
    const bl = {
      mean: baseline.mean,
      lo: ci ? ci[0] : baseline.mean,
      hi: ci ? ci[1] : baseline.mean,
      label: `${s.baseline} ${formatNumber(baseline.mean, lang)}`,
      text: `${s.baseline} ${formatDate(baseline.from, lang)}–${formatDate(baseline.to, lang)}: ${formatNumber(baseline.mean, lang)} ${unit}${ci ? ` (${s.ci95} ${formatInterval(ci, lang)})` : ''}`,
    };
    if (ci) {
      layers.push({
        name: 'baseline_band',
        data: { values: [bl] },
        mark: { type: 'rect', color: '#7f7f7f', opacity: 0.2 },
        encoding: {
          y: { ...yEnc, field: 'lo' },
          y2: { field: 'hi' },
          tooltip: [{ field: 'text', type: 'nominal', title: s.baseline }],
        },
      });
    }
    layers.push({
      name: 'baseline_rule',
      data: { values: [bl] },
      mark: { type: 'rule', color: DARK_GREY, strokeWidth: 2 },
      encoding: {
        y: { ...yEnc, field: 'mean' },
        tooltip: [{ field: 'text', type: 'nominal', title: s.baseline }],
      },
    });
    layers.push({
      name: 'baseline_label',
      data: { values: [bl] },
      mark: { type: 'text', align: 'right', baseline: 'bottom', dx: -4, dy: -4, fontSize: 13, color: DARK_GREY },
      encoding: {
        x: { value: 'width' },
        y: { ...yEnc, field: 'mean' },
        text: { field: 'label', type: 'nominal' },
      },
    });
  }

  if (events.length) {
    // stagger labels greedily into up to 3 rows so neighbouring events don't overlap
    const plotW = estimatedWidth(width);
    const rowEnds = [-Infinity, -Infinity, -Infinity];
    const evData = events.map((e) => {
      const title = truncate(e.title, 36);
      const px = ((dateToUtcMs(e.date) - x0) / Math.max(1, x1 - x0)) * plotW;
      const w = title.length * 7.5 + 12;
      let row = rowEnds.findIndex((end) => end < px);
      if (row < 0) row = rowEnds.indexOf(Math.min(...rowEnds));
      rowEnds[row] = px + w;
      return { date: e.date, title: e.title, label: title, row, dateText: formatDateLong(e.date, lang) };
    });
    const spans = events.filter((e) => e.to && e.to > e.date).map((e) => ({ date: e.date, to: e.to!, title: e.title, dateText: `${formatDateLong(e.date, lang)} – ${formatDateLong(e.to!, lang)}` }));
    if (spans.length) {
      layers.push({
        name: 'event_spans',
        data: { values: spans },
        mark: { type: 'rect', color: '#333333', opacity: 0.12 },
        encoding: {
          x: xEnc,
          x2: { field: 'to' },
          tooltip: [
            { field: 'title', type: 'nominal', title: s.event },
            { field: 'dateText', type: 'nominal', title: s.date },
          ],
        },
      });
    }
    layers.push({
      name: 'event_rules',
      data: { values: evData },
      mark: { type: 'rule', color: '#333333', strokeDash: [3, 3], strokeWidth: 1.5 },
      encoding: {
        x: xEnc,
        tooltip: [
          { field: 'title', type: 'nominal', title: s.event },
          { field: 'dateText', type: 'nominal', title: s.date },
        ],
      },
    });
    for (const row of unique(evData.map((e) => e.row)).sort()) {
      layers.push({
        name: `event_labels_${row}`,
        data: { values: evData.filter((e) => e.row === row) },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, fontSize: 13, color: '#222222' },
        encoding: {
          x: xEnc,
          y: { value: 2 + row * 17 },
          text: { field: 'label', type: 'nominal' },
          tooltip: [
            { field: 'title', type: 'nominal', title: s.event },
            { field: 'dateText', type: 'nominal', title: s.date },
          ],
        },
      });
    }
  }

  layers.push({
    name: 'lines',
    data: { values: points },
    mark: { type: 'line', strokeWidth: faint ? 1 : 2, interpolate: 'linear', ...(faint ? { opacity: 0.3 } : {}) },
    encoding: {
      x: xEnc,
      y: yEnc,
      color: colourEnc,
      detail: { field: 'lineGroup', type: 'nominal' },
    },
  });

  let trendText = '';
  if (trend) {
    const slope = `${formatSigned(trend.slopePerYear, lang)} ${unit} ${s.perYear}`;
    const pct =
      trend.percentPerYear !== undefined && trend.percentPerYear !== null
        ? ` (${formatSigned(trend.percentPerYear, lang)} % ${s.perYear})`
        : '';
    const dir = trend.slopePerYear > 0 ? s.increasing : s.decreasing;
    trendText = `${s.senTrend}: ${dir} (${s.significant}), ${slope}${pct}`;
    // label at the middle of the Sen line (the ends are where the points are)
    const [a, b] = trend.line;
    const midMs = (dateToUtcMs(a.date) + dateToUtcMs(b.date)) / 2;
    const mid = { date: new Date(Math.round(midMs / DAY_MS) * DAY_MS).toISOString().slice(0, 10), value: (a.value + b.value) / 2 };
    const tData = trend.line.map((p) => ({ date: p.date, value: p.value, text: trendText }));
    layers.push({
      name: 'trend',
      data: { values: tData },
      mark: { type: 'line', color: '#000000', strokeDash: [8, 4], strokeWidth: 2.5 },
      encoding: {
        x: xEnc,
        y: yEnc,
        tooltip: [{ field: 'text', type: 'nominal', title: s.trend }],
      },
    });
    layers.push({
      name: 'trend_label',
      data: {
        values: [{ date: mid.date, value: mid.value, label: `${s.trend} ${formatSigned(trend.slopePerYear, lang)}/${summaryWords(lang).perYear}` }],
      },
      mark: { type: 'text', align: 'center', baseline: 'bottom', dy: -8, fontSize: 13, fontWeight: 'bold', color: '#000000' },
      encoding: { x: xEnc, y: yEnc, text: { field: 'label', type: 'nominal' } },
    });
  }

  layers.push({
    name: 'points',
    data: { values: points },
    mark: { type: 'point', filled: false, size: faint ? 30 : 80, strokeWidth: faint ? 1 : 2, opacity: faint ? 0.35 : 1 },
    encoding: {
      x: xEnc,
      y: yEnc,
      color: colourEnc,
      // measured → filled with the series colour; censored → hollow (white fill, coloured outline)
      fill: {
        // The colour legend names the series; the fill (hollow = below LOQ) has the symbol legend.
        condition: { test: '!datum.censored', field: 'series', type: 'nominal', scale: colourScale, legend: null },
        value: 'white',
      },
      tooltip,
    },
  });

  if (campaignData.length) {
    const campaignTooltip = [{ field: 'text', type: 'nominal' as const, title: s.campaignMean }];
    layers.push({
      name: 'campaign_intervals',
      data: { values: campaignData },
      mark: { type: 'rule', strokeWidth: 2.5, color: colours[0] },
      encoding: { x: xEnc, y: { ...yEnc, field: 'lo' }, y2: { field: 'hi' }, tooltip: campaignTooltip },
    });
    layers.push({
      name: 'campaign_means',
      data: { values: campaignData },
      // a campaign mostly below LOQ: a hollow downward triangle at its upper bound ("at most")
      mark: { type: 'point', size: 160, strokeWidth: 2.5, opacity: 1, color: colours[0] },
      encoding: {
        x: xEnc,
        y: yEnc,
        shape: { condition: { test: 'datum.belowLoq', value: 'triangle-down' }, value: 'circle' },
        fill: { condition: { test: 'datum.belowLoq', value: 'white' }, value: colours[0] },
        tooltip: campaignTooltip,
      },
    });
  }

  // Trend status in words wherever a trend would stand: never "no trend" when it cannot be judged.
  const status = single ? input.trendStatus : null;
  const statusText = status && !trend
    ? `${s.senTrend}: ${status.verdict === 'too_few_data' ? s.trendTooFew(status.nCampaigns, status.minCampaigns)
      : status.verdict === 'mostly_below_loq' ? s.trendBelowLoq : s.trendNoClear(status.nCampaigns)}`
    : '';

  // ---- title, subtitle, summary, table
  const substances = unique(series.map((x) => x.substanceName));
  const areas = unique(series.map((x) => x.areaName));
  const what = substances.length <= 3 ? listJoin(substances, lang) : summaryWords(lang).substances(substances.length);
  const where = areas.length <= 3 ? listJoin(areas, lang) : s.areas(areas.length);
  const title = `${what} — ${where}`;

  const nCensored = points.filter((p) => p.censored).length;
  const subtitle = [`${input.metric.label}, ${unit}`];
  if (baseline) subtitle.push(
    `${s.baseline} ${formatDate(baseline.from, lang)}–${formatDate(baseline.to, lang)}: ${formatNumber(baseline.mean, lang)}${baseline.ci95 ? ` (${s.ci95} ${formatInterval(baseline.ci95, lang)})` : ''}`,
  );
  if (trendText) subtitle.push(trendText);
  else if (statusText) subtitle.push(statusText);
  if (input.pointsAreMeansOfDays && input.pointsAreMeansOfDays > 1) subtitle.push(s.meansOfDays(input.pointsAreMeansOfDays));
  // What the symbols mean: a legend of the marks actually drawn (the hollow points only when some are).
  const legendItems: LegendItem[] = [
    ...(single ? [{ kind: 'measured' as const, label: s.legend.measured }] : []),
    ...(nCensored > 0 ? [{ kind: 'belowLoq' as const, label: s.legend.belowLoq }] : []),
    ...(baseline ? [{ kind: 'baseline' as const, label: s.legend.baseline }] : []),
    ...(campaignData.length ? [{ kind: 'campaign' as const, label: s.legend.campaign }] : []),
    ...(trend ? [{ kind: 'trend' as const, label: s.legend.trend }] : []),
    ...(events.length ? [{ kind: 'event' as const, label: s.legend.event }] : []),
  ];
  const legend = legendLayer(legendItems, single ? colours[0] : '#333333', faint);
  if (legend) layers.push(legend);

  const summary = buildSummary(input, lang, points, title, trendText || statusText, events.length);

  // An area or substance that is the same on every row is said once (the title names it), not in
  // every row: on a ten-year chart that was a quarter of the response. The CSV download puts it back.
  const oneArea = series.length > 0 && sameArea;
  const oneSubstance = series.length > 0 && sameSubstance;
  const fixed = [...(oneArea ? [{ column: s.area, value: series[0].areaName }] : []), ...(oneSubstance ? [{ column: s.substance, value: series[0].substanceName }] : [])];
  const who = (areaName: string, substanceName: string) => [...(oneArea ? [] : [areaName]), ...(oneSubstance ? [] : [substanceName])];
  const table: ChartTable = {
    caption: `${title}: ${input.metric.label} (${unit})`,
    ...(fixed.length ? { fixed } : {}),
    columns: [...who(s.area, s.substance), s.date, s.weekday, `${s.value} (${unit})`, s.status, s.loq, s.campaign],
    rows: series.flatMap((ser) =>
      [...ser.points]
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((p) => [
          ...who(ser.areaName, ser.substanceName),
          formatDate(p.date, lang),
          WEEKDAYS[lang].long[isoWeekday(p.date) - 1],
          formatNumber(p.value, lang),
          p.value === null ? s.missing : p.censored ? '< LOQ' : s.measured,
          p.loqNgL === null ? s.noValue : formatNumber(p.loqNgL, lang),
          String(p.campaign + 1),
        ]),
    ),
  };
  if (baseline) {
    table.rows.push([
      ...who(series[0].areaName, series[0].substanceName),
      `${formatDate(baseline.from, lang)}–${formatDate(baseline.to, lang)}`,
      '',
      formatNumber(baseline.mean, lang),
      `${s.baseline}${baseline.ci95 ? ` (${s.ci95} ${formatInterval(baseline.ci95, lang)})` : ''}`,
      '',
      '',
    ]);
  }
  for (const e of events) table.rows.push([...who('', ''), formatDate(e.date, lang), WEEKDAYS[lang].long[isoWeekday(e.date) - 1], '', `${s.event}: ${e.title}`, '', '']);

  const spec: ChartSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle, aria: false },
    description: summary,
    width,
    height,
    config: baseConfig(lang),
    layer: layers,
    ...(legend ? { resolve: LEGEND_RESOLVE } : {}),
    usermeta: { summary, table, lang, chart: 'timeseries' as const },
  };
  return spec;
}

function buildSummary(
  input: TimeseriesInput,
  lang: Lang,
  points: TimeseriesDatum[],
  title: string,
  trendText: string,
  nEvents: number,
): string {
  const s = strings(lang);
  const unit = input.metric.unit;
  if (!points.length) return `${title}: ${s.noData}.`;
  const dates = points.map((p) => p.date).sort();
  const nCens = points.filter((p) => p.censored).length;
  const parts: string[] = [];
  const cens = nCens ? ` (${summaryWords(lang).belowLoq(nCens)})` : '';
  parts.push(`${title}: ${s.measurements(points.length)} ${formatDate(dates[0], lang)}–${formatDate(dates[dates.length - 1], lang)}${cens}`);
  const means = input.series
    .map((_ser, i) => {
      const vals = points.filter((p) => p.seriesIndex === i).map((p) => p.value);
      return vals.length ? { label: points.find((p) => p.seriesIndex === i)!.series, mean: vals.reduce((a, b) => a + b, 0) / vals.length } : null;
    })
    .filter((m): m is { label: string; mean: number } => m !== null);
  const meanWord = summaryWords(lang).mean;
  if (means.length === 1 && input.series.length === 1) {
    parts.push(`${meanWord} ${formatNumber(means[0].mean, lang)} ${unit}`);
  } else if (means.length) {
    parts.push(`${meanWord} ${means.map((m) => `${m.label} ${formatNumber(m.mean, lang)}`).join(', ')} ${unit}`);
  }
  if (input.series.length === 1 && input.baseline) {
    const b = input.baseline;
    parts.push(`${s.baseline.toLowerCase()} ${formatNumber(b.mean, lang)}${b.ci95 ? ` (${s.ci95} ${formatInterval(b.ci95, lang)})` : ''}`);
  }
  if (trendText) parts.push(trendText.charAt(0).toLowerCase() + trendText.slice(1));
  else if (input.series.length === 1 && input.trend && !input.trend.significant) {
    parts.push(lang === 'sv' ? 'ingen statistiskt säkerställd trend' : 'no statistically significant trend');
  }
  if (nEvents) parts.push(summaryWords(lang).eventsMarked(nEvents));
  const text = parts.join('; ');
  return text.endsWith('.') ? text : `${text}.`; // a unit like "inv." already ends the sentence
}
