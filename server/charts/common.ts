/**
 * Shared pieces of the chart specs: schema URL, palette, config (locale, fonts ≥ 12 px,
 * white background), title helper.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { DEFAULT_LANG, summaryWords, vegaLocale } from '../i18n/index.ts';
import type { ChartOptions, Lang } from './types.ts';

/** A layer of a top-level layered Vega-Lite spec (type-checked against vega-lite's own types, from which its JSON schema is generated). */
export type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), ordered for contrast on white:
 * blue, orange, bluish green, reddish purple, sky blue, vermilion, black, yellow.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'];

export const GREY = '#bdbdbd';
export const DARK_GREY = '#4d4d4d';
export const FONT = '"Noto Sans", "Helvetica Neue", Arial, sans-serif';

export function langOf(opts: ChartOptions): Lang {
  return opts.lang ?? DEFAULT_LANG;
}

/** Palette colour for the i-th category (cycles after 8). */
export function paletteColour(i: number): string {
  return OKABE_ITO[i % OKABE_ITO.length];
}

/** Vega-Lite config used by every chart: locale, projector-readable fonts, white background. */
export function baseConfig(lang: Lang): Config {
  return {
    background: 'white',
    // Screen readers get the chart's one-line summary (its description, numbers rounded as drawn) and
    // the table beside it, not vega's default per-mark labels with every digit of the raw value.
    aria: false,
    font: FONT,
    locale: vegaLocale(lang),
    padding: 8,
    view: { stroke: null },
    title: {
      fontSize: 18,
      fontWeight: 'bold',
      subtitleFontSize: 14,
      subtitleColor: '#333333',
      anchor: 'start',
      color: '#000000',
      offset: 12,
      subtitlePadding: 6,
    },
    axis: {
      labelFontSize: 13,
      titleFontSize: 14,
      titleFontWeight: 'normal',
      labelColor: '#222222',
      titleColor: '#222222',
      gridColor: '#e3e3e3',
      domainColor: '#888888',
      tickColor: '#888888',
      labelLimit: 260,
    },
    legend: {
      labelFontSize: 13,
      titleFontSize: 14,
      titleFontWeight: 'normal',
      labelLimit: 320,
      symbolSize: 140,
      symbolStrokeWidth: 2,
    },
    text: { fontSize: 13, color: '#222222' },
    range: { category: OKABE_ITO },
  };
}

export function sizeOf(opts: ChartOptions, defaults: { width: number; height: number }) {
  return { width: opts.width ?? defaults.width, height: opts.height ?? defaults.height };
}

/** Plot width in px for layout estimates (e.g. staggering labels) when the width is 'container'. */
export function estimatedWidth(width: number | 'container'): number {
  return width === 'container' ? 700 : width;
}

/** Truncates a label for the chart (the full text stays in tooltips and the table). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** Makes display labels unique by appending a code where two items share a name. */
export function uniqueLabels<T>(items: T[], label: (t: T) => string, code: (t: T) => string): string[] {
  const counts = new Map<string, Set<string>>();
  for (const it of items) {
    const l = label(it);
    if (!counts.has(l)) counts.set(l, new Set());
    counts.get(l)!.add(code(it));
  }
  return items.map((it) => ((counts.get(label(it))?.size ?? 0) > 1 ? `${label(it)} (${code(it)})` : label(it)));
}

export function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** "A, B och C" / "A, B and C". */
export function listJoin(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const and = summaryWords(lang).and;
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

/**
 * The spec with every data array that two or more layers hold (the same array: a time series'
 * days feed its line and its points, a baseline its band, rule and label) moved once into the
 * top-level `datasets` and named there (`data: { name }`), as Vega-Lite reads it. The JSON of a
 * national time series is then about half as long (225 → 128 KB), and so is its transfer and parse.
 * Arrays held by one layer stay inline. The spec passed in is not changed.
 */
export function shareRepeatedData<T extends object>(spec: T): T {
  const uses = new Map<unknown[], number>();
  const visit = (layers: unknown, f: (l: Record<string, unknown>) => void) => {
    if (!Array.isArray(layers)) return;
    for (const l of layers as Record<string, unknown>[]) {
      f(l);
      visit(l.layer, f);
    }
  };
  const inlineValues = (l: Record<string, unknown>): unknown[] | null => {
    const d = l.data as Record<string, unknown> | undefined;
    return d && Object.keys(d).length === 1 && Array.isArray(d.values) ? d.values : null;
  };
  const top = spec as Record<string, unknown>;
  visit(top.layer, (l) => {
    const v = inlineValues(l);
    if (v) uses.set(v, (uses.get(v) ?? 0) + 1);
  });
  const names = new Map<unknown[], string>();
  for (const [v, n] of uses) if (n > 1) names.set(v, `shared_${names.size}`);
  if (names.size === 0) return spec;
  const copy = (layers: unknown): unknown => Array.isArray(layers)
    ? (layers as Record<string, unknown>[]).map((l) => {
      const v = inlineValues(l);
      const out: Record<string, unknown> = { ...l };
      if (v && names.has(v)) out.data = { name: names.get(v) };
      if (l.layer) out.layer = copy(l.layer);
      return out;
    })
    : layers;
  const datasets = { ...(top.datasets as Record<string, unknown> | undefined) };
  for (const [v, name] of names) datasets[name] = v;
  return { ...top, layer: copy(top.layer), datasets } as T;
}
