/**
 * Dumping flag (pure): when both cocaine and benzoylecgonine are measured, the daily ratio
 * cocaine / BE. Consumption gives a fairly stable ratio per area; a day far above the area's
 * usual ratio suggests parent drug disposed of rather than consumed.
 */
export const DUMPING_FACTOR = 3;
export const DUMPING_MIN_DAYS = 5;

export interface RatioPoint { date: string; concentrationNgL: number | null; censored: boolean }

/** Dates whose cocaine/BE ratio exceeds DUMPING_FACTOR × the area's median ratio. */
export function flaggedDumpingDates(cocaine: RatioPoint[], be: RatioPoint[]): { date: string; ratio: number; flagged: boolean }[] {
  const beByDate = new Map(be.filter((p) => !p.censored && p.concentrationNgL).map((p) => [p.date, p.concentrationNgL as number]));
  const ratios = cocaine
    .filter((p) => !p.censored && p.concentrationNgL != null && beByDate.has(p.date))
    .map((p) => ({ date: p.date, ratio: (p.concentrationNgL as number) / beByDate.get(p.date)! }));
  if (ratios.length < DUMPING_MIN_DAYS) return ratios.map((r) => ({ ...r, flagged: false }));
  const sorted = ratios.map((r) => r.ratio).sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return ratios.map((r) => ({ ...r, flagged: r.ratio > DUMPING_FACTOR * median }));
}

/** Per area, the flagged dates, from series of concentrations in the measurements. */
export function dumpingDays(series: { area: string; substance: string; source: string; points: RatioPoint[] }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const byArea = new Map<string, { cocaine?: RatioPoint[]; be?: RatioPoint[] }>();
  for (const s of series) {
    if (s.source !== 'own' || (s.substance !== 'cocaine' && s.substance !== 'benzoylecgonine')) continue;
    const e = byArea.get(s.area) ?? {};
    if (s.substance === 'cocaine') e.cocaine = s.points;
    else e.be = s.points;
    byArea.set(s.area, e);
  }
  for (const [area, e] of byArea) {
    if (!e.cocaine || !e.be) continue;
    out.set(area, flaggedDumpingDates(e.cocaine, e.be).filter((r) => r.flagged).map((r) => r.date));
  }
  return out;
}
