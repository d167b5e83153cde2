/**
 * Test helpers: compile a Vega-Lite spec and render it headlessly with vega's CSP-safe
 * expression interpreter (no `new Function`), as the browser page does.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';

export interface Rendered {
  view: vega.View;
  vg: vega.Spec;
  svg: string;
  warnings: string[];
}

/**
 * Compiles with vega-lite (collecting warnings; errors throw), parses with {ast: true} and
 * renders to SVG via the interpreter. `interpreter: false` uses vega's default code generation
 * (only for the CSP control test).
 */
export async function render(spec: TopLevelSpec, { interpreter = true } = {}): Promise<Rendered> {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...a: unknown[]) => { throw new Error(a.map(String).join(' ')); },
    warn: (...a: unknown[]) => { warnings.push(a.map(String).join(' ')); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  const vg = compile(JSON.parse(JSON.stringify(spec)) as TopLevelSpec, { logger: logger as never }).spec;
  const runtime = interpreter ? vega.parse(vg, undefined, { ast: true }) : vega.parse(vg);
  const view = new vega.View(runtime, {
    ...(interpreter ? { expr: expressionInterpreter as unknown as vega.ViewOptions['expr'] } : {}),
    renderer: 'none',
    logLevel: vega.Warn,
  });
  view.logger({
    level: () => 0,
    error: (...a: unknown[]) => { throw new Error(a.map(String).join(' ')); },
    warn: (...a: unknown[]) => { warnings.push(a.map(String).join(' ')); },
    info: () => undefined,
    debug: () => undefined,
  } as never);
  await view.runAsync();
  const svg = await view.toSVG();
  return { view, vg, svg, warnings };
}

export interface SceneItem {
  marktype?: string;
  name?: string;
  role?: string;
  items?: SceneItem[];
  datum?: Record<string, unknown>;
  x?: number;
  y?: number;
  fill?: string;
  stroke?: string;
  text?: string;
  [k: string]: unknown;
}

/** All scenegraph marks (not items) with the given vega mark name, e.g. 'points_marks'. */
export function findMarks(view: vega.View, name: string): SceneItem[] {
  const out: SceneItem[] = [];
  const walk = (n: SceneItem) => {
    if (n.marktype && n.name === name) out.push(n);
    for (const c of n.items ?? []) walk(c);
  };
  walk((view.scenegraph() as unknown as { root: SceneItem }).root);
  return out;
}

/** The items of all marks with the given name (for faceted marks: across all facets). */
export function markItems(view: vega.View, name: string): SceneItem[] {
  return findMarks(view, name).flatMap((m) => m.items ?? []);
}

/** Texts of all <text> elements in the SVG (a multi-line <text> gives one entry per <tspan>). */
export function svgTexts(svg: string): string[] {
  const unescape = (t: string) =>
    t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/gs)].flatMap((m) => {
    const inner = m[1];
    const spans = [...inner.matchAll(/<tspan\b[^>]*>(.*?)<\/tspan>/gs)].map((t) => unescape(t[1]));
    return spans.length ? spans : [unescape(inner)];
  });
}

/**
 * Number of <path> elements in the SVG mark group `<g class="mark-<type> role-mark <name>">`
 * — what the browser selector `g.mark-<type>.role-mark.<name> > path` counts.
 */
export function countSvgMarkPaths(svg: string, markType: string, name: string): number {
  // an empty mark group is written self-closing: <g class="…"/>
  const re = new RegExp(`<g class="mark-${markType} role-mark ${name}"[^>]*?(?:/>|>(.*?)</g>)`, 'gs');
  let n = 0;
  for (const m of svg.matchAll(re)) n += ((m[1] ?? '').match(/<path\b/g) ?? []).length;
  return n;
}

/** All text items in the scenegraph (axis labels, titles, legends, text marks). */
export function sceneTexts(view: vega.View): SceneItem[] {
  const out: SceneItem[] = [];
  // marks have a marktype and items; items of a group mark contain marks again
  const walkMark = (mark: SceneItem) => {
    for (const item of mark.items ?? []) {
      if (mark.marktype === 'text') out.push(item);
      else if (mark.marktype === 'group') for (const child of item.items ?? []) walkMark(child);
    }
  };
  walkMark((view.scenegraph() as unknown as { root: SceneItem }).root);
  return out;
}

/** Formats with the view's (vega) locale, e.g. viewFormat(view, ',.1f', 1234.5). */
export function viewFormat(view: vega.View, specifier: string, value: number): string {
  const loc = (view as unknown as { locale(): { format(s: string): (v: number) => string } }).locale();
  return loc.format(specifier)(value);
}
