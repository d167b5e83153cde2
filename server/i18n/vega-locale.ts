/**
 * d3-format / d3-time-format locale definitions, as vega's `config.locale` expects them. They
 * follow the same conventions as `formatNumber` (Swedish: decimal comma, no-break space between
 * thousands), so an axis label and a pre-formatted tooltip read alike.
 */
import type { Locale } from 'vega';
import type { Lang } from './lang.ts';

export type VegaLocale = Required<Pick<Locale, 'number' | 'time'>>;

export const SV_LOCALE: VegaLocale = {
  number: { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', ' kr'] },
  time: {
    dateTime: '%A %e %B %Y %H:%M:%S',
    date: '%Y-%m-%d',
    time: '%H:%M:%S',
    periods: ['fm', 'em'],
    days: ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'],
    shortDays: ['sön', 'mån', 'tis', 'ons', 'tor', 'fre', 'lör'],
    months: [
      'januari', 'februari', 'mars', 'april', 'maj', 'juni',
      'juli', 'augusti', 'september', 'oktober', 'november', 'december',
    ],
    shortMonths: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  },
};
/** d3's default en-US locale, written out so an English chart stays English even if a page changed vega's global default. */
export const EN_LOCALE: VegaLocale = {
  number: { decimal: '.', thousands: ',', grouping: [3], currency: ['$', ''] },
  time: {
    dateTime: '%x, %X',
    date: '%-m/%-d/%Y',
    time: '%-I:%M:%S %p',
    periods: ['AM', 'PM'],
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    months: [
      'January', 'February', 'March', 'April', 'May', 'June',
      'July', 'August', 'September', 'October', 'November', 'December',
    ],
    shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
};

export function vegaLocale(lang: Lang): VegaLocale {
  // a copy, so callers can't mutate the shared definition
  return structuredClone(lang === 'en' ? EN_LOCALE : SV_LOCALE);
}
