import { formatNumber } from '../../server/i18n/number.ts';
import { type MessageKey, PAGE_NUMBER } from '../../server/i18n/pages/index.ts';
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
  ['m.concentration', (m) => (m.censored ? '' : formatNumber(m.concentrationNgL, pageLang(), PAGE_NUMBER)), true],
  ['m.censored', (m) => (m.censored ? tr('common.yes') : ''), false],
  ['m.loq', (m) => formatNumber(m.loqNgL, pageLang(), PAGE_NUMBER), true],
  ['m.flow', (m) => formatNumber(m.flowM3PerDay, pageLang(), { maxDecimals: 0, missing: '—' }), true],
  ['m.population', (m) => formatNumber(m.population, pageLang(), { maxDecimals: 0, missing: '—' }), true],
  ['m.load', (m) => formatNumber(m.loadMgPerDay, pageLang(), PAGE_NUMBER), true],
  ['m.normalizedLoad', (m) => formatNumber(m.normalizedLoad, pageLang(), PAGE_NUMBER), true],
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
  if (res.body.nextCursor) details.append(el('p', { class: 'help' }, tr('area.measurementsMore', { count: formatNumber(SHOWN, pageLang(), PAGE_NUMBER) })));
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
