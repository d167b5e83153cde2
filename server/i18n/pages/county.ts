/**
 * The county comparison's words (sv, en): the /county page, its chart and the county report
 * (DOMAIN.md "County-wide": rounds, population-weighted county value, coverage).
 */
import type { Lang } from '../lang.ts';

/** The menu entry (pages' dictionary). */
export const sv = { 'nav.county': 'Länet' };
export const en: Record<keyof typeof sv, string> = { 'nav.county': 'County' };

const TEXT = {
  sv: {
    nav: 'Länet',
    title: 'Länet omgång för omgång',
    intro: 'Kommunerna i ett län provtar sällan samma dagar. Här grupperas varje kommuns kampanjer i omgångar (kalenderkvartal): kommunens värde är medelvärdet av dess kampanjmedelvärden i omgången, länets värde är medelvärdet viktat med anslutna personer över de kommuner som provtog, och täckningen är andelen av länets anslutna personer som provtogs i omgången.',
    county: 'Län', substance: 'Ämne', metric: 'Mått', show: 'Visa',
    noCounty: 'Inga områden har något län angivet. Ange län i områdesregistret (kolumnen county) för att jämföra kommuner.',
    noRounds: 'Inga mätvärden för det här ämnet i länet ännu.',
    chartTitle: (substance: string, county: string) => `${substance} — ${county}, omgång för omgång`,
    chartSubtitle: (metric: string) => `${metric}. Punkter: kommunernas värden; svart streck: länets befolkningsviktade värde.`,
    countyValue: 'Länet (befolkningsviktat)',
    round: 'Omgång', area: 'Område', campaigns: 'Kampanjer', value: 'Värde', coverage: 'Täckning',
    notSampled: 'provtog inte', noValue: 'inget värde (mest under LOQ)',
    tableCaption: (substance: string, unit: string) => `${substance}: värden per omgång (${unit})`,
    summary: (substance: string, county: string, rounds: number, areas: number) => `${substance} i ${county}: ${rounds} omgångar, ${areas} kommuner eller reningsverk.`,
    coverageNote: 'Täckning under 100 % betyder att några kommuner inte provtog i omgången; länets värde gäller då bara de som provtog.',
    incomparable: 'Belastningar av olika ämnen går inte att jämföra med varandra (olika utsöndring).',
    population: 'Anslutna personer',
    report: 'Länsrapport', reportHelp: 'Samma siffror som rapport i PDF, HTML och CSV.',
    // the report
    reportTitle: 'Länsrapport: omgång för omgång',
    reportSubtitle: (county: string, substances: string) => `${county} · ${substances}`,
    organisation: 'Organisation', generated: 'Skapad', version: 'Version', roundsFact: 'Omgångar',
    summaryHeading: 'Sammanfattning', roundsHeading: 'Omgångar', methodHeading: 'Metod',
    areasHeading: 'Kommuner och reningsverk',
    summaryLine: (substance: string, round: string, value: string, unit: string, coverage: string) => `${substance}, ${round}: länets värde ${value} ${unit}, täckning ${coverage}.`,
    method: [
      'Varje område (kommun eller reningsverk, utan dess delområden) bidrar med sina kampanjer: sammanhängande provdygn, medelvärdet per kampanj. En kampanj där mer än hälften av dygnen ligger under LOQ ger inget värde.',
      'En omgång är kalenderkvartalet för kampanjens mittdag; kommuner som provtog olika veckor samma kvartal jämförs alltså i samma omgång.',
      'Länets värde = Σ (anslutna personer × områdets värde) / Σ anslutna personer, över områdena med ett värde i omgången. Täckning = anslutna personer i de områden som provtog / alla anslutna personer i länet.',
    ],
    pageLabel: 'Sida {n} av {m}',
  },
  en: {
    nav: 'County',
    title: 'The county round by round',
    intro: 'Municipalities in a county rarely sample on the same days. Here each municipality\'s campaigns are grouped into rounds (calendar quarters): its value is the mean of its campaign means in the round, the county value is the mean weighted by connected population over the municipalities that sampled, and the coverage is the share of the county\'s connected population sampled in the round.',
    county: 'County', substance: 'Substance', metric: 'Metric', show: 'Show',
    noCounty: 'No area has a county. Give areas a county in the area register (column county) to compare municipalities.',
    noRounds: 'No values for this substance in the county yet.',
    chartTitle: (substance: string, county: string) => `${substance} — ${county}, round by round`,
    chartSubtitle: (metric: string) => `${metric}. Points: the municipalities' values; black bar: the county's population-weighted value.`,
    countyValue: 'County (population-weighted)',
    round: 'Round', area: 'Area', campaigns: 'Campaigns', value: 'Value', coverage: 'Coverage',
    notSampled: 'did not sample', noValue: 'no value (mostly below LOQ)',
    tableCaption: (substance: string, unit: string) => `${substance}: values per round (${unit})`,
    summary: (substance: string, county: string, rounds: number, areas: number) => `${substance} in ${county}: ${rounds} rounds, ${areas} municipalities or plants.`,
    coverageNote: 'Coverage below 100 % means some municipalities did not sample in the round; the county value then covers only those that did.',
    incomparable: 'Loads of different substances are not comparable with each other (different excretion).',
    population: 'Connected population',
    report: 'County report', reportHelp: 'The same figures as a report in PDF, HTML and CSV.',
    reportTitle: 'County report: round by round',
    reportSubtitle: (county: string, substances: string) => `${county} · ${substances}`,
    organisation: 'Organisation', generated: 'Generated', version: 'Version', roundsFact: 'Rounds',
    summaryHeading: 'Summary', roundsHeading: 'Rounds', methodHeading: 'Method',
    areasHeading: 'Municipalities and plants',
    summaryLine: (substance: string, round: string, value: string, unit: string, coverage: string) => `${substance}, ${round}: county value ${value} ${unit}, coverage ${coverage}.`,
    method: [
      'Each area (a municipality or plant, without its sub-areas) contributes its campaigns: runs of consecutive sampling days, the mean per campaign. A campaign with more than half of its days below LOQ gives no value.',
      'A round is the calendar quarter of the campaign\'s middle day, so municipalities that sampled in different weeks of one quarter are compared in one round.',
      'County value = Σ (connected population × area value) / Σ connected population, over the areas with a value in the round. Coverage = connected population of the areas that sampled / all connected population of the county.',
    ],
    pageLabel: 'Page {n} of {m}',
  },
} as const;

export type CountyWords = (typeof TEXT)['sv'] | (typeof TEXT)['en'];

export function countyWords(lang: Lang): CountyWords {
  return TEXT[lang];
}
