/**
 * Roll-up of children's daily values into a parent area (pure): on the dates where every child
 * has a value, the combined figures are summed loads over summed population, i.e. the
 * population-weighted mean of normalised loads (DOMAIN.md).
 */
export interface DayParts {
  date: string;
  /** Per child: load (mg/day) from the censored-substituted concentration, flow, population. */
  loadMgPerDay: number | null;
  flowM3PerDay: number | null;
  population: number | null;
  censored: boolean;
}

export interface CombinedDay {
  date: string;
  loadMgPerDay: number;
  flowM3PerDay: number;
  population: number;
  /** Flow-weighted concentration (ng/L) of the combined water: Σload·1000 / Σflow. */
  concentrationNgL: number;
  normalizedLoad: number;
  /** True when every part was below LOQ; `censoredParts` says how many were. */
  censored: boolean;
  censoredParts: number;
}

export interface RollupResult {
  days: CombinedDay[];
  /** Dates where some but not all children had values (left out). */
  incompleteDates: string[];
}

export function rollUp(children: Map<string, DayParts>[]): RollupResult {
  if (children.length === 0) return { days: [], incompleteDates: [] };
  const dates = new Set<string>();
  for (const c of children) for (const d of c.keys()) dates.add(d);
  const days: CombinedDay[] = [];
  const incompleteDates: string[] = [];
  for (const date of [...dates].sort()) {
    const parts = children.map((c) => c.get(date));
    if (parts.some((p) => !p || p.loadMgPerDay == null || p.population == null || p.flowM3PerDay == null)) {
      incompleteDates.push(date);
      continue;
    }
    let load = 0, pop = 0, flow = 0, censoredParts = 0;
    for (const p of parts as DayParts[]) {
      load += p.loadMgPerDay!;
      pop += p.population!;
      flow += p.flowM3PerDay!;
      if (p.censored) censoredParts += 1;
    }
    days.push({
      date, loadMgPerDay: load, flowM3PerDay: flow, population: pop, concentrationNgL: (load * 1000) / flow,
      normalizedLoad: (load * 1000) / pop, censored: censoredParts === parts.length, censoredParts,
    });
  }
  return { days, incompleteDates };
}
