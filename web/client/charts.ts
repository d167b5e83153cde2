import type { VisualizationSpec } from 'vega-embed';
import { el, pageLang, replace, tr } from './dom.ts';
import type { Lang } from '../../server/i18n/lang.ts';
import { forProjector } from '../../server/charts/present.ts';

/**
 * Draws every chart placeholder on the page:
 *   <figure class="chart" data-chart-url="/api/v1/charts/…"> (a Vega-Lite spec from the API), or
 *   <figure class="chart" data-chart-spec="<id of a <script type=application/json>>">.
 * Vega runs with its expression interpreter (`ast: true`), so the CSP needs no 'unsafe-eval'.
 * Beside each chart: the one-line summary, a CSV download of its table and the table itself,
 * all written with textContent. The figure gets data-rendered="true" (or "error") when done.
 *
 * Speed: the specs are requested at once, while the Vega chunk (the bulk of the page's script) is
 * still loading; the charts are then drawn one after the other in page order, so the first one
 * shows as soon as it can instead of when all are compiled.
 */
interface ChartTable {
  caption: string;
  /** Same on every row: named by the caption, put back on every CSV line. */
  fixed?: { column: string; value: string }[];
  columns: string[];
  rows: string[][];
}

interface Usermeta {
  summary?: string;
  table?: ChartTable;
}

type Spec = VisualizationSpec & { usermeta?: Usermeta };

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (as server/report/csv.ts does). */
export function neutralize(text: string): string {
  if (/^-?\d[\d\s\u00a0]*([.,]\d+)?$/.test(text)) return text; // a plain number stays a number
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(text: string, delimiter: string): string {
  const t = neutralize(text);
  return t.includes(delimiter) || /["\r\n]/.test(t) || t !== t.trim() ? `"${t.replace(/"/g, '""')}"` : t;
}

/** The table as CSV: Swedish (decimal comma) with semicolons, English with commas; BOM for Excel. */
export function tableCsv(table: ChartTable, lang: Lang): string {
  const d = lang === 'sv' ? ';' : ',';
  const fixed = table.fixed ?? [];
  const lines = [[...fixed.map((f) => f.column), ...table.columns], ...table.rows.map((r) => [...fixed.map((f) => f.value), ...r])]
    .map((r) => r.map((c) => csvCell(c ?? '', d)).join(d));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

function tableElement(table: ChartTable): HTMLTableElement {
  return el('table', { class: 'data compact' },
    el('caption', {}, table.caption),
    el('thead', {}, el('tr', {}, ...table.columns.map((c) => el('th', { scope: 'col' }, c)))),
    el('tbody', {}, ...table.rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))));
}

async function loadSpec(figure: HTMLElement): Promise<Spec> {
  const inline = figure.dataset.chartSpec;
  if (inline) return JSON.parse(document.getElementById(inline)?.textContent ?? 'null') as Spec;
  const res = await fetch(figure.dataset.chartUrl ?? '', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  const body = (await res.json().catch(() => null)) as (Spec & { detail?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.detail ?? `HTTP ${res.status}`);
  return body;
}

/** Splits a line at ", " / " (" / " · " so that it has at most `max` characters per line. */
export function wrapLine(line: string, max: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const cut = Math.max(rest.lastIndexOf(', ', max), rest.lastIndexOf(' (', max), rest.lastIndexOf(' · ', max));
    const at = cut > max / 3 ? cut : rest.lastIndexOf(' ', max);
    if (at <= 0) break;
    const sep = rest.slice(at).match(/^(, | · | )/)?.[0] ?? '';
    out.push(rest.slice(0, at + (sep === ', ' ? 1 : 0)).trimEnd());
    rest = rest.slice(at + sep.length).trimStart();
  }
  out.push(rest);
  return out;
}

/**
 * Vega titles do not wrap: a subtitle longer than the chart (a narrow small multiple) would be cut
 * off, so long lines are split before drawing, from an estimate of the text's width.
 */
function wrapSubtitle(spec: Spec, widthPx: number): void {
  const title = (spec as { title?: unknown }).title;
  if (!title || typeof title !== 'object' || !('subtitle' in title)) return;
  const t = title as { subtitle?: string | string[] };
  const lines = Array.isArray(t.subtitle) ? t.subtitle : t.subtitle ? [t.subtitle] : [];
  const max = Math.max(30, Math.floor((widthPx - 60) / (14 * 0.55)));
  t.subtitle = lines.flatMap((l) => wrapLine(l, max));
}

/** A chart of fixed size (the heatmap) narrower than its figure is scaled up to fill it, at most 1.5×. */
function fitFixedWidth(view: HTMLElement): void {
  const svg = view.querySelector<SVGSVGElement>('svg');
  const natural = Number(svg?.getAttribute('width'));
  const room = view.clientWidth - 48; // the actions button's column
  if (!svg || !natural || room <= natural) return;
  svg.style.width = `${Math.min(room, natural * 1.5)}px`;
  svg.style.height = 'auto';
}

type Vega = { embed: typeof import('vega-embed').default; expressionInterpreter: typeof import('vega-interpreter').expressionInterpreter };

async function loadVega(): Promise<Vega> {
  const [embed, interpreter] = await Promise.all([import('vega-embed'), import('vega-interpreter')]);
  return { embed: embed.default, expressionInterpreter: interpreter.expressionInterpreter };
}

/** In the presentation view the spec is drawn for a projector: 18 px+ text, the screen's height. */
function forPage(spec: Spec): Spec {
  if (document.body.dataset.page !== 'present') return spec;
  return forProjector(spec, { heightPx: Math.max(320, window.innerHeight - 420) });
}

async function draw(figure: HTMLElement, given: Spec, { embed, expressionInterpreter }: Vega): Promise<void> {
  const spec = forPage(given);
  const lang = pageLang();
  const view = el('div', { class: 'chart-view' });
  const status = figure.querySelector('.chart-status');
  if (status) status.replaceWith(view);
  else figure.prepend(view);
  const name = figure.dataset.fileName || 'diagram';
  const fixedWidth = typeof (spec as { width?: unknown }).width !== 'string';
  wrapSubtitle(spec, fixedWidth ? Math.max(figure.clientWidth, 700) : figure.clientWidth);
  await embed(view, spec, {
    renderer: 'svg',
    ast: true,
    expr: expressionInterpreter,
    defaultStyle: false,
    forceActionsMenu: true,
    actions: { export: { svg: true, png: true }, source: false, compiled: false, editor: false },
    downloadFileName: name,
    scaleFactor: { png: 2 },
    i18n: { CLICK_TO_VIEW_ACTIONS: tr('chart.actions'), SVG_ACTION: tr('chart.saveSvg'), PNG_ACTION: tr('chart.savePng') },
  });
  view.querySelector('summary')?.setAttribute('aria-label', tr('chart.actions'));
  if (fixedWidth && figure.classList.contains('chart-wide')) fitFixedWidth(view);

  const meta = spec.usermeta ?? {};
  // One label for the whole chart: its summary (numbers rounded as drawn); the marks inside say
  // nothing (vega's default descriptions are English and carry raw values; the table has the data).
  // The marks lose their roles too: an element with a graphics role and no name is an unlabelled
  // image to a screen reader (axe's svg-img-alt); inside role="img" they are presentational anyway.
  const svg = view.querySelector('svg');
  const label = meta.summary ?? titleText(spec);
  if (svg && label) {
    svg.setAttribute('role', 'img');
    svg.querySelectorAll('[role]').forEach((n) => n.removeAttribute('role'));
    svg.querySelectorAll('[aria-roledescription]').forEach((n) => n.removeAttribute('aria-roledescription'));
    svg.querySelectorAll('[aria-label]').forEach((n) => n.removeAttribute('aria-label'));
    svg.setAttribute('aria-label', label);
  }
  if (meta.summary) figure.append(el('figcaption', { class: 'chart-summary' }, meta.summary));
  if (meta.table) {
    const url = URL.createObjectURL(new Blob([tableCsv(meta.table, lang)], { type: 'text/csv;charset=utf-8' }));
    figure.append(
      el('p', { class: 'chart-tools' }, el('a', { class: 'button chart-csv', href: url, download: `${name}.csv` }, tr('chart.downloadCsv'))),
      el('details', { class: 'chart-table' }, el('summary', {}, tr('chart.showTable')), el('div', { class: 'table-wrap' }, tableElement(meta.table))),
    );
  }
  figure.dataset.rendered = 'true';
  performance.mark('chart-drawn'); // the bench reads the first one
}

/** Lets the browser paint the chart just drawn before the next one is compiled (a hidden tab gets no frames: at most 50 ms). */
const nextFrame = () => new Promise<void>((resolve) => {
  const done = () => { clearTimeout(timer); resolve(); };
  const timer = setTimeout(done, 50);
  requestAnimationFrame(() => setTimeout(done, 0));
});

/** Draws the charts under `root`: all specs requested at once, drawn in page order. */
export async function renderCharts(root: ParentNode = document): Promise<void> {
  const figures = Array.from(root.querySelectorAll<HTMLElement>('figure[data-chart-url], figure[data-chart-spec]'));
  if (!figures.length) return;
  const specs = figures.map((f) => loadSpec(f));
  specs.forEach((p) => p.catch(() => undefined)); // handled in order below
  const vega = loadVega();
  for (const [i, figure] of figures.entries()) {
    try {
      await draw(figure, await specs[i], await vega);
      if (i < figures.length - 1) await nextFrame();
    } catch (e) {
      figure.dataset.rendered = 'error';
      const message = e instanceof Error ? e.message : String(e);
      const status = figure.querySelector('.chart-status') ?? figure.appendChild(el('p', { class: 'chart-status' }));
      status.className = 'chart-status message message-error';
      replace(status, tr('chart.failed', { detail: message }));
      console.error('chart failed', figure.dataset.chartUrl ?? figure.dataset.chartSpec, e);
    }
  }
}

export function init(): Promise<void> {
  return renderCharts();
}

/** The chart's title as plain text (the label of a chart that has no summary). */
function titleText(spec: { title?: unknown }): string | undefined {
  const t = spec.title;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.join(' ');
  if (t && typeof t === 'object' && 'text' in t) {
    const text = (t as { text: unknown }).text;
    return Array.isArray(text) ? text.join(' ') : typeof text === 'string' ? text : undefined;
  }
  return undefined;
}
