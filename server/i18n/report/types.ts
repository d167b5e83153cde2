/**
 * The shape of the report's fixed wording. Numbers arrive already formatted (report/format.ts);
 * nothing here formats a number itself.
 */

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
  results: { intro: (unit: string, mode: string) => string; columns: string[]; note: string; peNote: (areas: string) => string };
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
  /** "3 av 7 prov" */
  nOfSamples: (n: string, of: string) => string;
  /** The PDF's keywords. */
  keywords: string;
  and: string;
  drugs: Record<string, string>;
}
