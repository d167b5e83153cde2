/**
 * The time series' legend: what the band, the lines and the hollow points mean, as a real Vega-Lite
 * legend (symbols beside words) instead of lines of jargon in the subtitle. It is one extra layer
 * of invisible marks whose field `legendKey` drives shape, fill, stroke and strokeDash, which
 * Vega-Lite merges into a single legend because the channels share the field and the title.
 */
import type { Layer } from './common.ts';
import { DARK_GREY } from './common.ts';

export type LegendItemKind = 'measured' | 'belowLoq' | 'baseline' | 'campaign' | 'trend' | 'event';

export interface LegendItem { kind: LegendItemKind; label: string }

/** Symbol per kind: shape, fill, stroke and dash, matching the marks the chart draws. */
function symbol(kind: LegendItemKind, colour: string, faint: boolean): { shape: string; fill: string; stroke: string; dash: number[]; size: number } {
  const small = faint ? 50 : 120;
  switch (kind) {
    case 'measured': return { shape: 'circle', fill: colour, stroke: colour, dash: [], size: small };
    case 'belowLoq': return { shape: 'circle', fill: '#ffffff', stroke: colour, dash: [], size: small };
    case 'baseline': return { shape: 'square', fill: '#cccccc', stroke: DARK_GREY, dash: [], size: 220 };
    case 'campaign': return { shape: 'circle', fill: colour, stroke: colour, dash: [], size: 220 };
    case 'trend': return { shape: 'stroke', fill: '#ffffff', stroke: '#000000', dash: [8, 4], size: 400 };
    case 'event': return { shape: 'stroke', fill: '#ffffff', stroke: '#333333', dash: [3, 3], size: 400 };
  }
}

/** The legend layer for `items` (none when empty); `colour` is the series' colour (single series). */
export function legendLayer(items: LegendItem[], colour: string, faint = false, orient: 'top' | 'bottom' = 'top'): Layer | null {
  if (!items.length) return null;
  const domain = items.map((i) => i.label);
  const symbols = items.map((i) => symbol(i.kind, colour, faint));
  const legend = { orient, direction: 'horizontal', columns: 2, symbolOpacity: 1, symbolStrokeWidth: 2.5, labelLimit: 400, columnPadding: 24 } as const;
  const field = (range: (string | number | number[])[]) => ({ field: 'legendKey', type: 'nominal' as const, title: null, scale: { domain, range } });
  return {
    name: 'legend',
    data: { values: items.map((i) => ({ legendKey: i.label })) },
    // Nothing drawn in the plot: the marks exist only to give the legend its entries.
    mark: { type: 'point', opacity: 0, filled: false },
    encoding: {
      shape: { ...field(symbols.map((s) => s.shape)), legend },
      fill: { ...field(symbols.map((s) => s.fill)), legend },
      stroke: { ...field(symbols.map((s) => s.stroke)), legend },
      strokeDash: { ...field(symbols.map((s) => s.dash)), legend },
      // A one-entry size range is read as an interpolation with no end (the symbol's path becomes
      // "MNaN,0LNaN,0"): repeat the single size.
      size: { ...field(symbols.length === 1 ? [symbols[0].size, symbols[0].size] : symbols.map((s) => s.size)), type: 'ordinal', sort: domain, legend },
    },
  } as Layer;
}

/** The top-level `resolve` that keeps the legend's scales apart from the series' own fill and stroke. */
export const LEGEND_RESOLVE = { scale: { fill: 'independent', stroke: 'independent', shape: 'independent', size: 'independent', strokeDash: 'independent' } } as const;
