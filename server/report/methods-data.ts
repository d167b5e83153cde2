/**
 * The facts every report's methods section, quality checks and daily appendix rest on (issue 12),
 * for any report: the organisation's sampling and lab settings, the populations, the LOQs in the
 * data, the cocaine/BE dumping check, the sub-area mass balance and the daily rows. Generic over
 * the report's periods (a baseline period, campaigns, county rounds…): each is `{id, from, to}`.
 */
import type { AppContext } from '../context.ts';
import { flaggedDumpingDates } from '../domain/dumping.ts';
import type { Caller } from '../domain/types.ts';
import { listMeasurements } from '../usecases/measurements.ts';
import { getMethodSettings, type MethodSettingsOut } from '../usecases/method-settings.ts';
import { scopedAreas } from '../usecases/scope.ts';

export interface MethodsPeriod { id: string; from: string; to: string }

export interface MethodsData {
  settings: MethodSettingsOut;
  periods: MethodsPeriod[];
  populations: { area: string; name: string; population: number | null; populationKind: 'persons' | 'pe'; populationFrom: string | null }[];
  loqs: { substance: string; loqsNgL: number[] }[];
  /** Mean of the daily cocaine/BE concentration ratios per area × period; flagged: days > 3 × the area's median ratio. */
  cocaineRatios: { area: string; period: string; ratio: number; nDays: number; flaggedDates: string[] }[];
  /** A plant's mean daily load against the sum of its sub-areas' on days all were measured (mg/day). */
  massBalance: { area: string; substance: string; period: string; plantLoad: number; subAreasLoad: number; remainder: number; remainderShare: number; nDays: number; children: string[] }[];
  daily: { area: string; substance: string; date: string; concentrationNgL: number | null; censored: boolean; loqNgL: number | null; flowM3PerDay: number | null; loadMgPerDay: number | null }[];
}

export interface MethodsQuery {
  /** The report's areas; their sub-areas are read too (for the mass balance). */
  areas: string[];
  substances?: string[];
  periods: MethodsPeriod[];
}

const inside = (d: string, p: MethodsPeriod) => d >= p.from && d <= p.to;

export async function assembleMethodsData(ctx: AppContext, caller: Caller, q: MethodsQuery): Promise<MethodsData> {
  const settings = await getMethodSettings(ctx, caller);
  const scoped = await scopedAreas(ctx, caller, { includeWithheld: true });
  const kidsOf = (code: string) => scoped.filter((x) => x.parent === code).map((x) => x.code);
  const from = q.periods.reduce((m, p) => (p.from < m ? p.from : m), q.periods[0]?.from ?? '9999');
  const to = q.periods.reduce((m, p) => (p.to > m ? p.to : m), q.periods[0]?.to ?? '0000');
  const wantedAreas = [...new Set(q.areas.flatMap((a) => [a, ...kidsOf(a)]))];
  const { rows } = q.periods.length ? await listMeasurements(ctx, caller, { includeWithheld: true, from, to, censored: 'half_loq', areas: wantedAreas }) : { rows: [] };
  const measured = rows.filter((r) => q.periods.some((p) => inside(r.date, p)));
  const byKey = new Map(measured.map((r) => [`${r.area}|${r.substance}|${r.date}`, r]));

  const cocaineRatios: MethodsData['cocaineRatios'] = [];
  const massBalance: MethodsData['massBalance'] = [];
  const substanceKeys = [...new Set(measured.map((r) => r.substance))].filter((k) => !q.substances || q.substances.includes(k));
  const balanceSubstance = substanceKeys.includes('benzoylecgonine') ? 'benzoylecgonine' : substanceKeys.filter((k) => k !== 'cocaine').sort()[0];
  for (const area of q.areas) {
    const point = (substance: string) => measured.filter((r) => r.area === area && r.substance === substance)
      .map((r) => ({ date: r.date, concentrationNgL: r.concentrationNgL, censored: r.censored }));
    const ratios = flaggedDumpingDates(point('cocaine'), point('benzoylecgonine'));
    const kids = kidsOf(area);
    for (const p of q.periods) {
      const mine = ratios.filter((r) => inside(r.date, p));
      if (mine.length) {
        cocaineRatios.push({ area, period: p.id, ratio: mine.reduce((s, r) => s + r.ratio, 0) / mine.length, nDays: mine.length, flaggedDates: mine.filter((r) => r.flagged).map((r) => r.date) });
      }
      if (!kids.length || !balanceSubstance) continue;
      const dates = [...new Set(measured.filter((r) => r.area === area && inside(r.date, p)).map((r) => r.date))].sort();
      let plant = 0;
      let sub = 0;
      let n = 0;
      for (const d of dates) {
        const pl = byKey.get(`${area}|${balanceSubstance}|${d}`)?.loadMgPerDay;
        const ks = kids.map((k) => byKey.get(`${k}|${balanceSubstance}|${d}`)?.loadMgPerDay);
        if (pl == null || ks.some((k) => k == null)) continue;
        plant += pl;
        sub += ks.reduce((s: number, k) => s + k!, 0);
        n++;
      }
      if (n && plant > 0) {
        massBalance.push({ area, substance: balanceSubstance, period: p.id, plantLoad: plant / n, subAreasLoad: sub / n, remainder: (plant - sub) / n, remainderShare: (plant - sub) / plant, nDays: n, children: kids });
      }
    }
  }

  const wanted = (r: (typeof measured)[number]) => q.areas.includes(r.area) && (!q.substances || q.substances.includes(r.substance));
  const daily = measured.filter(wanted).sort((a, b) => a.area.localeCompare(b.area) || a.substance.localeCompare(b.substance) || a.date.localeCompare(b.date))
    .map((r) => ({ area: r.area, substance: r.substance, date: r.date, concentrationNgL: r.concentrationNgL, censored: r.censored, loqNgL: r.loqNgL, flowM3PerDay: r.flowM3PerDay, loadMgPerDay: r.loadMgPerDay }));
  const loqs = [...new Set(daily.map((d) => d.substance))].sort().map((substance) => ({
    substance, loqsNgL: [...new Set(daily.filter((d) => d.substance === substance && d.loqNgL != null).map((d) => d.loqNgL!))].sort((a, b) => a - b),
  }));
  const populations = q.areas.map((code) => {
    const a = scoped.find((x) => x.code === code);
    return { area: code, name: a?.name ?? code, population: a?.population ?? null, populationKind: a?.populationKind ?? 'persons', populationFrom: a?.populationFrom ?? null };
  });
  return { settings, periods: q.periods, populations, loqs, cocaineRatios, massBalance, daily };
}
