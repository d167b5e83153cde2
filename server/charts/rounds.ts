/**
 * County rounds (DOMAIN.md "County-wide"): one column per round (calendar quarter), a point per
 * municipality or plant that sampled in it and the county's population-weighted value as a black
 * bar across the column, its coverage beside the round's name on the axis. A municipality that did
 * not sample in a round has no point there (the table says "did not sample").
 *
 * Layers: "areas" (points), "county" (ticks). Pure: data → Vega-Lite spec.
 */
import { type Layer, VEGA_LITE_SCHEMA, baseConfig, langOf, paletteColour, sizeOf, uniqueLabels } from './common.ts';
import { axisTitle, countyWords, formatNumber } from '../i18n/index.ts';
import type { ChartOptions, ChartSpec, MetricInfo } from './types.ts';

export interface RoundsChartInput extends ChartOptions {
  substanceName: string;
  countyName: string;
  metric: MetricInfo;
  /** In display order: code, name and connected population. */
  areas: { code: string; name: string; population: number }[];
  rounds: { round: string; areas: { area: string; campaigns: number; value: number | null }[]; county: { value: number | null; coverage: number } }[];
}

/** "100 %" / "60 %": coverage as a whole percentage in the language. */
export function coverageText(coverage: number, lang: 'sv' | 'en'): string {
  return `${formatNumber(coverage * 100, lang, { maxDecimals: 0 })} %`;
}

export function roundsSpec(input: RoundsChartInput): ChartSpec {
  const lang = langOf(input);
  const w = countyWords(lang);
  const { width, height } = sizeOf(input, { width: 640, height: 340 });
  const unit = input.metric.unit;
  const labels = uniqueLabels(input.areas, (a) => a.name, (a) => a.code);
  const nameOf = new Map(input.areas.map((a, i) => [a.code, labels[i]]));
  // The axis label carries the coverage: "2021-Q2 (60 %)".
  const roundLabel = new Map(input.rounds.map((r) => [r.round, `${r.round} (${coverageText(r.county.coverage, lang)})`]));
  const roundNames = input.rounds.map((r) => roundLabel.get(r.round)!);

  const points = input.rounds.flatMap((r) => r.areas.filter((a) => a.value !== null).map((a) => ({
    round: roundLabel.get(r.round)!, area: nameOf.get(a.area) ?? a.area, value: a.value as number,
    valueText: `${formatNumber(a.value, lang)} ${unit}`, campaigns: a.campaigns,
  })));
  const county = input.rounds.filter((r) => r.county.value !== null).map((r) => ({
    round: roundLabel.get(r.round)!, value: r.county.value as number, valueText: `${formatNumber(r.county.value, lang)} ${unit}`, coverageText: coverageText(r.county.coverage, lang),
  }));

  const x = { field: 'round', type: 'ordinal' as const, title: `${w.round} (${w.coverage.toLowerCase()})`, scale: { type: 'band' as const, domain: roundNames, paddingInner: 0.25 }, sort: roundNames, axis: { labelAngle: 0 } };
  const y = { field: 'value', type: 'quantitative' as const, title: axisTitle(input.metric, typeof height === 'number' ? height : 300), scale: { zero: true, nice: true } };
  const legend = { orient: 'bottom' as const, direction: 'horizontal' as const, columns: 3 };
  const layers: Layer[] = [
    {
      name: 'areas',
      data: { values: points },
      mark: { type: 'point', filled: true, size: 90, opacity: 0.9 },
      encoding: {
        x, y,
        xOffset: { field: 'area', type: 'nominal', scale: { domain: labels } },
        // Colour and shape in one legend: the areas stay apart in grey-scale print too.
        color: { field: 'area', type: 'nominal', title: w.area, scale: { domain: labels, range: labels.map((_, i) => paletteColour(i)) }, legend },
        shape: { field: 'area', type: 'nominal', title: w.area, scale: { domain: labels }, legend },
        tooltip: [
          { field: 'round', type: 'nominal', title: w.round }, { field: 'area', type: 'nominal', title: w.area },
          { field: 'valueText', type: 'nominal', title: w.value }, { field: 'campaigns', type: 'quantitative', title: w.campaigns },
        ],
      },
    },
    {
      name: 'county',
      data: { values: county },
      mark: { type: 'tick', color: '#000000', thickness: 3, size: 40 },
      encoding: {
        x, y,
        tooltip: [{ field: 'round', type: 'nominal', title: w.round }, { field: 'valueText', type: 'nominal', title: w.countyValue }, { field: 'coverageText', type: 'nominal', title: w.coverage }],
      },
    },
  ];

  const title = w.chartTitle(input.substanceName, input.countyName);
  const summary = w.summary(input.substanceName, input.countyName, input.rounds.length, input.areas.length);
  const table = {
    caption: w.tableCaption(input.substanceName, unit),
    columns: [w.round, ...labels, w.countyValue, w.coverage],
    rows: input.rounds.map((r) => [
      r.round,
      ...input.areas.map((a) => {
        const row = r.areas.find((x) => x.area === a.code);
        return !row ? w.notSampled : row.value === null ? w.noValue : formatNumber(row.value, lang);
      }),
      formatNumber(r.county.value, lang),
      coverageText(r.county.coverage, lang),
    ]),
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle: [w.chartSubtitle(`${input.metric.label}, ${unit}`), w.coverageNote] },
    description: summary,
    width, height,
    config: baseConfig(lang),
    layer: layers,
    usermeta: { summary, table, lang, chart: 'rounds' as const },
  };
}
