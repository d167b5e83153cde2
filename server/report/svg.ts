/**
 * Server-side SVG of a dashboard chart spec: Vega-Lite → Vega → headless view → SVG string.
 *
 * Without a canvas vega guesses text widths (0.8 × font size per character), which leaves
 * labels far apart and truncates long ones. Vega lets a host plug in its own measure (as
 * vl-convert does); this one measures with the Noto Sans glyph advances that the PDF embeds
 * and the HTML file carries, so what vega lays out is what is drawn.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from '../charts/types.ts';
import { mainFontText, reportFonts, textWidth } from './fonts.ts';

interface TextItem { fontSize?: number | string; fontWeight?: string | number; limit?: number }
type TextMetrics = { width: (item: TextItem, text: unknown) => number };

let measuring = false;

function useEmbeddedFontMetrics(): void {
  if (measuring) return;
  measuring = true;
  const fonts = reportFonts();
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  metrics.width = (item, text) => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const s = text == null ? '' : String(text).trim();
    if (size <= 0 || !s) return 0;
    const w = Number(item.fontWeight);
    const bold = item.fontWeight === 'bold' || item.fontWeight === 'bolder' || w >= 600;
    const width = textWidth(s, size, bold ? fonts.bold : fonts.regular);
    // vega's own measure returns the width of the text as truncated to `limit`
    return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
}

export interface RenderedChart {
  svg: string;
  /** Size in px as vega laid it out (title, legend and padding included). */
  width: number;
  height: number;
}

/** Characters the embedded font lacks are replaced in text nodes only (never in markup). */
function withDrawableText(svg: string): string {
  const fonts = reportFonts();
  return svg.replace(/<text\b[\s\S]*?<\/text>/g, (el) => el.replace(/>([^<]+)</g, (_m, body: string) => `>${mainFontText(body, fonts)}<`));
}

export async function renderChartSvg(spec: ChartSpec): Promise<RenderedChart> {
  useEmbeddedFontMetrics();
  const { usermeta: _meta, ...vlSpec } = spec;
  const view = new vega.View(vega.parse(compile(vlSpec as TopLevelSpec).spec), { renderer: 'none' });
  try {
    const svg = withDrawableText(await view.toSVG());
    const m = /^<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
    return { svg, width: m ? Number(m[1]) : 600, height: m ? Number(m[2]) : 400 };
  } finally {
    view.finalize();
  }
}
