/**
 * Overview heatmap: area (rows) × substance (columns), coloured by the ratio of a later
 * period's mean to the baseline mean on a diverging LOG scale centred on 1
 * (blue = lower, orange = higher; colour-blind safe).
 *
 * Layers:
 *   "cells"        – one grey rect for EVERY input row (so grey = too few data / no ratio shows
 *                    wherever nothing is drawn on top). Count = input rows.
 *   "ratio_cells"  – the coloured rect on top, only for rows with a ratio and a verdict other
 *                    than 'too_few_data'.
 *   "labels"       – the ratio as text ("1,8×") or "för få data" in every cell.
 *   "significance" – "*" in the corner of cells with q < alpha (default 0.05).
 *
 * Counting cells in the browser:
 *   - SVG: `svg g.mark-rect.role-mark.cells_marks > path` → one <path> per input row.
 *   - scenegraph: the mark named "cells_marks"; `items.length` = rows.
 *   Coloured cells: "ratio_cells_marks"; significance markers: "significance_marks".
 */
import { type Layer, GREY, VEGA_LITE_SCHEMA, baseConfig, langOf, uniqueLabels } from './common.ts';
import { formatInterval, formatNumber, formatP, formatRatio, strings, summaryWords, verdictText } from '../i18n/index.ts';
import type { ChartSpec, Lang, OverviewInput, OverviewRow } from './types.ts';
import { blueOrangeAt, divergingLogT, labelColourOn } from './contrast.ts';

/** GREY (#bdbdbd) as RGB: the cells without a ratio. */
const GREY_RGB: [number, number, number] = [0xbd, 0xbd, 0xbd];

export const OVERVIEW_SCHEME = 'blueorange';
const CELL_W = 104;
const CELL_H = 46;

function hasColour(r: OverviewRow): r is OverviewRow & { ratio: number } {
  return r.verdict !== 'too_few_data' && r.verdict !== 'mostly_below_loq' && r.verdict !== 'loq_changed' && r.ratio !== null && Number.isFinite(r.ratio) && r.ratio >= 0;
}

/** Symmetric log domain [1/m, m] with m a power of two, 2 ≤ m ≤ 16. */
export function ratioDomain(ratios: number[]): [number, number] {
  const maxLog = Math.max(1, ...ratios.filter((r) => r > 0).map((r) => Math.abs(Math.log2(r))));
  const m = 2 ** Math.min(4, Math.ceil(maxLog - 1e-9));
  return [1 / m, m];
}

export function overviewSpec(input: OverviewInput): ChartSpec {
  const lang: Lang = langOf(input);
  const s = strings(lang);
  const alpha = input.alpha ?? 0.05;
  const rows = input.rows;

  // unique, input-ordered axis labels (area by code, substance by key)
  const firstBy = (key: (r: OverviewRow) => string) => {
    const m = new Map<string, OverviewRow>();
    for (const r of rows) if (!m.has(key(r))) m.set(key(r), r);
    return [...m.values()];
  };
  const areaKeys = firstBy((r) => r.areaCode);
  const areaLabels = uniqueLabels(areaKeys, (r) => r.areaName, (r) => r.areaCode);
  const areaLabel = new Map(areaKeys.map((r, i) => [r.areaCode, areaLabels[i]]));
  const substKeys = firstBy((r) => r.substanceKey);
  const substLabels = uniqueLabels(substKeys, (r) => r.substanceName, (r) => r.substanceKey);
  const substLabel = new Map(substKeys.map((r, i) => [r.substanceKey, substLabels[i]]));

  const coloured = rows.filter(hasColour);
  const [dMin, dMax] = ratioDomain(coloured.map((r) => r.ratio));
  const logM = Math.log2(dMax);

  const data = rows.map((r) => {
    const colour = hasColour(r);
    const sig = colour && r.q !== null && r.q < alpha;
    // black or white, whichever contrasts more with the cell's own colour (WCAG AA needs 4.5:1)
    const cellRgb: [number, number, number] = colour ? blueOrangeAt(divergingLogT(r.ratio > 0 ? r.ratio : dMin, dMin, dMax)) : GREY_RGB;
    return {
      area: areaLabel.get(r.areaCode)!,
      areaCode: r.areaCode,
      substance: substLabel.get(r.substanceKey)!,
      substanceKey: r.substanceKey,
      ratio: r.ratio,
      // value used for the colour: clamped into the log domain (0 → lowest colour)
      ratioPlot: colour ? Math.min(dMax, Math.max(dMin, r.ratio)) : null,
      ci95: r.ci95,
      q: r.q,
      verdict: r.verdict,
      significant: sig,
      hasRatio: colour,
      label: colour ? formatRatio(r.ratio, lang) : r.verdict === 'too_few_data' ? s.verdicts.too_few_data.toLowerCase() : r.verdict === 'mostly_below_loq' ? '< LOQ' : s.noValue,
      labelColour: labelColourOn(cellRgb),
      ratioText: formatRatio(r.ratio, lang),
      ciText: formatInterval(r.ci95, lang, formatRatio),
      qText: formatP(r.q, lang),
      verdictText: verdictText(r.verdict, lang),
      nText: `${r.nBaseline ?? s.noValue} / ${r.nComparison ?? s.noValue}`,
    };
  });

  // vega's fallback text-width estimate is ≈ 0.8 × font size per character
  const longLabels = substLabels.some((l) => l.length * 13 * 0.8 > CELL_W - 4);
  const xEnc = {
    field: 'substance',
    type: 'nominal' as const,
    title: s.substance,
    sort: substLabels,
    scale: { domain: substLabels },
    // long substance names ("O-desmetyltramadol") are angled rather than truncated
    axis: {
      orient: 'top' as const,
      labelAngle: longLabels ? -30 : 0,
      labelLimit: longLabels ? 200 : CELL_W - 4,
      domain: false,
      ticks: false,
    },
  };
  const yEnc = {
    field: 'area',
    type: 'nominal' as const,
    title: s.area,
    sort: areaLabels,
    scale: { domain: areaLabels },
    axis: { domain: false, ticks: false, labelLimit: 220 },
  };
  const tooltip = [
    { field: 'area', type: 'nominal' as const, title: s.area },
    { field: 'substance', type: 'nominal' as const, title: s.substance },
    { field: 'ratioText', type: 'nominal' as const, title: s.ratioToBaseline },
    { field: 'ciText', type: 'nominal' as const, title: s.ci95 },
    { field: 'qText', type: 'nominal' as const, title: s.q },
    { field: 'verdictText', type: 'nominal' as const, title: s.verdict },
    { field: 'nText', type: 'nominal' as const, title: `${s.nBaseline} / ${s.nComparison}` },
  ];

  const legendValues: number[] = [];
  for (let e = -Math.round(logM); e <= Math.round(logM); e++) legendValues.push(2 ** e);
  const shownLegendValues = legendValues.length > 5 ? legendValues.filter((_, i) => (i - Math.round(logM)) % 2 === 0) : legendValues;

  const layers: Layer[] = [
    {
      name: 'cells',
      data: { values: data },
      mark: { type: 'rect', color: GREY, stroke: 'white', strokeWidth: 2 },
      encoding: { x: xEnc, y: yEnc, tooltip },
    },
    {
      name: 'ratio_cells',
      data: { values: data.filter((d) => d.hasRatio) },
      mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
      encoding: {
        x: xEnc,
        y: yEnc,
        color: {
          field: 'ratioPlot',
          type: 'quantitative',
          title: s.ratioToBaseline,
          scale: { type: 'log', domain: [dMin, dMax], domainMid: 1, scheme: OVERVIEW_SCHEME, clamp: true },
          legend: {
            values: shownLegendValues,
            format: '~g',
            orient: 'right',
            gradientLength: Math.max(180, Math.min(260, areaLabels.length * CELL_H)),
            titleLimit: 320,
          },
        },
        tooltip,
      },
    },
    {
      name: 'labels',
      data: { values: data },
      mark: { type: 'text', fontSize: 13, baseline: 'middle', align: 'center' },
      encoding: {
        x: xEnc,
        y: yEnc,
        text: { field: 'label', type: 'nominal' },
        fill: { field: 'labelColour', type: 'nominal', scale: null },
        tooltip,
      },
    },
    {
      name: 'significance',
      data: { values: data.filter((d) => d.significant) },
      mark: { type: 'text', text: '*', fontSize: 20, fontWeight: 'bold', align: 'right', baseline: 'top', dx: CELL_W / 2 - 5, dy: -CELL_H / 2 + 2 },
      encoding: {
        x: xEnc,
        y: yEnc,
        fill: { field: 'labelColour', type: 'nominal', scale: null },
        tooltip,
      },
    },
  ];

  const title = `${s.overviewTitle} — ${input.placeName}`;
  const subtitle = [
    `${s.comparedWith(input.comparisonLabel, input.baselineLabel)} · ${input.metric.label}, ${input.metric.unit}`,
    s.overviewLegendNote(),
  ];

  // ---- summary
  const count = (v: OverviewRow['verdict']) => rows.filter((r) => r.verdict === v).length;
  const sigRows = data.filter((d) => d.significant);
  const words =
    lang === 'sv'
      ? `${rows.length} jämförelser (${areaLabels.length} områden × ${substLabels.length} ämnen): ${count('increase')} ${count('increase') === 1 ? 'ökning' : 'ökningar'}, ${count('decrease')} ${count('decrease') === 1 ? 'minskning' : 'minskningar'}, ${count('no_clear_change')} utan tydlig förändring, ${count('too_few_data')} med för få data${count('mostly_below_loq') ? `, ${count('mostly_below_loq')} under rapporteringsgränsen` : ''}`
      : `${rows.length} comparisons (${areaLabels.length} areas × ${substLabels.length} substances): ${count('increase')} ${count('increase') === 1 ? 'increase' : 'increases'}, ${count('decrease')} ${count('decrease') === 1 ? 'decrease' : 'decreases'}, ${count('no_clear_change')} with no clear change, ${count('too_few_data')} with too few data${count('mostly_below_loq') ? `, ${count('mostly_below_loq')} below the LOQ` : ''}`;
  const sigText = sigRows.length
    ? `; ${lang === 'sv' ? 'statistiskt säkerställd' : 'statistically significant'}: ${sigRows
        .map((d) => `${d.substance} ${lang === 'sv' ? 'i' : 'in'} ${d.area} ${d.ratioText}`)
        .join(', ')}`
    : '';
  const summary = `${title}, ${input.comparisonLabel} / ${input.baselineLabel}: ${words}${sigText}.`;

  const table = {
    caption: `${title}: ${s.comparedWith(input.comparisonLabel, input.baselineLabel)}`,
    columns: [s.area, s.substance, s.ratioToBaseline, s.ci95, s.q, s.verdict, s.nBaseline, s.nComparison],
    rows: rows.map((r, i) => [
      data[i].area,
      data[i].substance,
      data[i].ratioText,
      data[i].ciText,
      data[i].qText,
      data[i].verdictText,
      r.nBaseline !== undefined ? String(r.nBaseline) : s.noValue,
      r.nComparison !== undefined ? String(r.nComparison) : s.noValue,
    ]),
  };

  const spec: ChartSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle, aria: false },
    description: summary,
    // fixed cell size (the significance marker is positioned relative to it); width/height options are ignored
    width: { step: CELL_W },
    height: { step: CELL_H },
    config: baseConfig(lang),
    layer: layers,
    usermeta: { summary, table, lang, chart: 'overview' as const },
  };
  return spec;
}
