/**
 * EUDA / SCORE European wastewater reference data (licence CC BY 4.0, attribution "EUDA and SCORE").
 *
 * Pure parsing and arithmetic: no file system, no database. The caller reads the two files
 * (`euda-wastewater-2011-2022.csv`, `euda-sites.csv`; users download them from the EUDA website,
 * the project does not bundle them) and hands over their text.
 *
 * Wastewater file: one row per city, year and metabolite, with the seven daily population-normalised
 * loads (mg/day/1000 inh; columns Wednesday … Tuesday, the order of a SCORE sampling week), then the
 * file's own weekday, weekend and daily mean. 0 means "below LOQ" (EUDA convention, kept as 0);
 * a cell holding only white space is a day without a value (null). A city written "Berlin (4)" is
 * the population-weighted mean of that many plants.
 *
 * How EUDA computes its means — established by recomputing every row of the 2011–2022 file
 * (3 073 rows; the figures are printed by test/unit/reference/euda.test.ts):
 *  - Day sets: weekday = Tue, Wed, Thu and weekend = Fri, Sat, Sun, Mon in every year except 2021,
 *    where weekday = Tue–Fri and weekend = Sat–Mon. No other year follows the 2021 sets.
 *  - Each mean is the plain arithmetic mean of the days of its set that have a value (missing days
 *    left out, 0 counted as 0). The daily mean is the mean of all available days — NOT the mean of
 *    the weekday and weekend means, and not 3/7·weekday + 4/7·weekend when days are missing.
 *  - The means were computed from the unrounded daily loads and then rounded to 2 decimals, while
 *    the published daily values are rounded to 2 decimals too. So a mean recomputed from the
 *    published days can differ from the file's value by up to (just under) 0.01 — about 10 % of the
 *    reproduced values are not the exact 2-decimal rounding of the recomputed mean (typical offsets
 *    ±0.0067 = 2/3 of a cent for 3-day means, ±0.0057 = 4/7 of a cent for 7-day means). Compare
 *    with a tolerance of 0.01, never for equality. computeEudaMeans returns unrounded means.
 *  - About 98 % of the single-site values reproduce this way. The exceptions fall into groups:
 *    (a) shifted day sets in a few city-years: 2014 Dülmen and Munich, 2015 Copenhagen, Bristol,
 *        Milan and Almada use weekday = Wed, Thu, Fri and weekend = Sat–Tue; 2011 Utrecht uses
 *        weekday = Mon, Tue, Wed and weekend = Thu–Sun (their daily means still reproduce);
 *    (b) rows with a blank day whose means evidently still include that day (e.g. Copenhagen 2013
 *        amphetamine: weekday and daily mean both imply Tuesday ≈ 25.4 although the cell is blank),
 *        and the German cities of 2021 with a blank Thursday, whose weekend and daily means match no
 *        subset of the published days;
 *    (c) a handful of values that cannot come from the published days at all (e.g. Joensuu 2014
 *        cocaine, weekday mean 1.31 above every daily value; Belgrade 2013 cocaine, weekend 47.26).
 *    Multi-plant rows mostly reproduce too, but not e.g. Berlin (4) 2022, whose means were
 *    presumably weighted per plant rather than computed from the published combined days, nor
 *    Hamburg (2) 2020, whose daily means include days left blank in the file.
 *  - The sites file has no population for some cities (blank, e.g. Wien, Tallinn, Prague (2),
 *    České Budějovice, which also appears as "Budweis" with one); population is then null.
 *  Hence: show the file's own means where present (referenceSummary does), and compute them only
 *  where the file leaves them blank.
 */

import Papa from 'papaparse';

export const EUDA_DAYS = ['wed', 'thu', 'fri', 'sat', 'sun', 'mon', 'tue'] as const;
export type EudaDay = (typeof EUDA_DAYS)[number];
export type EudaDaily = Record<EudaDay, number | null>;

/** Column headers of the wastewater file for each day, in file order. */
export const EUDA_DAY_HEADERS: Record<EudaDay, string> = {
  wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday', mon: 'Monday', tue: 'Tuesday',
};

export interface EudaSite {
  country: string;
  city: string;
  /** Connected population; null when the sites file leaves it blank. */
  population: number | null;
}
/** Keyed by {@link eudaSiteKey}(country, city). */
export type EudaSites = Map<string, EudaSite>;

export interface EudaRow {
  /** Physical line in the file (header = line 1). */
  line: number;
  year: number;
  /** As written in the file, e.g. "cocaine", "MDMA". */
  metabolite: string;
  /** Our substance key, e.g. "benzoylecgonine" for EUDA's "cocaine". */
  substance: string;
  siteId: string;
  country: string;
  city: string;
  /** Number of plants: N for "Berlin (4)", 6 for "Istanbul (II-VII)", otherwise 1. */
  plants: number;
  /** From the sites file, joined on country + city (case/accent-insensitive); null when unknown. */
  population: number | null;
  daily: EudaDaily;
  weekdayMean: number | null;
  weekendMean: number | null;
  dailyMean: number | null;
}

export type EudaIssueSeverity = 'error' | 'warning';
export interface EudaIssue {
  /** Physical line (header = 1). */
  row: number;
  /** Column header as written in the file, or null for a whole-row problem. */
  column: string | null;
  code:
    | 'missing_column'
    | 'field_count'
    | 'not_a_number'
    | 'negative_value'
    | 'invalid_year'
    | 'missing_value'
    | 'unknown_substance'
    | 'duplicate_row';
  message: string;
  /** Rows with an error are skipped; unknown substances and duplicates are skipped as warnings. */
  severity: EudaIssueSeverity;
}

export interface EudaParseResult {
  rows: EudaRow[];
  issues: EudaIssue[];
}

export interface EudaMeans {
  weekdayMean: number | null;
  weekendMean: number | null;
  dailyMean: number | null;
}

export interface EudaReferenceCity {
  city: string;
  siteId: string;
  /** The file's daily mean, or (when the file leaves it blank) the mean computed from the days, rounded to 2 decimals. */
  dailyMean: number | null;
  population: number | null;
}

export interface EudaReferenceSummary {
  swedishCities: EudaReferenceCity[];
  /** Median of the daily means of all cities (Sweden included) for the substance and year. */
  europeanMedian: number | null;
  /** Number of cities (rows) with a daily mean that entered the median. */
  nCities: number;
}

/** EUDA metabolite names → our substance keys (DOMAIN.md). Looked up case-insensitively. */
export const EUDA_METABOLITE_TO_SUBSTANCE: Readonly<Record<string, string>> = {
  cocaine: 'benzoylecgonine',
  cannabis: 'thc-cooh',
  mdma: 'mdma',
  amphetamine: 'amphetamine',
  methamphetamine: 'methamphetamine',
  ketamine: 'ketamine',
};

export function eudaSubstance(metabolite: string): string | null {
  return EUDA_METABOLITE_TO_SUBSTANCE[metabolite.trim().toLowerCase()] ?? null;
}

/** Day sets EUDA uses for the weekday and weekend means (by sampling start day). */
export function eudaDaySets(year: number): { weekday: EudaDay[]; weekend: EudaDay[] } {
  return year === 2021
    ? { weekday: ['tue', 'wed', 'thu', 'fri'], weekend: ['sat', 'sun', 'mon'] }
    : { weekday: ['tue', 'wed', 'thu'], weekend: ['fri', 'sat', 'sun', 'mon'] };
}

const LETTER_FOLDS: Record<string, string> = {
  ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ð: 'd', đ: 'd', þ: 'th', ł: 'l', ı: 'i',
};

/** Case-, accent- and spacing-insensitive form of a name: "Saarbrücken (2)" ≡ "saarbrucken  (2)", "Gut_Großlappen" ≡ "Gut Grosslappen". */
export function normalizeEudaName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøæœðđþłı]/g, (c) => LETTER_FOLDS[c] ?? c)
    .replace(/[\s_]+/g, ' ')
    .trim();
}

export function eudaSiteKey(country: string, city: string): string {
  return `${normalizeEudaName(country)}|${normalizeEudaName(city)}`;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
function romanValue(s: string): number | null {
  let total = 0;
  const t = s.toLowerCase();
  for (let i = 0; i < t.length; i++) {
    const v = ROMAN[t[i]];
    if (v === undefined) return null;
    const next = i + 1 < t.length ? ROMAN[t[i + 1]] : undefined;
    total += next !== undefined && next > v ? -v : v;
  }
  return total;
}

/** Plants behind a city name: "Berlin (4)" → 4, "Istanbul (II-VII)" → 6, "Ruisbroek (Puurs)" → 1. */
export function eudaPlantCount(city: string): number {
  const n = /\((\d+)\)\s*$/.exec(city);
  if (n) return Math.max(1, Number(n[1]));
  const r = /\(([ivxlc]+)\s*-\s*([ivxlc]+)\)\s*$/i.exec(city);
  if (r) {
    const a = romanValue(r[1]);
    const b = romanValue(r[2]);
    if (a !== null && b !== null && b >= a) return b - a + 1;
  }
  return 1;
}

// ---------------------------------------------------------------------------------------------
// CSV

interface CsvRecord {
  /** Physical line on which the record starts (1-based). */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 CSV (comma, double quotes) by papaparse, with the physical line on which each record
 * starts. A UTF-8 BOM is dropped; CRLF, LF and lone CR all end a line (normalised to LF first, so a
 * file that mixes them still splits on each). A quoted cell spanning lines moves the count on.
 */
function parseCsv(text: string): CsvRecord[] {
  const src = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  const out: CsvRecord[] = [];
  let line = 1;
  for (const fields of Papa.parse<string[]>(src, { delimiter: ',', newline: '\n', quoteChar: '"', skipEmptyLines: false }).data) {
    out.push({ line, fields });
    line += 1;
    for (const f of fields) if (f.includes('\n')) line += f.split('\n').length - 1;
  }
  return out;
}

const isBlankRecord = (r: CsvRecord) => r.fields.every((f) => f.trim() === '');

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

// ---------------------------------------------------------------------------------------------
// Sites

/**
 * Parses euda-sites.csv (country, city, …, population, …). Keys are {@link eudaSiteKey}. When two
 * lines normalise to the same key (the file has e.g. "Saarbrucken (2)" with a population and
 * "Saarbrücken (2)" without), the first one with a population wins.
 */
export function parseEudaSites(text: string): EudaSites {
  const sites: EudaSites = new Map();
  const records = parseCsv(text).filter((r) => !isBlankRecord(r));
  if (records.length === 0) return sites;
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const iCountry = header.indexOf('country');
  const iCity = header.indexOf('city');
  const iPop = header.indexOf('population');
  if (iCountry < 0 || iCity < 0) return sites;
  for (const r of records.slice(1)) {
    const country = (r.fields[iCountry] ?? '').trim();
    const city = (r.fields[iCity] ?? '').trim();
    if (!country || !city) continue;
    const popText = iPop >= 0 ? (r.fields[iPop] ?? '').trim() : '';
    const popNum = NUMBER_RE.test(popText) ? Number(popText) : NaN;
    const population = Number.isFinite(popNum) && popNum > 0 ? popNum : null;
    const key = eudaSiteKey(country, city);
    const existing = sites.get(key);
    if (!existing || (existing.population === null && population !== null)) {
      sites.set(key, { country, city, population });
    }
  }
  return sites;
}

// ---------------------------------------------------------------------------------------------
// Wastewater

const REQUIRED_HEADERS = [
  'Year', 'Metabolite', 'Site ID', 'Country', 'City',
  ...EUDA_DAYS.map((d) => EUDA_DAY_HEADERS[d]),
  'Weekday mean', 'Weekend mean', 'Daily mean',
] as const;

const headerKey = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Parses the EUDA/SCORE wastewater file. Rows with an error (bad number, bad year, missing
 * country/city/site id, wrong field count) are left out and reported; unknown metabolites and
 * repeated (year, site, metabolite) rows are left out with a warning.
 */
export function parseEudaWastewater(text: string, sites: EudaSites): EudaParseResult {
  const rows: EudaRow[] = [];
  const issues: EudaIssue[] = [];
  const records = parseCsv(text);
  const headerIdx = records.findIndex((r) => !isBlankRecord(r));
  if (headerIdx < 0) return { rows, issues };
  const headerRec = records[headerIdx];
  const header = headerRec.fields.map(headerKey);
  const col: Record<string, number> = {};
  for (const h of REQUIRED_HEADERS) {
    const i = header.indexOf(headerKey(h));
    if (i < 0) {
      issues.push({ row: headerRec.line, column: h, code: 'missing_column', message: `Column "${h}" is missing from the header.`, severity: 'error' });
    }
    col[h] = i;
  }
  if (issues.length > 0) return { rows, issues };

  const seen = new Map<string, number>();
  for (const rec of records.slice(headerIdx + 1)) {
    if (isBlankRecord(rec)) continue;
    const line = rec.line;
    const rowIssues: EudaIssue[] = [];
    const err = (column: string | null, code: EudaIssue['code'], message: string) =>
      rowIssues.push({ row: line, column, code, message, severity: 'error' });

    if (rec.fields.length !== header.length) {
      err(null, 'field_count', `Line ${line} has ${rec.fields.length} fields, the header has ${header.length}.`);
      issues.push(...rowIssues);
      continue;
    }
    const cell = (h: string) => (rec.fields[col[h]] ?? '').trim();

    const num = (h: string): number | null => {
      const raw = cell(h);
      if (raw === '') return null;
      if (!NUMBER_RE.test(raw)) {
        err(h, 'not_a_number', `Line ${line}, column "${h}": "${raw}" is not a number.`);
        return null;
      }
      const v = Number(raw);
      if (v < 0) {
        err(h, 'negative_value', `Line ${line}, column "${h}": ${raw} is negative.`);
        return null;
      }
      return v;
    };

    const yearText = cell('Year');
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 1990 || year > 2100) {
      err('Year', 'invalid_year', `Line ${line}: year "${yearText}" is not a four-digit year.`);
    }
    for (const h of ['Metabolite', 'Site ID', 'Country', 'City']) {
      if (cell(h) === '') err(h, 'missing_value', `Line ${line}: "${h}" is empty.`);
    }
    const daily = {} as EudaDaily;
    for (const d of EUDA_DAYS) daily[d] = num(EUDA_DAY_HEADERS[d]);
    const weekdayMean = num('Weekday mean');
    const weekendMean = num('Weekend mean');
    const dailyMean = num('Daily mean');

    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      continue;
    }

    const metabolite = cell('Metabolite');
    const substance = eudaSubstance(metabolite);
    if (substance === null) {
      issues.push({
        row: line, column: 'Metabolite', code: 'unknown_substance', severity: 'warning',
        message: `Line ${line}: metabolite "${metabolite}" is not one we map to a substance; row skipped.`,
      });
      continue;
    }
    const siteId = cell('Site ID');
    const country = cell('Country');
    const city = cell('City');
    const dupKey = `${year}|${siteId.toLowerCase()}|${eudaSiteKey(country, city)}|${substance}`;
    const first = seen.get(dupKey);
    if (first !== undefined) {
      issues.push({
        row: line, column: null, code: 'duplicate_row', severity: 'warning',
        message: `Line ${line} repeats ${year} ${metabolite} for ${city} (${siteId}) from line ${first}; row skipped.`,
      });
      continue;
    }
    seen.set(dupKey, line);

    rows.push({
      line, year, metabolite, substance, siteId, country, city,
      plants: eudaPlantCount(city),
      population: sites.get(eudaSiteKey(country, city))?.population ?? null,
      daily, weekdayMean, weekendMean, dailyMean,
    });
  }
  return { rows, issues };
}

// ---------------------------------------------------------------------------------------------
// Means and summary

function meanOf(values: (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? null : sum / n;
}

/**
 * EUDA's weekday, weekend and daily means recomputed from the seven daily values (unrounded).
 * Missing days are left out, 0 (below LOQ) counts as 0. Day sets per {@link eudaDaySets}.
 */
export function computeEudaMeans(row: { daily: EudaDaily }, year: number): EudaMeans {
  const { weekday, weekend } = eudaDaySets(year);
  return {
    weekdayMean: meanOf(weekday.map((d) => row.daily[d])),
    weekendMean: meanOf(weekend.map((d) => row.daily[d])),
    dailyMean: meanOf(EUDA_DAYS.map((d) => row.daily[d])),
  };
}

/** Rounds to 2 decimals, half away from zero, as the file's values are written. */
export function roundEuda(x: number): number {
  const r = Math.round(Math.abs(x) * 100 + 1e-9) / 100;
  return x < 0 ? -r : r;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The file's daily mean, or the computed one (rounded to 2 decimals) when the file leaves it blank. */
export function eudaDailyMean(row: EudaRow): number | null {
  if (row.dailyMean !== null) return row.dailyMean;
  const m = computeEudaMeans(row, row.year).dailyMean;
  return m === null ? null : roundEuda(m);
}

/**
 * Swedish cities (Country = SE) and the European median of the daily means for one substance
 * (our key, e.g. "benzoylecgonine") and year. The median covers all rows of that substance and
 * year, Swedish ones included; a multi-plant city counts once.
 */
export function referenceSummary(rows: EudaRow[], substance: string, year: number): EudaReferenceSummary {
  const selected = rows.filter((r) => r.substance === substance && r.year === year);
  const values: number[] = [];
  const swedishCities: EudaReferenceCity[] = [];
  for (const r of selected) {
    const dailyMean = eudaDailyMean(r);
    if (dailyMean !== null) values.push(dailyMean);
    if (r.country.trim().toUpperCase() === 'SE') {
      swedishCities.push({ city: r.city, siteId: r.siteId, dailyMean, population: r.population });
    }
  }
  swedishCities.sort((a, b) => a.city.localeCompare(b.city, 'sv'));
  return { swedishCities, europeanMedian: median(values), nCities: values.length };
}
