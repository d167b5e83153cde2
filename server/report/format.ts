/**
 * The report's one number formatter per language. The rule, which the tests restate with
 * Intl.NumberFormat independently:
 *   - below 1 000: three significant digits, trailing zeros dropped (123.456 → "123",
 *     12.30 → "12,3", 0.012345 → "0,0123"); from 1 000 up: whole numbers (1 234.5 → "1 235");
 *   - rounding half away from zero on the number's shortest decimal form (9.995 → "10");
 *   - Swedish: decimal comma and a no-break space (U+00A0) between thousands; English: "." and ",".
 * It is Intl.NumberFormat(sv-SE | en-US, {maximumSignificantDigits: 3}) below 1 000 and
 * {maximumFractionDigits: 0} above: the default of server/i18n's formatNumber, which the chart
 * labels use too. Figures the report also prints are handed to the charts as `displayValue`s.
 */
import { formatDate, formatInterval, formatNumber, formatRatio } from '../i18n/index.ts';
import type { Lang } from './types.ts';

export const NBSP = '\u00a0';

export interface ReportFormat {
  lang: Lang;
  /** A measured or derived figure (3 significant digits). */
  number(v: number | null | undefined): string;
  /** A count or population: whole number with grouping. */
  count(v: number | null | undefined): string;
  /** A setting printed as stored (a correction factor of 2.333 stays 2,333). */
  exact(v: number | null | undefined): string;
  /** A share 0…1 as a whole percentage: "14 %" / "14%". */
  percent(share: number | null | undefined): string;
  ratio(v: number | null | undefined): string;
  interval(ci: readonly [number, number] | null | undefined): string;
  date(iso: string): string;
  dateRange(from: string, to: string): string;
  /** A timestamp in Swedish time: "2020-09-21 kl. 08:30" / "21 Sep 2020, 08:30 (Swedish time)". */
  timestamp(iso: string): string;
  /** Shown for a missing value. */
  dash: string;
}

const DASH = '–';

function stockholmParts(iso: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** A figure in the report's precision, as text. */
export function formatFigure(v: number, lang: Lang): string {
  return formatNumber(v, lang);
}

/** The figure as the report shows it, as a number (what the charts get, so their labels agree). */
export function displayValue(v: number): number;
export function displayValue(v: number | null): number | null;
export function displayValue(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? v : Number(formatNumber(v, 'en', { grouping: false }));
}

export function reportFormat(lang: Lang): ReportFormat {
  const decimal = lang === 'sv' ? ',' : '.';
  const thousands = lang === 'sv' ? NBSP : ',';
  const group = (int: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  return {
    lang,
    number: (v) => (v === null || v === undefined || !Number.isFinite(v) ? DASH : formatFigure(v, lang)),
    count: (v) => (v === null || v === undefined || !Number.isFinite(v) ? DASH : formatNumber(Math.round(v), lang, { maxDecimals: 0 })),
    exact: (v) => {
      if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
      const [int, frac] = String(Math.abs(v)).split('.');
      return `${v < 0 ? '-' : ''}${group(int)}${frac ? decimal + frac : ''}`;
    },
    percent: (share) => (share === null || share === undefined || !Number.isFinite(share) ? DASH : `${Math.round(share * 100)}${lang === 'sv' ? `${NBSP}%` : '%'}`),
    ratio: (v) => formatRatio(v, lang),
    interval: (ci) => formatInterval(ci, lang, (v) => formatFigure(v, lang)),
    date: (iso) => formatDate(iso, lang),
    dateRange: (from, to) => (from === to ? formatDate(from, lang) : `${formatDate(from, lang)}${DASH}${formatDate(to, lang)}`),
    timestamp: (iso) => {
      const { date, time } = stockholmParts(iso);
      return lang === 'sv' ? `${date} kl. ${time}` : `${formatDate(date, 'en')}, ${time} (Swedish time)`;
    },
    dash: DASH,
  };
}
