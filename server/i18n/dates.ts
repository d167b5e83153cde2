/**
 * Dates: calendar dates as 'YYYY-MM-DD' strings (no time zone involved) and stored UTC
 * timestamps shown in Swedish time.
 */
import { DEFAULT_LANG, type Lang } from './lang.ts';
import { EN_LOCALE, SV_LOCALE } from './vega-locale.ts';

/** Weekday labels, index 0 = Monday (ISO 1) … 6 = Sunday (ISO 7). */
export const WEEKDAYS: Record<Lang, { short: string[]; long: string[] }> = {
  sv: {
    short: ['Mån', 'Tis', 'Ons', 'Tor', 'Fre', 'Lör', 'Sön'],
    long: ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
  },
  en: {
    short: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    long: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  },
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(date: string): { y: number; m: number; d: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`Invalid date "${date}" (expected YYYY-MM-DD)`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const { y, m, d } = parseIsoDate(date);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return dow === 0 ? 7 : dow;
}

/** Milliseconds since epoch of the date at UTC midnight. */
export function dateToUtcMs(date: string): number {
  const { y, m, d } = parseIsoDate(date);
  return Date.UTC(y, m - 1, d);
}

/** Table date: Swedish "2024-03-05" (the Swedish standard), English "5 Mar 2024". */
export function formatDate(date: string, lang: Lang | undefined): string {
  const { y, m, d } = parseIsoDate(date);
  if ((lang ?? DEFAULT_LANG) === 'sv') return date;
  return `${d} ${EN_LOCALE.time.shortMonths[m - 1]} ${y}`;
}

/** Tooltip date with weekday: "tis 5 mar 2024" / "Tue 5 Mar 2024". */
export function formatDateLong(date: string, lang: Lang | undefined): string {
  const l = lang ?? DEFAULT_LANG;
  const { y, m, d } = parseIsoDate(date);
  const loc = l === 'en' ? EN_LOCALE : SV_LOCALE;
  const wd = WEEKDAYS[l].short[isoWeekday(date) - 1];
  return `${l === 'sv' ? wd.toLowerCase() : wd} ${d} ${loc.time.shortMonths[m - 1]} ${y}`;
}

// British English writes day before month ("02/05/2024, 14:03"), as a Swedish reader expects.
const TIMESTAMP_LOCALE: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };
const timestampFormats = new Map<Lang, Intl.DateTimeFormat>();

/** A stored UTC timestamp in Swedish local time, e.g. 2024-05-02 14:03; '—' when missing. */
export function formatTimestamp(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let f = timestampFormats.get(lang);
  if (!f) timestampFormats.set(lang, (f = new Intl.DateTimeFormat(TIMESTAMP_LOCALE[lang], { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' })));
  return f.format(d);
}
