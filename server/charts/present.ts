/**
 * A chart spec for the meeting room: the same spec with every text size raised so that nothing
 * is smaller than 18 px (titles larger), symbols and strokes a little heavier, and, for charts
 * whose height is a number, the height of the screen it is shown on. Pure: the browser applies it
 * before drawing in the presentation view; the page's own charts are untouched.
 */
/** 20 px in the spec: 18 px or more on screen even where the SVG is scaled down a little to fit. */
export const PROJECTOR_MIN_FONT_PX = 20;
const FACTOR = 1.5;
const FONT_KEYS = new Set(['fontSize', 'labelFontSize', 'titleFontSize', 'subtitleFontSize']);

function enlarge(value: unknown, key: string | null): unknown {
  if (Array.isArray(value)) return value.map((v) => enlarge(v, null));
  if (value && typeof value === 'object') {
    // inline data stay as they are: a data field may be called fontSize and mean something else
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'values' && key === 'data' ? v : enlarge(v, k)]));
  }
  if (typeof value === 'number' && key !== null && FONT_KEYS.has(key)) return Math.max(PROJECTOR_MIN_FONT_PX, Math.round(value * FACTOR));
  if (typeof value === 'number' && key === 'labelLimit') return Math.round(value * FACTOR);
  return value;
}

/** The spec for a projector; `heightPx` replaces a numeric height (a heatmap's height follows its rows and stays). */
export function forProjector<T extends object>(spec: T, opts: { heightPx?: number } = {}): T {
  const out = enlarge(spec, null) as T & { height?: unknown; config?: Record<string, unknown> };
  const config = (out.config ??= {}) as Record<string, Record<string, unknown> | undefined>;
  // Sizes vega would otherwise take from its defaults (11 px) get set explicitly.
  config.axis = { labelFontSize: PROJECTOR_MIN_FONT_PX, titleFontSize: PROJECTOR_MIN_FONT_PX + 2, ...config.axis };
  config.legend = { labelFontSize: PROJECTOR_MIN_FONT_PX, titleFontSize: PROJECTOR_MIN_FONT_PX + 2, ...config.legend };
  config.title = { fontSize: 28, subtitleFontSize: PROJECTOR_MIN_FONT_PX + 2, ...config.title };
  config.text = { fontSize: PROJECTOR_MIN_FONT_PX, ...config.text };
  if (opts.heightPx && typeof out.height === 'number') out.height = Math.max(out.height, Math.round(opts.heightPx));
  return out;
}
