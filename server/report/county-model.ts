/**
 * The county report as a ReportModel (issue 13): every text and number formatted once here; the
 * baseline report's PDF / HTML / CSV renderers lay it out, so the three formats agree.
 * Substances are shown one after the other, never on one axis (loads are not comparable).
 */
import { roundsSpec } from '../charts/rounds.ts';
import { countyWords } from '../i18n/index.ts';
import type { Cell } from './csv.ts';
import type { CountyReportData } from './county-data.ts';
import { reportFormat } from './format.ts';
import type { Block, ReportModel, SectionModel } from './types.ts';

export function buildCountyModel(d: CountyReportData): ReportModel {
  const w = countyWords(d.lang);
  const f = reportFormat(d.lang);
  const name = (code: string) => d.areas.find((a) => a.code === code)?.name ?? code;

  const summary: string[] = d.substances.map((s) => {
    const last = s.rounds[s.rounds.length - 1];
    return w.summaryLine(s.name, last.round, f.number(last.county.value), d.unit, f.percent(last.county.coverage));
  });
  const roundBlocks: Block[] = [{ kind: 'paragraph', text: `${w.coverageNote} ${w.incomparable}`, tone: 'muted' }];
  for (const s of d.substances) {
    roundBlocks.push({ kind: 'subheading', text: s.name });
    const spec = roundsSpec({ lang: d.lang, substanceName: s.name, countyName: d.county, metric: { label: d.metricLabel, unit: d.unit }, areas: d.areas, rounds: s.rounds, width: 520, height: 260 });
    roundBlocks.push({ kind: 'chart', spec, caption: spec.usermeta.summary });
    roundBlocks.push({ kind: 'table', table: {
      columns: [w.round, ...d.areas.map((a) => a.name), `${w.countyValue} (${d.unit})`, w.coverage],
      numeric: [false, ...d.areas.map(() => true), true, true],
      rows: s.rounds.map((r) => [r.round, ...d.areas.map((a) => {
        const row = r.areas.find((x) => x.area === a.code);
        return !row ? w.notSampled : row.value === null ? w.noValue : f.number(row.value);
      }), f.number(r.county.value), f.percent(r.county.coverage)]),
      caption: w.tableCaption(s.name, d.unit),
    } });
  }
  const sections: SectionModel[] = [
    { id: 'summary', heading: w.summaryHeading, newPage: false, blocks: [{ kind: 'paragraph', text: w.intro, tone: 'lead' }, { kind: 'list', items: summary }] },
    { id: 'rounds', heading: w.roundsHeading, newPage: false, blocks: roundBlocks },
    { id: 'areas', heading: w.areasHeading, newPage: false, blocks: [{ kind: 'table', table: {
      columns: [w.area, w.population], numeric: [false, true], rows: d.areas.map((a) => [`${a.name} (${a.code})`, f.count(a.population)]),
    } }] },
    { id: 'method', heading: w.methodHeading, newPage: false, blocks: w.method.map((text) => ({ kind: 'paragraph' as const, text })) },
  ];

  // One row per area and round, then the county's row: full precision, API field names.
  const header = ['kind', 'substance', 'round', 'area', 'campaigns', 'value', 'coverage', 'unit'];
  const rows: Cell[][] = d.substances.flatMap((s) => s.rounds.flatMap((r) => [
    ...r.areas.map((a): Cell[] => ['area', s.key, r.round, a.area, a.campaigns, a.value, null, d.unit]),
    ['county', s.key, r.round, d.county, null, r.county.value, r.county.coverage, d.unit],
  ]));
  const humanRows: Cell[][] = d.substances.flatMap((s) => s.rounds.flatMap((r) => [
    ...r.areas.map((a): Cell[] => [s.name, r.round, name(a.area), a.campaigns, a.value, null, d.unit]),
    [s.name, r.round, w.countyValue, null, r.county.value, r.county.coverage, d.unit],
  ]));

  const title = w.reportTitle;
  const subtitle = w.reportSubtitle(d.county, `${d.metricLabel}, ${d.unit}`);
  const rounds = d.substances.flatMap((s) => s.rounds.map((r) => r.round));
  const from = [...rounds].sort()[0];
  const to = [...rounds].sort().at(-1)!;
  return {
    lang: d.lang, title, subtitle,
    facts: [[w.organisation, d.organisation], [w.county, d.county], [w.roundsFact, from === to ? from : `${from} – ${to}`], [w.generated, f.timestamp(d.generatedAt)], [w.version, `Lägesbild ${d.appVersion}`]],
    runningHeader: `${title} · ${d.county}`,
    pageLabelTemplate: w.pageLabel,
    metadata: { title, author: d.organisation, subject: subtitle, keywords: 'wastewater, WBE, county, rounds', creator: `Lägesbild ${d.appVersion}`, generatedAt: d.generatedAt },
    sections,
    csv: { machine: { header, rows }, human: { header: [w.substance, w.round, w.area, w.campaigns, `${w.value}`, w.coverage, 'unit'], rows: humanRows } },
    fileBaseName: `lagesbild-lan-${slugPart(d.county)}-${from}-${to}`,
    period: { from, to },
  };
}

function slugPart(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'lan';
}
