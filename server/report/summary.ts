/**
 * The report's plain-language summary per substance: baseline level per area, the weekend
 * pattern ("helgmönster") and, where EUDA reference data exist, the comparison with Swedish
 * cities. Pure; part of the model (model.ts).
 */
import { isoWeekday } from '../stats/index.ts';
import type { ModelContext as Ctx } from './model.ts';
import { joinList, sentence } from '../i18n/index.ts';
import type { Block, ReportResultInput, ReportSubstanceInput } from './types.ts';

/** Weekend/weekday ratios beyond ±20 % are called a pattern; closer ones are "no clear difference". */
const WEEKEND_THRESHOLD = 1.2;
/** EUDA spellings of Swedish cities in the reference file, as a Swedish reader writes them. */
export const SWEDISH_CITY_NAMES: Record<string, string> = { Gothenburg: 'Göteborg', Umea: 'Umeå' };

export function drugLabel(c: Ctx, s: ReportSubstanceInput): string {
  return c.t.drugs[s.drug] ?? s.drug;
}

export function substanceHeading(c: Ctx, s: ReportSubstanceInput): string {
  const name = c.substanceName(s);
  const drug = drugLabel(c, s);
  return drug.toLowerCase() === name.toLowerCase() ? name : `${name} (${c.t.markerFor(drug)})`;
}

/** The area drawn alone in the charts and compared with EUDA: the largest connected population. */
export function mainResult(c: Ctx, results: ReportResultInput[]): ReportResultInput {
  const pop = (r: ReportResultInput) => c.input.areas.find((a) => a.code === r.area)?.population ?? 0;
  return [...results].sort((a, b) => pop(b) - pop(a))[0];
}

function weekendVerdict(c: Ctx, results: ReportResultInput[]): string {
  const { t } = c;
  const judged = results.filter((r) => {
    const withValue = r.points.filter((p) => p.value !== null);
    const weekday = withValue.filter((p) => [2, 3, 4].includes(isoWeekday(p.date))).length;
    return r.weekendRatio !== null && weekday >= 2 && withValue.length - weekday >= 2;
  });
  if (!judged.length) return t.weekend.tooFew;
  const kinds = new Set(judged.map((r) => (r.weekendRatio! > WEEKEND_THRESHOLD ? 'higher' : r.weekendRatio! < 1 / WEEKEND_THRESHOLD ? 'lower' : 'flat')));
  const verdict = kinds.size > 1 ? t.weekend.mixed : t.weekend[[...kinds][0] as 'higher' | 'lower' | 'flat'];
  const oneWeek = Math.max(...judged.map((r) => r.n)) <= 7;
  return oneWeek ? `${verdict} (${t.weekend.oneWeek})` : verdict;
}

/** A note naming the areas counted in person equivalents, when the report has any (DOMAIN.md "Corrections"). */
export function peNote(c: Ctx): Block[] {
  const pe = c.input.areas.filter((a) => a.populationKind === 'pe' && c.input.results.some((r) => r.area === a.code));
  return pe.length ? [{ kind: 'paragraph', text: c.t.results.peNote(joinList(pe.map((a) => a.name), c.input.lang)), tone: 'muted' }] : [];
}

export function summaryBlocks(c: Ctx): Block[] {
  const { f, t, input } = c;
  const blocks: Block[] = [{ kind: 'paragraph', text: t.summaryIntro(c.periodLabel, c.unit), tone: 'lead' }, ...peNote(c)];
  for (const s of input.substances) {
    const results = c.resultsBySubstance.get(s.key) ?? [];
    if (!results.length) continue;
    blocks.push({ kind: 'subheading', text: substanceHeading(c, s) });
    const name = (r: ReportResultInput) => c.areaName.get(r.area) ?? r.area;
    // pe areas: "per 1000 pe" as the unit when all are, else each pe area's figure carries it.
    const allPe = results.every((r) => c.unitOf(r.area) !== c.unit);
    const peMark = (r: ReportResultInput) => (!allPe && c.unitOf(r.area) !== c.unit ? ` ${c.unitOf(r.area)}` : '');
    const levels = results.map((r) => r.belowLoq ? `${name(r)} ${t.belowLoq(r.upperBound != null ? f.number(r.upperBound) : '?')}${peMark(r)}` : `${name(r)} ${f.number(r.mean)}${peMark(r)} (${f.interval(r.ci95)})`);
    const lines = [sentence(t.levels(joinList(levels, input.lang), allPe ? c.unitOf(results[0].area) : c.unit))];
    const censored = results.filter((r) => r.nCensored > 0);
    if (censored.length) {
      const mostly = censored.some((r) => (r.shareCensored ?? 0) > 0.5) ? ` ${t.censoredMostly}` : '';
      lines.push(t.censoredNote(joinList(censored.map((r) => `${name(r)} ${t.nOfSamples(f.count(r.nCensored), f.count(r.n))}`), input.lang)) + mostly);
    }
    const ratios = results.filter((r) => r.weekendRatio !== null).map((r) => `${name(r)} ${f.ratio(r.weekendRatio)}`);
    lines.push(ratios.length ? t.weekendLine(joinList(ratios, input.lang), weekendVerdict(c, results)) : `${t.weekend.heading}: ${t.weekend.tooFew}.`);
    const ref = input.references.find((x) => x.substance === s.key);
    if (ref && ref.swedishCities.some((x) => x.dailyMean !== null)) {
      const main = mainResult(c, results);
      const cities = ref.swedishCities.filter((x) => x.dailyMean !== null)
        .map((x) => ({ name: input.lang === 'sv' ? SWEDISH_CITY_NAMES[x.city] ?? x.city : x.city, value: x.dailyMean! }));
      const values = cities.map((x) => x.value);
      const lo = Math.min(...values), hi = Math.max(...values);
      const m = main.mean;
      const position = m === null ? t.position.within
        : cities.length === 1 && f.number(m) === f.number(hi) ? t.position.alone
          : m > hi ? t.position.above : m < lo ? t.position.below : t.position.within;
      const cityList = joinList(cities.map((x) => `${x.name} ${f.number(x.value)}`), input.lang);
      const mainText = `${name(main)} (${f.number(m)})`;
      lines.push(ref.europeanMedian !== null
        ? t.reference(String(ref.year), cityList, f.number(ref.europeanMedian), f.count(ref.nCities), mainText, position)
        : t.referenceNoMedian(String(ref.year), cityList, mainText, position));
      lines[lines.length - 1] += ` ${t.attribution}`;
    }
    blocks.push({ kind: 'list', items: lines });
  }
  return blocks;
}

