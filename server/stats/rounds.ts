// County rounds (DOMAIN.md "County-wide"): municipalities rarely sample on the same days, so
// campaigns are grouped into rounds (calendar quarter of the middle date unless named).

/** "2021-Q2" for any date in April–June 2021. */
export function quarterOf(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

export interface RoundCampaign {
  area: string;
  /** The campaign's middle date 'YYYY-MM-DD'. */
  mid: string;
  /** The campaign mean; null (e.g. mostly below LOQ) leaves the campaign out of the value. */
  mean: number | null;
  /** A coordinator's round name; default quarterOf(mid). */
  round?: string | null;
}

export interface RoundArea {
  area: string;
  /** Connected population (or pe) of the area. */
  population: number;
}

export interface Round {
  round: string;
  areas: { area: string; campaigns: number; value: number | null }[];
  county: { value: number | null; coverage: number };
}

/**
 * Per round: each area's value = mean of its campaign means in the round; county value =
 * Σ pop·value / Σ pop over the areas with a value; coverage = population of the areas that sampled
 * in the round (with a value or not) / the population of all `areas`. Pass one area per municipality (or plant), not sub-areas with their parent, or
 * people count twice. Rounds ordered by their earliest middle date; areas in the order given.
 */
export function countyRounds(campaigns: readonly RoundCampaign[], areas: readonly RoundArea[]): Round[] {
  const population = new Map(areas.map((a) => [a.area, a.population]));
  const totalPopulation = areas.reduce((s, a) => s + a.population, 0);
  const rounds = new Map<string, { first: string; byArea: Map<string, { n: number; values: number[] }> }>();
  for (const c of campaigns) {
    if (!population.has(c.area)) continue;
    const name = c.round ?? quarterOf(c.mid);
    let round = rounds.get(name);
    if (!round) rounds.set(name, (round = { first: c.mid, byArea: new Map() }));
    if (c.mid < round.first) round.first = c.mid;
    let entry = round.byArea.get(c.area);
    if (!entry) round.byArea.set(c.area, (entry = { n: 0, values: [] }));
    entry.n++;
    if (c.mean !== null) entry.values.push(c.mean);
  }
  return [...rounds.entries()]
    .sort(([na, a], [nb, b]) => (a.first < b.first ? -1 : a.first > b.first ? 1 : na < nb ? -1 : na > nb ? 1 : 0))
    .map(([name, round]) => {
      const rows = areas
        .filter((a) => round.byArea.has(a.area))
        .map((a) => {
          const e = round.byArea.get(a.area)!;
          return { area: a.area, campaigns: e.n, value: e.values.length > 0 ? e.values.reduce((s, v) => s + v, 0) / e.values.length : null };
        });
      let weighted = 0;
      let weights = 0;
      let sampled = 0;
      for (const r of rows) {
        const pop = population.get(r.area)!;
        sampled += pop;
        if (r.value === null) continue;
        weighted += pop * r.value;
        weights += pop;
      }
      return {
        round: name,
        areas: rows,
        county: { value: weights > 0 ? weighted / weights : null, coverage: totalPopulation > 0 ? sampled / totalPopulation : 0 },
      };
    });
}
