/**
 * The words of the charts' titles and screen-reader summaries that are built from parts
 * (counts, names, ranks). Fixed labels are in ./charts.ts.
 */
import { DEFAULT_LANG, type Lang } from './lang.ts';

export interface ChartSummaryWords {
  and: string;
  overviewCounts: (c: { rows: number; areas: number; substances: number; increase: number; decrease: number; noClear: number; tooFew: number }) => string;
  significant: string;
  substanceInArea: (substance: string, area: string) => string;
  sampleStartDay: string;
  highestLowest: (maxDay: string, maxValue: string, minDay: string, minValue: string) => string;
  ownData: string;
  versus: string;
  dailyMean: string;
  swedishCitiesRange: (year: string | number, lo: string, hi: string, highest: string) => string;
  rank: (rank: number, total: number) => string;
  perYear: string;
  substances: (n: number) => string;
  greyBand: string;
  dashedLine: string;
  belowLoq: (n: number) => string;
  mean: string;
  noSignificantTrend: string;
  eventsMarked: (n: number) => string;
}

const SUMMARY: Record<Lang, ChartSummaryWords> = {
  sv: {
    and: ' och ',
    overviewCounts: (c) =>
      `${c.rows} jämförelser (${c.areas} områden × ${c.substances} ämnen): ${c.increase} ${c.increase === 1 ? 'ökning' : 'ökningar'}, ${c.decrease} ${c.decrease === 1 ? 'minskning' : 'minskningar'}, ${c.noClear} utan tydlig förändring, ${c.tooFew} med för få data`,
    significant: 'signifikant',
    substanceInArea: (s, a) => `${s} i ${a}`,
    sampleStartDay: 'provets startdag',
    highestLowest: (maxDay, maxValue, minDay, minValue) => `högst ${maxDay} (${maxValue}), lägst ${minDay} (${minValue})`,
    ownData: 'egna data',
    versus: 'jämfört med svenska städer och Europa',
    dailyMean: 'dygnsmedel',
    swedishCitiesRange: (year, lo, hi, highest) => `svenska städer ${year}: ${lo}–${hi} (högst ${highest})`,
    rank: (rank, total) => `plats ${rank} av ${total}`,
    perYear: 'år',
    substances: (n) => `${n} ämnen`,
    greyBand: 'grått band',
    dashedLine: 'streckad linje',
    belowLoq: (n) => `${n} under LOQ`,
    mean: 'medelvärde',
    noSignificantTrend: 'ingen signifikant trend',
    eventsMarked: (n) => `${n} ${n === 1 ? 'insats markerad' : 'insatser markerade'}`,
  },
  en: {
    and: ' and ',
    overviewCounts: (c) =>
      `${c.rows} comparisons (${c.areas} areas × ${c.substances} substances): ${c.increase} ${c.increase === 1 ? 'increase' : 'increases'}, ${c.decrease} ${c.decrease === 1 ? 'decrease' : 'decreases'}, ${c.noClear} with no clear change, ${c.tooFew} with too few data`,
    significant: 'significant',
    substanceInArea: (s, a) => `${s} in ${a}`,
    sampleStartDay: 'sample start day',
    highestLowest: (maxDay, maxValue, minDay, minValue) => `highest on ${maxDay} (${maxValue}), lowest on ${minDay} (${minValue})`,
    ownData: 'own data',
    versus: 'compared with Swedish cities and Europe',
    dailyMean: 'daily mean',
    swedishCitiesRange: (year, lo, hi, highest) => `Swedish cities ${year}: ${lo}–${hi} (highest ${highest})`,
    rank: (rank, total) => `rank ${rank} of ${total}`,
    perYear: 'yr',
    substances: (n) => `${n} substances`,
    greyBand: 'grey band',
    dashedLine: 'dashed line',
    belowLoq: (n) => `${n} below LOQ`,
    mean: 'mean',
    noSignificantTrend: 'no significant trend',
    eventsMarked: (n) => `${n} ${n === 1 ? 'intervention marked' : 'interventions marked'}`,
  },
};

export function summaryWords(lang: Lang | undefined): ChartSummaryWords {
  return SUMMARY[lang ?? DEFAULT_LANG];
}
