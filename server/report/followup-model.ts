/**
 * The follow-up report and the one-page public summary as ReportModels (issue 12): every text and
 * number formatted once here; the baseline report's PDF / HTML / CSV renderers lay them out.
 */
import { FOLLOW_UP_TEXTS } from '../i18n/report/followup.ts';
import type { Cell } from './csv.ts';
import { ADVICE, type CampaignRef, type FollowUpData } from './followup-data.ts';
import { reportFormat } from './format.ts';
import { methodsSections } from './methods-model.ts';
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
  const campaignOf = (id: number) => [d.baseline, ...d.campaigns].find((x) => x.id === id);
  const campaignText = (id: number) => {
    const c = campaignOf(id);
    return c ? `${c.name === `${c.from} – ${c.to}` ? '' : `${c.name}, `}${f.dateRange(c.from, c.to)}` : String(id);
  };
  return { T, f, areaName, subName, campaignText };
}

/** A side's mean as the overview gives it: "< upper bound" when mostly below LOQ. */
const sideText = (f: ReturnType<typeof reportFormat>, s: { mean: number | null; belowLoq: boolean; upperBound: number | null }) =>
  s.belowLoq ? `< ${f.number(s.upperBound)}` : f.number(s.mean);

export function buildFollowUpModel(d: FollowUpData): ReportModel {
  const { T, f, areaName, subName, campaignText } = base(d);
  const sections: SectionModel[] = [];

  const count = (v: string) => d.changes.filter((c) => c.row.verdict === v).length;
  sections.push({ id: 'summary', heading: T.summary, newPage: false, blocks: [
    { kind: 'paragraph', text: T.summaryLine(count('increase'), count('decrease'), count('no_clear_change'), d.changes.length - count('increase') - count('decrease') - count('no_clear_change')), tone: 'lead' },
  ] });

  const peAreas = new Set(d.areas.filter((a) => a.populationKind === 'pe').map((a) => a.code));
  const changeBlocks: Block[] = [{ kind: 'paragraph', text: T.changesIntro, tone: 'muted' }];
  // DOMAIN.md "Corrections": pe are not persons; the rows of pe areas are marked and this note says why.
  if (d.changes.some((c) => peAreas.has(c.row.area))) changeBlocks.push({ kind: 'paragraph', text: T.peNote(d.areas.filter((a) => peAreas.has(a.code)).map((a) => `${a.name} (pe)`).join(', ')), tone: 'muted' });
  if (!d.changes.length) changeBlocks.push({ kind: 'paragraph', text: T.noChanges });
  else {
    // One table per later campaign (its dates in the subheading), so that the columns fit A4.
    for (const c of d.campaigns) {
      const mine = d.changes.filter((x) => x.campaign === c.id);
      if (!mine.length) continue;
      changeBlocks.push({ kind: 'subheading', text: campaignText(c.id) });
      changeBlocks.push(table([T.cols.area, T.cols.substance, T.cols.baseMean, T.cols.mean, T.cols.ratio, T.cols.ci, T.cols.p, T.cols.q, T.cols.verdict, T.cols.notes],
        mine.map(({ row: r }) => [peAreas.has(r.area) ? `${areaName(r.area)} (pe)` : areaName(r.area), subName(r.substance), sideText(f, r.baseline), sideText(f, r.current),
          f.ratio(r.ratio), f.interval(r.ci95), f.number(r.p), f.number(r.q), T.verdicts[r.verdict] ?? r.verdict,
          [r.scope === 'days' ? T.notes.days : '', r.seasonDiffers ? T.notes.season : ''].filter(Boolean).join(', ') || f.dash]),
        [false, false, true, true, true, true, true, true, false, false]));
    }
    changeBlocks.push({ kind: 'paragraph', text: T.changesBh, tone: 'muted' });
    if (d.changes.some((c) => c.row.scope === 'days')) changeBlocks.push({ kind: 'paragraph', text: T.changesScopeDays });
    if (d.changes.some((c) => c.row.seasonDiffers)) changeBlocks.push({ kind: 'paragraph', text: T.changesSeason });
  }
  sections.push({ id: 'changes', heading: T.changes, newPage: false, blocks: changeBlocks });

  sections.push({ id: 'trends', heading: T.trends, newPage: false, blocks: [
    { kind: 'paragraph', text: T.trendsIntro, tone: 'muted' },
    table([T.cols.area, T.cols.substance, T.cols.n, T.cols.perYear, T.cols.p, T.cols.q, T.cols.verdict],
      d.trends.map((t) => [areaName(t.area), subName(t.substance), String(t.nCampaigns), f.number(t.sen?.percentPerYear ?? null), f.number(t.p), f.number(t.q), T.verdicts[t.verdict] ?? t.verdict]),
      [false, false, true, true, true, true, false]),
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

  sections.push({ id: 'delivery', heading: T.delivery, newPage: false, blocks: [
    { kind: 'paragraph', text: T.deliveryIntro, tone: 'muted' },
    table(Object.values(T.deliveryCols), [d.baseline, ...d.campaigns].map((c) => deliveryRow(d, c)), [false, false, false, false, true, true, true, false, false]),
  ] });

  sections.push({ id: 'advice', heading: T.advice, newPage: false, blocks: adviceBlocks(d) });

  sections.push({ id: 'can-cannot', heading: T.canCannot, newPage: false, blocks: [{ kind: 'list', items: [...T.can, ...T.cannot] }] });

  sections.push(...methodsSections(d.methods, f, { areaName, substanceName: subName, periodName: (id) => campaignText(Number(id)) }));

  const header = ['kind', 'area', 'substance', 'campaign', 'baselineMean', 'mean', 'ratio', 'ciLow', 'ciHigh', 'p', 'verdict', 'scope', 'seasonDiffers', 'q'];
  const rows: Cell[][] = [
    ...d.changes.map(({ campaign, row: r }) => ['change', r.area, r.substance, campaign, r.baseline.mean, r.current.mean, r.ratio, r.ci95?.[0] ?? null, r.ci95?.[1] ?? null, r.p, r.verdict, r.scope, r.seasonDiffers, r.q]),
    ...d.interventions.map((i) => ['intervention', i.result.area, i.result.substance, `event:${i.eventId}`, null, null, i.result.ratio, i.result.ci95?.[0] ?? null, i.result.ci95?.[1] ?? null, i.result.welch?.p ?? null, i.result.verdict, i.result.unit, null, null]),
  ];
  const humanHeader = [T.cols.area, T.cols.substance, T.cols.campaign, T.cols.baseMean, T.cols.mean, T.cols.ratio, `${T.cols.ci} (lo)`, `${T.cols.ci} (hi)`, T.cols.p, T.cols.verdict, T.cols.scope, T.cols.season, T.cols.q];
  return finish(d, T.title, T.subtitle(f.dateRange(d.baseline.from, d.baseline.to), d.campaigns.length), sections,
    { machine: { header, rows }, human: { header: ['', ...humanHeader], rows } }, 'uppfoljning');
}

function deliveryRow(d: FollowUpData, c: CampaignRef): string[] {
  const { T, f, campaignText } = base(d);
  const del = c.delivery;
  return [campaignText(c.id), f.dateRange(c.from, c.to), T.statuses[c.status] ?? c.status, `${T.daysWord(c.design.days)}, ${T.composites[c.design.composite] ?? c.design.composite}`,
    f.count(del.expected), f.count(del.delivered), del.expected ? f.percent(del.delivered / del.expected) : f.dash,
    del.missingDays.length ? del.missingDays.join(', ') : f.dash, del.missingFlows.length ? del.missingFlows.join(', ') : f.dash];
}

function adviceBlocks(d: FollowUpData): Block[] {
  const { T, f, areaName, subName } = base(d);
  if (!d.advice.length) return [{ kind: 'paragraph', text: T.noAdvice, tone: 'muted' }];
  const r14 = (a: FollowUpData['advice'][number]['advice']) => a.byDays.find((x) => x.days === 14)?.detectableRatio ?? null;
  const blocks: Block[] = [{ kind: 'paragraph', text: T.adviceIntro(f.exact(ADVICE.ratio), f.percent(ADVICE.power), f.exact(ADVICE.alpha)), tone: 'muted' }];
  // One sentence per area, for its main indicator (benzoylecgonine, else the first substance).
  for (const area of [...new Set(d.advice.map((a) => a.area))]) {
    const mine = d.advice.filter((a) => a.area === area);
    const main = mine.find((a) => a.substance === 'benzoylecgonine') ?? mine[0];
    const a = main.advice;
    const fourteen = r14(a);
    // Doubling the days narrows log(detectable) by less than 10 %: s_b dominates, more campaigns help more.
    const sbDominates = fourteen !== null && Math.log(fourteen) > 0.9 * Math.log(a.detectableRatio);
    blocks.push({ kind: 'paragraph', text: (sbDominates ? T.adviceMoreCampaigns : T.adviceMoreDays)(areaName(area), subName(main.substance), f.ratio(a.detectableRatio), f.ratio(fourteen)) });
  }
  blocks.push(table(Object.values(T.adviceCols), d.advice.map(({ area, substance, advice: a }) => [areaName(area), subName(substance), T.sources[a.source] ?? a.source,
    f.ratio(a.detectableRatio), f.ratio(r14(a)), a.daysNeeded === null ? f.dash : String(a.daysNeeded), f.ratio(a.trendRatioPerYear)]), [false, false, false, true, true, true, true]));
  if (d.advice.some((a) => a.advice.source === 'literature')) blocks.push({ kind: 'paragraph', text: T.adviceLiterature, tone: 'muted' });
  return blocks;
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

/** Lines of changes that still fit one A4 page with the rest; more are referred to the full report. */
const MAX_PUBLIC_LINES = 10;

/**
 * One A4 page for the public: what was measured and when, the main changes in plain words (the
 * baseline against the latest campaign with data, in alphabetical order: no ranking of
 * substances), what the measurement can and cannot show. Only areas at or above
 * MIN_PUBLIC_POPULATION; parent cocaine is left out (benzoylecgonine stands for cocaine).
 */
export function buildPublicModel(d: FollowUpData): ReportModel {
  const { T, f, subName } = base(d);
  const shown = d.areas.filter((a) => !a.small && (a.population ?? 0) >= d.minPublicPopulation);
  const hidden = d.areas.length - shown.length;
  const withData = d.campaigns.filter((c) => d.changes.some((x) => x.campaign === c.id));
  const latest = withData[withData.length - 1] ?? d.campaigns[d.campaigns.length - 1];
  const lines: string[] = [];
  const collator = new Intl.Collator(d.lang === 'sv' ? 'sv' : 'en');
  const latestRows = d.changes.filter((c) => c.campaign === latest.id && shown.some((a) => a.code === c.row.area) && c.row.substance !== 'cocaine').map((c) => c.row);
  for (const a of shown) {
    const rows = latestRows.filter((r) => r.area === a.code).sort((x, y) => collator.compare(subName(x.substance), subName(y.substance)));
    for (const r of rows) {
      const clear = r.verdict === 'increase' || r.verdict === 'decrease';
      lines.push(`${shown.length > 1 ? `${a.name} – ` : ''}${T.publicChange(subName(r.substance), T.publicVerdicts[r.verdict] ?? r.verdict, clear ? f.ratio(r.ratio) : '')}`);
    }
  }
  const keys = new Set(d.changes.map((c) => c.row.substance));
  const pe = shown.filter((a) => a.populationKind === 'pe');
  const notes = [...(pe.length ? [T.peNote(pe.map((a) => a.name).join(', '))] : []), T.publicOrder, ...(keys.has('benzoylecgonine') ? [T.publicCocaine] : []), ...(keys.has('tramadol') || keys.has('o-desmethyltramadol') ? [T.publicTramadol] : []), T.publicSmall(hidden, f.count(d.minPublicPopulation))];
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
  const rows: Cell[][] = latestRows.map((r) => [r.area, r.substance, latest.id, r.ratio, r.verdict]);
  return finish(d, T.publicTitle, `${f.dateRange(d.baseline.from, d.baseline.to)} – ${f.dateRange(latest.from, latest.to)}`, sections, { machine: { header, rows }, human: { header, rows } }, 'sammanfattning');
}
