/**
 * Mean per sampling weekday (Mon … Sun), weekend days per EUDA (samples starting Fri, Sat,
 * Sun, Mon) in a different colour. The x axis always shows all seven days; a weekday
 * without samples has no bar (the table says so).
 *
 * Layers: "bars" (one bar per weekday with a non-null mean) and "bar_labels" (value above the bar).
 * Browser: `svg g.mark-rect.role-mark.bars_marks > path`, or the scenegraph mark "bars_marks".
 */
import { type Layer, VEGA_LITE_SCHEMA, baseConfig, langOf, sizeOf } from './common.ts';
import { axisTitle, formatNumber, formatRatio, strings, summaryWords, WEEKDAYS } from '../i18n/index.ts';
import type { ChartSpec, Lang, WeekdayInput } from './types.ts';

/** EUDA weekend = samples starting Friday, Saturday, Sunday or Monday (ISO 5, 6, 7, 1). */
export const EUDA_WEEKEND_ISO_DAYS: readonly number[] = [5, 6, 7, 1];

export const WEEKEND_COLOUR = '#E69F00'; // Okabe–Ito orange
export const WEEKDAY_COLOUR = '#0072B2'; // Okabe–Ito blue

export function weekdaySpec(input: WeekdayInput): ChartSpec {
  const lang: Lang = langOf(input);
  const s = strings(lang);
  const { width, height } = sizeOf(input, { width: 560, height: 320 });
  const unit = input.metric.unit;
  const dayLabels = WEEKDAYS[lang].short;

  for (const d of input.days) {
    if (!Number.isInteger(d.weekday) || d.weekday < 1 || d.weekday > 7) throw new Error(`Invalid weekday ${d.weekday} (expected 1 = Monday … 7 = Sunday)`);
  }
  const sorted = [...input.days].sort((a, b) => a.weekday - b.weekday);

  const values = sorted
    .filter((d) => d.mean !== null && Number.isFinite(d.mean))
    .map((d) => {
      const weekend = EUDA_WEEKEND_ISO_DAYS.includes(d.weekday);
      return {
        weekday: d.weekday,
        day: dayLabels[d.weekday - 1],
        dayLong: WEEKDAYS[lang].long[d.weekday - 1],
        mean: d.mean as number,
        n: d.n,
        nCensored: d.nCensored ?? 0,
        dayType: weekend ? s.weekendLegend : s.weekdayLegend,
        weekend,
        valueText: formatNumber(d.mean, lang),
        meanText: `${formatNumber(d.mean, lang)} ${unit}`,
        nText: d.nCensored ? `${d.n} (${d.nCensored} < LOQ)` : String(d.n),
      };
    });

  const dayTypeScale = { domain: [s.weekendLegend, s.weekdayLegend], range: [WEEKEND_COLOUR, WEEKDAY_COLOUR] };
  const xEnc = {
    field: 'day',
    type: 'ordinal' as const,
    title: `${s.weekday} (${summaryWords(lang).sampleStartDay})`,
    scale: { domain: dayLabels },
    sort: dayLabels,
    axis: { labelAngle: 0 },
  };
  const yEnc = {
    field: 'mean',
    type: 'quantitative' as const,
    title: axisTitle(input.metric, typeof height === 'number' ? height : 280),
    scale: { zero: true, nice: true },
  };

  const title = `${input.substanceName} — ${input.areaName}`;
  const subtitle = [
    `${s.weekdayTitle}: ${input.metric.label}, ${unit}${input.periodLabel ? ` (${input.periodLabel})` : ''}`,
  ];
  const extras: string[] = [];
  if (input.weekendMean !== undefined && input.weekendMean !== null) extras.push(`${s.weekendMean} ${formatNumber(input.weekendMean, lang)}`);
  if (input.weekdayMean !== undefined && input.weekdayMean !== null) extras.push(`${s.weekdayMean} ${formatNumber(input.weekdayMean, lang)}`);
  if (input.ratio !== undefined && input.ratio !== null) extras.push(`${s.weekendRatio} ${formatRatio(input.ratio, lang)}`);
  if (extras.length) subtitle.push(extras.join(' · '));
  subtitle.push(s.weekendNote);

  const tooltip = [
    { field: 'dayLong', type: 'nominal' as const, title: s.weekday },
    { field: 'meanText', type: 'nominal' as const, title: s.mean },
    { field: 'nText', type: 'nominal' as const, title: s.n },
    { field: 'dayType', type: 'nominal' as const, title: s.dayType },
  ];

  const layers: Layer[] = [
    {
      name: 'bars',
      data: { values },
      mark: { type: 'bar', width: { band: 0.75 } },
      encoding: {
        x: xEnc,
        y: yEnc,
        color: {
          field: 'dayType',
          type: 'nominal',
          title: s.dayType,
          scale: dayTypeScale,
          legend: { orient: 'bottom', direction: 'horizontal' },
        },
        tooltip,
      },
    },
    {
      name: 'bar_labels',
      data: { values },
      mark: { type: 'text', baseline: 'bottom', dy: -4, fontSize: 13, color: '#222222' },
      encoding: { x: xEnc, y: yEnc, text: { field: 'valueText', type: 'nominal' }, tooltip },
    },
  ];
  const missing = sorted
    .filter((d) => d.mean === null || !Number.isFinite(d.mean))
    .map((d) => ({ day: dayLabels[d.weekday - 1], dayLong: WEEKDAYS[lang].long[d.weekday - 1], mean: 0, label: s.missing }));
  // days that are absent from the input are missing too
  for (let wd = 1; wd <= 7; wd++) {
    if (!sorted.some((d) => d.weekday === wd)) missing.push({ day: dayLabels[wd - 1], dayLong: WEEKDAYS[lang].long[wd - 1], mean: 0, label: s.missing });
  }
  if (missing.length) {
    layers.push({
      name: 'missing_labels',
      data: { values: missing },
      mark: { type: 'text', baseline: 'bottom', dy: -4, fontSize: 13, color: '#555555', fontStyle: 'italic' },
      encoding: { x: xEnc, y: yEnc, text: { field: 'label', type: 'nominal' } },
    });
  }

  // ---- summary and table
  const present = values.length;
  const parts = [`${title}: ${s.weekdayTitle.toLowerCase()} (${input.metric.label.toLowerCase()}, ${unit})`];
  if (!present) parts.push(s.noData.toLowerCase());
  else {
    const max = values.reduce((a, b) => (b.mean > a.mean ? b : a));
    const min = values.reduce((a, b) => (b.mean < a.mean ? b : a));
    parts.push(
      summaryWords(lang).highestLowest(max.dayLong, max.valueText, min.dayLong, min.valueText),
    );
  }
  if (extras.length) parts.push(extras.join(', ').toLowerCase());
  const summary = `${parts.join('; ')}.`;

  const byDay = new Map(sorted.map((d) => [d.weekday, d]));
  const table = {
    caption: `${title}: ${s.weekdayTitle.toLowerCase()} (${unit})`,
    columns: [s.weekday, `${s.mean} (${unit})`, s.n, s.nBelowLoq, s.dayType],
    rows: [1, 2, 3, 4, 5, 6, 7].map((wd) => {
      const d = byDay.get(wd as 1);
      return [
        WEEKDAYS[lang].long[wd - 1],
        d && d.mean !== null ? formatNumber(d.mean, lang) : s.noValue,
        d ? String(d.n) : '0',
        d?.nCensored !== undefined ? String(d.nCensored) : s.noValue,
        EUDA_WEEKEND_ISO_DAYS.includes(wd) ? s.weekendLegend : s.weekdayLegend,
      ];
    }),
  };

  const spec: ChartSpec = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle, aria: false },
    description: summary,
    width,
    height,
    config: baseConfig(lang),
    layer: layers,
    usermeta: { summary, table, lang, chart: 'weekday' as const },
  };
  return spec;
}
