/**
 * The shared methods section, quality checks and daily-data appendix as report sections (issue
 * 12): every report (baseline, follow-up, county…) appends `methodsSections(...)` to its own.
 */
import { methodsTexts } from '../i18n/report/methods.ts';
import type { ReportFormat } from './format.ts';
import type { MethodsData } from './methods-data.ts';
import type { Block, SectionModel } from './types.ts';

export interface MethodsNames {
  areaName(code: string): string;
  substanceName(key: string): string;
  periodName(id: string): string;
}

/** A daily appendix past this many rows is cut (it would be hundreds of pages); the CSV export has them all. */
export const MAX_APPENDIX_ROWS = 1500;

const table = (columns: string[], rows: string[][], numeric: boolean[]): Block => ({ kind: 'table', table: { columns, rows, numeric } });

export function methodsSections(d: MethodsData, f: ReportFormat, names: MethodsNames): SectionModel[] {
  const T = methodsTexts(f.lang);
  const s = d.settings;
  const or = (v: string) => v.trim() || T.notStated;
  const methods: Block[] = [
    { kind: 'subheading', text: T.sampling },
    { kind: 'paragraph', text: T.samplingText(T.modes[s.samplingMode] ?? s.samplingMode, s.compositeHours === null ? T.notStated : f.exact(s.compositeHours), or(s.cooling), or(s.storage)) },
    { kind: 'subheading', text: T.lab },
    { kind: 'paragraph', text: T.labText(or(s.labName), or(s.labMethod), or(s.accreditation), or(s.interlaboratory)) },
    { kind: 'paragraph', text: T.loqIntro, tone: 'muted' },
    table([T.cols.substance, T.cols.loq], d.loqs.map((l) => [names.substanceName(l.substance), l.loqsNgL.map((x) => f.exact(x)).join(' / ') || f.dash]), [false, true]),
    { kind: 'subheading', text: T.population },
    { kind: 'paragraph', text: T.populationText(T.units[s.populationUnit] ?? s.populationUnit, or(s.populationSource)) },
    table([T.cols.area, T.cols.population, T.cols.from], d.populations.map((p) => [p.name, p.populationKind === 'pe' && p.population != null ? `${f.count(p.population)} pe` : f.count(p.population), p.populationFrom ? f.date(p.populationFrom) : f.dash]), [false, true, false]),
    ...(s.notes.trim() ? [{ kind: 'paragraph', text: `${T.notes}: ${s.notes.trim()}` } as Block] : []),
    { kind: 'paragraph', text: s.updatedAt ? T.settingsNote(f.timestamp(s.updatedAt)) : T.settingsMissing, tone: 'muted' },
  ];
  const checks: Block[] = [
    { kind: 'paragraph', text: T.cocaineCheck },
    d.cocaineRatios.length
      ? table([T.cols.area, T.cols.period, T.cols.ratio, T.cols.days, T.cols.flagged], d.cocaineRatios.map((r) => [names.areaName(r.area), names.periodName(r.period), f.number(r.ratio), String(r.nDays), r.flaggedDates.length ? r.flaggedDates.join(', ') : f.dash]), [false, false, true, true, false])
      : { kind: 'paragraph', text: T.noCocaine, tone: 'muted' },
    { kind: 'paragraph', text: T.massCheck },
    d.massBalance.length
      ? table([T.cols.area, T.cols.substance, T.cols.period, T.cols.plant, T.cols.sub, T.cols.remainder, T.cols.days],
        d.massBalance.map((m) => [names.areaName(m.area), names.substanceName(m.substance), names.periodName(m.period), f.number(m.plantLoad), f.number(m.subAreasLoad), `${f.number(m.remainder)} (${f.percent(m.remainderShare)})`, String(m.nDays)]),
        [false, false, false, true, true, true, true])
      : { kind: 'paragraph', text: T.noMass, tone: 'muted' },
  ];
  const shown = d.daily.slice(0, MAX_APPENDIX_ROWS);
  const appendix: Block[] = [
    { kind: 'paragraph', text: T.appendixIntro, tone: 'muted' },
    table([T.cols.area, T.cols.substance, T.cols.date, T.cols.conc, T.cols.flow, T.cols.load],
      shown.map((r) => [r.area, names.substanceName(r.substance), r.date, r.censored ? `< ${f.exact(r.loqNgL)}` : f.number(r.concentrationNgL), f.count(r.flowM3PerDay),
        r.censored ? `(${f.number(r.loadMgPerDay)})` : f.number(r.loadMgPerDay)]),
      [false, false, false, true, true, true]),
    ...(shown.length < d.daily.length ? [{ kind: 'paragraph', text: T.appendixCapped(shown.length, d.daily.length), tone: 'muted' } as Block] : []),
  ];
  return [
    { id: 'lab-methods', heading: T.methods, newPage: true, blocks: methods },
    { id: 'checks', heading: T.checks, newPage: false, blocks: checks },
    { id: 'daily', heading: T.appendix, newPage: true, blocks: appendix },
  ];
}
