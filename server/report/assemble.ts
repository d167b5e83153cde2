/**
 * The baseline report use case: fetch what the report shows (through scope, series and
 * statistics, so every figure is the one /api/v1/stats/baseline gives the same caller) and build
 * the model. Visibility is the caller's: coordinators see every area of their organisations,
 * including those under MIN_PUBLIC_POPULATION, which the ethics note then lists.
 */
import fs from 'node:fs';
import type { AppContext } from '../context.ts';
import type { CensoredMode, Metric } from '../domain/loads.ts';
import { referenceFor } from '../usecases/reference.ts';
import type { Caller } from '../domain/types.ts';
import { listMeasurements } from '../usecases/measurements.ts';
import { substanceFactors } from '../usecases/substances.ts';
import { areaPopulationOn, scopedAreas, type ScopedArea } from '../usecases/scope.ts';
import { allSeries, type Series } from '../usecases/series.ts';
import { baselineOf, type DateRange } from '../usecases/statistics.ts';
import { DEFAULT_RESAMPLES, epochDay } from '../stats/index.ts';
import { buildReportModel } from './model.ts';
import { assembleMethodsData } from './methods-data.ts';
import type { Lang, ReportAreaInput, ReportBatchInput, ReportInput, ReportModel, ReportQualityInput, ReportReferenceInput, ReportResultInput } from './types.ts';

/** The report's figures: population-normalised load, censored days at LOQ/2 (the API defaults). */
const METRIC: Metric = 'normalized_load';
const CENSORED: CensoredMode = 'half_loq';

export interface BaselineReportOptions {
  from?: string;
  to?: string;
  periodId?: number;
  areas?: string[];
  substances?: string[];
  lang?: Lang;
}

/** Something the caller can fix (bad period, unknown area, nothing to report): a value for the HTTP layer and the CLI. */
export class ReportInputError extends Error {
  constructor(readonly reason: 'invalid_input' | 'not_found' | 'no_data', message: string) {
    super(message);
  }
}

let version: string | null = null;
export function appVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}

export async function resolveReportPeriod(ctx: AppContext, caller: Caller, o: BaselineReportOptions): Promise<DateRange & { name: string | null }> {
  const periods = () => ctx.db.selectFrom('periods').selectAll().where('organisation_id', 'in', caller.organisationIds).where('deleted_at', 'is', null);
  if (o.periodId !== undefined) {
    const p = await periods().where('id', '=', o.periodId).executeTakeFirst();
    if (!p) throw new ReportInputError('not_found', `No period ${o.periodId}.`);
    return { from: p.from_date, to: p.to_date, name: p.name };
  }
  if (o.from && o.to) {
    if (o.from > o.to) throw new ReportInputError('invalid_input', 'The period ends before it starts.');
    return { from: o.from, to: o.to, name: null };
  }
  if (o.from || o.to) throw new ReportInputError('invalid_input', 'Give both a start and an end date (from, to), or a period id.');
  // the same default as the stats API: the first baseline-flagged period by date
  const p = await periods().where('baseline', '=', 1).orderBy('from_date').orderBy('id').executeTakeFirst();
  if (!p) throw new ReportInputError('invalid_input', 'Choose the baseline period: dates (from, to) or a period id. Coordinators can flag a period as the baseline under Perioder.');
  return { from: p.from_date, to: p.to_date, name: p.name };
}

/** Roots first (by code), each followed by its children: the order areas appear in every table. */
function hierarchyOrder(areas: ScopedArea[]): ScopedArea[] {
  const codes = new Set(areas.map((a) => a.code));
  const kids = new Map<string, ScopedArea[]>();
  for (const a of areas) if (a.parent && codes.has(a.parent)) kids.set(a.parent, [...(kids.get(a.parent) ?? []), a]);
  const out: ScopedArea[] = [];
  const visit = (a: ScopedArea, depth: number) => {
    out.push(a);
    if (depth < 10) for (const k of (kids.get(a.code) ?? []).sort((x, y) => x.code.localeCompare(y.code))) visit(k, depth + 1);
  };
  for (const root of areas.filter((a) => !a.parent || !codes.has(a.parent)).sort((x, y) => x.code.localeCompare(y.code))) visit(root, 0);
  return out;
}

function chooseYear(years: number[], baselineYear: number): number | undefined {
  const before = years.filter((y) => y <= baselineYear);
  return before.length ? Math.max(...before) : years.length ? Math.min(...years) : undefined;
}

export async function assembleReportInput(ctx: AppContext, caller: Caller, o: BaselineReportOptions, now: Date = new Date()): Promise<ReportInput> {
  const range = await resolveReportPeriod(ctx, caller, o);
  const inRange = (d: string) => d >= range.from && d <= range.to;
  const visible = hierarchyOrder(await scopedAreas(ctx, caller));
  const byCode = new Map(visible.map((a) => [a.code, a]));
  const unknownArea = o.areas?.find((a) => !byCode.has(a));
  if (unknownArea) throw new ReportInputError('not_found', `No area "${unknownArea}".`);
  // The values the caller's organisation uses (its own or its county's over the shared default): the report prints what it used.
  const factors = await substanceFactors(ctx, caller);
  const catalog = (await ctx.db.selectFrom('substances').selectAll().orderBy('sort_order').orderBy('key').execute())
    .map((s) => { const e = factors.get(s.key); return e ? { ...s, correction_factor: e.correctionFactor, dose_mg: e.doseMg, source_note: e.sourceNote } : s; });
  const unknownSub = o.substances?.find((s) => !catalog.some((c) => c.key === s));
  if (unknownSub) throw new ReportInputError('not_found', `No substance "${unknownSub}".`);

  // Only the chosen areas and substances are read (a national database holds a million values).
  const { series } = await allSeries(ctx, caller, { metric: METRIC, censored: CENSORED }, { areas: o.areas, substances: o.substances });
  const wantedArea = (code: string) => byCode.has(code) && (!o.areas || o.areas.includes(code));
  const wantedSub = (key: string) => !o.substances || o.substances.includes(key);
  const used = series.filter((s) => wantedArea(s.area) && wantedSub(s.substance) && s.points.some((p) => inRange(p.date)));
  const areaCodes = new Set(used.map((s) => s.area));
  const subKeys = new Set(used.map((s) => s.substance));
  const areas = visible.filter((a) => areaCodes.has(a.code));
  const substances = catalog.filter((c) => subKeys.has(c.key));
  if (!areas.length || !substances.length) {
    throw new ReportInputError('no_data', `No measurements between ${range.from} and ${range.to} for the chosen areas and substances.`);
  }
  const excludedAreas = visible.filter((a) => !areaCodes.has(a.code))
    .map((a) => ({ code: a.code, name: a.name, reason: (o.areas && !o.areas.includes(a.code) ? 'not_selected' : 'no_data') as 'no_data' | 'not_selected' }));

  const results: ReportResultInput[] = used.map((s) => {
    const b = baselineOf(s, range);
    return {
      area: s.area, substance: s.substance, n: b.n, nCensored: b.nCensored, shareCensored: b.shareCensored, mean: b.mean, median: b.median, ci95: b.ci95,
      weekdayMean: b.weekdayMean, weekendMean: b.weekendMean, weekendRatio: b.weekendRatio, nWithoutValue: b.nWithoutValue, unit: b.unit,
      belowLoq: b.belowLoq, upperBound: b.upperBound,
      points: s.points.filter((p) => inRange(p.date)).map((p) => ({ date: p.date, value: p.value, censored: p.censored, loqNgL: p.loqNgL })),
    };
  });

  // Areas whose samples the figures rest on: the included ones and, for roll-ups, their parts.
  const seriesOf = (code: string) => used.filter((s) => s.area === code);
  const isRollup = (code: string) => seriesOf(code).length > 0 && seriesOf(code).every((s) => s.source === 'rollup');
  const all = await scopedAreas(ctx, caller, { includeWithheld: true });
  const contributing = new Set<string>();
  const addTree = (code: string, depth: number) => {
    contributing.add(code);
    if (depth < 10) for (const k of all.filter((a) => a.parent === code)) addTree(k.code, depth + 1);
  };
  for (const a of areas) (isRollup(a.code) ? addTree(a.code, 0) : contributing.add(a.code));

  const { rows } = await listMeasurements(ctx, caller, { includeWithheld: true, from: range.from, to: range.to, substances: [...subKeys], areas: [...contributing] });
  const sampleRows = rows.filter((r) => contributing.has(r.area));
  const allByCode = new Map(all.map((a) => [a.code, a]));

  const areaInputs: ReportAreaInput[] = areas.map((a) => {
    const mine = sampleRows.filter((r) => r.area === a.code);
    const rollupSeries = seriesOf(a.code).find((s) => s.source === 'rollup');
    return {
      code: a.code, name: a.name, parent: a.parent, population: a.population, populationFrom: a.populationFrom,
      populationsUsed: [...new Set(mine.map((r) => r.population).filter((p): p is number => p !== null))].sort((x, y) => x - y),
      populationFromLabFile: mine.some((r) => r.population !== null && r.population !== areaPopulationOn(a, r.date)),
      source: isRollup(a.code) ? 'rollup' : 'own', children: isRollup(a.code) ? rollupSeries?.children ?? [] : [], small: a.small, populationKind: a.populationKind,
    };
  });

  const quality = qualityFacts(range, areaInputs, used, sampleRows);
  quality.retracted = await retractedBatches(ctx, caller, range);
  const references = await referencesFor(ctx, [...subKeys], Number(range.from.slice(0, 4)));
  const batches = await batchesUsed(ctx, caller, range, sampleRows.map((r) => r.batchId), [...contributing].map((c) => allByCode.get(c)!).filter(Boolean), references);
  const methods = await assembleMethodsData(ctx, caller, { areas: areas.map((a) => a.code), substances: o.substances, periods: [{ id: 'baseline', from: range.from, to: range.to }] });
  const org = await ctx.db.selectFrom('organisations').select('name').where('id', '=', caller.organisationId).executeTakeFirst();

  return {
    lang: o.lang ?? 'sv',
    appVersion: appVersion(),
    generatedAt: now.toISOString(),
    organisation: org?.name || ctx.config.organisationName || 'Lägesbild',
    period: range,
    censoredMode: CENSORED,
    bootstrapResamples: DEFAULT_RESAMPLES,
    minPublicPopulation: ctx.config.minPublicPopulation,
    areas: areaInputs,
    excludedAreas,
    substances: substances.map((s) => ({
      key: s.key, nameSv: s.name_sv, nameEn: s.name_en, drug: s.drug, residue: s.residue, correctionFactor: s.correction_factor, doseMg: s.dose_mg,
      sourceNote: s.source_note, updatedAt: s.updated_at,
    })),
    results,
    references,
    quality,
    batches,
    methods,
  };
}

export async function assembleBaselineReport(ctx: AppContext, caller: Caller, o: BaselineReportOptions, now: Date = new Date()): Promise<ReportModel> {
  return buildReportModel(await assembleReportInput(ctx, caller, o, now));
}

// ---------------------------------------------------------------------------

type SampleRow = Awaited<ReturnType<typeof listMeasurements>>['rows'][number];

function qualityFacts(range: DateRange, areas: ReportAreaInput[], used: Series[], rows: SampleRow[]): ReportQualityInput {
  const own = areas.filter((a) => a.source === 'own').map((a) => a.code);
  const q: ReportQualityInput = {
    periodDays: epochDay(range.to) - epochDay(range.from) + 1,
    samplingDays: [], missingValues: [], withoutFlow: [], loqChanges: [], incompleteRollups: [], retracted: [],
  };
  for (const area of own) {
    const mine = rows.filter((r) => r.area === area);
    const days = [...new Set(mine.map((r) => r.date))].sort();
    q.samplingDays.push({ area, dates: days });
    const noFlow = [...new Set(mine.filter((r) => r.flowM3PerDay === null).map((r) => r.date))].sort();
    if (noFlow.length) q.withoutFlow.push({ area, dates: noFlow });
    for (const s of used.filter((x) => x.area === area)) {
      const subRows = mine.filter((r) => r.substance === s.substance).sort((a, b) => a.date.localeCompare(b.date));
      const have = new Set(subRows.map((r) => r.date));
      const missing = days.filter((d) => !have.has(d));
      if (missing.length) q.missingValues.push({ area, substance: s.substance, dates: missing });
      let prev: number | null = null;
      for (const r of subRows) {
        if (r.loqNgL === null) continue;
        if (prev !== null && r.loqNgL !== prev) q.loqChanges.push({ area, substance: s.substance, date: r.date, fromNgL: prev, toNgL: r.loqNgL });
        prev = r.loqNgL;
      }
    }
  }
  for (const s of used) {
    const dates = (s.incompleteDates ?? []).filter((d) => d >= range.from && d <= range.to);
    if (s.source === 'rollup' && dates.length) q.incompleteRollups.push({ area: s.area, substance: s.substance, dates });
  }
  return q;
}

interface BatchPeriod { period?: { from: string | null; to: string | null } }

async function retractedBatches(ctx: AppContext, caller: Caller, range: DateRange): Promise<ReportQualityInput['retracted']> {
  const rows = await ctx.db.selectFrom('import_batches').select(['file_name', 'retracted_at', 'retracted_by', 'retract_reason', 'report_json'])
    .where('organisation_id', 'in', caller.organisationIds).where('status', '=', 'retracted').where('kind', 'in', ['lab', 'flow'])
    .orderBy('retracted_at').orderBy('id').execute();
  return rows.filter((b) => {
    const p = (JSON.parse(b.report_json) as BatchPeriod).period;
    return !p?.from || !p.to || (p.from <= range.to && p.to >= range.from);
  }).map((b) => ({ fileName: b.file_name, retractedAt: b.retracted_at, retractedBy: b.retracted_by, reason: b.retract_reason }));
}

async function referencesFor(ctx: AppContext, substances: string[], baselineYear: number): Promise<ReportReferenceInput[]> {
  const out: ReportReferenceInput[] = [];
  for (const key of substances) {
    let ref = await referenceFor(ctx, key);
    const year = chooseYear(ref.years, baselineYear);
    if (year === undefined) continue;
    if (year !== ref.year) ref = await referenceFor(ctx, key, year);
    if (ref.year === null || (!ref.swedishCities.length && ref.europeanMedian === null)) continue;
    out.push({
      substance: key, year: ref.year, swedishCities: ref.swedishCities.map((c) => ({ city: c.city, dailyMean: c.dailyMean })),
      europeanMedian: ref.europeanMedian, nCities: ref.nCities, attribution: ref.attribution,
    });
  }
  return out;
}

async function batchesUsed(ctx: AppContext, caller: Caller, range: DateRange, sampleBatchIds: number[], areas: ScopedArea[], refs: ReportReferenceInput[]): Promise<ReportBatchInput[]> {
  const ids = new Set(sampleBatchIds);
  const areaIds = areas.map((a) => a.id);
  if (areaIds.length) {
    const flows = await ctx.db.selectFrom('daily_flows').select('batch_id').distinct()
      .where('active', '=', 1).where('area_id', 'in', areaIds).where('date', '>=', range.from).where('date', '<=', range.to).execute();
    for (const f of flows) ids.add(f.batch_id);
  }
  for (const r of refs) {
    const vals = await ctx.db.selectFrom('reference_values').select('batch_id').distinct().where('active', '=', 1).where('substance_key', '=', r.substance).where('year', '=', r.year).execute();
    for (const v of vals) ids.add(v.batch_id);
  }
  if (refs.length) for (const s of await ctx.db.selectFrom('reference_sites').select('batch_id').distinct().where('active', '=', 1).execute()) ids.add(s.batch_id);
  // Area registry files that defined an included area (and so its population).
  const codes = new Set(areas.map((a) => a.code));
  const areaBatches = await ctx.db.selectFrom('import_batches').select(['id', 'report_json'])
    .where('organisation_id', 'in', caller.organisationIds).where('kind', '=', 'areas').where('status', '=', 'committed').execute();
  for (const b of areaBatches) if (((JSON.parse(b.report_json) as { areas?: string[] }).areas ?? []).some((c) => codes.has(c))) ids.add(b.id);
  if (!ids.size) return [];
  const rows = await ctx.db.selectFrom('import_batches').select(['id', 'kind', 'file_name', 'sha256', 'created_at', 'actor'])
    .where('id', 'in', [...ids]).orderBy('created_at').orderBy('id').execute();
  return rows.map((b) => ({ id: b.id, kind: b.kind, fileName: b.file_name, sha256: b.sha256, importedAt: b.created_at, importedBy: b.actor }));
}
