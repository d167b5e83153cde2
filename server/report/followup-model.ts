/**
 * The follow-up report and the one-page public summary as ReportModels (issue 12): every text and
 * number formatted once here; the baseline report's PDF / HTML / CSV renderers lay them out.
 */
import type { Cell } from './csv.ts';
import type { FollowUpData } from './followup-data.ts';
import { FOLLOW_UP_TEXTS } from './followup-texts.ts';
import { reportFormat } from './format.ts';
import type { Block, ReportModel, SectionModel, TableModel } from './types.ts';

const table = (columns: string[], rows: string[][], numeric: boolean[], caption?: string): Block => ({ kind: 'table', table: { columns, rows, numeric, caption } satisfies TableModel });

function base(d: FollowUpData) {
  const T = FOLLOW_UP_TEXTS[d.lang];
  const f = reportFormat(d.lang);
  const areaName = (code: string) => d.areas.find((a) => a.code === code)?.name ?? code;
  const subName = (key: string) => {
    const s = d.substances.find((x) => x.key === key);
    return s ? (d.lang === 'sv' ? s.nameSv : s.nameEn) : key;
  };
  const campaignText = (id: string) => {
    const c = [d.baseline, ...d.campaigns].find((x) => x.id === id);
    return c ? f.dateRange(c.from, c.to) : id;
  };
  return { T, f, areaName, subName, campaignText };
}

export function buildFollowUpModel(d: FollowUpData): ReportModel {
  const { T, f, areaName, subName, campaignText } = base(d);
  const mean = (area: string, substance: string, campaign: string) => d.summaries.find((s) => s.area === area && s.substance === substance && s.campaign === campaign)?.summary.mean ?? null;
  const sections: SectionModel[] = [];

  const count = (v: string) => d.changes.filter((c) => c.change.verdict === v).length;
  sections.push({ id: 'summary', heading: T.summary, newPage: false, blocks: [
    { kind: 'paragraph', text: T.summaryLine(count('increase'), count('decrease'), count('no_clear_change'), d.changes.length - count('increase') - count('decrease') - count('no_clear_change')), tone: 'lead' },
  ] });

  sections.push({ id: 'changes', heading: T.changes, newPage: false, blocks: [
    { kind: 'paragraph', text: T.changesIntro, tone: 'muted' },
    table([T.cols.area, T.cols.substance, T.cols.campaign, T.cols.baseMean, T.cols.mean, T.cols.ratio, T.cols.ci, T.cols.p, T.cols.verdict, T.cols.scope, T.cols.season],
      d.changes.map((c) => [areaName(c.area), subName(c.substance), campaignText(c.campaign), f.number(mean(c.area, c.substance, d.baseline.id)), f.number(mean(c.area, c.substance, c.campaign)),
        f.ratio(c.change.ratio), f.interval(c.change.ci95), c.change.test ? f.number(c.change.test.p) : f.dash, T.verdicts[c.change.verdict] ?? c.change.verdict, T.scope[c.change.scope], c.change.seasonDiffers ? T.yes : T.no]),
      [false, false, false, true, true, true, true, true, false, false, false]),
  ] });

  sections.push({ id: 'trends', heading: T.trends, newPage: false, blocks: [
    { kind: 'paragraph', text: T.trendsIntro, tone: 'muted' },
    table([T.cols.area, T.cols.substance, T.cols.n, T.cols.perYear, T.cols.p, T.cols.verdict],
      d.trends.map((t) => [areaName(t.area), subName(t.substance), String(t.trend.nCampaigns), f.number(t.trend.sen?.percentPerYear ?? null), t.trend.mannKendall ? f.number(t.trend.mannKendall.p) : f.dash, T.verdicts[t.trend.verdict] ?? t.trend.verdict]),
      [false, false, true, true, true, false]),
  ] });

  const ivBlocks: Block[] = [{ kind: 'paragraph', text: T.interventionsIntro, tone: 'muted' }];
  if (!d.interventions.length) ivBlocks.push({ kind: 'paragraph', text: T.noInterventions });
  else {
    ivBlocks.push(table([T.cols.event, T.cols.area, T.cols.control, T.cols.substance, T.cols.ratio, T.cols.ci, T.cols.p, T.cols.units, T.cols.verdict],
      d.interventions.map(({ title, from, to, result: r }) => [`${title} (${f.dateRange(from, to ?? from)})`, areaName(r.area), r.controlArea ? areaName(r.controlArea) : f.dash, subName(r.substance),
        f.ratio(r.ratio), f.interval(r.ci95), r.welch ? f.number(r.welch.p) : f.dash, `${T.scope[r.unit] ?? r.unit} (${r.before.n} + ${r.after.n} d)`, T.ivVerdicts[r.verdict] ?? r.verdict]),
      [false, false, false, false, true, true, true, false, false]));
    if (d.interventions.some((i) => i.result.controlArea === null)) ivBlocks.push({ kind: 'paragraph', text: T.noControlCaveat });
  }
  sections.push({ id: 'interventions', heading: T.interventions, newPage: false, blocks: ivBlocks });

  sections.push({ id: 'can-cannot', heading: T.canCannot, newPage: false, blocks: [{ kind: 'list', items: [...T.can, ...T.cannot] }] });

  const loqText = d.loqs.map((l) => `${subName(l.substance)} ${l.loqsNgL.map((x) => f.exact(x)).join('/') || f.dash}`).join('; ') || f.dash;
  const popText = d.areas.map((a) => `${a.name} ${f.count(a.population)}${a.populationFrom ? ` (${f.date(a.populationFrom)})` : ''}`).join('; ');
  sections.push({ id: 'methods', heading: T.methods, newPage: true, blocks: [
    { kind: 'paragraph', text: T.sampling },
    { kind: 'paragraph', text: T.lab(loqText) },
    { kind: 'paragraph', text: T.population(popText) },
    { kind: 'subheading', text: T.quality },
    { kind: 'paragraph', text: T.cocaineCheck },
    table([T.cols.area, T.cols.campaign, T.cols.ratio, T.cols.days], d.cocaineRatios.map((r) => [areaName(r.area), campaignText(r.campaign), f.number(r.ratio), String(r.nDays)]), [false, false, true, true]),
    { kind: 'paragraph', text: T.massCheck },
    d.massBalance.length
      ? table([T.cols.area, T.cols.substance, T.cols.campaign, T.cols.plant, T.cols.sub, T.cols.remainder], d.massBalance.map((m) => [areaName(m.area), subName(m.substance), campaignText(m.campaign), f.number(m.plantLoad), f.number(m.subAreasLoad), f.percent(m.remainderShare)]), [false, false, false, true, true, true])
      : { kind: 'paragraph', text: T.noMass, tone: 'muted' },
  ] });

  sections.push({ id: 'appendix', heading: T.appendix, newPage: true, blocks: [
    { kind: 'paragraph', text: T.appendixIntro, tone: 'muted' },
    table([T.cols.area, T.cols.substance, T.cols.date, T.cols.conc, T.cols.loq, T.cols.flow, T.cols.load],
      d.daily.map((r) => [r.area, subName(r.substance), r.date, r.censored ? `< ${f.exact(r.loqNgL)}` : f.number(r.concentrationNgL), f.exact(r.loqNgL), f.count(r.flowM3PerDay), f.number(r.loadMgPerDay)]),
      [false, false, false, true, true, true, true]),
  ] });

  const header = ['kind', 'area', 'substance', 'campaign', 'baselineMean', 'mean', 'ratio', 'ciLow', 'ciHigh', 'p', 'verdict', 'scope', 'seasonDiffers'];
  const rows: Cell[][] = [
    ...d.changes.map((c) => ['change', c.area, c.substance, c.campaign, mean(c.area, c.substance, d.baseline.id), mean(c.area, c.substance, c.campaign), c.change.ratio, c.change.ci95?.[0] ?? null, c.change.ci95?.[1] ?? null, c.change.test?.p ?? null, c.change.verdict, c.change.scope, c.change.seasonDiffers]),
    ...d.interventions.map((i) => ['intervention', i.result.area, i.result.substance, `event:${i.eventId}`, null, null, i.result.ratio, i.result.ci95?.[0] ?? null, i.result.ci95?.[1] ?? null, i.result.welch?.p ?? null, i.result.verdict, i.result.unit, null]),
  ];
  const humanHeader = [T.cols.area, T.cols.substance, T.cols.campaign, T.cols.baseMean, T.cols.mean, T.cols.ratio, `${T.cols.ci} (lo)`, `${T.cols.ci} (hi)`, T.cols.p, T.cols.verdict, T.cols.scope, T.cols.season];
  return finish(d, T.title, T.subtitle(f.dateRange(d.baseline.from, d.baseline.to), d.campaigns.length), sections,
    { machine: { header, rows }, human: { header: ['', ...humanHeader], rows } }, 'uppfoljning');
}

function finish(d: FollowUpData, title: string, subtitle: string, sections: SectionModel[], csv: ReportModel['csv'], fileWord: string): ReportModel {
  const { T, f } = base(d);
  const last = d.campaigns[d.campaigns.length - 1];
  return {
    lang: d.lang, title, subtitle,
    facts: [[T.organisation, d.organisation], [T.baseline, f.dateRange(d.baseline.from, d.baseline.to)], [T.campaigns, d.campaigns.map((c) => f.dateRange(c.from, c.to)).join(', ')],
      [T.generated, f.timestamp(d.generatedAt)], [T.version, `Lägesbild ${d.appVersion}`]],
    runningHeader: `${title} · ${d.organisation}`,
    pageLabelTemplate: T.pageLabel,
    metadata: { title, author: d.organisation, subject: subtitle, keywords: 'wastewater, WBE, follow-up', creator: `Lägesbild ${d.appVersion}`, generatedAt: d.generatedAt },
    sections, csv,
    fileBaseName: `lagesbild-${fileWord}-${d.baseline.from}-${last.to}`,
    period: { from: d.baseline.from, to: last.to },
  };
}

/**
 * One A4 page for the public: what was measured and when, the main changes in plain words (the
 * baseline against the latest campaign, in alphabetical order: no ranking of substances), what
 * the measurement can and cannot show. Only areas at or above MIN_PUBLIC_POPULATION; parent
 * cocaine is left out (benzoylecgonine stands for cocaine).
 */
/** Lines of changes that still fit one A4 page with the rest; more are referred to the full report. */
const MAX_PUBLIC_LINES = 10;

export function buildPublicModel(d: FollowUpData): ReportModel {
  const { T, f, subName } = base(d);
  const shown = d.areas.filter((a) => !a.small && (a.population ?? 0) >= d.minPublicPopulation);
  const hidden = d.areas.length - shown.length;
  const latest = d.campaigns[d.campaigns.length - 1];
  const lines: string[] = [];
  const collator = new Intl.Collator(d.lang === 'sv' ? 'sv' : 'en');
  for (const a of shown) {
    const rows = d.changes.filter((c) => c.area === a.code && c.campaign === latest.id && c.substance !== 'cocaine')
      .sort((x, y) => collator.compare(subName(x.substance), subName(y.substance)));
    for (const c of rows) {
      const clear = c.change.verdict === 'increase' || c.change.verdict === 'decrease';
      lines.push(`${shown.length > 1 ? `${a.name} – ` : ''}${T.publicChange(subName(c.substance), T.publicVerdicts[c.change.verdict] ?? c.change.verdict, clear ? f.ratio(c.change.ratio) : '')}`);
    }
  }
  const keys = new Set(d.changes.map((c) => c.substance));
  const notes = [T.publicOrder, ...(keys.has('benzoylecgonine') ? [T.publicCocaine] : []), ...(keys.has('tramadol') || keys.has('o-desmethyltramadol') ? [T.publicTramadol] : []), T.publicSmall(hidden, f.count(d.minPublicPopulation))];
  const sections: SectionModel[] = [
    { id: 'what', heading: d.lang === 'sv' ? 'Vad vi har mätt' : 'What we measured', newPage: false, blocks: [
      { kind: 'paragraph', text: T.publicWhat(shown.map((a) => a.name).join(', ') || f.dash, f.date(d.baseline.from), f.date(latest.to), d.campaigns.length + 1) },
    ] },
    { id: 'changes', heading: T.publicChanges, newPage: false, blocks: [
      { kind: 'list', items: lines.length > MAX_PUBLIC_LINES ? [...lines.slice(0, MAX_PUBLIC_LINES - 1), T.publicMoreLines(lines.length - MAX_PUBLIC_LINES + 1)] : lines },
      { kind: 'paragraph', text: notes.join(' '), tone: 'muted' },
    ] },
    { id: 'can-cannot', heading: T.canCannot, newPage: false, blocks: [{ kind: 'list', items: [T.can[0], ...T.cannot.slice(0, 2)] }, { kind: 'paragraph', text: T.publicMore, tone: 'muted' }] },
  ];
  const header = ['area', 'substance', 'campaign', 'ratio', 'verdict'];
  const rows: Cell[][] = d.changes.filter((c) => shown.some((a) => a.code === c.area) && c.campaign === latest.id && c.substance !== 'cocaine').map((c) => [c.area, c.substance, c.campaign, c.change.ratio, c.change.verdict]);
  return finish(d, T.publicTitle, `${f.dateRange(d.baseline.from, d.baseline.to)} – ${f.dateRange(latest.from, latest.to)}`, sections, { machine: { header, rows }, human: { header, rows } }, 'sammanfattning');
}
