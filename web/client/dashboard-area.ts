import { formatNumber, type MessageKey } from '../i18n.ts';
import { api } from './api.ts';
import { renderCharts } from './charts.ts';
import { wireAutosubmit } from './dashboard.ts';
import { el, pageLang, replace, tr } from './dom.ts';

/** The area page: charts, and the measurements table, fetched when its <details> is first opened. */
interface Measurement {
  substance: string;
  date: string;
  concentrationNgL: number | null;
  censored: boolean;
  loqNgL: number | null;
  flowM3PerDay: number | null;
  population: number | null;
  loadMgPerDay: number | null;
  normalizedLoad: number | null;
}

const SHOWN = 5000;
const COLUMNS: [MessageKey, (m: Measurement, names: Map<string, string>) => string, boolean][] = [
  ['m.date', (m) => m.date, false],
  ['m.substance', (m, names) => names.get(m.substance) ?? m.substance, false],
  ['m.concentration', (m) => (m.censored ? '' : formatNumber(pageLang(), m.concentrationNgL)), true],
  ['m.censored', (m) => (m.censored ? tr('common.yes') : ''), false],
  ['m.loq', (m) => formatNumber(pageLang(), m.loqNgL), true],
  ['m.flow', (m) => formatNumber(pageLang(), m.flowM3PerDay, 0), true],
  ['m.population', (m) => formatNumber(pageLang(), m.population, 0), true],
  ['m.load', (m) => formatNumber(pageLang(), m.loadMgPerDay), true],
  ['m.normalizedLoad', (m) => formatNumber(pageLang(), m.normalizedLoad), true],
];

async function loadMeasurements(details: HTMLDetailsElement): Promise<void> {
  const status = details.querySelector<HTMLElement>('.measurements-status')!;
  const [res, subs] = await Promise.all([
    api<{ data: Measurement[]; nextCursor: string | null }>('GET', `${details.dataset.measurementsUrl}&limit=${SHOWN}`),
    api<{ key: string; nameSv: string; nameEn: string }[]>('GET', '/api/v1/substances'),
  ]);
  if (!res.ok) {
    replace(status, tr('common.network'));
    return;
  }
  const names = new Map((subs.ok ? subs.body : []).map((s) => [s.key, pageLang() === 'sv' ? s.nameSv : s.nameEn]));
  const rows = [...res.body.data].sort((a, b) => a.date.localeCompare(b.date) || a.substance.localeCompare(b.substance));
  if (!rows.length) {
    replace(status, tr('area.measurementsNone'));
    return;
  }
  const table = el('table', { class: 'data compact', id: 'measurements-table' },
    el('thead', {}, el('tr', {}, ...COLUMNS.map(([k, , num]) => el('th', { scope: 'col', class: num ? 'num' : null }, tr(k))))),
    el('tbody', {}, ...rows.map((m) => el('tr', {}, ...COLUMNS.map(([, f, num]) => el('td', { class: num ? 'num' : null }, f(m, names)))))));
  status.replaceWith(el('div', { class: 'table-wrap' }, table));
  if (res.body.nextCursor) details.append(el('p', { class: 'help' }, tr('area.measurementsMore', { count: formatNumber(pageLang(), SHOWN) })));
}

export async function init(): Promise<void> {
  wireAutosubmit();
  const details = document.querySelector<HTMLDetailsElement>('details[data-measurements-url]');
  if (details) {
    let loaded = false;
    details.addEventListener('toggle', () => {
      if (!details.open || loaded) return;
      loaded = true;
      void loadMeasurements(details);
    });
  }
  await renderCharts();
}
