/**
 * The report's fixed wording in Swedish and English. Numbers arrive already formatted
 * (format.ts); nothing here formats a number itself.
 */
import type { Lang } from './types.ts';

export interface ReportTexts {
  title: string;
  fileStem: string;
  facts: { organisation: string; period: string; generated: string; version: string; metric: string };
  runningHeader: (period: string, organisation: string) => string;
  pageLabel: string;
  sections: { summary: string; method: string; areas: string; results: string; charts: string; quality: string; ethics: string; appendix: string };
  metricName: string;
  summaryIntro: (period: string, unit: string) => string;
  markerFor: (drug: string) => string;
  levels: (list: string, unit: string) => string;
  censoredNote: (list: string) => string;
  censoredMostly: string;
  /** "< LOQ, högst X" for a result with more than half its days below LOQ. */
  belowLoq: (upper: string) => string;
  weekend: { heading: string; higher: string; lower: string; flat: string; mixed: string; tooFew: string; oneWeek: string };
  weekendLine: (list: string, verdict: string) => string;
  reference: (year: string, cities: string, median: string, nCities: string, mainArea: string, position: string) => string;
  referenceNoMedian: (year: string, cities: string, mainArea: string, position: string) => string;
  position: { above: string; below: string; within: string; alone: string };
  attribution: string;
  noReference: string;
  method: {
    sampling: (days: string) => string;
    chain: string[];
    chainNote: string;
    substancesCaption: string;
    substanceColumns: string[];
    populations: string;
    censored: (mode: string) => string;
    censoredModes: Record<'half_loq' | 'zero' | 'loq', string>;
    statistics: (resamples: string) => string;
    uncertaintiesHeading: string;
    uncertainties: string[];
  };
  areas: {
    intro: (n: string) => string;
    columns: string[];
    own: string;
    rollup: (children: string) => string;
    fromLabFile: string;
    sumOfChildren: string;
    registry: (from: string | null) => string;
    smallNote: (limit: string, parent: string | null) => string;
    excludedHeading: string;
    excluded: Record<'no_data' | 'not_selected', string>;
    noneExcluded: string;
  };
  results: { intro: (unit: string, mode: string) => string; columns: string[]; note: string };
  charts: {
    intro: string;
    timeseries: (area: string) => string;
    weekday: (area: string) => string;
    comparison: string;
    reference: (year: string) => string;
    mainArea: string;
  };
  quality: {
    sampling: (list: string) => string;
    samplingDays: (area: string, n: string, of: string) => string;
    noMissing: string;
    missing: (area: string, substance: string, dates: string) => string;
    noFlowNone: string;
    noFlow: (area: string, dates: string) => string;
    loqNone: string;
    loq: (area: string, substance: string, date: string, from: string, to: string) => string;
    rollup: (area: string, substance: string, dates: string) => string;
    retractedNone: string;
    retracted: (file: string, when: string, by: string, reason: string) => string;
  };
  ethics: { general: string; rule: (limit: string) => string; listed: (list: string) => string; none: (limit: string) => string; advice: string };
  appendix: { intro: string; columns: string[]; none: string; kinds: Record<string, string> };
  csvColumns: string[];
  persons: string;
  and: string;
  drugs: Record<string, string>;
}

const SV: ReportTexts = {
  title: 'Nollmätning av narkotika i avloppsvatten',
  fileStem: 'lagesbild-nollmatning',
  facts: { organisation: 'Organisation', period: 'Period', generated: 'Skapad', version: 'Lägesbild, version', metric: 'Mått' },
  runningHeader: (period, org) => `Lägesbild · Nollmätning ${period} · ${org}`,
  pageLabel: 'Sida {n} av {m}',
  sections: {
    summary: 'Sammanfattning', method: 'Metod', areas: 'Områden och befolkning', results: 'Resultat per område och ämne',
    charts: 'Diagram', quality: 'Datakvalitet', ethics: 'Små områden (etik)', appendix: 'Bilaga: använda importer',
  },
  metricName: 'Normaliserad belastning',
  summaryIntro: (period, unit) =>
    `Rapporten beskriver nivåerna under nollmätningsperioden ${period}. Alla nivåer är normaliserad belastning i ${unit}: mängden av ämnet som når reningsverket per dygn, räknat per 1 000 anslutna invånare. Nivåerna är ett genomsnitt för området och säger ingenting om enskilda personer.`,
  markerFor: (drug) => `markör för ${drug}`,
  levels: (list, unit) => `Nollvärde (medelvärde, 95 % intervall): ${list} ${unit}.`,
  censoredNote: (list) => `Under rapporteringsgränsen: ${list}.`,
  censoredMostly: 'Där mer än hälften av proven ligger under gränsen anges bara en övre gräns (”< LOQ, högst …”: medelvärdet med dessa dagar satta till gränsen), utan intervall, helgkvot eller doser.',
  belowLoq: (upper) => `< LOQ, högst ${upper}`,
  weekend: {
    heading: 'Helgmönster',
    higher: 'högre under helgen',
    lower: 'lägre under helgen',
    flat: 'ingen tydlig skillnad mellan helg och vardag',
    mixed: 'olika mönster i olika områden',
    tooFew: 'för få prov för att bedöma helgmönstret',
    oneWeek: 'bygger på en enda vecka och ska tolkas försiktigt',
  },
  weekendLine: (list, verdict) => `Helgmönster (helgmedel delat med vardagsmedel): ${list}, det vill säga ${verdict}.`,
  reference: (year, cities, median, nCities, main, position) =>
    `Jämfört med svenska städer i EUDA:s data för ${year} (dygnsmedel: ${cities}; europeisk median ${median} i ${nCities} städer) ligger ${main} ${position}.`,
  referenceNoMedian: (year, cities, main, position) => `Jämfört med svenska städer i EUDA:s data för ${year} (dygnsmedel: ${cities}) ligger ${main} ${position}.`,
  position: { above: 'över de svenska städerna', below: 'under de svenska städerna', within: 'inom spannet för de svenska städerna', alone: 'i nivå med den enda svenska staden' },
  attribution: 'Källa för jämförelsedata: EUDA and SCORE (CC BY 4.0).',
  noReference: 'Jämförelsedata från EUDA saknas för ämnet.',
  method: {
    sampling: (days) =>
      `Laboratoriet har analyserat dygnsprov (samlingsprov över 24 timmar) av inkommande avloppsvatten från provpunkterna nedan. Datum är dagen då provtagningen startade. Perioden omfattar ${days} kalenderdagar.`,
    chain: [
      'Belastning (mg/dygn) = halt (ng/L, samma tal som µg/m³) × dygnsflöde (m³/dygn) / 1 000.',
      'Normaliserad belastning (mg/dygn/1000 inv.) = belastning × 1 000 / anslutna personer. Det är måttet i hela rapporten och samma mått som EUDA publicerar.',
      'Uppskattad konsumtion = normaliserad belastning × korrektionsfaktor (CF). CF tar hänsyn till hur stor del av drogen som utsöndras som det uppmätta ämnet.',
      'Doser = uppskattad konsumtion / typisk dos. EUDA avråder från dosberäkningar; rapporten visar dem inte.',
    ],
    chainNote: 'Korrektionsfaktorer och doser nedan är de inställningar som gällde när rapporten skapades. De redovisas för att beräkningen ska gå att följa; siffrorna i rapporten är normaliserad belastning och påverkas inte av dem.',
    substancesCaption: 'Ämnen, korrektionsfaktorer och doser som användes',
    substanceColumns: ['Ämne', 'Markör för', 'CF', 'Typisk dos', 'Källa och anmärkning', 'Ändrad'],
    populations: 'Anslutna personer per område står i avsnittet Områden och befolkning, med datum från när värdet gäller. Ett område som är en sammanvägning av delområden använder summan av delområdenas befolkning.',
    censored: (mode) => `Värden under laboratoriets rapporteringsgräns (LOQ) har ersatts med ${mode} i beräkningarna. Andelen värden under LOQ anges i resultattabellen; i diagrammen är de ofyllda punkter.`,
    censoredModes: { half_loq: 'halva rapporteringsgränsen (LOQ/2)', zero: 'noll (EUDA:s konvention)', loq: 'rapporteringsgränsen (LOQ)' },
    statistics: (resamples) =>
      `Medelvärde och median är beräknade över provdagarna. 95 % intervall är ett konfidensintervall för medelvärdet (percentil-bootstrap med ${resamples} omsamplingar och fast slumpfrö, så att samma data alltid ger samma intervall). Vardagsmedel avser prov som startar tisdag–torsdag och helgmedel prov som startar fredag–måndag (EUDA:s definition).`,
    uncertaintiesHeading: 'Kända osäkerheter',
    uncertainties: [
      'Befolkningen: antalet anslutna personer är en uppskattning. Pendling, turism och evenemang ändrar hur många som faktiskt bidrar, och ett fel i befolkningen slår direkt igenom i den normaliserade belastningen.',
      'Provtagningen: ett dygnsprov fångar ett dygn. Regn späder ut vattnet, provtagaren kan missa toppar och en del ämnen bryts ned i ledningsnätet.',
      'Analysen: laboratoriets mätosäkerhet gäller varje halt (se laboratoriets rapport). Värden nära rapporteringsgränsen är osäkrast.',
      'Doser är grova: typiska doser och renhet varierar mycket, därför visas inga dosberäkningar.',
      'Cannabis: THC-COOH utsöndras bara till en liten och varierande del (cirka 0,6 %), så en tillbakaräkning till konsumtion är mycket osäker. EUDA räknar aldrig om cannabis till doser.',
    ],
  },
  areas: {
    intro: (n) => `Rapporten omfattar ${n} områden. Befolkningen är antalet anslutna personer som använts vid normaliseringen.`,
    columns: ['Kod', 'Namn', 'Ingår i', 'Anslutna personer', 'Källa för befolkning', 'Värden', 'Anmärkning'],
    own: 'egna mätningar',
    rollup: (children) => `sammanvägt från ${children}`,
    fromLabFile: 'laboratoriets fil',
    sumOfChildren: 'summan av delområdena',
    registry: (from) => (from ? `områdesregistret, gäller från ${from}` : 'områdesregistret'),
    smallNote: (limit, parent) => `färre än ${limit} personer: visas för läsare bara sammanvägt${parent ? ` i ${parent}` : ''}`,
    excludedHeading: 'Områden som inte ingår',
    excluded: { no_data: 'inga mätvärden under perioden', not_selected: 'inte valt för rapporten' },
    noneExcluded: 'Alla områden som användaren har tillgång till ingår.',
  },
  results: {
    intro: (unit, mode) => `Nollvärden per område och ämne (normaliserad belastning, ${unit}; värden under LOQ: Kaplan–Meier-medelvärde när 1–50 % av dagarna ligger under gränsen, annars ersatta med ${mode}).`,
    columns: ['Ämne', 'Område', 'n', '<\u00a0LOQ', 'Medel', 'Median', '95 % intervall', 'Vardag', 'Helg', 'Enhet'],
    note: 'n = antal provdagar med värde. < LOQ = andel under rapporteringsgränsen. 95 % intervall = konfidensintervall för medelvärdet. Vardag = medelvärde för prov som startar tisdag–torsdag, Helg = fredag–måndag.',
  },
  charts: {
    intro: 'För varje ämne: provdagarna under perioden med nollvärdet (linje) och dess 95 % intervall (grått band), medelvärdet per veckodag och en jämförelse mellan områdena. Diagrammen är desamma som i Lägesbilds översikt.',
    timeseries: (area) => `Tidsserie för ${area} med nollvärde och 95 % intervall.`,
    weekday: (area) => `Medelvärde per veckodag (provets startdag) för ${area}.`,
    comparison: 'Jämförelse mellan områdena under perioden.',
    reference: (year) => `Jämförelse med svenska städer och europeisk median, EUDA ${year}.`,
    mainArea: 'området med flest anslutna personer',
  },
  quality: {
    sampling: (list) => `Provdagar under perioden: ${list}.`,
    samplingDays: (area, n, of) => `${area} ${n} av ${of} dagar`,
    noMissing: 'Inga ämnen saknas på dagar då området provtogs.',
    missing: (area, substance, dates) => `${area}, ${substance}: saknas ${dates}.`,
    noFlowNone: 'Alla provdagar har dygnsflöde.',
    noFlow: (area, dates) => `${area}: dygnsflöde saknas ${dates}. Belastning kan inte beräknas för dessa dagar och de ingår inte i statistiken.`,
    loqNone: 'Rapporteringsgränsen (LOQ) var oförändrad under perioden.',
    loq: (area, substance, date, from, to) => `${area}, ${substance}: rapporteringsgränsen ändrades från ${from} till ${to} ng/L från ${date}. Värden under gränsen går inte att jämföra över ändringen.`,
    rollup: (area, substance, dates) => `${area}, ${substance}: ${dates} saknas i sammanvägningen eftersom något delområde saknar värde.`,
    retractedNone: 'Inga importer som rör perioden har dragits tillbaka.',
    retracted: (file, when, by, reason) => `Tillbakadragen import ${file} (${when}, ${by}${reason ? `: ${reason}` : ''}). Dess värden ingår inte.`,
  },
  ethics: {
    general: 'Avloppsdata beskriver grupper, inte personer. Ett litet upptagningsområde, till exempel en skola, en anstalt eller ett enskilt bostadsområde, kan ändå peka ut och stigmatisera de som bor där. SCORE-nätverkets etiska riktlinjer (Prichard m.fl. 2016) uppmanar till försiktighet med små befolkningar.',
    rule: (limit) => `I Lägesbild visas områden med färre än ${limit} anslutna personer (inställningen MIN_PUBLIC_POPULATION) för läsare bara sammanvägda i sitt överordnade område.`,
    listed: (list) => `Den här rapporten är skapad av en samordnare och innehåller områden under gränsen: ${list}.`,
    none: (limit) => `Inga områden i rapporten har färre än ${limit} anslutna personer.`,
    advice: 'En rapport som biläggs ett protokoll blir som regel en allmän handling. Överväg att skapa rapporten utan de små områdena innan den sprids.',
  },
  appendix: {
    intro: 'Alla importer vars värden ingår i rapporten. SHA-256 är filens kontrollsumma: samma fil ger alltid samma summa, så originalfilen kan kontrolleras i efterhand.',
    columns: ['Fil', 'Typ', 'Importerad', 'Av'],
    none: 'Inga importer.',
    kinds: { lab: 'labb', flow: 'flöde', areas: 'områden', reference: 'EUDA' },
  },
  csvColumns: ['Områdeskod', 'Område', 'Ämnesnyckel', 'Ämne', 'Från', 'Till', 'n', 'Antal < LOQ', 'Andel < LOQ', 'Medel', 'Median', '95 % intervall, nedre', '95 % intervall, övre', 'Vardagsmedel', 'Helgmedel', 'Kvot helg/vardag', 'Enhet'],
  persons: 'personer',
  and: 'och',
  drugs: {
    cocaine: 'kokain', amphetamine: 'amfetamin', methamphetamine: 'metamfetamin', MDMA: 'MDMA', cannabis: 'cannabis', heroin: 'heroin',
    methadone: 'metadon', tramadol: 'tramadol', ketamine: 'ketamin', mephedrone: 'mefedron',
  },
};

const EN: ReportTexts = {
  title: 'Baseline measurement of drugs in wastewater',
  fileStem: 'lagesbild-baseline',
  facts: { organisation: 'Organisation', period: 'Period', generated: 'Generated', version: 'Lägesbild, version', metric: 'Measure' },
  runningHeader: (period, org) => `Lägesbild · Baseline ${period} · ${org}`,
  pageLabel: 'Page {n} of {m}',
  sections: {
    summary: 'Summary', method: 'Method', areas: 'Areas and population', results: 'Results by area and substance',
    charts: 'Charts', quality: 'Data quality', ethics: 'Small areas (ethics)', appendix: 'Appendix: imports used',
  },
  metricName: 'Population-normalised load',
  summaryIntro: (period, unit) =>
    `This report describes the levels during the baseline period ${period}. All levels are population-normalised loads in ${unit}: the amount of the substance reaching the treatment plant per day, per 1,000 connected inhabitants. They are averages for an area and say nothing about individuals.`,
  markerFor: (drug) => `marker for ${drug}`,
  levels: (list, unit) => `Baseline (mean, 95% interval): ${list} ${unit}.`,
  censoredNote: (list) => `Below the limit of quantification: ${list}.`,
  censoredMostly: 'Where more than half of the samples are below the limit only an upper bound is given ("< LOQ, at most …": the mean with those days at the limit), without interval, weekend ratio or doses.',
  belowLoq: (upper) => `< LOQ, at most ${upper}`,
  weekend: {
    heading: 'Weekend pattern',
    higher: 'higher at weekends',
    lower: 'lower at weekends',
    flat: 'no clear difference between weekend and weekdays',
    mixed: 'different patterns in different areas',
    tooFew: 'too few samples to judge the weekend pattern',
    oneWeek: 'based on a single week; read with care',
  },
  weekendLine: (list, verdict) => `Weekend pattern (weekend mean divided by weekday mean): ${list}, that is ${verdict}.`,
  reference: (year, cities, median, nCities, main, position) =>
    `Compared with Swedish cities in the EUDA data for ${year} (daily mean: ${cities}; European median ${median} across ${nCities} cities), ${main} is ${position}.`,
  referenceNoMedian: (year, cities, main, position) => `Compared with Swedish cities in the EUDA data for ${year} (daily mean: ${cities}), ${main} is ${position}.`,
  position: { above: 'above the Swedish cities', below: 'below the Swedish cities', within: 'within the range of the Swedish cities', alone: 'level with the only Swedish city' },
  attribution: 'Source of the comparison data: EUDA and SCORE (CC BY 4.0).',
  noReference: 'No EUDA comparison data for this substance.',
  method: {
    sampling: (days) =>
      `The laboratory analysed 24-hour composite samples of incoming wastewater from the sampling points below. A date is the day sampling started. The period covers ${days} calendar days.`,
    chain: [
      'Load (mg/day) = concentration (ng/L, the same number as µg/m³) × daily flow (m³/day) / 1,000.',
      'Population-normalised load (mg/day/1000 inh.) = load × 1,000 / connected population. This is the measure throughout the report, and the one EUDA publishes.',
      'Estimated consumption = normalised load × correction factor (CF). The CF accounts for how much of the drug is excreted as the measured substance.',
      'Doses = estimated consumption / typical dose. EUDA advises against dose figures; this report does not show them.',
    ],
    chainNote: 'The correction factors and doses below are the settings in force when the report was generated. They are listed so that the calculation can be followed; the figures in this report are normalised loads and do not depend on them.',
    substancesCaption: 'Substances, correction factors and doses used',
    substanceColumns: ['Substance', 'Marker for', 'CF', 'Typical dose', 'Source and note', 'Changed'],
    populations: 'The connected population of each area is listed under Areas and population, with the date it applies from. An area combined from sub-areas uses the sum of their populations.',
    censored: (mode) => `Values below the laboratory's limit of quantification (LOQ) were replaced by ${mode} in the calculations. The results table gives the share below LOQ; the charts draw such values as hollow points.`,
    censoredModes: { half_loq: 'half the limit (LOQ/2)', zero: 'zero (the EUDA convention)', loq: 'the limit (LOQ)' },
    statistics: (resamples) =>
      `Mean and median are taken over the sampling days. The 95% interval is a confidence interval of the mean (percentile bootstrap, ${resamples} resamples with a fixed seed, so the same data always give the same interval). The weekday mean covers samples starting Tuesday–Thursday, the weekend mean samples starting Friday–Monday (the EUDA definition).`,
    uncertaintiesHeading: 'Known uncertainties',
    uncertainties: [
      'Population: the connected population is an estimate. Commuting, tourism and events change how many people actually contribute, and an error in the population carries straight into the normalised load.',
      'Sampling: a 24-hour sample covers one day. Rain dilutes the water, the sampler can miss peaks, and some substances degrade in the sewer.',
      "Analysis: the laboratory's measurement uncertainty applies to every concentration (see the laboratory's report). Values close to the limit of quantification are the least certain.",
      'Doses are rough: typical doses and purity vary a lot, so no dose figures are shown.',
      'Cannabis: only a small and variable share of THC-COOH is excreted (about 0.6%), so back-calculating consumption is very uncertain. EUDA never converts cannabis to doses.',
    ],
  },
  areas: {
    intro: (n) => `The report covers ${n} areas. The population is the connected population used for normalisation.`,
    columns: ['Code', 'Name', 'Part of', 'Connected population', 'Population source', 'Values', 'Note'],
    own: 'own measurements',
    rollup: (children) => `combined from ${children}`,
    fromLabFile: "laboratory's file",
    sumOfChildren: 'sum of the sub-areas',
    registry: (from) => (from ? `area registry, from ${from}` : 'area registry'),
    smallNote: (limit, parent) => `fewer than ${limit} people: viewers see it only combined${parent ? ` into ${parent}` : ''}`,
    excludedHeading: 'Areas not included',
    excluded: { no_data: 'no measurements in the period', not_selected: 'not chosen for the report' },
    noneExcluded: 'Every area the user has access to is included.',
  },
  results: {
    intro: (unit, mode) => `Baseline per area and substance (population-normalised load, ${unit}; values below LOQ: the Kaplan–Meier mean when 1–50 % of the days are below the limit, otherwise replaced by ${mode}).`,
    columns: ['Substance', 'Area', 'n', '<\u00a0LOQ', 'Mean', 'Median', '95% interval', 'Weekday', 'Weekend', 'Unit'],
    note: 'n = sampling days with a value. < LOQ = share below the limit of quantification. 95% interval = confidence interval of the mean. Weekday = mean of samples starting Tuesday–Thursday, Weekend = Friday–Monday.',
  },
  charts: {
    intro: 'For each substance: the sampling days of the period with the baseline (line) and its 95% interval (grey band), the mean by weekday and a comparison of the areas. The charts are the same as on the Lägesbild dashboard.',
    timeseries: (area) => `Time series for ${area} with baseline and 95% interval.`,
    weekday: (area) => `Mean by weekday (sample start day) for ${area}.`,
    comparison: 'Comparison of the areas during the period.',
    reference: (year) => `Comparison with Swedish cities and the European median, EUDA ${year}.`,
    mainArea: 'the area with the largest connected population',
  },
  quality: {
    sampling: (list) => `Sampling days in the period: ${list}.`,
    samplingDays: (area, n, of) => `${area} ${n} of ${of} days`,
    noMissing: 'No substance is missing on a day its area was sampled.',
    missing: (area, substance, dates) => `${area}, ${substance}: missing on ${dates}.`,
    noFlowNone: 'Every sampling day has a daily flow.',
    noFlow: (area, dates) => `${area}: no daily flow on ${dates}. No load can be computed for those days and they are not in the statistics.`,
    loqNone: 'The limit of quantification (LOQ) did not change during the period.',
    loq: (area, substance, date, from, to) => `${area}, ${substance}: the limit of quantification changed from ${from} to ${to} ng/L on ${date}. Values below the limit are not comparable across the change.`,
    rollup: (area, substance, dates) => `${area}, ${substance}: ${dates} left out of the combination because a sub-area has no value.`,
    retractedNone: 'No import concerning the period has been retracted.',
    retracted: (file, when, by, reason) => `Retracted import ${file} (${when}, ${by}${reason ? `: ${reason}` : ''}). Its values are not included.`,
  },
  ethics: {
    general: 'Wastewater data describe communities, not people. A small catchment, such as a school, a prison or a single neighbourhood, can still single out and stigmatise those who live there. The SCORE network\'s ethical guidelines (Prichard et al. 2016) ask for care with small populations.',
    rule: (limit) => `Lägesbild shows areas with fewer than ${limit} connected people (the MIN_PUBLIC_POPULATION setting) to viewers only combined into their parent area.`,
    listed: (list) => `This report was generated by a coordinator and includes areas below that limit: ${list}.`,
    none: (limit) => `No area in this report has fewer than ${limit} connected people.`,
    advice: 'A report attached to minutes usually becomes a public document. Consider generating it without the small areas before it is shared.',
  },
  appendix: {
    intro: "Every import whose values are in this report. SHA-256 is the file's checksum: the same file always gives the same sum, so the original file can be checked afterwards.",
    columns: ['File', 'Kind', 'Imported', 'By'],
    none: 'No imports.',
    kinds: { lab: 'lab', flow: 'flow', areas: 'areas', reference: 'EUDA' },
  },
  csvColumns: ['Area code', 'Area', 'Substance key', 'Substance', 'From', 'To', 'n', 'Number < LOQ', 'Share < LOQ', 'Mean', 'Median', '95% interval, lower', '95% interval, upper', 'Weekday mean', 'Weekend mean', 'Weekend/weekday ratio', 'Unit'],
  persons: 'people',
  and: 'and',
  drugs: {},
};

export function reportTexts(lang: Lang): ReportTexts {
  return lang === 'en' ? EN : SV;
}

/**
 * "A, B och C" / "A, B and C". Items that hold Swedish decimal commas are separated by
 * semicolons ("Gävle 5,19; Sandviken 0,76 och …"), or the numbers would run together.
 */
export function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const sep = lang === 'sv' && items.some((i) => /\d,\d/.test(i)) ? '; ' : ', ';
  return `${items.slice(0, -1).join(sep)} ${reportTexts(lang).and} ${items[items.length - 1]}`;
}

/** Ends a sentence once, even when it already ends with an abbreviation's period ("inv."). */
export function sentence(text: string): string {
  return text.replace(/\.\.$/, '.');
}
