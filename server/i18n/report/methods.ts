/**
 * The reports' shared methods section, quality checks and daily-data appendix (issue 12), Swedish
 * and English: used by the baseline and the follow-up report (and any other report) alike.
 */
import type { Lang } from '../lang.ts';

const sv = {
  methods: 'Metod: provtagning, analys och befolkning',
  sampling: 'Provtagning',
  samplingText: (mode: string, hours: string, cooling: string, storage: string) =>
    `${mode} samlingsprov över ${hours} timmar per provdygn vid varje provpunkt. Kylning under provtagningen: ${cooling}. Förvaring till analys: ${storage}.`,
  modes: { flow_proportional: 'Flödesproportionella', time_proportional: 'Tidsproportionella', volume_proportional: 'Volymproportionella', not_stated: 'Provtagningssätt ej angivet;' } as Record<string, string>,
  lab: 'Laboratorium',
  labText: (name: string, method: string, accreditation: string, interlab: string) =>
    `Laboratorium: ${name}. Metod: ${method}. Ackreditering: ${accreditation}. Jämförande provningar: ${interlab}. Halter i µg/m³ (= ng/L) som laboratoriet rapporterat.`,
  loqIntro: 'Rapporteringsgränser (LOQ) i data, per ämne. Värden under LOQ lagras som "< LOQ" och räknas som LOQ/2 i belastningarna (Kaplan–Meier i medelvärden med 1–50 % under LOQ).',
  population: 'Befolkning',
  populationText: (unit: string, source: string) => `Befolkningen är ${unit}; källa: ${source}. Belastning (mg/dygn) = halt × flöde / 1 000; per 1 000 invånare = belastning × 1 000 / befolkning.`,
  units: { persons: 'anslutna personer', pe: 'personekvivalenter (pe, från BOD₇; inkluderar industri – inte detsamma som anslutna personer)' } as Record<string, string>,
  notStated: 'ej angivet',
  settingsNote: (when: string) => `Uppgifterna om provtagning och laboratorium är organisationens inställningar (senast ändrade ${when}).`,
  settingsMissing: 'Uppgifterna om provtagning och laboratorium har inte fyllts i (Metod under Inställningar); rapporten skriver "ej angivet".',
  notes: 'Övrigt',
  cols: { area: 'Område', population: 'Befolkning', from: 'Gäller från', substance: 'Ämne', loq: 'LOQ (µg/m³)', period: 'Period', ratio: 'Kvot', days: 'Dagar', flagged: 'Avvikande dagar', plant: 'Verket (mg/d)', sub: 'Delområden (mg/d)', remainder: 'Ej provtaget', date: 'Datum', conc: 'Halt (µg/m³)', flow: 'Flöde (m³/d)', load: 'Belastning (mg/d)' },
  checks: 'Kvalitetskontroller',
  cocaineCheck: 'Kokain/bensoylekgonin (dumpningskontroll): medel av dagliga kvoter av halterna (samma dag, båda över LOQ). Kokain bryts ned till bensoylekgonin i kroppen och i avloppet; en dag långt över områdets vanliga kvot (mer än 3 × medianen) tyder på att kokain hällts ut snarare än använts, och flaggas.',
  noCocaine: 'Kokain och bensoylekgonin har inte mätts samma dagar i urvalet; kontrollen kunde inte göras.',
  massCheck: 'Massbalans: verkets belastning mot summan av dess provtagna delområden, samma dagar (bensoylekgonin, eller första ämnet). Resten är belastningen från den del av upptagningsområdet som inte provtas, plus mätosäkerhet; en negativ rest betyder att delområdena tillsammans visar mer än verket.',
  noMass: 'Inga verk med provtagna delområden i urvalet; massbalansen kunde inte göras.',
  appendix: 'Bilaga: dagliga data',
  appendixIntro: 'Halt, flöde och belastning per provdygn som laboratoriet och VA-huvudmannen rapporterat. "< x": under LOQ x; belastningen inom parentes är räknad med LOQ/2.',
  appendixCapped: (shown: number, all: number) => `Visar ${shown} av ${all} rader; alla finns i CSV-exporten av mätvärdena.`,
};

export type MethodsTexts = typeof sv;

const en: MethodsTexts = {
  methods: 'Methods: sampling, analysis and population',
  sampling: 'Sampling',
  samplingText: (mode, hours, cooling, storage) => `${mode} composite samples over ${hours} hours per sampling day at each sampling point. Cooling during sampling: ${cooling}. Storage until analysis: ${storage}.`,
  modes: { flow_proportional: 'Flow-proportional', time_proportional: 'Time-proportional', volume_proportional: 'Volume-proportional', not_stated: 'Sampling mode not stated;' },
  lab: 'Laboratory',
  labText: (name, method, accreditation, interlab) => `Laboratory: ${name}. Method: ${method}. Accreditation: ${accreditation}. Interlaboratory exercises: ${interlab}. Concentrations in µg/m³ (= ng/L) as reported by the laboratory.`,
  loqIntro: 'Limits of quantification (LOQ) in the data, per substance. Values below LOQ are stored as "< LOQ" and counted as LOQ/2 in loads (Kaplan–Meier in means with 1–50 % below LOQ).',
  population: 'Population',
  populationText: (unit, source) => `The population is ${unit}; source: ${source}. Load (mg/day) = concentration × flow / 1,000; per 1,000 inhabitants = load × 1,000 / population.`,
  units: { persons: 'connected persons', pe: 'person equivalents (pe, from BOD₇; includes industry – not the same as connected persons)' },
  notStated: 'not stated',
  settingsNote: (when) => `The sampling and laboratory facts are the organisation's settings (last changed ${when}).`,
  settingsMissing: 'The sampling and laboratory facts have not been filled in (Methods under Settings); the report prints "not stated".',
  notes: 'Other',
  cols: { area: 'Area', population: 'Population', from: 'Valid from', substance: 'Substance', loq: 'LOQ (µg/m³)', period: 'Period', ratio: 'Ratio', days: 'Days', flagged: 'Deviating days', plant: 'Plant (mg/d)', sub: 'Sub-areas (mg/d)', remainder: 'Unsampled', date: 'Date', conc: 'Conc. (µg/m³)', flow: 'Flow (m³/d)', load: 'Load (mg/d)' },
  checks: 'Quality checks',
  cocaineCheck: 'Cocaine/benzoylecgonine (dumping check): mean of the daily ratios of the concentrations (same day, both above LOQ). Cocaine breaks down to benzoylecgonine in the body and in the sewer; a day far above the area\'s usual ratio (more than 3 × the median) suggests cocaine disposed of rather than used, and is flagged.',
  noCocaine: 'Cocaine and benzoylecgonine were not measured on the same days in this selection; the check could not be made.',
  massCheck: 'Mass balance: the plant\'s load against the sum of its sampled sub-areas on the same days (benzoylecgonine, or the first substance). The remainder is the load of the unsampled part of the catchment plus measurement uncertainty; a negative remainder means the sub-areas together show more than the plant.',
  noMass: 'No plants with sampled sub-areas in this selection; the mass balance could not be made.',
  appendix: 'Appendix: daily data',
  appendixIntro: 'Concentration, flow and load per sampling day as reported by the laboratory and the utility. "< x": below LOQ x; the load in brackets is computed with LOQ/2.',
  appendixCapped: (shown, all) => `Showing ${shown} of ${all} rows; all are in the CSV export of the measurements.`,
};

export function methodsTexts(lang: Lang): MethodsTexts {
  return lang === 'en' ? en : sv;
}
