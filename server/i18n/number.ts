/**
 * The one number formatter: Intl.NumberFormat, always called as `formatNumber(value, lang, opts)`.
 * Swedish writes "1 234,5" (no-break space U+00A0 between thousands), English "1,234.5".
 *
 * Without options a value is a *figure*, as the charts and the report print it: three significant
 * digits below 1 000 (12.30 → "12,3", 0.012345 → "0,0123"), whole numbers from 1 000 up. Pages'
 * tables pass `maxDecimals` instead. A negative number gets a plain hyphen-minus (as vega's axis
 * labels do), not Intl's U+2212, so a label and its axis agree.
 */
import { DEFAULT_LANG, LOCALE, type Lang } from './lang.ts';

export interface NumberOptions {
  /** At most this many decimals, trailing zeros dropped (a page's table: 2; counts: 0). */
  maxDecimals?: number;
  /** Exactly this many decimals: 2 → "2,00". Wins over `maxDecimals`. */
  decimals?: number;
  /** Thousands grouping; default true. */
  grouping?: boolean;
  /** Text for a missing or non-finite value; default '–' (en dash; the pages pass '—'). */
  missing?: string;
}

export const MISSING = '–';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${lang}|${key}`;
  let f = cache.get(k);
  if (!f) cache.set(k, (f = new Intl.NumberFormat(LOCALE[lang], options)));
  return f;
}

export function formatNumber(value: number | null | undefined, lang: Lang | undefined, opts: NumberOptions = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return opts.missing ?? MISSING;
  const l = lang ?? DEFAULT_LANG;
  const useGrouping = opts.grouping ?? true;
  let f: Intl.NumberFormat;
  if (opts.decimals !== undefined) {
    f = numberFormat(l, `fixed${opts.decimals}|${useGrouping}`, { minimumFractionDigits: opts.decimals, maximumFractionDigits: opts.decimals, useGrouping });
  } else if (opts.maxDecimals !== undefined) {
    f = numberFormat(l, `max${opts.maxDecimals}|${useGrouping}`, { maximumFractionDigits: opts.maxDecimals, useGrouping });
  } else if (Math.abs(value) >= 1000) {
    f = numberFormat(l, `whole|${useGrouping}`, { maximumFractionDigits: 0, useGrouping });
  } else {
    f = numberFormat(l, `figure|${useGrouping}`, { maximumSignificantDigits: 3, useGrouping });
  }
  return f.format(value).replace(/\u2212/g, '-');
}

/** "+12,3" / "-4,1" / "0" */
export function formatSigned(value: number | null | undefined, lang: Lang | undefined): string {
  const s = formatNumber(value, lang);
  return value !== null && value !== undefined && value > 0 ? `+${s}` : s;
}

/** A ratio as "1,8×": no decimals from 10, one from 1, two from 0.095, else three. */
export function formatRatio(value: number | null | undefined, lang: Lang | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const d = value >= 10 ? 0 : value >= 0.095 ? (value >= 1 ? 1 : 2) : 3;
  return `${formatNumber(Number(value.toFixed(d)), lang)}×`;
}

/** p/q values: "0,013", "< 0,001". */
export function formatP(value: number | null | undefined, lang: Lang | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  if (value < 0.001) return `< ${formatNumber(0.001, lang, { decimals: 3 })}`;
  return formatNumber(value, lang, { decimals: value < 0.1 ? 3 : 2 });
}

/** "65,4–103" */
export function formatInterval(
  ci: readonly [number, number] | null | undefined,
  lang: Lang | undefined,
  fmt: (v: number, lang: Lang | undefined) => string = (v, l) => formatNumber(v, l),
): string {
  if (!ci) return MISSING;
  return `${fmt(ci[0], lang)}–${fmt(ci[1], lang)}`;
}

/** A figure to three significant digits (whole numbers from 1 000), as the report prints it. */
export function formatFigure(lang: Lang, n: number | null | undefined): string {
  return formatNumber(n, lang, { missing: '—' });
}
