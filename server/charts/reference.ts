/**
 * Reference comparison: horizontal bars of the daily mean for one substance and year — the
 * local area, Swedish cities from the EUDA/SCORE data, and the European median (a distinct
 * grey bar plus a dashed vertical rule across all bars). Attribution in the subtitle
 * ("Källa: EUDA and SCORE" / "Source: EUDA and SCORE"), as the CC BY 4.0 licence requires.
 *
 * Layers: "bars" (one per non-null value, incl. the median bar), "median_rule", "bar_labels".
 * Browser: `svg g.mark-rect.role-mark.bars_marks > path`.
 */
import { type Layer, VEGA_LITE_SCHEMA, baseConfig, langOf } from './common.ts';
import { axisTitle, formatNumber, strings, summaryWords } from '../i18n/index.ts';
import type { ChartSpec, Lang, ReferenceInput } from './types.ts';

export const AREA_COLOUR = '#D55E00'; // Okabe–Ito vermilion
export const CITY_COLOUR = '#0072B2'; // Okabe–Ito blue
export const MEDIAN_COLOUR = '#6e6e6e';

type Group = 'area' | 'sweden' | 'median';

export function referenceSpec(input: ReferenceInput): ChartSpec {
  const lang: Lang = langOf(input);
  const s = strings(lang);
  const unit = input.metric.unit;
  const width = input.width ?? 560;

  const areaGroupLabel = `${input.area.name}${input.area.periodLabel ? ` (${input.area.periodLabel})` : ''}`;
  const medianLabel = s.europeanMedian(input.europeanCityCount);
  const groupLabels: Record<Group, string> = { area: areaGroupLabel, sweden: s.swedishCities, median: medianLabel };

  const items: { name: string; value: number | null; group: Group; country: string }[] = [
    { name: input.area.name, value: input.area.value, group: 'area', country: 'SE' },
    ...input.cities.map((c) => ({ name: c.name, value: c.value, group: 'sweden' as const, country: c.country ?? 'SE' })),
    { name: medianLabel, value: input.europeanMedian, group: 'median', country: '' },
  ];
  // a bar label must be unique (the local area may be one of the EUDA cities)
  const seen = new Map<string, number>();
  for (const it of items) seen.set(it.name, (seen.get(it.name) ?? 0) + 1);
  const ownData = summaryWords(lang).ownData;
  for (const it of items) if (it.group === 'area' && (seen.get(it.name) ?? 0) > 1) it.name = `${it.name} (${ownData})`;

  const bars = items
    .filter((it): it is typeof it & { value: number } => it.value !== null && Number.isFinite(it.value))
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name))
    .map((it) => ({
      name: it.name,
      value: it.value,
      group: it.group,
      groupLabel: groupLabels[it.group],
      valueText: formatNumber(it.value, lang),
      valueWithUnit: `${formatNumber(it.value, lang)} ${unit}`,
    }));
  const order = bars.map((b) => b.name);

  const yEnc = {
    field: 'name',
    type: 'nominal' as const,
    title: null,
    sort: order,
    scale: { domain: order },
    axis: { labelLimit: 320, ticks: false, domain: false },
  };
  const xEnc = {
    field: 'value',
    type: 'quantitative' as const,
    title: axisTitle(input.metric, typeof width === 'number' ? width : 500),
    scale: { zero: true, nice: true },
  };
  const tooltip = [
    { field: 'name', type: 'nominal' as const, title: s.city },
    { field: 'valueWithUnit', type: 'nominal' as const, title: `${s.mean} ${input.year}` },
    { field: 'groupLabel', type: 'nominal' as const, title: s.group },
  ];
  const groupDomain = [groupLabels.area, groupLabels.sweden, groupLabels.median];

  const layers: Layer[] = [
    {
      name: 'bars',
      data: { values: bars },
      mark: { type: 'bar', height: { band: 0.72 } },
      encoding: {
        y: yEnc,
        x: xEnc,
        color: {
          field: 'groupLabel',
          type: 'nominal',
          title: null,
          scale: { domain: groupDomain, range: [AREA_COLOUR, CITY_COLOUR, MEDIAN_COLOUR] },
          legend: { orient: 'bottom', direction: 'vertical', columns: 1 },
        },
        tooltip,
      },
    },
  ];
  if (input.europeanMedian !== null && Number.isFinite(input.europeanMedian)) {
    layers.push({
      name: 'median_rule',
      data: { values: [{ value: input.europeanMedian, label: medianLabel, valueWithUnit: `${formatNumber(input.europeanMedian, lang)} ${unit}` }] },
      mark: { type: 'rule', color: MEDIAN_COLOUR, strokeDash: [5, 4], strokeWidth: 2 },
      encoding: {
        x: xEnc,
        tooltip: [
          { field: 'label', type: 'nominal', title: s.group },
          { field: 'valueWithUnit', type: 'nominal', title: `${s.mean} ${input.year}` },
        ],
      },
    });
  }
  layers.push({
    name: 'bar_labels',
    data: { values: bars },
    mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 13, color: '#222222' },
    encoding: { y: yEnc, x: xEnc, text: { field: 'valueText', type: 'nominal' }, tooltip },
  });

  const versus = summaryWords(lang).versus;
  const title = `${input.substanceName} — ${input.area.name} ${versus}`;
  const subtitle = [`${input.metric.label}, ${unit}, ${input.year} (${summaryWords(lang).dailyMean})`, s.source];

  // ---- summary
  const parts: string[] = [];
  parts.push(
    `${input.substanceName}, ${areaGroupLabel}: ${input.area.value !== null ? `${formatNumber(input.area.value, lang)} ${unit}` : s.noData.toLowerCase()}`,
  );
  const cityBars = bars.filter((b) => b.group === 'sweden');
  if (cityBars.length) {
    const hi = cityBars[0];
    const lo = cityBars[cityBars.length - 1];
    parts.push(
      summaryWords(lang).swedishCitiesRange(input.year, lo.valueText, hi.valueText, hi.name),
    );
  }
  if (input.europeanMedian !== null) parts.push(`${medianLabel.charAt(0).toLowerCase()}${medianLabel.slice(1)} ${formatNumber(input.europeanMedian, lang)}`);
  const areaRank = bars.filter((b) => b.group !== 'median').findIndex((b) => b.group === 'area');
  if (areaRank >= 0 && cityBars.length) {
    const total = bars.filter((b) => b.group !== 'median').length;
    parts.push(summaryWords(lang).rank(areaRank + 1, total));
  }
  const summary = `${parts.join('; ')}. ${s.source}.`;

  const table = {
    caption: `${title}, ${input.year} (${unit}). ${s.source}`,
    columns: [s.city, s.country, `${s.mean} ${input.year} (${unit})`, s.group],
    rows: [
      ...bars.map((b) => {
        const it = items.find((i) => i.name === b.name && i.group === b.group)!;
        return [b.name, it.country, b.valueText, b.groupLabel];
      }),
      ...items
        .filter((it) => it.value === null || !Number.isFinite(it.value))
        .map((it) => [it.name, it.country, s.noValue, groupLabels[it.group]]),
    ],
  };

  const spec: ChartSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle, aria: false },
    description: summary,
    width,
    height: { step: 30 },
    config: baseConfig(lang),
    layer: layers,
    usermeta: { summary, table, lang, chart: 'reference' as const },
  };
  return spec;
}
