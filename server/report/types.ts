/**
 * The baseline report's input (data already fetched by assemble.ts) and its model (every text
 * and number formatted once, by model.ts). The PDF, HTML and CSV renderers only lay the model
 * out, so the three formats cannot disagree about a number.
 */
import type { ChartSpec, Lang } from '../charts/types.ts';
import type { Cell } from './csv.ts';
import type { CensoredMode } from '../domain/loads.ts';
import type { MethodsData } from './methods-data.ts';

export type { Lang };

// ---------------------------------------------------------------------------
// Input

export interface ReportAreaInput {
  code: string;
  name: string;
  parent: string | null;
  /** The registry's latest connected population and the date it applies from (null = no date given). */
  population: number | null;
  populationFrom: string | null;
  /** Distinct populations the period's own samples were normalised with, ascending (empty for roll-ups). */
  populationsUsed: number[];
  /** Some samples carried their own population in the lab file (else the registry's value was used). */
  populationFromLabFile: boolean;
  /** 'rollup': values are the population-weighted combination of `children`. */
  source: 'own' | 'rollup';
  children: string[];
  /** Below MIN_PUBLIC_POPULATION: viewers see it only through its parent. */
  small: boolean;
  /** Person equivalents (pe): its loads are per 1000 pe (DOMAIN.md "Corrections"); absent = persons. */
  populationKind?: 'persons' | 'pe';
}

export interface ReportExcludedArea {
  code: string;
  name: string;
  reason: 'no_data' | 'not_selected';
}

export interface ReportSubstanceInput {
  key: string;
  nameSv: string;
  nameEn: string;
  drug: string;
  residue: string;
  correctionFactor: number | null;
  doseMg: number | null;
  sourceNote: string;
  /** When the catalog entry (CF, dose, note) was last changed, ISO timestamp. */
  updatedAt: string;
}

export interface ReportPointInput {
  date: string;
  value: number | null;
  censored: boolean;
  loqNgL: number | null;
}

/** One area × substance: the baseline summary exactly as /api/v1/stats/baseline gives it, plus its points. */
export interface ReportResultInput {
  area: string;
  substance: string;
  n: number;
  nCensored: number;
  shareCensored: number | null;
  mean: number | null;
  median: number | null;
  ci95: [number, number] | null;
  weekdayMean: number | null;
  weekendMean: number | null;
  weekendRatio: number | null;
  /** More than half the days below LOQ: mean, ci95 and weekendRatio are null; upperBound is the "at most". */
  belowLoq?: boolean;
  upperBound?: number | null;
  /** Sample days in the period without a value (no flow, no population). */
  nWithoutValue: number;
  /** The API's unit string, e.g. "mg/day/1000 inh". */
  unit: string;
  points: ReportPointInput[];
}

export interface ReportReferenceInput {
  substance: string;
  year: number;
  swedishCities: { city: string; dailyMean: number | null }[];
  europeanMedian: number | null;
  nCities: number;
  attribution: string;
}

export interface ReportQualityInput {
  /** Calendar days in the period. */
  periodDays: number;
  /** Per included area with own samples: the dates with any sample. */
  samplingDays: { area: string; dates: string[] }[];
  /** A substance missing on a day the area was sampled for others. */
  missingValues: { area: string; substance: string; dates: string[] }[];
  /** Sample days without a daily flow (no load can be computed). */
  withoutFlow: { area: string; dates: string[] }[];
  loqChanges: { area: string; substance: string; date: string; fromNgL: number; toNgL: number }[];
  /** Roll-ups: dates left out because a part had no value. */
  incompleteRollups: { area: string; substance: string; dates: string[] }[];
  retracted: { fileName: string; retractedAt: string | null; retractedBy: string | null; reason: string | null }[];
}

export interface ReportBatchInput {
  id: number;
  kind: string;
  fileName: string;
  sha256: string;
  importedAt: string;
  importedBy: string;
}

export interface ReportInput {
  lang: Lang;
  appVersion: string;
  /** ISO timestamp; shown only in the title block and the PDF metadata. */
  generatedAt: string;
  organisation: string;
  period: { from: string; to: string; name: string | null };
  censoredMode: CensoredMode;
  /** Bootstrap resamples behind the 95 % intervals (stated in the method). */
  bootstrapResamples: number;
  minPublicPopulation: number;
  areas: ReportAreaInput[];
  excludedAreas: ReportExcludedArea[];
  substances: ReportSubstanceInput[];
  results: ReportResultInput[];
  references: ReportReferenceInput[];
  quality: ReportQualityInput;
  batches: ReportBatchInput[];
  /** The shared methods facts, checks and daily data (methods-data.ts); absent in older inputs. */
  methods?: MethodsData;
}

// ---------------------------------------------------------------------------
// Model (formatted)

export interface TableModel {
  columns: string[];
  rows: string[][];
  /** Right-aligned (numeric) columns. */
  numeric: boolean[];
  /** Group index per row (rows of one substance): shaded alternately by group, not by row. */
  groups?: number[];
  /** A full-width second line under a row (e.g. a file's SHA-256, too long for a column). */
  rowNotes?: string[];
  caption?: string;
}

export type Block =
  | { kind: 'paragraph'; text: string; tone?: 'lead' | 'muted' }
  | { kind: 'list'; items: string[] }
  | { kind: 'subheading'; text: string; newPage?: boolean }
  | { kind: 'facts'; rows: [string, string][] }
  | { kind: 'table'; table: TableModel }
  | { kind: 'chart'; spec: ChartSpec; caption: string };

export interface SectionModel {
  id: string;
  heading: string;
  /** Start on a new page in the PDF (and in print). */
  newPage: boolean;
  blocks: Block[];
}

export interface CsvTable {
  header: string[];
  rows: Cell[][];
}

export interface ReportModel {
  lang: Lang;
  title: string;
  subtitle: string;
  /** Organisation, period, generated, version: the title block. */
  facts: [string, string][];
  /** A short line at the top of every page after the first. */
  runningHeader: string;
  /** "Sida {n} av {m}". */
  pageLabelTemplate: string;
  metadata: { title: string; author: string; subject: string; keywords: string; creator: string; generatedAt: string };
  sections: SectionModel[];
  /** The results table: API field names and units (format=csv) and the report language's (csv-excel). */
  csv: { machine: CsvTable; human: CsvTable };
  /** e.g. "lagesbild-nollmatning-2020-09-14". */
  fileBaseName: string;
  /** The period as dates, for the audit log. */
  period: { from: string; to: string };
}
