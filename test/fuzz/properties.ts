/**
 * Property-based fuzzing of the import use case.
 *
 * fast-check generates lab (long and wide), flow and area files from a small model (areas,
 * dates, substances, values with their expected stored form), renders them in a random shape
 * (header aliases, delimiter, encoding, decimal separator, thousands separator, date style,
 * quoting, line endings, BOM, censored spellings, units) and then MUTATES them: benign changes
 * that must not alter what is stored (blank lines, an unknown comment column full of
 * `=cmd|…` cells, padding, trailing delimiters, repeated lines, reordered data lines), one
 * planted bad cell that must be reported at its line and column, and destructive changes
 * (garbage cells, truncated lines, dropped or extra cells, stray quotes, control characters,
 * unicode, huge numbers, huge cells, wrong kind, binary or empty files).
 *
 * Each file goes through the real use case (`runImport`, on a real temp SQLite database), or
 * through HTTP (`app.request`, multipart upload), mostly as a dry run, sometimes committed.
 * Properties checked for every case:
 *  - nothing throws; the status is 200/201/409/422 (a dry run never 201, a commit never 200);
 *  - every error issue has a row (≥ 1 and within the file, or null only for file-level codes)
 *    and, for row-level codes, the column: the header text as written;
 *  - 201 ⇔ no errors (commit); 422 ⇒ an error; a dry run's wouldCommit ⇔ no errors;
 *  - counts are consistent (lab/flow: values = accepted + rejected + duplicates);
 *  - anything but a 201 changes no table (measurements, daily_flows, import_batches, areas, …)
 *    and keeps no original file; no upload is left behind;
 *  - whatever a 201 stored, even from a mangled file, is sane (finite, non-negative values,
 *    censored ⇔ no concentration and a positive LOQ, real dates, whole populations);
 *  - an unmutated or benignly mutated file has no errors (except conflicts with earlier
 *    commits under onConflict=reject), its report gives the generated counts, period, areas
 *    and substances, and once committed every generated value comes back, equal, from the
 *    database or from /api/v1/measurements;
 *  - a planted bad cell (unreadable, negative, empty, or a conflicting repeat of a line) is
 *    reported at its physical line and column, with the expected code;
 *  - a case finishes within MAX_CASE_MS (no super-linear parsing of huge cells).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { createApp } from '../../server/app.ts';
import type { AppContext } from '../../server/context.ts';
import { SUBSTANCE_CATALOG } from '../../server/domain/substances.ts';
import { runImport, type ImportOutcome } from '../../server/import/importer.ts';
import { IMPORT_STATUS } from '../../server/http/api/imports.ts';
import type { ImportReport } from '../../server/import/report.ts';
import { SAMPLES, testContext } from '../helpers.ts';
import { normalizeName } from '../../server/domain/text.ts';
import { allMeasurements, login, upload, type Session } from '../http.ts';

// ---- environment ---------------------------------------------------------------------------

export interface FuzzEnv {
  ctx: AppContext;
  app: ReturnType<typeof createApp>;
  session: Session;
  dir: string;
  organisationId: number;
  userId: number;
  /**
   * In a county tree (createFuzzEnv({ tree: true })): the rows of the other organisations (the county
   * and a sibling municipality), which no import of ours may touch.
   */
  foreign?: () => Record<string, number>;
  close(): Promise<void>;
}

/**
 * A fresh app on a fresh temp database with the sample areas (EXS-ARV, EXS-CEN, EXS-NOR).
 * `tree`: our organisation is a municipality in a county with a sibling; the county and the sibling
 * have areas of the same names and aliases as ours (other codes), a measurement each, and the
 * sibling removed every alias of benzoylecgonine from its catalogue (issue 16).
 */
export async function createFuzzEnv(opts: { tree?: boolean } = {}): Promise<FuzzEnv> {
  const { ctx, dir } = await testContext({ MIN_PUBLIC_POPULATION: '1' });
  const app = createApp(ctx);
  const session = await login(app);
  const res = await upload(app, session, path.join(SAMPLES, 'areas.csv'));
  if (res.status !== 201) throw new Error(`areas.csv: ${res.status} ${await res.text()}`);
  const user = ctx.sqlite.prepare('select id, organisation_id from users order by id limit 1').get() as { id: number; organisation_id: number };
  const foreign = opts.tree ? await foreignOrganisations(ctx, user.organisation_id) : undefined;
  return {
    ctx, app, session, dir, organisationId: user.organisation_id, userId: user.id, foreign,
    async close() {
      await ctx.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Makes `own` a municipality of a new county with a sibling (see createFuzzEnv); returns the foreign-row counter. */
async function foreignOrganisations(ctx: AppContext, own: number): Promise<() => Record<string, number>> {
  const now = new Date().toISOString();
  const county = (await ctx.db.insertInto('organisations').values({ name: 'Fuzzlänet', kind: 'county', parent_id: null, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  await ctx.db.updateTable('organisations').set({ parent_id: county }).where('id', '=', own).execute();
  const sibling = (await ctx.db.insertInto('organisations').values({ name: 'Grannkommunen', kind: 'municipality', parent_id: county, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  const batch = (await ctx.db.insertInto('import_batches').values({
    organisation_id: sibling, kind: 'lab', file_name: 'x.csv', size_bytes: 1, sha256: 'fuzz-foreign', file_path: 'x', user_id: null, actor: 'fuzz', created_at: now,
    status: 'committed', on_conflict: 'reject', accepted: 6, report_json: '{}', retracted_at: null, retracted_by: null, retract_reason: null,
  }).returning('id').executeTakeFirstOrThrow()).id;
  for (const [org, prefix] of [[county, 'LAN'], [sibling, 'SIB']] as const) {
    for (const a of AREAS) {
      const code = `${prefix}-${a.code}`;
      const name = a.spellings[1];
      const id = (await ctx.db.insertInto('areas').values({ organisation_id: org, code, name, parent_code: null, municipality: null, county: null, created_at: now, updated_at: now })
        .returning('id').executeTakeFirstOrThrow()).id;
      for (const alias of new Map(a.spellings.slice(2).map((x) => [normalizeName(x), x])).values()) await ctx.db.insertInto('area_aliases').values({ area_id: id, alias, alias_norm: normalizeName(alias) }).execute();
      await ctx.db.insertInto('area_populations').values({ area_id: id, population: 30000, valid_from: '1900-01-01', created_at: now }).execute();
      await ctx.db.insertInto('measurements').values({
        area_id: id, substance_key: 'cocaine', date: '2020-01-01', sample_start: null, sample_end: null, lab_sample_id: null, concentration_ng_l: 1, censored: 0, loq_ng_l: null,
        original_text: '1', original_unit: 'ng/L', population: null, batch_id: batch, source_row: 2, active: 1, superseded_by_batch_id: null,
      }).execute();
    }
  }
  await ctx.db.insertInto('substance_overrides').values({
    organisation_id: sibling, substance_key: 'benzoylecgonine', correction_factor: 233, correction_factor_set: 1, dose_mg: null, dose_mg_set: 0,
    source_note: null, aliases_json: '[]', updated_at: now,
  }).execute();
  const others = [county, sibling].join(',');
  return () => {
    const one = (sql: string) => (ctx.sqlite.prepare(sql).get() as { n: number }).n;
    const areas = `(select id from areas where organisation_id in (${others}))`;
    return {
      areas: one(`select count(*) n from areas where organisation_id in (${others})`),
      measurements: one(`select count(*) n from measurements where area_id in ${areas}`),
      measurementsActive: one(`select coalesce(sum(active), 0) n from measurements where area_id in ${areas}`),
      flows: one(`select count(*) n from daily_flows where area_id in ${areas}`),
      aliases: one(`select count(*) n from area_aliases where area_id in ${areas}`),
      populations: one(`select count(*) n from area_populations where area_id in ${areas}`),
      batches: one(`select count(*) n from import_batches where organisation_id in (${others})`),
      overrides: one('select count(*) n from substance_overrides'),
    };
  };
}

// ---- the model -------------------------------------------------------------------------------

const AREAS = [
  { code: 'EXS-ARV', spellings: ['EXS-ARV', 'Exempelstad ARV', 'exs-arv', 'EXS ARV', 'EXEMPELSTAD ARV'] },
  { code: 'EXS-CEN', spellings: ['EXS-CEN', 'Centrum PS', 'exs-cen', 'centrum ps'] },
  { code: 'EXS-NOR', spellings: ['EXS-NOR', 'Norrby PS', 'Exs-Nor', 'NORRBY PS'] },
];

/** Header aliases per role (server/import/columns.ts), as files write them. */
const H = {
  area: ['Provpunkt', 'Provplats', 'Provtagningsplats', 'Provtagningspunkt', 'Site', 'Sampling site', 'Sampling point', 'Location', 'Plats', 'Reningsverk', 'ARV', 'Område', 'Area', 'WWTP', 'Anläggning', 'Mätpunkt'],
  start: ['Provtagning start', 'Provtagningsstart', 'Start', 'Datum', 'Date', 'Sample date', 'Sampling date', 'Provtagningsdatum', 'Provdatum', 'Sampling start', 'Start date', 'Startdatum', 'Från', 'Dygn', 'Day'],
  end: ['Provtagning slut', 'Provtagningsslut', 'Slut', 'End', 'Sampling end', 'End date', 'Slutdatum', 'Till'],
  sampleId: ['Labbets provnr', 'Provnr', 'Provnummer', 'Sample ID', 'Lab sample id', 'Sample no', 'Lab ID', 'Prov-ID'],
  substance: ['Analys', 'Ämne', 'Substans', 'Substance', 'Analyte', 'Parameter', 'Compound', 'Analysparameter', 'Komponent'],
  value: ['Halt', 'Resultat', 'Concentration', 'Value', 'Result', 'Värde', 'Koncentration', 'Mätvärde'],
  unit: ['Enhet', 'Unit', 'Units', 'Enheter'],
  loq: ['Rapporteringsgräns', 'LOQ', 'RG', 'Kvantifieringsgräns', 'Limit of quantification', 'MRL', 'Reporting limit', 'Rapp. gräns'],
  flow: ['Flöde', 'Flow', 'Dygnsflöde', 'Daily flow', 'Inflöde', 'Flow rate', 'Vattenflöde'],
  population: ['Anslutna', 'Anslutna personer', 'Personekvivalenter', 'Population', 'PE', 'Befolkning', 'Invånare', 'Connected population', 'Antal anslutna'],
  code: ['code', 'Kod', 'Områdeskod', 'ID'],
  name: ['name', 'Namn', 'Benämning'],
  parent: ['parent', 'Överordnat', 'Överordnat område', 'Parent area', 'Tillhör'],
  populationFrom: ['population from', 'Giltig från', 'Gäller från', 'Valid from'],
  municipality: ['municipality', 'Kommun'],
  county: ['county', 'Län', 'Region'],
  aliases: ['aliases', 'Alias', 'Andra namn'],
};
type HRole = keyof typeof H;

/** Columns that no alias list knows: ignored, whatever they hold. */
const COMMENT_HEADERS = ['Kommentar', 'Anmärkning', 'Notes', 'Remark', 'Övrigt'];

const SUBSTANCES = SUBSTANCE_CATALOG.map((s) => ({ key: s.key, aliases: s.aliases }));

/** Concentration units with their factor to ng/L. */
const CONC_UNITS: [string, 1 | 1000][] = [
  ['ng/L', 1], ['ng/l', 1], ['µg/m³', 1], ['µg/m3', 1], ['ug/m3', 1], ['μg/m³', 1], ['pg/mL', 1],
  ['µg/L', 1000], ['ug/L', 1000], ['mg/m³', 1000], ['ng/mL', 1000],
];
const FLOW_UNITS: [string, number][] = [['m3/d', 1], ['m³/d', 1], ['m3/dygn', 1], ['m3/day', 1], ['L/s', 86.4], ['l/s', 86.4], ['m³/h', 24], ['m3/h', 24]];
const CENSOR_WORDS = ['<LOQ', '< LOQ', '<loq', 'n.d.', 'N.D.', 'ND', 'nd', 'ej påvisad', 'Ej påvisat', '<RG', 'not detected', 'BLQ'];

const DATE_STYLES = ['iso', 'isoSpace', 'isoT', 'isoTsec', 'isoZ', 'dots', 'dotsTime', 'compact', 'slashDmy', 'slashMdy'] as const;
type DateStyle = (typeof DATE_STYLES)[number];

/** Cells a careless export, a spreadsheet or an attacker may leave behind. */
const NASTY = [
  '', ' ', '<', '< ', '<LOQ', 'n.d.', '-0', '-5', '0', '-0,0', '1e308', '1e306', '1e309', '-1e309', '9'.repeat(400), '1,2,3', '1.2.3', '1.234,5.6',
  'NaN', 'Infinity', '-Infinity', 'null', 'undefined', 'true', "=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1:A9)',
  '\t=1', '"', '""', '"x"', "'", '\\', '\u0000', '\u0007', '\u0008', '\u001b[31mred', '\u202e', '\ufeff', '\u00a0', '\u2028', '\r', '\n', '\r\n', '😀', 'Ω', '漢字', 'Å',
  '2020-02-30', '2021-02-29', '31/31/2020', '02/03/2020', '09/14/2020', '14/09/2020', '2020-09-14T25:00', '9999-99-99', '1899-12-31', '20201340',
  'Kokain', 'µg/L', 'kg/l', 'L/s', '<0', '<-1', '< 1e400', '1 0', '0x10', '1_000', '١٢٣', '１２３', '½', '1/2', '10%', '≈5', '>5', '5±1',
  'ej påvisad', 'n.d', 'x'.repeat(300), '<script>alert(1)</script>', "'; drop table measurements; --", '%s%s%n', '${7*7}', '../../etc/passwd',
];

const DAY_MS = 86_400_000;
const DAY0 = Date.UTC(1990, 0, 1);
const MAX_DAY = Math.floor((Date.UTC(2100, 11, 30) - DAY0) / DAY_MS);
const isoDay = (n: number) => new Date(DAY0 + n * DAY_MS).toISOString().slice(0, 10);
const pad2 = (n: number) => String(n).padStart(2, '0');

/** An exact decimal: mantissa × 10^-decimals. */
interface Dec { m: number; d: number }
function canon(x: Dec): string {
  const s = String(x.m).padStart(x.d + 1, '0');
  return x.d === 0 ? s : `${s.slice(0, s.length - x.d)}.${s.slice(s.length - x.d)}`;
}
/** Written with the file's decimal separator and, maybe, a thousands separator. */
function show(x: Dec, decimal: string, thousands: string): string {
  const [int, frac] = canon(x).split('.');
  const grouped = thousands ? int.replace(/\B(?=(\d{3})+$)/g, thousands) : int;
  return frac === undefined ? grouped : `${grouped}${decimal}${frac}`;
}
/** The same quantity in a unit 1000 times larger: shifts the decimal point three places. */
const thousandth = (x: Dec): Dec => ({ m: x.m, d: x.d + 3 });

// ---- arbitraries -------------------------------------------------------------------------------

const decArb = (maxMantissa: number, maxDecimals: number, min = 0) => fc.record({ m: fc.integer({ min, max: maxMantissa }), d: fc.integer({ min: 0, max: maxDecimals }) });

const valueArb = fc.record({
  substance: fc.nat(SUBSTANCES.length - 1),
  alias: fc.nat(),
  censor: fc.constantFrom('value', 'value', 'value', 'below', 'word'),
  conc: decArb(10_000_000, 3),
  loq: decArb(99_999, 2, 1),
  belowSpace: fc.boolean(),
  word: fc.nat(CENSOR_WORDS.length - 1),
  unit: fc.nat(CONC_UNITS.length - 1),
});

const sampleArb = fc.record({
  area: fc.nat(AREAS.length - 1),
  spelling: fc.nat(),
  day: fc.integer({ min: 0, max: MAX_DAY }),
  hour: fc.integer({ min: 0, max: 21 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
  flow: fc.option(decArb(9_999_999, 3, 1), { freq: 3 }),
  flowUnit: fc.nat(FLOW_UNITS.length - 1),
  population: fc.option(fc.integer({ min: 1, max: 3_000_000 }), { freq: 3 }),
  loq: fc.option(decArb(99_999, 2, 1), { freq: 2 }),
  unit: fc.nat(CONC_UNITS.length - 1),
  values: fc.uniqueArray(valueArb, { minLength: 1, maxLength: 5, selector: (v) => v.substance }),
});

const nameArb = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzåäöÅÄÖ -'.split('')), minLength: 1, maxLength: 12 })
  .map((s) => s.trim() || 'x');
const codeArb = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('')), minLength: 1, maxLength: 6 });

const areaRowArb = fc.record({
  code: codeArb,
  name: nameArb,
  parent: fc.nat(),
  population: fc.option(fc.integer({ min: 1, max: 3_000_000 }), { freq: 3 }),
  populationFrom: fc.option(fc.integer({ min: 0, max: MAX_DAY }), { freq: 4 }),
  municipality: fc.option(nameArb, { freq: 2 }),
  county: fc.option(nameArb, { freq: 2 }),
  aliases: fc.array(codeArb, { maxLength: 2 }),
});

const garbageArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789,.-+eE< \u00a0'.split('')), maxLength: 12 }) },
);

const mutationArb = fc.oneof(
  // benign: must not change what is stored
  fc.record({ op: fc.constant('blankLines' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 3 }), ws: fc.boolean() }),
  fc.record({ op: fc.constant('commentColumn' as const), header: fc.nat(COMMENT_HEADERS.length - 1), cells: fc.array(garbageArb, { minLength: 1, maxLength: 5 }) }),
  fc.record({ op: fc.constant('trailingDelimiter' as const) }),
  fc.record({ op: fc.constant('padCells' as const) }),
  fc.record({ op: fc.constant('repeatLine' as const), row: fc.nat() }),
  fc.record({ op: fc.constant('reorderLines' as const), a: fc.nat(), b: fc.nat() }),
  // destructive: anything may happen, except a crash or a partial write
  fc.record({ op: fc.constant('garbageCell' as const), row: fc.nat(), col: fc.nat(), text: garbageArb, quote: fc.boolean() }),
  fc.record({ op: fc.constant('truncateLine' as const), row: fc.nat(), at: fc.nat() }),
  fc.record({ op: fc.constant('dropCell' as const), row: fc.nat(), col: fc.nat() }),
  fc.record({ op: fc.constant('extraCells' as const), row: fc.nat(), cells: fc.array(garbageArb, { minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant('deleteLine' as const), row: fc.nat() }),
  fc.record({ op: fc.constant('swapWithHeader' as const), row: fc.nat() }),
  fc.record({ op: fc.constant('insertText' as const), pos: fc.nat(), text: garbageArb }),
  fc.record({ op: fc.constant('strayQuote' as const), pos: fc.nat() }),
  fc.record({ op: fc.constant('hugeCell' as const), row: fc.nat(), col: fc.nat(), size: fc.integer({ min: 1_000, max: 200_000 }), fill: fc.constantFrom('7', ' ', '(', '1 ', '<', '\u00a0', '1.', 'x', ' ('), end: fc.constantFrom('', 'x', ',5', ')') }),
  fc.record({ op: fc.constant('wrongKind' as const), kind: fc.constantFrom('lab' as const, 'flow' as const, 'areas' as const, 'reference' as const) }),
  fc.record({ op: fc.constant('replaceFile' as const), with: fc.constantFrom('empty', 'bom', 'headerOnly', 'binary', 'zip', 'pdf', 'oneCell', 'newlines', 'latin1Garbage'), bytes: fc.uint8Array({ maxLength: 64 }) }),
);
type Mutation = typeof mutationArb extends fc.Arbitrary<infer T> ? T : never;
const BENIGN = new Set(['blankLines', 'commentColumn', 'trailingDelimiter', 'padCells', 'repeatLine', 'reorderLines']);

export const caseArb = fc.record({
  kind: fc.constantFrom('lab-long' as const, 'lab-long' as const, 'lab-wide' as const, 'flow' as const, 'areas' as const),
  passKind: fc.boolean(),
  delimiter: fc.constantFrom(';', ';', ',', '\t'),
  decimalComma: fc.boolean(),
  thousands: fc.constantFrom('', '', '', ' ', '\u00a0', '\u202f'),
  encoding: fc.constantFrom('utf-8' as const, 'utf-8-bom' as const, 'latin1' as const),
  crlf: fc.boolean(),
  quoteAll: fc.boolean(),
  upperHeaders: fc.constantFrom('as-is', 'as-is', 'upper', 'lower'),
  dateStyle: fc.constantFrom(...DATE_STYLES),
  headerPick: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
  // optional columns
  withEnd: fc.boolean(),
  withSampleId: fc.boolean(),
  withLoq: fc.boolean(),
  loqUnit: fc.option(fc.nat(CONC_UNITS.length - 1), { freq: 3 }),
  withFlow: fc.boolean(),
  flowUnitPlace: fc.constantFrom('header', 'column', 'none'),
  withPopulation: fc.boolean(),
  unitPlace: fc.constantFrom('column', 'header'),
  samples: fc.array(sampleArb, { minLength: 1, maxLength: 6 }),
  areaRows: fc.array(areaRowArb, { minLength: 1, maxLength: 5 }),
  mutations: fc.array(mutationArb, { maxLength: 3 }),
  mutate: fc.constantFrom('none', 'none', 'benign', 'benign', 'poison', 'destructive', 'destructive', 'destructive'),
  poison: fc.record({ row: fc.nat(), kind: fc.constantFrom('nan' as const, 'negative' as const, 'empty' as const, 'conflict' as const) }),
  commit: fc.constantFrom(false, false, false, true),
  onConflict: fc.constantFrom('replace' as const, 'replace' as const, 'reject' as const, 'skip' as const),
  viaHttp: fc.constantFrom(false, false, true),
  fileName: fc.constantFrom('fuzz.csv', 'prover 2020.csv', '../../etc/passwd', 'a\u0000b.csv', '😀.tsv', 'upload', 'C:\\temp\\lab.csv', `${'x'.repeat(300)}.csv`),
});
export type FuzzCase = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

// ---- rendering -------------------------------------------------------------------------------

interface Line { kind: 'header' | 'data' | 'blank' | 'raw'; cells: string[]; raw?: string; id: number }

interface ExpectedMeasurement { area: string; date: string; key: string; conc: number | null; censored: boolean; loq: number | null; sampleStart: string | null | undefined; population: number | null }
interface ExpectedFlow { area: string; date: string; flow: number }
interface ExpectedArea { code: string; name: string; parent: string | null; population: number | null; municipality: string | null; county: string | null; aliases: string[] }

export interface Rendered {
  bytes: Buffer;
  text: string;
  kind: 'lab' | 'flow' | 'areas';
  /** The kind passed to the import (undefined: detected). */
  passKind: 'lab' | 'flow' | 'areas' | 'reference' | undefined;
  /** No destructive mutation: must import without errors and round-trip. */
  valid: boolean;
  mutation: 'none' | 'benign' | 'poison' | 'destructive';
  header: string[];
  poison: { line: number; column: string; codes: string[] } | null;
  measurements: ExpectedMeasurement[];
  flows: ExpectedFlow[];
  areas: ExpectedArea[];
  lineCount: number;
  /** Data lines written, and how many of them repeat another one exactly. */
  dataLines: number;
  repeats: number;
}

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length];

function dateText(style: DateStyle, day: number, h: number, mi: number, s: number): { text: string; date: string; start: string | null | undefined } {
  const iso = isoDay(day);
  const [y, m, d] = iso.split('-');
  const hm = `${pad2(h)}:${pad2(mi)}`;
  switch (style) {
    case 'iso': return { text: iso, date: iso, start: null };
    case 'isoSpace': return { text: `${iso} ${hm}`, date: iso, start: `${iso}T${hm}` };
    case 'isoT': return { text: `${iso}T${hm}`, date: iso, start: `${iso}T${hm}` };
    case 'isoTsec': return { text: `${iso}T${hm}:${pad2(s)}`, date: iso, start: `${iso}T${hm}` };
    // UTC before 22:00 is the same day in Stockholm (UTC+1 or +2); the local time is not checked.
    case 'isoZ': return { text: `${iso}T${hm}:${pad2(s)}Z`, date: iso, start: undefined };
    case 'dots': return { text: `${d}.${m}.${y}`, date: iso, start: null };
    case 'dotsTime': return { text: `${d}.${m}.${y} ${hm}`, date: iso, start: `${iso}T${hm}` };
    case 'compact': return { text: `${y}${m}${d}`, date: iso, start: null };
    case 'slashDmy': return { text: `${d}/${m}/${y}`, date: iso, start: null };
    case 'slashMdy': return { text: `${m}/${d}/${y}`, date: iso, start: null };
  }
}

/** Moves a day to the 13th–28th of its month, so that a slashed date of it is unambiguous. */
function unambiguousDay(day: number): number {
  const dt = new Date(DAY0 + day * DAY_MS);
  const d = dt.getUTCDate();
  if (d >= 13 && d <= 28) return day;
  return Math.floor((Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth(), 13 + (d % 16)) - DAY0) / DAY_MS);
}

function escapeCell(c: string, delimiter: string, quoteAll: boolean): string {
  if (quoteAll || c.includes(delimiter) || c.includes('"') || c.includes('\n') || c.includes('\r')) return `"${c.replace(/"/g, '""')}"`;
  return c;
}

function renderLines(lines: Line[], delimiter: string, quoteAll: boolean, eol: string): { text: string; lineOf: Map<number, number> } {
  let text = '';
  let line = 1;
  const lineOf = new Map<number, number>();
  for (const l of lines) {
    if (!lineOf.has(l.id)) lineOf.set(l.id, line);
    const s = l.kind === 'raw' ? l.raw! : l.kind === 'blank' ? (l.raw ?? '') : l.cells.map((c) => escapeCell(c, delimiter, quoteAll)).join(delimiter);
    text += s + eol;
    line += (s.match(/\n/g)?.length ?? 0) + 1;
  }
  return { text, lineOf };
}

/** Turns a generated case into file bytes and the values that a clean import must store. */
export function render(c: FuzzCase): Rendered {
  const delimiter = c.delimiter;
  const decimal = delimiter === ',' || !c.decimalComma ? '.' : ',';
  const th = c.thousands;
  let hp = 0;
  const header = (role: HRole, suffix = '') => {
    let h = pick(H[role], c.headerPick[hp++ % c.headerPick.length]) + suffix;
    if (c.upperHeaders === 'upper') h = h.toUpperCase();
    else if (c.upperHeaders === 'lower') h = h.toLowerCase();
    return h;
  };
  const kind = c.kind === 'areas' ? 'areas' : c.kind === 'flow' ? 'flow' : 'lab';
  const out: Rendered = {
    bytes: Buffer.alloc(0), text: '', kind, passKind: c.passKind ? kind : undefined, valid: true, mutation: 'none', header: [], poison: null,
    measurements: [], flows: [], areas: [], lineCount: 0, dataLines: 0, repeats: 0,
  };
  let id = 0;
  const lines: Line[] = [];
  const data = (cells: string[]) => lines.push({ kind: 'data', cells, id: id++ });
  /** Per data line, the column index a planted bad cell goes to, and the codes it may give. */
  const poisonTargets: { lineId: number; col: number; codes: Record<'nan' | 'negative' | 'empty', string> }[] = [];

  // Samples: unique area + date; for slashed dates the first one is unambiguous (day 13–28).
  const seen = new Set<string>();
  const samples = c.samples.map((s, i) => ({ ...s, day: c.dateStyle.startsWith('slash') && i === 0 ? unambiguousDay(s.day) : s.day }))
    .filter((s) => {
      const k = `${s.area}|${s.day}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });

  if (kind === 'lab') {
    const wide = c.kind === 'lab-wide';
    const cols: string[] = [];
    const col = (h: string) => cols.push(h) - 1;
    const areaCol = col(header('area'));
    const startCol = col(header('start'));
    const endCol = c.withEnd ? col(header('end')) : -1;
    const idCol = c.withSampleId ? col(header('sampleId')) : -1;
    const flowUnit = c.flowUnitPlace === 'header' ? FLOW_UNITS[c.samples[0].flowUnit % FLOW_UNITS.length] : null;
    const flowCol = c.withFlow ? col(header('flow', flowUnit ? ` (${flowUnit[0]})` : '')) : -1;
    const popCol = c.withPopulation ? col(header('population')) : -1;
    const loqUnit = c.loqUnit == null ? null : CONC_UNITS[c.loqUnit];
    const loqCol = c.withLoq ? col(header('loq', loqUnit ? ` (${loqUnit[0]})` : '')) : -1;
    // Units: one per value (long: in the unit column or the value header; wide: in each
    // substance header or one per line in the unit column).
    const fileUnit = CONC_UNITS[c.samples[0].unit % CONC_UNITS.length];
    const unitInHeader = c.unitPlace === 'header';
    const keys = wide ? [...new Set(samples.flatMap((s) => s.values.map((v) => v.substance)))] : [];
    const keyUnit = new Map(keys.map((k, i) => [k, unitInHeader ? pick(CONC_UNITS, c.headerPick[i % 20] + i) : null]));
    const keyCol = new Map<number, number>();
    let subCol = -1;
    let valueCol = -1;
    let unitCol = -1;
    if (wide) {
      for (const k of keys) {
        const alias = pick(SUBSTANCES[k].aliases, c.headerPick[(k + 3) % 20]);
        const u = keyUnit.get(k);
        const style = c.headerPick[(k + 7) % 20] % 3;
        keyCol.set(k, col(u ? (style === 0 ? `${alias} (${u[0]})` : style === 1 ? `${alias} [${u[0]}]` : `${alias} ${u[0]}`) : alias));
      }
    } else {
      subCol = col(header('substance'));
      valueCol = col(header('value', unitInHeader ? ` (${fileUnit[0]})` : ''));
    }
    if (!unitInHeader) unitCol = col(header('unit'));
    out.header = cols;
    lines.push({ kind: 'header', cells: cols, id: id++ });

    for (const s of samples) {
      const area = AREAS[s.area];
      const start = dateText(c.dateStyle, s.day, s.hour, s.minute, s.second);
      const end = dateText(c.dateStyle, s.day + 1, s.hour, s.minute, s.second);
      const flowText = flowCol >= 0 && s.flow ? show(s.flow, decimal, th) : '';
      if (flowText) out.flows.push({ area: area.code, date: start.date, flow: Number(canon(s.flow!)) * (flowUnit?.[1] ?? 1) });
      const popText = popCol >= 0 && s.population ? show({ m: s.population, d: 0 }, decimal, th) : '';
      const newCells = () => {
        const cells = new Array<string>(cols.length).fill('');
        cells[areaCol] = pick(area.spellings, s.spelling);
        cells[startCol] = start.text;
        if (endCol >= 0) cells[endCol] = end.text;
        if (idCol >= 0) cells[idCol] = `P-${s.day}-${s.area}`;
        if (flowCol >= 0) cells[flowCol] = flowText;
        if (popCol >= 0) cells[popCol] = popText;
        return cells;
      };
      /**
       * Writes one value in `unit`; `loqNgL` is what the line's LOQ cell means for it (null: no
       * LOQ cell). Records what must be stored and returns the cell text.
       */
      const valueCell = (v: (typeof s.values)[number], unit: [string, 1 | 1000], loqNgL: number | null): string => {
        const inUnit = (x: Dec) => (unit[1] === 1000 ? thousandth(x) : x);
        const censor = v.censor === 'word' && loqNgL == null ? 'below' : v.censor;
        let text: string;
        let expected: Pick<ExpectedMeasurement, 'conc' | 'censored' | 'loq'>;
        if (censor === 'value') {
          text = show(inUnit(v.conc), decimal, th);
          expected = { conc: Number(canon(v.conc)), censored: false, loq: loqNgL };
        } else if (censor === 'below') {
          // "<x": the limit is x in the value's unit, whatever the LOQ column says.
          text = `<${v.belowSpace ? ' ' : ''}${show(inUnit(v.loq), decimal, th)}`;
          expected = { conc: null, censored: true, loq: Number(canon(v.loq)) };
        } else {
          text = CENSOR_WORDS[v.word];
          expected = { conc: null, censored: true, loq: loqNgL };
        }
        out.measurements.push({ area: area.code, date: start.date, key: SUBSTANCES[v.substance].key, ...expected, sampleStart: start.start, population: popText ? s.population : null });
        return text;
      };
      /** The LOQ cell for `loq` (ng/L), written in the LOQ header's unit or else in `unit`. */
      const loqCell = (loq: Dec, unit: [string, 1 | 1000]) => show((loqUnit ?? unit)[1] === 1000 ? thousandth(loq) : loq, decimal, th);
      if (wide) {
        const cells = newCells();
        const lineUnit = CONC_UNITS[s.unit];
        const loq = loqCol >= 0 ? s.loq : null;
        if (loq) {
          // One LOQ cell for the line. Without a unit of its own it is read in each value's
          // unit: with per-substance header units the same number means number × factor.
          cells[loqCol] = loqCell(loq, unitInHeader ? ['ng/L', 1] : lineUnit);
        }
        const byKey = new Map(s.values.map((v) => [v.substance, v]));
        for (const k of keys) {
          const v = byKey.get(k);
          if (!v) continue; // not analysed: empty cell
          const unit = keyUnit.get(k) ?? lineUnit;
          const loqNgL = !loq ? null : loqUnit || !unitInHeader ? Number(canon(loq)) : Number(canon(loq)) * unit[1];
          cells[keyCol.get(k)!] = valueCell(v, unit, loqNgL);
        }
        if (unitCol >= 0) cells[unitCol] = lineUnit[0];
        data(cells);
        poisonTargets.push({ lineId: id - 1, col: keyCol.get(keys.find((k) => byKey.has(k))!)!, codes: { nan: 'not_a_number', negative: 'negative_value', empty: 'missing_value' } });
        out.dataLines += 1;
      } else {
        for (const v of s.values) {
          const cells = newCells();
          cells[subCol] = pick(SUBSTANCES[v.substance].aliases, v.alias);
          const unit = unitInHeader ? fileUnit : CONC_UNITS[v.unit];
          const loq = loqCol >= 0 ? v.loq : null;
          if (loq) cells[loqCol] = loqCell(loq, unit);
          cells[valueCol] = valueCell(v, unit, loq ? Number(canon(loq)) : null);
          if (unitCol >= 0) cells[unitCol] = unit[0];
          data(cells);
          poisonTargets.push({ lineId: id - 1, col: valueCol, codes: { nan: 'not_a_number', negative: 'negative_value', empty: 'missing_value' } });
          out.dataLines += 1;
        }
      }
    }
  } else if (kind === 'flow') {
    const unitPlace = c.flowUnitPlace;
    const hu = FLOW_UNITS[c.samples[0].flowUnit % FLOW_UNITS.length];
    const cols = [header('area'), header('start'), header('flow', unitPlace === 'header' ? ` (${hu[0]})` : '')];
    if (unitPlace === 'column') cols.push(header('unit'));
    out.header = cols;
    lines.push({ kind: 'header', cells: cols, id: id++ });
    for (const s of samples) {
      const area = AREAS[s.area];
      const d = dateText(c.dateStyle, s.day, s.hour, s.minute, s.second);
      const q = s.flow ?? { m: s.day + 1, d: 0 };
      const u = unitPlace === 'header' ? hu : unitPlace === 'column' ? FLOW_UNITS[s.flowUnit] : ['m3/d', 1] as [string, number];
      const cells = [pick(area.spellings, s.spelling), d.text, show(q, decimal, th)];
      if (unitPlace === 'column') cells.push(u[0]);
      out.flows.push({ area: area.code, date: d.date, flow: Number(canon(q)) * u[1] });
      data(cells);
      poisonTargets.push({ lineId: id - 1, col: 2, codes: { nan: 'not_a_number', negative: 'negative_value', empty: 'missing_value' } });
      out.dataLines += 1;
    }
  } else {
    const roles: HRole[] = ['code', 'name', 'parent', 'population', 'populationFrom', 'municipality', 'county', 'aliases'];
    const cols = roles.map((r) => header(r));
    out.header = cols;
    lines.push({ kind: 'header', cells: cols, id: id++ });
    const codes: string[] = [];
    const usedCodes = new Set<string>();
    for (const r of c.areaRows) {
      const code = `FZ-${r.code}`;
      if (usedCodes.has(code)) continue;
      usedCodes.add(code);
      // A parent from earlier in the file, the sample plant, or none.
      const parent = r.parent % 3 === 0 ? null : r.parent % 3 === 1 ? 'EXS-ARV' : codes.length ? codes[r.parent % codes.length] : null;
      codes.push(code);
      const name = `Fuzz ${r.name}`;
      const aliases = [...new Set(r.aliases.map((a) => `FZA-${a}`))];
      const popFrom = r.populationFrom == null ? '' : dateText(pick(['iso', 'dots', 'compact'] as const, r.populationFrom), r.populationFrom, 0, 0, 0).text;
      data([code, name, parent ?? '', r.population ? show({ m: r.population, d: 0 }, decimal, th) : '', r.population ? popFrom : '', r.municipality ?? '', r.county ?? '', aliases.join(r.code.length % 2 ? '|' : ';')]);
      poisonTargets.push({ lineId: id - 1, col: 3, codes: { nan: 'not_a_number', negative: 'negative_value', empty: 'missing_value' } });
      out.areas.push({ code, name, parent, population: r.population, municipality: r.municipality, county: r.county, aliases });
      out.dataLines += 1;
    }
  }

  // ---- mutations ----
  out.mutation = c.mutate === 'none' ? 'none' : c.mutate as Rendered['mutation'];
  const mutations: Mutation[] = c.mutate === 'benign' ? c.mutations.filter((m) => BENIGN.has(m.op)) : c.mutate === 'destructive' ? c.mutations : [];
  if (c.mutate === 'destructive' && !mutations.some((m) => !BENIGN.has(m.op))) {
    mutations.push({ op: 'garbageCell', row: c.poison.row, col: c.headerPick[0], text: NASTY[c.headerPick[1] % NASTY.length], quote: c.quoteAll });
  }
  if (c.mutate === 'poison' && poisonTargets.length) {
    const t = pick(poisonTargets, c.poison.row);
    const at = lines.findIndex((l) => l.id === t.lineId);
    const line = lines[at];
    if (c.poison.kind === 'conflict') {
      // The same line again with another value (another name, for an area): a conflicting
      // duplicate, reported on the second line, in the value's column (the code's, for an area).
      const again: Line = { kind: 'data', cells: [...line.cells], id: id++ };
      const col = kind === 'areas' ? 1 : t.col;
      again.cells[col] = kind === 'areas' ? 'Fuzz another name' : '7654321';
      lines.splice(at + 1, 0, again);
      // When the first line already conflicts with a stored value (onConflict=reject), both lines
      // get conflict_existing: neither is written, so the in-file conflict is not seen.
      out.poison = { line: again.id, column: out.header[kind === 'areas' ? 0 : t.col], codes: ['conflicting_duplicate', 'conflict_existing'] };
    } else {
      const kindOfPoison = c.poison.kind === 'empty' && (c.kind === 'lab-wide' || c.kind === 'areas') ? 'nan' : c.poison.kind;
      line.cells[t.col] = kindOfPoison === 'nan' ? 'xyz' : kindOfPoison === 'negative' ? (decimal === ',' ? '-5,5' : '-5.5') : '';
      out.poison = { line: t.lineId, column: out.header[t.col], codes: [t.codes[kindOfPoison]] };
    }
  }
  let passKind = out.passKind;
  let textMutations: Mutation[] = [];
  const dataIdx = () => lines.map((l, i) => (l.kind === 'data' ? i : -1)).filter((i) => i >= 0);
  for (const m of mutations) {
    switch (m.op) {
      case 'blankLines': {
        const at = m.at % (lines.length + 1);
        for (let i = 0; i < m.n; i++) lines.splice(at, 0, { kind: 'blank', cells: [], raw: m.ws ? (i % 2 ? '   ' : ' \t ') : '', id: id++ });
        break;
      }
      case 'commentColumn': {
        // A repeated header is an error of its own (issue 16: duplicate_column), so a second comment
        // column of the same name is numbered, as a lab's export would.
        const base = COMMENT_HEADERS[m.header];
        let name = base;
        for (let k = 2; out.header.includes(name); k++) name = `${base} ${k}`;
        let i = 0;
        for (const l of lines) {
          if (l.kind === 'header') l.cells.push(name);
          else if (l.kind === 'data') l.cells.push(m.cells[i++ % m.cells.length].replace(/\u0000/g, ''));
        }
        out.header = [...out.header, name];
        break;
      }
      case 'trailingDelimiter':
        for (const l of lines) if (l.kind === 'header' || l.kind === 'data') l.cells.push('');
        break;
      case 'padCells':
        for (const l of lines) if (l.kind === 'header' || l.kind === 'data') l.cells = l.cells.map((x) => (x === '' ? x : ` ${x}  `));
        break;
      case 'repeatLine': {
        const d = dataIdx();
        if (!d.length) break;
        const src = lines[pick(d, m.row)];
        lines.splice(pick(d, m.row) + 1, 0, { ...src, cells: [...src.cells], id: id++ });
        out.repeats += 1;
        break;
      }
      case 'reorderLines': {
        const d = dataIdx();
        if (d.length < 2) break;
        const a = pick(d, m.a), b = pick(d, m.b);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        break;
      }
      case 'garbageCell': {
        const d = [...dataIdx(), lines.findIndex((l) => l.kind === 'header')].filter((i) => i >= 0);
        if (!d.length) break;
        const l = lines[pick(d, m.row)];
        if (l.cells.length) l.cells[m.col % l.cells.length] = m.text;
        break;
      }
      case 'dropCell': {
        const d = dataIdx();
        if (!d.length) break;
        const l = lines[pick(d, m.row)];
        l.cells.splice(m.col % Math.max(1, l.cells.length), 1);
        break;
      }
      case 'extraCells': {
        const d = dataIdx();
        if (d.length) lines[pick(d, m.row)].cells.push(...m.cells);
        break;
      }
      case 'deleteLine': {
        if (lines.length) lines.splice(m.row % lines.length, 1);
        break;
      }
      case 'swapWithHeader': {
        const h = lines.findIndex((l) => l.kind === 'header');
        const d = dataIdx();
        if (h >= 0 && d.length) {
          const j = pick(d, m.row);
          [lines[h], lines[j]] = [lines[j], lines[h]];
        }
        break;
      }
      case 'hugeCell': {
        const d = [...dataIdx(), lines.findIndex((l) => l.kind === 'header')].filter((i) => i >= 0);
        if (!d.length) break;
        if (!d.length) break;
        const l = lines[pick(d, m.row)];
        if (l.cells.length) l.cells[m.col % l.cells.length] = m.fill.repeat(Math.ceil(m.size / m.fill.length)) + m.end;
        break;
      }
      case 'wrongKind':
        passKind = m.kind;
        break;
      default:
        textMutations.push(m);
    }
  }
  out.passKind = passKind;
  const eol = c.crlf ? '\r\n' : '\n';
  const { text: rendered, lineOf } = renderLines(lines, delimiter, c.quoteAll, eol);
  let text = rendered;
  for (const m of textMutations) {
    switch (m.op) {
      case 'truncateLine': {
        const starts = [0, ...[...text.matchAll(/\n/g)].map((x) => x.index! + 1)].filter((p) => p < text.length);
        const s = pick(starts, m.row);
        const e = text.indexOf('\n', s);
        const cut = s + (m.at % Math.max(1, (e < 0 ? text.length : e) - s));
        text = text.slice(0, cut) + (e < 0 ? '' : text.slice(e));
        break;
      }
      case 'insertText': {
        const p = m.pos % (text.length + 1);
        text = text.slice(0, p) + m.text + text.slice(p);
        break;
      }
      case 'strayQuote': {
        const p = m.pos % (text.length + 1);
        text = text.slice(0, p) + '"' + text.slice(p);
        break;
      }
      default:
        break;
    }
  }
  textMutations = mutations.filter((m) => m.op === 'replaceFile');
  let bytes: Buffer | null = null;
  for (const m of textMutations) {
    if (m.op !== 'replaceFile') continue;
    switch (m.with) {
      case 'empty': text = ''; break;
      case 'bom': text = '\ufeff'; break;
      case 'headerOnly': text = out.header.join(delimiter) + eol; break;
      case 'oneCell': text = 'x'; break;
      case 'newlines': text = '\n\r\n\n  \n'; break;
      case 'binary': bytes = Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from(m.bytes)]); break;
      case 'zip': bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(m.bytes)]); break;
      case 'pdf': bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(m.bytes)]); break;
      case 'latin1Garbage': bytes = Buffer.from(m.bytes.map((b) => (b === 0 ? 0xe4 : b))); break;
    }
  }
  out.valid = c.mutate === 'none' || c.mutate === 'benign';
  if (out.poison) {
    out.poison.line = lineOf.get(out.poison.line)!;
  }
  out.text = text;
  if (!bytes) {
    // Latin-1 only when every character has a Latin-1 byte (else it would not be the same text).
    const latin1 = c.encoding === 'latin1' && [...text].every((ch) => ch.charCodeAt(0) <= 0xff);
    bytes = latin1 ? Buffer.from(text, 'latin1') : Buffer.from((c.encoding === 'utf-8-bom' ? '\ufeff' : '') + text, 'utf8');
  }
  out.bytes = bytes;
  out.lineCount = (bytes.toString('latin1').match(/\n/g)?.length ?? 0) + 1;
  return out;
}

// ---- running and checking -------------------------------------------------------------------

// Errors about the file as a whole (API.md: no_data and nothing_new refuse a file; no_areas asks for the areas file first).
const FILE_LEVEL = new Set(['unreadable_file', 'already_imported', 'busy', 'no_data', 'nothing_new', 'no_areas', 'not_allowed']);
const HEADER_LEVEL = new Set(['missing_column', 'unknown_unit']);

function tableCounts(ctx: AppContext): Record<string, number> {
  const one = (sql: string) => (ctx.sqlite.prepare(sql).get() as { n: number }).n;
  return {
    measurements: one('select count(*) n from measurements'),
    measurementsActive: one('select coalesce(sum(active), 0) n from measurements'),
    flows: one('select count(*) n from daily_flows'),
    flowsActive: one('select coalesce(sum(active), 0) n from daily_flows'),
    batches: one('select count(*) n from import_batches'),
    areas: one('select count(*) n from areas'),
    populations: one('select count(*) n from area_populations'),
    aliases: one('select count(*) n from area_aliases'),
    audit: one('select count(*) n from audit_log'),
  };
}

function dirSize(dir: string): number {
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
}

const close = (a: number | null, b: number | null, rel: number) => a === b || (a != null && b != null && Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)));

export interface CaseResult {
  status: number;
  kind: string;
  mutation: Rendered['mutation'];
  via: 'direct' | 'http';
  committed: boolean;
  roundTripped: number;
  violations: string[];
}

let uploadCounter = 0;

/** A case (files up to ~400 KB) must finish in this time: catches super-linear parsing (ReDoS). */
export const MAX_CASE_MS = Number(process.env.FUZZ_MAX_CASE_MS ?? 20_000);

/** Runs one case through the use case or HTTP and checks every property. Never throws. */
export async function checkCase(env: FuzzEnv, c: FuzzCase): Promise<CaseResult> {
  const t0 = Date.now();
  const foreignBefore = env.foreign?.();
  const res = await checkCaseUntimed(env, c);
  // Another organisation's rows (county, sibling) never change, whatever our file says.
  if (foreignBefore) {
    const after = env.foreign!();
    for (const [k, n] of Object.entries(foreignBefore)) if (after[k] !== n) res.violations.push(`another organisation's ${k} went from ${n} to ${after[k]}`);
  }
  const ms = Date.now() - t0;
  if (ms > MAX_CASE_MS) res.violations.push(`took ${ms} ms (limit ${MAX_CASE_MS} ms)`);
  return res;
}

async function checkCaseUntimed(env: FuzzEnv, c: FuzzCase): Promise<CaseResult> {
  const r = render(c);
  const violations: string[] = [];
  const v = (msg: string) => violations.push(msg);
  const result: CaseResult = { status: 0, kind: r.kind, mutation: r.mutation, via: c.viaHttp ? 'http' : 'direct', committed: false, roundTripped: 0, violations };
  const before = tableCounts(env.ctx);
  const originalsBefore = dirSize(path.join(env.ctx.config.dataDir, 'originals'));
  let report: ImportReport;
  let status: number;
  const dryRun = !c.commit;
  try {
    if (c.viaHttp) {
      const q = new URLSearchParams({ dryRun: String(dryRun), onConflict: c.onConflict });
      if (r.passKind) q.set('kind', r.passKind);
      const res = await upload(env.app, env.session, { name: c.fileName, bytes: r.bytes }, q.toString());
      status = res.status;
      const body = await res.json().catch(() => null);
      if (!body) { v(`HTTP ${status} without a JSON body`); return result; }
      report = status === 409 ? body.report : status === 422 ? body.report : body;
      if (status === 409 && !body.existingBatchId) v('409 without existingBatchId');
      if (status === 422 && !Array.isArray(body.errors)) v('422 without errors[]');
      if (report?.fileName !== undefined && /[\u0000-\u001f/\\]/.test(report.fileName)) v(`unsafe fileName in report: ${JSON.stringify(report.fileName)}`);
    } else {
      const file = path.join(env.ctx.config.dataDir, 'uploads', `fuzz-${process.pid}-${uploadCounter++}.part`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, r.bytes);
      let outcome: ImportOutcome;
      try {
        outcome = await runImport(env.ctx, {
          filePath: file, fileName: c.fileName || 'fuzz.csv', kind: r.passKind, dryRun, onConflict: c.onConflict,
          organisationId: env.organisationId, organisationIds: [env.organisationId], actor: { userId: env.userId, email: 'fuzz@example.se' }, mayImportReference: !env.foreign,
        });
      } finally {
        fs.rmSync(file, { force: true });
      }
      status = IMPORT_STATUS[outcome.outcome];
      report = outcome.report;
      if (outcome.outcome === 'already_imported' && !outcome.existingBatchId) v('409 without existingBatchId');
    }
  } catch (e) {
    v(`threw: ${(e as Error).stack ?? e}`);
    return result;
  }
  result.status = status;
  if (!report || typeof report !== 'object' || !Array.isArray(report.issues)) {
    v(`status ${status} without a report: ${JSON.stringify(report)?.slice(0, 500)}`);
    return result;
  }

  // status
  const allowed = dryRun ? [200, 409, 422] : [201, 409, 422];
  if (!allowed.includes(status)) v(`status ${status} (dryRun=${dryRun}) not in ${allowed.join('/')}`);
  const errors = report.issues.filter((i) => i.severity === 'error');
  if (status === 201 && errors.length) v(`201 with errors: ${JSON.stringify(errors.slice(0, 2))}`);
  if (status === 422 && errors.length === 0 && report.issuesOmitted === 0) v('422 without an error issue');
  if (status === 200 && report.wouldCommit !== (errors.length === 0 && report.issuesOmitted === 0)) v(`wouldCommit=${report.wouldCommit} with ${errors.length} errors`);
  if (status === 201 && (!report.committed || typeof report.id !== 'number')) v('201 without committed batch id');

  // issues
  const headerCells = new Set(r.header.map((h) => h.trim()));
  for (const i of report.issues) {
    if (i.severity !== 'error' && i.severity !== 'warning') v(`issue severity ${i.severity}`);
    if (typeof i.message !== 'string' || i.message.length < 5) v(`issue without a message: ${JSON.stringify(i)}`);
    if (i.severity !== 'error') continue;
    if (i.row === null) {
      if (!FILE_LEVEL.has(i.code)) v(`error ${i.code} without a row: ${i.message}`);
      continue;
    }
    if (!Number.isInteger(i.row) || i.row < 1) v(`error ${i.code} with row ${i.row}`);
    else if (i.row > r.lineCount) v(`error ${i.code} at row ${i.row}, beyond the file's ${r.lineCount} lines`);
    if (FILE_LEVEL.has(i.code)) continue;
    const headerLevel = i.row === 1 && HEADER_LEVEL.has(i.code);
    if (!headerLevel && (typeof i.column !== 'string' || i.column === '')) v(`error ${i.code} at row ${i.row} without a column`);
    // The column is the header text as written (when we know the header: no destructive mutation).
    if (!headerLevel && r.mutation !== 'destructive' && i.column != null && !headerCells.has(i.column)) {
      v(`error ${i.code} at row ${i.row} names column ${JSON.stringify(i.column)}, not a header of the file (${[...headerCells].join(' | ')})`);
    }
  }

  // counts
  const k = report.counts;
  for (const [name, n] of Object.entries(k)) if (!Number.isInteger(n) || n < 0) v(`count ${name} = ${n}`);
  if ((report.kind === 'lab' || report.kind === 'flow') && k.values !== k.accepted + k.rejected + k.duplicates) {
    v(`counts do not add up: values ${k.values} ≠ accepted ${k.accepted} + rejected ${k.rejected} + duplicates ${k.duplicates}`);
  }

  // no partial writes: tables, kept originals, upload leftovers
  const after = tableCounts(env.ctx);
  const originalsAfter = dirSize(path.join(env.ctx.config.dataDir, 'originals'));
  if (dirSize(path.join(env.ctx.config.dataDir, 'uploads')) !== 0) v('an upload was left behind in DATA_DIR/uploads');
  if (status !== 201) {
    // A refused commit (422 through HTTP) leaves one audit row (import_rejected: the attempt is
    // listed in the import history, issue 14); every data table stays as it was.
    const auditGrowth = status === 422 && !dryRun && c.viaHttp ? 1 : 0;
    const expected = { ...before, audit: before.audit + auditGrowth };
    if (JSON.stringify(after) !== JSON.stringify(expected)) v(`status ${status} changed tables: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    if (originalsAfter !== originalsBefore) v(`status ${status} kept an original file`);
  } else {
    result.committed = true;
    if (after.batches !== before.batches + 1) v(`201 wrote ${after.batches - before.batches} batches`);
    storedSanely(env, report.id!, v);
  }

  // planted bad cell. With onConflict=skip a planted contradiction is reported too (the writer
  // remembers what skipped lines said), but it may be reported on the other line of the pair.
  const skipMayMoveConflict = c.poison.kind === 'conflict' && c.onConflict === 'skip' && r.kind !== 'areas';
  if (r.poison && !skipMayMoveConflict) {
    const hit = errors.some((e) => e.row === r.poison!.line && e.column === r.poison!.column.trim() && r.poison!.codes.includes(e.code));
    if (!hit && status !== 409) v(`planted bad cell at line ${r.poison.line}, column ${JSON.stringify(r.poison.column)} not reported: ${JSON.stringify(errors.slice(0, 3))}`);
    if (status === 201 || (status === 200 && report.wouldCommit)) v('a file with a bad cell would be committed');
  }

  // valid files: no errors (except conflicts with earlier commits), and round-trip when committed
  if (r.valid && status !== 409) {
    // nothing_new (issue 14): every value is already stored, by an earlier case on the same database.
    const unexpected = errors.filter((e) => !(e.code === 'conflict_existing' && c.onConflict === 'reject') && e.code !== 'nothing_new');
    if (unexpected.length) v(`valid ${c.kind} file rejected: ${JSON.stringify(unexpected.slice(0, 3))}`);
    if (report.kind !== r.kind) v(`kind ${report.kind}, generated ${r.kind}`);
    if (report.format && report.format.delimiter !== c.delimiter) v(`delimiter ${JSON.stringify(report.format.delimiter)}, generated ${JSON.stringify(c.delimiter)}`);
    if (r.kind === 'lab' && unexpected.length === 0 && r.repeats === 0 && k.values !== r.measurements.length) v(`counts.values ${k.values}, generated ${r.measurements.length}`);
    if (r.kind === 'lab' && unexpected.length === 0 && r.repeats === 0 && k.censored !== r.measurements.filter((m) => m.censored).length) v(`counts.censored ${k.censored}, generated ${r.measurements.filter((m) => m.censored).length}`);
    // The report's period, areas and substances are those of the generated values.
    const dated = r.kind === 'lab' ? r.measurements : r.kind === 'flow' ? r.flows : [];
    if (dated.length && unexpected.length === 0) {
      const dates = dated.map((x) => x.date).sort();
      if (report.period.from !== dates[0] || report.period.to !== dates[dates.length - 1]) v(`period ${JSON.stringify(report.period)}, generated ${dates[0]}…${dates[dates.length - 1]}`);
      const areas = [...new Set(dated.map((x) => x.area))].sort();
      if (JSON.stringify(report.areas) !== JSON.stringify(areas)) v(`areas ${JSON.stringify(report.areas)}, generated ${JSON.stringify(areas)}`);
      const keys = [...new Set(r.measurements.map((x) => x.key))].sort();
      if (JSON.stringify(report.substances) !== JSON.stringify(keys)) v(`substances ${JSON.stringify(report.substances)}, generated ${JSON.stringify(keys)}`);
    }
    // With onConflict=skip, stored values that differ stay: nothing to compare value by value.
    if (status === 201 && c.onConflict !== 'skip') result.roundTripped = await roundTrip(env, r, c.viaHttp, v);
  }
  return result;
}

const realDate = (d: unknown) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/** Whatever a commit stored, even from a mangled file, is a sane value (no NaN, Infinity, negative, or bad date). */
function storedSanely(env: FuzzEnv, batchId: number, v: (m: string) => void): void {
  const ms = env.ctx.sqlite.prepare('select * from measurements where batch_id = ?').all(batchId) as Record<string, any>[];
  for (const m of ms) {
    const c = m.concentration_ng_l;
    const what = `stored measurement ${JSON.stringify(m).slice(0, 300)}`;
    if (m.censored === 1 ? c !== null || !(m.loq_ng_l > 0 && Number.isFinite(m.loq_ng_l)) : !(typeof c === 'number' && Number.isFinite(c) && c >= 0)) v(`${what}: bad value/censoring`);
    if (m.loq_ng_l !== null && !(Number.isFinite(m.loq_ng_l) && m.loq_ng_l > 0)) v(`${what}: bad LOQ`);
    if (!realDate(m.date)) v(`${what}: bad date`);
    if (m.population !== null && !(Number.isSafeInteger(m.population) && m.population > 0)) v(`${what}: bad population`);
  }
  const fs_ = env.ctx.sqlite.prepare('select * from daily_flows where batch_id = ?').all(batchId) as Record<string, any>[];
  for (const f of fs_) {
    if (!(Number.isFinite(f.flow_m3_per_day) && f.flow_m3_per_day > 0) || !realDate(f.date)) v(`stored flow ${JSON.stringify(f).slice(0, 300)}: bad`);
  }
  const pops = env.ctx.sqlite.prepare('select p.* from area_populations p').all() as Record<string, any>[];
  for (const p of pops) {
    if (!(Number.isSafeInteger(p.population) && p.population > 0) || !realDate(p.valid_from)) v(`stored population ${JSON.stringify(p)}: bad`);
  }
}

/** After a commit: every generated value is stored, active, equal to what was generated. */
async function roundTrip(env: FuzzEnv, r: Rendered, viaHttp: boolean, v: (m: string) => void): Promise<number> {
  const db = env.ctx.sqlite;
  let n = 0;
  if (r.kind === 'lab') {
    let rows: { area: string; date: string; substance: string; concentrationNgL: number | null; censored: boolean; loqNgL: number | null; sampleStart: string | null; population: number | null }[];
    if (viaHttp) {
      rows = [];
      for (const area of new Set(r.measurements.map((m) => m.area))) {
        const dates = r.measurements.filter((m) => m.area === area).map((m) => m.date).sort();
        rows.push(...await allMeasurements(env.app, env.session, `area=${area}&from=${dates[0]}&to=${dates[dates.length - 1]}`));
      }
    } else {
      rows = (db.prepare(
        `select a.code area, m.date, m.substance_key substance, m.concentration_ng_l concentrationNgL, m.censored, m.loq_ng_l loqNgL, m.sample_start sampleStart, m.population
         from measurements m join areas a on a.id = m.area_id where m.active = 1 and a.code in ('EXS-ARV','EXS-CEN','EXS-NOR') and m.date in (${r.measurements.map(() => '?').join(',')})`,
      ).all(...r.measurements.map((m) => m.date)) as any[]).map((x) => ({ ...x, censored: x.censored === 1 }));
    }
    const byKey = new Map(rows.map((x) => [`${x.area}|${x.date}|${x.substance}`, x]));
    for (const m of r.measurements) {
      const got = byKey.get(`${m.area}|${m.date}|${m.key}`);
      const where = `${m.area} ${m.date} ${m.key}`;
      if (!got) { v(`round-trip: ${where} missing`); continue; }
      if (got.censored !== m.censored) v(`round-trip: ${where} censored ${got.censored}, generated ${m.censored}`);
      if (!close(got.concentrationNgL, m.conc, 1e-12)) v(`round-trip: ${where} concentration ${got.concentrationNgL}, generated ${m.conc}`);
      if (!close(got.loqNgL, m.loq, 1e-12)) v(`round-trip: ${where} LOQ ${got.loqNgL}, generated ${m.loq}`);
      if (m.sampleStart !== undefined && got.sampleStart !== m.sampleStart) v(`round-trip: ${where} sampleStart ${got.sampleStart}, generated ${m.sampleStart}`);
      if (m.population != null && got.population !== m.population) v(`round-trip: ${where} population ${got.population}, generated ${m.population}`);
      n += 1;
    }
  }
  for (const f of r.flows) {
    const got = db.prepare('select f.flow_m3_per_day q from daily_flows f join areas a on a.id = f.area_id where a.code = ? and f.date = ? and f.active = 1').get(f.area, f.date) as { q: number } | undefined;
    if (!got) v(`round-trip: flow ${f.area} ${f.date} missing`);
    else if (!close(got.q, f.flow, 1e-9)) v(`round-trip: flow ${f.area} ${f.date} = ${got.q}, generated ${f.flow}`);
    else n += 1;
  }
  for (const a of r.areas) {
    const got = db.prepare('select id, name, parent_code, municipality, county from areas where code = ?').get(a.code) as { id: number; name: string; parent_code: string | null; municipality: string | null; county: string | null } | undefined;
    if (!got) { v(`round-trip: area ${a.code} missing`); continue; }
    if (got.name !== a.name || got.parent_code !== a.parent || got.municipality !== a.municipality || got.county !== a.county) {
      v(`round-trip: area ${a.code} stored ${JSON.stringify(got)}, generated ${JSON.stringify(a)}`);
    }
    if (a.population != null && !db.prepare('select 1 from area_populations where area_id = ? and population = ?').get(got.id, a.population)) v(`round-trip: area ${a.code} population ${a.population} missing`);
    for (const al of a.aliases) if (!db.prepare('select 1 from area_aliases where area_id = ? and alias = ?').get(got.id, al)) v(`round-trip: area ${a.code} alias ${al} missing`);
    n += 1;
  }
  return n;
}

// ---- driving fast-check ----------------------------------------------------------------------

export interface FuzzSummary {
  cases: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  byMutation: Record<string, number>;
  committed: number;
  roundTrippedValues: number;
  viaHttp: number;
  failures: { case: FuzzCase; violations: string[] }[];
  ms: number;
}

export interface FuzzOptions {
  runs: number;
  seed?: number;
  /** 'assert': stop at the first failure and shrink it (for vitest); 'collect': run every case and gather failures. */
  mode?: 'assert' | 'collect';
  onProgress?: (s: FuzzSummary) => void;
}

export async function fuzzImports(env: FuzzEnv, o: FuzzOptions): Promise<FuzzSummary> {
  const t0 = Date.now();
  const s: FuzzSummary = { cases: 0, byStatus: {}, byKind: {}, byMutation: {}, committed: 0, roundTrippedValues: 0, viaHttp: 0, failures: [], ms: 0 };
  const inc = (m: Record<string, number>, key: string) => { m[key] = (m[key] ?? 0) + 1; };
  const prop = fc.asyncProperty(caseArb, async (c) => {
    const res = await checkCase(env, c);
    s.cases += 1;
    inc(s.byStatus, String(res.status));
    inc(s.byKind, `${res.kind}${c.kind === 'lab-wide' ? ' (wide)' : ''}`);
    inc(s.byMutation, res.mutation);
    if (res.committed) s.committed += 1;
    if (res.via === 'http') s.viaHttp += 1;
    s.roundTrippedValues += res.roundTripped;
    if (res.violations.length) {
      if (s.failures.length < 50) s.failures.push({ case: c, violations: res.violations });
      if (o.mode !== 'collect') throw new Error(res.violations.join('\n'));
    }
    if (o.onProgress && s.cases % 500 === 0) o.onProgress(s);
  });
  // Shrinking a failure replays cases against a database that earlier cases changed; cap its time.
  await fc.assert(prop, { numRuns: o.runs, seed: o.seed, verbose: 1, interruptAfterTimeLimit: o.mode === 'collect' ? undefined : 120_000 });
  s.ms = Date.now() - t0;
  return s;
}
