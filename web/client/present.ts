import { renderCharts } from './charts.ts';
import { replace, tr } from './dom.ts';

/**
 * The presentation view: one slide (chart) per screen; ← → (and PageUp/PageDown, space) step,
 * Home/End jump, Esc goes back. A heatmap of fixed size is scaled to fill the screen it has.
 */
function slides(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('section.slide'));
}

function current(all: HTMLElement[]): number {
  const mid = window.innerHeight / 2;
  const i = all.findIndex((s) => { const r = s.getBoundingClientRect(); return r.top <= mid && r.bottom > mid; });
  return Math.max(0, i);
}

function show(all: HTMLElement[], i: number): void {
  const n = Math.min(all.length - 1, Math.max(0, i));
  all[n]?.scrollIntoView({ block: 'start' });
  all[n]?.focus({ preventScroll: true });
  document.body.dataset.slide = String(n + 1);
  const pos = document.getElementById('present-position');
  if (pos) replace(pos, tr('present.position', { n: n + 1, total: all.length }));
}

/** A chart of fixed size (the heatmap) is scaled up or down to fit its slide without scrolling. */
function fitToSlide(slide: HTMLElement): void {
  const svg = slide.querySelector<SVGSVGElement>('.chart-view svg');
  const w = Number(svg?.getAttribute('width'));
  const h = Number(svg?.getAttribute('height'));
  if (!svg || !w || !h) return;
  const roomW = slide.clientWidth - 64;
  const roomH = window.innerHeight - 140;
  const scale = Math.min(roomW / w, roomH / h);
  svg.style.width = `${Math.round(w * scale)}px`;
  svg.style.height = `${Math.round(h * scale)}px`;
  svg.style.maxWidth = 'none';
}

export async function init(): Promise<void> {
  const all = slides();
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const at = current(all);
    const step: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ' ': 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
    if (e.key in step) { e.preventDefault(); show(all, at + step[e.key]); }
    else if (e.key === 'Home') { e.preventDefault(); show(all, 0); }
    else if (e.key === 'End') { e.preventDefault(); show(all, all.length - 1); }
    else if (e.key === 'Escape') { const back = document.getElementById('present-exit') as HTMLAnchorElement | null; if (back) window.location.href = back.href; }
  });
  document.getElementById('present-next')?.addEventListener('click', () => show(all, current(all) + 1));
  document.getElementById('present-prev')?.addEventListener('click', () => show(all, current(all) - 1));
  show(all, 0);
  await renderCharts();
  for (const s of all) if (s.querySelector('figure[data-chart-url]')) fitToSlide(s);
  document.body.dataset.presentReady = 'true';
}
