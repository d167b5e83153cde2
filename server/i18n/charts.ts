/**
 * The charts' words (sv, en): axis and legend titles, tooltips, the screen-reader summaries'
 * fixed parts and the metric labels. Numbers come from ./number.ts, dates from ./dates.ts.
 */
import type { MetricInfo, Verdict } from '../charts/types.ts';
import { DEFAULT_LANG, type Lang } from './lang.ts';
import type { PopulationKind } from '../domain/types.ts';

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
  meansOfDays: (days: number) => string;
  legend: { measured: string; belowLoq: string; baseline: string; campaign: string; trend: string; event: string };
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
  overviewLegendNote: () => string;
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
    senTrend: 'Trend',
    meansOfDays: (days) => `Varje punkt är medelvärdet av ${days} dagar (tabeller och statistik bygger på varje dag)`,
    legend: {
      measured: 'Mätvärde (ett dygn)', belowLoq: 'Ihålig = under rapporteringsgränsen', baseline: 'Nollvärde, 95 % intervall',
      campaign: 'Kampanjmedel, 95 % intervall', trend: 'Trendlinje', event: 'Händelse',
    },
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
    overviewLegendNote: () => '* = statistiskt säkerställd förändring. Grå ruta = för få data.',
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
    senTrend: 'Trend',
    meansOfDays: (days) => `Each point is the mean of ${days} days (tables and statistics use every day)`,
    legend: {
      measured: 'Measured value (one day)', belowLoq: 'Hollow = below the LOQ', baseline: 'Baseline, 95 % interval',
      campaign: 'Campaign mean, 95 % interval', trend: 'Trend line', event: 'Event',
    },
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
    overviewLegendNote: () => '* = statistically significant change. Grey cell = too few data.',
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

/** "1000 inhabitants" in a unit, as the metrics write it in either language. */
const PER_1000_PERSONS = /1[\s\u00a0]?000 (inv\.|invånare|inh\.?|inhabitants)/g;

/**
 * A unit "per 1000 inhabitants" as "per 1000 pe" when the population is person equivalents
 * (DOMAIN.md "Corrections": pe are not persons, and the label says so wherever loads are normalised).
 */
export function perPopulationKind(unit: string, kind: PopulationKind): string {
  if (kind !== 'pe') return unit;
  return unit.replace(PER_1000_PERSONS, '1000 pe');
}

/**
 * The unit of a chart or table over several areas: "per 1000 pe" when every one counts person
 * equivalents, "per 1000 inv. eller pe" when some do (the rows or notes say which), persons otherwise.
 */
export function perPopulationKinds(unit: string, kinds: readonly PopulationKind[], lang: Lang): string {
  if (kinds.length > 0 && kinds.every((k) => k === 'pe')) return perPopulationKind(unit, 'pe');
  if (!kinds.includes('pe')) return unit;
  return unit.replace(PER_1000_PERSONS, (m) => `${m} ${lang === 'en' ? 'or pe' : 'eller pe'}`);
}
