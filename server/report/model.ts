/**
 * The baseline report model: data in, every text and number formatted once, out. Pure (no I/O,
 * no clock: the generation time is an input), so the same input gives the same model.
 */
import { METRICS } from '../charts/index.ts';
import { perPopulationKind } from '../i18n/charts.ts';
import { substanceCharts, type AreaRef } from './chart-specs.ts';
import { methodsSections } from './methods-model.ts';
import { reportFormat, type ReportFormat } from './format.ts';
import { drugLabel, mainResult, peNote, substanceHeading, summaryBlocks, SWEDISH_CITY_NAMES } from './summary.ts';
import { joinList, reportTexts, type ReportTexts } from '../i18n/index.ts';
import type { Block, ReportAreaInput, ReportInput, ReportModel, ReportResultInput, ReportSubstanceInput, SectionModel } from './types.ts';

/** What every part of the model builder shares: the input, the formatter and the texts of its language. */
export interface ModelContext {
  input: ReportInput;
  f: ReportFormat;
  t: ReportTexts;
  unit: string;
  /** The unit of one area's figures: "per 1000 pe" for an area counted in person equivalents. */
  unitOf: (area: string) => string;
  areaName: Map<string, string>;
  substanceName: (s: ReportSubstanceInput) => string;
  substances: Map<string, ReportSubstanceInput>;
  resultsBySubstance: Map<string, ReportResultInput[]>;
  periodLabel: string;
}

type Ctx = ModelContext;

export function buildReportModel(input: ReportInput): ReportModel {
  const f = reportFormat(input.lang);
  const t = reportTexts(input.lang);
  const substanceName = (s: ReportSubstanceInput) => (input.lang === 'sv' ? s.nameSv : s.nameEn);
  const areaOrder = new Map(input.areas.map((a, i) => [a.code, i]));
  const resultsBySubstance = new Map<string, ReportResultInput[]>();
  for (const s of input.substances) {
    resultsBySubstance.set(s.key, input.results.filter((r) => r.substance === s.key).sort((a, b) => (areaOrder.get(a.area) ?? 0) - (areaOrder.get(b.area) ?? 0)));
  }
  const c: Ctx = {
    input, f, t, unit: METRICS[input.lang].normalisedLoad.unit,
    unitOf: (area) => (input.areas.find((a) => a.code === area)?.populationKind === 'pe' ? perPopulationKind(METRICS[input.lang].normalisedLoad.unit, 'pe') : METRICS[input.lang].normalisedLoad.unit),
    areaName: new Map([...input.excludedAreas, ...input.areas].map((a) => [a.code, a.name])),
    substanceName, substances: new Map(input.substances.map((s) => [s.key, s])), resultsBySubstance,
    periodLabel: f.dateRange(input.period.from, input.period.to),
  };
  const periodText = input.period.name ? `${input.period.name} (${c.periodLabel})` : c.periodLabel;

  const sections: SectionModel[] = [
    { id: 'summary', heading: t.sections.summary, newPage: false, blocks: summaryBlocks(c) },
    { id: 'method', heading: t.sections.method, newPage: true, blocks: methodBlocks(c) },
    { id: 'areas', heading: t.sections.areas, newPage: false, blocks: areaBlocks(c) },
    { id: 'results', heading: t.sections.results, newPage: true, blocks: resultBlocks(c) },
    { id: 'charts', heading: t.sections.charts, newPage: true, blocks: chartBlocks(c) },
    { id: 'quality', heading: t.sections.quality, newPage: true, blocks: qualityBlocks(c) },
    { id: 'ethics', heading: t.sections.ethics, newPage: false, blocks: ethicsBlocks(c) },
    { id: 'appendix', heading: t.sections.appendix, newPage: false, blocks: appendixBlocks(c) },
  ];
  // The methods facts, quality checks and daily appendix every report shares (issue 12).
  if (input.methods) {
    const shared = methodsSections(input.methods, f, {
      areaName: (code) => c.areaName.get(code) ?? code,
      substanceName: (key) => { const s = c.substances.get(key); return s ? substanceName(s) : key; },
      periodName: () => c.periodLabel,
    });
    const after = (id: string, section: SectionModel | undefined) => { if (section) sections.splice(sections.findIndex((x) => x.id === id) + 1, 0, section); };
    after('method', shared.find((x) => x.id === 'lab-methods'));
    after('quality', shared.find((x) => x.id === 'checks'));
    sections.push(...shared.filter((x) => x.id === 'daily'));
  }

  return {
    lang: input.lang,
    title: t.title,
    subtitle: `${input.organisation} · ${c.periodLabel}`,
    facts: [
      [t.facts.organisation, input.organisation],
      [t.facts.period, periodText],
      [t.facts.metric, `${t.metricName}, ${c.unit}`],
      [t.facts.generated, f.timestamp(input.generatedAt)],
      [t.facts.version, input.appVersion],
    ],
    runningHeader: t.runningHeader(c.periodLabel, input.organisation),
    pageLabelTemplate: t.pageLabel,
    metadata: {
      title: `${t.title}, ${c.periodLabel}`,
      author: input.organisation,
      subject: `${t.metricName} (${c.unit}), ${c.periodLabel}`,
      keywords: t.keywords,
      creator: `Lägesbild ${input.appVersion}`,
      generatedAt: input.generatedAt,
    },
    sections,
    csv: csvTables(c),
    fileBaseName: `${t.fileStem}-${input.period.from}`,
    period: { from: input.period.from, to: input.period.to },
  };
}

// ---------------------------------------------------------------------------

function methodBlocks(c: Ctx): Block[] {
  const { f, t, input } = c;
  const m = t.method;
  const rows = input.substances.map((s) => [
    c.substanceName(s),
    drugLabel(c, s),
    f.exact(s.correctionFactor),
    s.doseMg === null ? f.dash : `${f.exact(s.doseMg)} mg`,
    s.sourceNote || f.dash,
    f.date(s.updatedAt.slice(0, 10)),
  ]);
  return [
    { kind: 'paragraph', text: m.sampling(f.count(input.quality.periodDays)) },
    { kind: 'list', items: m.chain },
    { kind: 'paragraph', text: m.chainNote },
    { kind: 'table', table: { caption: m.substancesCaption, columns: m.substanceColumns, rows, numeric: [false, false, true, true, false, false] } },
    { kind: 'paragraph', text: m.populations },
    { kind: 'paragraph', text: m.censored(m.censoredModes[input.censoredMode]) },
    { kind: 'paragraph', text: m.statistics(f.count(input.bootstrapResamples)) },
    { kind: 'subheading', text: m.uncertaintiesHeading },
    { kind: 'list', items: m.uncertainties },
  ];
}

function populationText(c: Ctx, a: ReportAreaInput): string {
  const { f, input } = c;
  if (a.source === 'rollup') {
    const kids = input.areas.filter((x) => a.children.includes(x.code));
    const sum = kids.reduce((s, k) => s + (k.population ?? 0), 0);
    return kids.length === a.children.length && sum > 0 ? f.count(sum) : f.count(a.population);
  }
  const used = a.populationsUsed.length ? a.populationsUsed : a.population !== null ? [a.population] : [];
  if (!used.length) return f.dash;
  return used.length === 1 ? f.count(used[0]) : `${f.count(used[0])}–${f.count(used[used.length - 1])}`;
}

function areaBlocks(c: Ctx): Block[] {
  const { f, t, input } = c;
  const named = (code: string | null) => (code ? (c.areaName.has(code) ? `${c.areaName.get(code)} (${code})` : code) : null);
  const rows = input.areas.map((a) => [
    a.code,
    a.name,
    a.parent ? named(a.parent)! : f.dash,
    populationText(c, a),
    a.source === 'rollup' ? t.areas.sumOfChildren : a.populationFromLabFile ? t.areas.fromLabFile : t.areas.registry(a.populationFrom ? f.date(a.populationFrom) : null),
    a.source === 'rollup' ? t.areas.rollup(joinList(a.children.map((k) => c.areaName.get(k) ?? k), input.lang)) : t.areas.own,
    a.small ? t.areas.smallNote(f.count(input.minPublicPopulation), a.parent ? named(a.parent) : null) : '',
  ]);
  const blocks: Block[] = [
    { kind: 'paragraph', text: t.areas.intro(f.count(input.areas.length)) },
    { kind: 'table', table: { columns: t.areas.columns, rows, numeric: [false, false, false, true, false, false, false] } },
    { kind: 'subheading', text: t.areas.excludedHeading },
  ];
  blocks.push(input.excludedAreas.length
    ? { kind: 'list', items: input.excludedAreas.map((a) => `${a.name} (${a.code}): ${t.areas.excluded[a.reason]}`) }
    : { kind: 'paragraph', text: t.areas.noneExcluded });
  return blocks;
}

function resultBlocks(c: Ctx): Block[] {
  const { f, t, input } = c;
  const rows: string[][] = [];
  const groups: number[] = [];
  for (const [g, s] of input.substances.entries()) {
    for (const [i, r] of (c.resultsBySubstance.get(s.key) ?? []).entries()) {
      groups.push(g);
      rows.push([
        i === 0 ? c.substanceName(s) : '', c.areaName.get(r.area) ?? r.area, f.count(r.n), f.percent(r.shareCensored), r.belowLoq ? t.belowLoq(r.upperBound != null ? f.number(r.upperBound) : '?') : f.number(r.mean), f.number(r.median),
        f.interval(r.ci95), f.number(r.weekdayMean), f.number(r.weekendMean), c.unitOf(r.area),
      ]);
    }
  }
  return [
    { kind: 'paragraph', text: t.results.intro(c.unit, t.method.censoredModes[input.censoredMode]) },
    { kind: 'table', table: { columns: t.results.columns, rows, numeric: [false, false, true, true, true, true, true, true, true, false], groups } },
    { kind: 'paragraph', text: t.results.note, tone: 'muted' },
    ...peNote(c),
  ];
}

function chartBlocks(c: Ctx): Block[] {
  const { t, input } = c;
  const blocks: Block[] = [{ kind: 'paragraph', text: t.charts.intro }];
  let first = true;
  for (const s of input.substances) {
    const results = (c.resultsBySubstance.get(s.key) ?? []).filter((r) => r.points.some((p) => p.value !== null));
    if (!results.length) continue;
    const main = mainResult(c, results);
    const ref = (area: string): AreaRef => ({ code: area, name: c.areaName.get(area) ?? area });
    const reference = input.references.find((x) => x.substance === s.key) ?? null;
    const charts = substanceCharts({
      lang: input.lang, substanceName: c.substanceName(s), periodLabel: c.periodLabel, period: input.period, censoredMode: input.censoredMode,
      main: { ...ref(main.area), result: main },
      all: results.map((r) => ({ ...ref(r.area), result: r })),
      reference: reference && { ...reference, cityNames: new Map(Object.entries(input.lang === 'sv' ? SWEDISH_CITY_NAMES : {})) },
    });
    const mainName = c.areaName.get(main.area) ?? main.area;
    blocks.push({ kind: 'subheading', text: substanceHeading(c, s), newPage: !first });
    first = false;
    blocks.push({ kind: 'chart', spec: charts.timeseries, caption: t.charts.timeseries(mainName) });
    blocks.push({ kind: 'chart', spec: charts.weekday, caption: t.charts.weekday(mainName) });
    if (charts.comparison) blocks.push({ kind: 'chart', spec: charts.comparison, caption: t.charts.comparison });
    if (charts.reference && reference) blocks.push({ kind: 'chart', spec: charts.reference, caption: t.charts.reference(String(reference.year)) });
  }
  return blocks;
}

function qualityBlocks(c: Ctx): Block[] {
  const { f, t, input } = c;
  const q = input.quality;
  const name = (code: string) => c.areaName.get(code) ?? code;
  const sub = (key: string) => { const s = c.substances.get(key); return s ? c.substanceName(s) : key; };
  const dates = (ds: string[]) => joinList(ds.map(f.date), input.lang);
  const items: string[] = [];
  if (q.samplingDays.length) {
    items.push(t.quality.sampling(joinList(q.samplingDays.map((d) => t.quality.samplingDays(name(d.area), f.count(d.dates.length), f.count(q.periodDays))), input.lang)));
  }
  items.push(...(q.missingValues.length ? q.missingValues.map((m) => t.quality.missing(name(m.area), sub(m.substance), dates(m.dates))) : [t.quality.noMissing]));
  items.push(...(q.withoutFlow.length ? q.withoutFlow.map((w) => t.quality.noFlow(name(w.area), dates(w.dates))) : [t.quality.noFlowNone]));
  items.push(...(q.loqChanges.length ? q.loqChanges.map((l) => t.quality.loq(name(l.area), sub(l.substance), f.date(l.date), f.exact(l.fromNgL), f.exact(l.toNgL))) : [t.quality.loqNone]));
  items.push(...q.incompleteRollups.map((r) => t.quality.rollup(name(r.area), sub(r.substance), dates(r.dates))));
  items.push(...(q.retracted.length
    ? q.retracted.map((r) => t.quality.retracted(r.fileName, r.retractedAt ? f.timestamp(r.retractedAt) : f.dash, r.retractedBy ?? f.dash, r.reason ?? ''))
    : [t.quality.retractedNone]));
  return [{ kind: 'list', items }];
}

function ethicsBlocks(c: Ctx): Block[] {
  const { f, t, input } = c;
  const limit = f.count(input.minPublicPopulation);
  const small = input.areas.filter((a) => a.small);
  const list = joinList(small.map((a) => `${a.name} (${a.code}, ${f.count(a.population)} ${t.persons})`), input.lang);
  return [
    { kind: 'paragraph', text: t.ethics.general },
    { kind: 'paragraph', text: t.ethics.rule(limit) },
    { kind: 'paragraph', text: small.length ? t.ethics.listed(list) : t.ethics.none(limit) },
    ...(small.length ? [{ kind: 'paragraph', text: t.ethics.advice } as Block] : []),
  ];
}

function appendixBlocks(c: Ctx): Block[] {
  const { f, t, input } = c;
  if (!input.batches.length) return [{ kind: 'paragraph', text: t.appendix.none }];
  const rows = input.batches.map((b) => [b.fileName, t.appendix.kinds[b.kind] ?? b.kind, f.timestamp(b.importedAt), b.importedBy]);
  const rowNotes = input.batches.map((b) => `SHA-256: ${b.sha256}`);
  return [
    { kind: 'paragraph', text: t.appendix.intro },
    { kind: 'table', table: { columns: t.appendix.columns, rows, rowNotes, groups: rows.map((_, i) => i), numeric: [false, false, false, false] } },
  ];
}

function csvTables(c: Ctx): ReportModel['csv'] {
  const { input, t } = c;
  const raw = (r: ReportResultInput, s: ReportSubstanceInput) => [
    r.area, c.areaName.get(r.area) ?? r.area, r.substance, c.substanceName(s), input.period.from, input.period.to,
    r.n, r.nCensored, r.shareCensored, r.mean, r.median, r.ci95?.[0] ?? null, r.ci95?.[1] ?? null, r.weekdayMean, r.weekendMean, r.weekendRatio,
  ];
  const machineRows = [];
  const humanRows = [];
  for (const s of input.substances) {
    for (const r of c.resultsBySubstance.get(s.key) ?? []) {
      machineRows.push([...raw(r, s), r.unit, r.belowLoq ? r.upperBound ?? null : null]);
      humanRows.push([...raw(r, s), c.unitOf(r.area)]);
    }
  }
  return {
    machine: {
      header: ['area', 'areaName', 'substance', 'substanceName', 'from', 'to', 'n', 'nCensored', 'shareCensored', 'mean', 'median', 'ci95Low', 'ci95High', 'weekdayMean', 'weekendMean', 'weekendRatio', 'unit', 'upperBound'],
      rows: machineRows,
    },
    human: { header: t.csvColumns, rows: humanRows },
  };
}
