/**
 * The overview map: one shape per area (Vega-Lite geoshape), coloured like the heatmap by the
 * ratio of the comparison's mean to the baseline mean on a diverging log scale centred on 1
 * (blue = lower, orange = higher); grey where there is no ratio. Areas are drawn parents first,
 * so a sub-area lies on top of its plant's catchment.
 *
 * Layers: "shapes" (grey, every area), "ratio_shapes" (coloured, areas with a ratio),
 * "labels" (the ratio at the shape's centre, black or white by contrast with the fill).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { rewind } from '../domain/boundaries.ts';
import { formatRatio, strings, verdictText } from '../i18n/index.ts';
import { type Layer, GREY, VEGA_LITE_SCHEMA, baseConfig, langOf } from './common.ts';
import { blueOrangeAt, divergingLogT, labelColourOn } from './contrast.ts';
import { OVERVIEW_SCHEME, ratioDomain } from './overview.ts';
import type { ChartOptions, ChartSpec, Lang, Verdict } from './types.ts';

export interface MapArea {
  code: string;
  name: string;
  geometry: Polygon | MultiPolygon;
  /** Comparison mean / baseline mean, null when there is none to show. */
  ratio: number | null;
  verdict: Verdict | null;
}

export interface MapInput extends ChartOptions {
  areas: MapArea[];
  substanceName: string;
  baselineLabel: string;
  comparisonLabel: string;
  texts: { title: string; area: string; change: string; verdict: string; noRatio: string; legend: string };
}

const GREY_RGB: [number, number, number] = [0xbd, 0xbd, 0xbd];

/** The centre of the largest ring (area-weighted centroid in lon/lat; fine at a municipality's scale). */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const rings: Position[][] = geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((p) => p[0]);
  let best: [number, number] = [rings[0][0][0], rings[0][0][1]];
  let bestArea = -1;
  for (const r of rings) {
    let a = 0; let cx = 0; let cy = 0;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const f = r[j][0] * r[i][1] - r[i][0] * r[j][1];
      a += f; cx += (r[j][0] + r[i][0]) * f; cy += (r[j][1] + r[i][1]) * f;
    }
    if (Math.abs(a) > bestArea && a !== 0) {
      bestArea = Math.abs(a);
      best = [cx / (3 * a), cy / (3 * a)];
    }
  }
  return best;
}

const hasRatio = (a: MapArea): a is MapArea & { ratio: number } =>
  a.ratio !== null && Number.isFinite(a.ratio) && a.ratio > 0 && a.verdict !== 'too_few_data' && a.verdict !== 'mostly_below_loq' && a.verdict !== 'loq_changed';

export function mapSpec(input: MapInput): ChartSpec {
  const lang: Lang = langOf(input);
  const s = strings(lang);
  const [dMin, dMax] = ratioDomain(input.areas.filter(hasRatio).map((a) => a.ratio));
  const features = input.areas.map((a) => {
    const coloured = hasRatio(a);
    const rgb = coloured ? blueOrangeAt(divergingLogT(a.ratio!, dMin, dMax)) : GREY_RGB;
    const [lon, lat] = labelPoint(a.geometry);
    const ratioText = coloured ? formatRatio(a.ratio, lang) : input.texts.noRatio;
    return {
      type: 'Feature' as const,
      geometry: rewind(a.geometry, 'd3'),
      properties: {
        code: a.code, name: a.name, hasRatio: coloured, ratioPlot: coloured ? Math.min(dMax, Math.max(dMin, a.ratio!)) : null,
        ratioText, verdictText: a.verdict ? verdictText(a.verdict, lang) : s.noValue, label: coloured ? ratioText : '', labelColour: labelColourOn(rgb), lon, lat,
      },
    };
  });
  const tooltip = [
    { field: 'properties.name', type: 'nominal' as const, title: input.texts.area },
    { field: 'properties.ratioText', type: 'nominal' as const, title: input.texts.change },
    { field: 'properties.verdictText', type: 'nominal' as const, title: input.texts.verdict },
  ];
  const logM = Math.log2(dMax);
  const legendValues: number[] = [];
  for (let e = -Math.round(logM); e <= Math.round(logM); e++) legendValues.push(2 ** e);
  const layers: Layer[] = [
    { name: 'shapes', data: { values: features }, mark: { type: 'geoshape', fill: GREY, stroke: '#ffffff', strokeWidth: 1.5 }, encoding: { tooltip } },
    {
      name: 'ratio_shapes',
      data: { values: features.filter((f) => f.properties.hasRatio) },
      mark: { type: 'geoshape', stroke: '#ffffff', strokeWidth: 1.5 },
      encoding: {
        color: {
          field: 'properties.ratioPlot', type: 'quantitative', title: input.texts.legend,
          scale: { type: 'log', domain: [dMin, dMax], domainMid: 1, scheme: OVERVIEW_SCHEME, clamp: true },
          legend: { values: legendValues.length > 5 ? legendValues.filter((_, i) => i % 2 === 0) : legendValues, format: '~g', orient: 'right', titleLimit: 320 },
        },
        tooltip,
      },
    },
    {
      name: 'labels',
      data: { values: features.filter((f) => f.properties.label) },
      mark: { type: 'text', fontSize: 14, fontWeight: 'bold', baseline: 'middle', align: 'center' },
      encoding: {
        longitude: { field: 'properties.lon', type: 'quantitative' },
        latitude: { field: 'properties.lat', type: 'quantitative' },
        text: { field: 'properties.label', type: 'nominal' },
        fill: { field: 'properties.labelColour', type: 'nominal', scale: null },
        tooltip,
      },
    },
  ];
  const rows = features.map((f) => [f.properties.name, f.properties.ratioText, f.properties.verdictText]);
  const summary = `${input.texts.title}: ${features.map((f) => `${f.properties.name} ${f.properties.ratioText}`).join(', ')}.`;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: input.texts.title, subtitle: s.comparedWith(input.comparisonLabel, input.baselineLabel) },
    description: summary,
    width: input.width ?? 'container',
    height: input.height ?? 420,
    projection: { type: 'mercator' },
    config: baseConfig(lang),
    layer: layers,
    usermeta: { summary, table: { caption: input.texts.title, columns: [input.texts.area, input.texts.change, input.texts.verdict], rows }, lang, chart: 'map' },
  };
}
