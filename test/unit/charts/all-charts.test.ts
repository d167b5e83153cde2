/** Properties every chart spec must have, checked for all four builders in both languages. */
import { describe, expect, it } from 'vitest';
import { OKABE_ITO } from '../../../server/charts/common.ts';
import { overviewSpec, referenceSpec, timeseriesSpec, weekdaySpec } from '../../../server/charts/index.ts';
import type { ChartSpec, Lang } from '../../../server/charts/types.ts';
import { multiSeriesInput, overviewInput, referenceInput, singleSeriesInput, weekdayInput } from './fixtures.ts';
import { render, sceneTexts } from './render.ts';
import { validateVegaLite } from './schema.ts';

const builders: [string, (lang: Lang) => ChartSpec][] = [
  ['timeseries (single)', (l) => timeseriesSpec(singleSeriesInput(l))],
  ['timeseries (multi)', (l) => timeseriesSpec(multiSeriesInput(l))],
  ['weekday', (l) => weekdaySpec(weekdayInput(l))],
  ['overview', (l) => overviewSpec(overviewInput(l))],
  ['reference', (l) => referenceSpec(referenceInput(l))],
];
const cases = builders.flatMap(([name, build]) => (['sv', 'en'] as const).map((lang) => [`${name} ${lang}`, lang, build] as const));

/** Every value under a key matching `re`, anywhere in the spec. */
const NOT_COLOUR = new Set(['shape', 'strokeDash', 'size', 'resolve']);
function collect(obj: unknown, re: RegExp, out: unknown[] = []): unknown[] {
  if (Array.isArray(obj)) obj.forEach((v) => collect(v, re, out));
  else if (obj && typeof obj === 'object') {
    for (const [k, v] of Object.entries(obj)) {
      if (NOT_COLOUR.has(k)) continue; // the legend's shape, dash and size scales have ranges too; resolve names channels
      if (re.test(k)) out.push(v);
      collect(v, re, out);
    }
  }
  return out;
}

// greys and black/white used for neutral elements; categorical colours must be Okabe–Ito
const NEUTRAL = /^(#([0-9a-f])\2{5}|#[0-9a-f]{6}|white|black)$/i;
const isGrey = (c: string) => /^#([0-9a-f]{2})\1\1$/i.test(c) || c === 'white' || c === 'black';

describe.each(cases)('%s', (_name, lang, build) => {
  const spec = build(lang);

  it('validates against the Vega-Lite v6 JSON schema', () => {
    expect(validateVegaLite(spec)).toEqual([]);
  });

  it('declares the v6 schema, a white background and the language locale', () => {
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    expect(spec.config?.background).toBe('white');
    const locale = spec.config?.locale as unknown as { number: Record<string, unknown>; time: Record<string, unknown[]> };
    if (lang === 'sv') {
      expect(locale.number).toEqual({ decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', ' kr'] });
      expect(locale.time.months).toContain('maj');
      expect(locale.time.shortDays).toContain('lör');
    } else {
      expect(locale.number).toMatchObject({ decimal: '.', thousands: ',', grouping: [3] });
      expect(locale.time.months).toContain('May');
    }
  });

  it('has a title and subtitle, and usermeta with a one-line summary and a rectangular table', () => {
    const title = spec.title as { text: string; subtitle: string[] };
    expect(title.text).toMatch(/ — /);
    expect(title.subtitle.length).toBeGreaterThan(0);
    const { summary, table } = spec.usermeta;
    expect(summary.length).toBeGreaterThan(20);
    expect(summary).not.toMatch(/[\n\r]/);
    expect(summary).not.toMatch(/undefined|NaN|null/);
    expect(spec.usermeta.lang).toBe(lang);
    expect(table.columns.length).toBeGreaterThan(2);
    expect(table.rows.length).toBeGreaterThan(0);
    for (const row of table.rows) {
      expect(row).toHaveLength(table.columns.length);
      for (const cell of row) expect(typeof cell).toBe('string');
    }
    expect(JSON.stringify(table)).not.toMatch(/undefined|NaN/);
  });

  it('uses font sizes of at least 12 px in the spec and in the rendered scenegraph', async () => {
    for (const size of collect(spec, /fontsize$/i)) expect(size).toBeGreaterThanOrEqual(12);
    const { view } = await render(spec);
    const texts = sceneTexts(view).filter((t) => t.text !== undefined && t.text !== '');
    expect(texts.length).toBeGreaterThan(5);
    for (const t of texts) expect(t.fontSize as number).toBeGreaterThanOrEqual(12);
  });

  it('uses only Okabe–Ito colours for categories, plus greys', () => {
    const colours = collect(spec, /^(color|range|fill|stroke)$/).flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string');
    for (const c of colours) {
      expect(NEUTRAL.test(c)).toBe(true);
      if (!isGrey(c)) expect(OKABE_ITO).toContain(c);
    }
  });

  it('renders headlessly with the expression interpreter without warnings', async () => {
    const { svg, warnings } = await render(spec);
    expect(warnings).toEqual([]);
    expect(svg.startsWith('<svg')).toBe(true);
  });

  it('is plain JSON (survives a JSON round trip unchanged)', () => {
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });
});
