/**
 * Strings, number/date formatting and vega locales for the chart specs (sv + en).
 *
 * Everything here is pure. Numbers that appear inside a spec as pre-formatted text
 * (tooltips, cell labels, the accessible table) are formatted with `formatNumber`, which
 * follows exactly the same conventions as the vega locale put into `config.locale`
 * (Swedish: decimal comma, no-break space as thousands separator).
 */
import type { Locale } from 'vega';
import type { Lang, MetricInfo, Verdict } from './types.ts';

export const DEFAULT_LANG: Lang = 'sv';

/** d3-format / d3-time-format locale definitions, as vega's `config.locale` expects them. */
export type VegaLocale = Required<Pick<Locale, 'number' | 'time'>>;

const SV_LOCALE: VegaLocale = {
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
const EN_LOCALE: VegaLocale = {
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
  // return a copy so callers can't mutate the shared definition
  return structuredClone(lang === 'en' ? EN_LOCALE : SV_LOCALE);
}

export interface ChartStrings {
  date: string;
  samplingDate: string;
  weekday: string;
  area: string;
  areas: (n: number) => string;
  substance: string;
  value: string;
  status: string;
  measured: string;
  belowLoq: string;
  loq: string;
  campaign: string;
  missing: string;
  noValue: string;
  plottedAt: (method: CensoredSubstitution | undefined) => string;
  hollowNote: (method: CensoredSubstitution | undefined) => string;
  baseline: string;
  ci95: string;
  trend: string;
  senTrend: string;
  perYear: string;
  increasing: string;
  decreasing: string;
  significant: string;
  event: string;
  events: string;
  n: string;
  nBelowLoq: string;
  mean: string;
  weekendLegend: string;
  weekdayLegend: string;
  dayType: string;
  weekendNote: string;
  weekdayTitle: string;
  weekendRatio: string;
  weekendMean: string;
  weekdayMean: string;
  ratioToBaseline: string;
  verdict: string;
  verdicts: Record<Verdict, string>;
  q: string;
  overviewTitle: string;
  overviewLegendNote: (alpha: string) => string;
  comparedWith: (comparison: string, baseline: string) => string;
  nBaseline: string;
  nComparison: string;
  referenceTitle: string;
  source: string;
  europeanMedian: (cities: number | undefined) => string;
  swedishCities: string;
  country: string;
  city: string;
  year: string;
  group: string;
  measurements: (n: number) => string;
  noData: string;
  trendTooFew: (n: number, min: number) => string;
  trendBelowLoq: string;
  trendNoClear: (n: number) => string;
  campaignMean: string;
  campaignBelowLoq: (upper: string) => string;
  campaignMeansNote: string;
}

export type CensoredSubstitution = 'loq/2' | 'zero' | 'loq';

const SUBST_LABEL: Record<CensoredSubstitution, string> = { 'loq/2': 'LOQ/2', zero: '0', loq: 'LOQ' };

export const STRINGS: Record<Lang, ChartStrings> = {
  sv: {
    date: 'Datum',
    samplingDate: 'Provtagningsdatum',
    weekday: 'Veckodag',
    area: 'Område',
    areas: (n) => `${n} områden`,
    substance: 'Ämne',
    value: 'Värde',
    status: 'Status',
    measured: 'Uppmätt',
    belowLoq: '< LOQ',
    loq: 'LOQ (ng/L)',
    campaign: 'Kampanj',
    missing: 'saknas',
    noValue: '–',
    plottedAt: (m) => (m ? `ritad vid ${SUBST_LABEL[m]}` : 'ritad vid ersättningsvärde'),
    hollowNote: (m) =>
      `Ofylld punkt = under rapporteringsgränsen (LOQ), ritad vid ${m ? SUBST_LABEL[m] : 'ersättningsvärdet'}.`,
    baseline: 'Nollvärde',
    ci95: '95 % KI',
    trend: 'Trend',
    senTrend: 'Trend (Sen)',
    perYear: 'per år',
    increasing: 'ökande',
    decreasing: 'minskande',
    significant: 'statistiskt säkerställd',
    trendTooFew: (n, min) => `kan inte bedömas ännu (${n} av minst ${min} kampanjer)`,
    trendBelowLoq: 'kan inte bedömas: mer än hälften av kampanjerna ligger under rapporteringsgränsen',
    trendNoClear: (n) => `ingen statistiskt säkerställd trend (${n} kampanjer)`,
    campaignMean: 'Kampanjmedel',
    campaignBelowLoq: (upper) => `< LOQ, högst ${upper}`,
    campaignMeansNote: 'stora punkter = kampanjmedel med 95 % KI, svaga punkter = enskilda dagar',
    event: 'Händelse',
    events: 'Insatser',
    n: 'Antal prov',
    nBelowLoq: 'varav < LOQ',
    mean: 'Medelvärde',
    weekendLegend: 'Helg (fre–mån)',
    weekdayLegend: 'Vardag (tis–tor)',
    dayType: 'Dagtyp',
    weekendNote:
      'Helg enligt EUDA: prov som startar fre, lör, sön eller mån (de fångar helgens användning).',
    weekdayTitle: 'Medelvärde per veckodag',
    weekendRatio: 'Kvot helg/vardag',
    weekendMean: 'Helgmedel',
    weekdayMean: 'Vardagsmedel',
    ratioToBaseline: 'Kvot mot nollvärde',
    verdict: 'Bedömning',
    verdicts: {
      increase: 'Ökning',
      decrease: 'Minskning',
      no_clear_change: 'Ingen tydlig förändring',
      too_few_data: 'För få data',
      mostly_below_loq: '< LOQ (under rapporteringsgränsen)',
      loq_changed: 'Rapporteringsgränsen ändrades',
    },
    q: 'q (FDR-justerat)',
    overviewTitle: 'Förändring mot nollvärde',
    overviewLegendNote: (alpha) => `* = q < ${alpha} (justerat för många jämförelser). Grå ruta = för få data.`,
    comparedWith: (c, b) => `${c} jämfört med nollvärdet ${b}`,
    nBaseline: 'n nollvärde',
    nComparison: 'n jämförelse',
    referenceTitle: 'Jämförelse med andra städer',
    source: 'Källa: EUDA and SCORE (CC BY 4.0)',
    europeanMedian: (n) => (n ? `Europeisk median (${n} städer)` : 'Europeisk median'),
    swedishCities: 'Svenska städer (EUDA)',
    country: 'Land',
    city: 'Stad / område',
    year: 'År',
    group: 'Grupp',
    measurements: (n) => (n === 1 ? '1 mätning' : `${n} mätningar`),
    noData: 'Inga data',
  },
  en: {
    date: 'Date',
    samplingDate: 'Sampling date',
    weekday: 'Weekday',
    area: 'Area',
    areas: (n) => `${n} areas`,
    substance: 'Substance',
    value: 'Value',
    status: 'Status',
    measured: 'Measured',
    belowLoq: '< LOQ',
    loq: 'LOQ (ng/L)',
    campaign: 'Campaign',
    missing: 'missing',
    noValue: '–',
    plottedAt: (m) => (m ? `plotted at ${SUBST_LABEL[m]}` : 'plotted at substituted value'),
    hollowNote: (m) =>
      `Hollow point = below the limit of quantification (LOQ), plotted at ${m ? SUBST_LABEL[m] : 'the substituted value'}.`,
    baseline: 'Baseline',
    ci95: '95% CI',
    trend: 'Trend',
    senTrend: 'Trend (Sen)',
    perYear: 'per year',
    increasing: 'increasing',
    decreasing: 'decreasing',
    significant: 'statistically significant',
    trendTooFew: (n, min) => `cannot be judged yet (${n} of at least ${min} campaigns)`,
    trendBelowLoq: 'cannot be judged: more than half of the campaigns are below the limit of quantification',
    trendNoClear: (n) => `no statistically significant trend (${n} campaigns)`,
    campaignMean: 'Campaign mean',
    campaignBelowLoq: (upper) => `< LOQ, at most ${upper}`,
    campaignMeansNote: 'large points = campaign means with 95 % CI, faint points = single days',
    event: 'Event',
    events: 'Interventions',
    n: 'Samples',
    nBelowLoq: 'of which < LOQ',
    mean: 'Mean',
    weekendLegend: 'Weekend (Fri–Mon)',
    weekdayLegend: 'Weekday (Tue–Thu)',
    dayType: 'Day type',
    weekendNote:
      'Weekend as defined by EUDA: samples starting Fri, Sat, Sun or Mon (they capture weekend use).',
    weekdayTitle: 'Mean by weekday',
    weekendRatio: 'Weekend/weekday ratio',
    weekendMean: 'Weekend mean',
    weekdayMean: 'Weekday mean',
    ratioToBaseline: 'Ratio to baseline',
    verdict: 'Verdict',
    verdicts: {
      increase: 'Increase',
      decrease: 'Decrease',
      no_clear_change: 'No clear change',
      too_few_data: 'Too few data',
      mostly_below_loq: '< LOQ (below the limit of quantification)',
      loq_changed: 'The LOQ changed',
    },
    q: 'q (FDR-adjusted)',
    overviewLegendNote: (alpha) => `* = q < ${alpha} (adjusted for multiple comparisons). Grey cell = too few data.`,
    overviewTitle: 'Change against baseline',
    comparedWith: (c, b) => `${c} compared with the baseline ${b}`,
    nBaseline: 'n baseline',
    nComparison: 'n comparison',
    referenceTitle: 'Comparison with other cities',
    source: 'Source: EUDA and SCORE (CC BY 4.0)',
    europeanMedian: (n) => (n ? `European median (${n} cities)` : 'European median'),
    swedishCities: 'Swedish cities (EUDA)',
    country: 'Country',
    city: 'City / area',
    year: 'Year',
    group: 'Group',
    measurements: (n) => (n === 1 ? '1 measurement' : `${n} measurements`),
    noData: 'No data',
  },
};

export function strings(lang: Lang | undefined): ChartStrings {
  return STRINGS[lang ?? DEFAULT_LANG];
}

/** Common metric labels (the HTTP layer may pass its own `MetricInfo` instead). */
export const METRICS: Record<Lang, Record<'load' | 'normalisedLoad' | 'consumption' | 'doses' | 'concentration', MetricInfo>> = {
  sv: {
    concentration: { label: 'Halt', unit: 'ng/L' },
    load: { label: 'Belastning', unit: 'mg/dygn' },
    normalisedLoad: { label: 'Normaliserad belastning', unit: 'mg/dygn/1000 inv.' },
    consumption: { label: 'Uppskattad konsumtion', unit: 'mg/dygn/1000 inv.' },
    doses: { label: 'Doser', unit: 'doser/dygn/1000 inv.' },
  },
  en: {
    concentration: { label: 'Concentration', unit: 'ng/L' },
    load: { label: 'Load', unit: 'mg/day' },
    normalisedLoad: { label: 'Population-normalised load', unit: 'mg/day/1000 inh.' },
    consumption: { label: 'Estimated consumption', unit: 'mg/day/1000 inh.' },
    doses: { label: 'Doses', unit: 'doses/day/1000 inh.' },
  },
};

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

// ---------------------------------------------------------------------------
// Number formatting (mirrors the vega locale)

function groupThousands(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/**
 * Formats a number for display: three significant digits below 1000, whole numbers above,
 * trailing zeros dropped (12.30 → "12,3"). `decimals` forces a fixed number of decimals.
 * Swedish: "1 234,5" (no-break space) and "−" is not used (plain hyphen-minus, as vega's default).
 */
export function formatNumber(value: number | null | undefined, lang: Lang | undefined, decimals?: number): string {
  const l = lang ?? DEFAULT_LANG;
  if (value === null || value === undefined || !Number.isFinite(value)) return STRINGS[l].noValue;
  const loc = (l === 'en' ? EN_LOCALE : SV_LOCALE).number;
  let text: string;
  if (decimals !== undefined) {
    text = value.toFixed(decimals);
  } else if (value === 0) {
    text = '0';
  } else if (Math.abs(value) >= 1000) {
    text = Math.round(value).toString();
  } else {
    // toPrecision can give exponent notation for tiny numbers; Number() + toString() undoes it up to 1e-7
    const p = Number(value.toPrecision(3));
    text = p.toString();
    if (text.includes('e')) {
      // very small numbers: write them out positionally instead of "1.2e-7"
      const digits = Math.min(20, 2 - Math.floor(Math.log10(Math.abs(p))));
      text = p.toFixed(digits).replace(/0+$/, '');
    }
  }
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  const [intPart, frac] = text.split('.');
  const out = groupThousands(intPart, loc.thousands) + (frac ? loc.decimal + frac : '');
  return (negative ? '-' : '') + out;
}

/** "+12,3" / "-4,1" / "0" */
export function formatSigned(value: number | null | undefined, lang: Lang | undefined): string {
  const s = formatNumber(value, lang);
  return value !== null && value !== undefined && value > 0 ? `+${s}` : s;
}

/** A ratio as "1,8×". */
export function formatRatio(value: number | null | undefined, lang: Lang | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return strings(lang).noValue;
  const d = value >= 10 ? 0 : value >= 0.095 ? (value >= 1 ? 1 : 2) : 3;
  return `${formatNumber(Number(value.toFixed(d)), lang)}×`;
}

/** p/q values: "0,013", "< 0,001". */
export function formatP(value: number | null | undefined, lang: Lang | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return strings(lang).noValue;
  if (value < 0.001) return `< ${formatNumber(0.001, lang, 3)}`;
  return formatNumber(value, lang, value < 0.1 ? 3 : 2);
}

export function formatInterval(ci: readonly [number, number] | null | undefined, lang: Lang | undefined, fmt = formatNumber): string {
  if (!ci) return strings(lang).noValue;
  return `${fmt(ci[0], lang)}–${fmt(ci[1], lang)}`;
}

// ---------------------------------------------------------------------------
// Dates ('YYYY-MM-DD' strings, interpreted as calendar dates, no time zone involved)

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

export function verdictText(v: Verdict, lang: Lang | undefined): string {
  return strings(lang).verdicts[v];
}

/**
 * Axis title with the unit: "Normaliserad belastning (mg/dygn/1000 inv.)", or only the unit
 * when that would not fit in `lengthPx` (vega estimates text width as ≈ 0.8 × font size per
 * character when no canvas is available, e.g. for server-side SVG).
 */
export function axisTitle(metric: MetricInfo, lengthPx = Infinity, fontSize = 14): string {
  if (!metric.unit) return metric.label;
  const full = `${metric.label} (${metric.unit})`;
  return full.length * fontSize * 0.8 <= lengthPx ? full : metric.unit;
}
