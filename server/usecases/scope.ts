import type { AppContext } from '../context.ts';
import type { Caller } from '../domain/types.ts';
import { populationOn } from '../import/lookup.ts';
import { findAreaAliases, findAreaPopulations, findAreas } from '../db/repositories/areas.repository.ts';

export interface ScopedArea {
  id: number;
  organisationId: number;
  code: string;
  name: string;
  parent: string | null;
  municipality: string | null;
  county: string | null;
  populations: { validFrom: string; population: number }[];
  /** The current connected population (latest entry). */
  population: number | null;
  populationFrom: string | null;
  aliases: string[];
  /** Below MIN_PUBLIC_POPULATION: shown to viewers only through its parent. */
  small: boolean;
}

/**
 * The one place that decides which areas a caller may see: those of the caller's organisations
 * (a county sees its municipalities'), and for viewers none under MIN_PUBLIC_POPULATION.
 * `includeWithheld` gives the small ones too, for roll-ups (their data still count in parents).
 */
export async function scopedAreas(ctx: AppContext, caller: Caller, opts: { includeWithheld?: boolean } = {}): Promise<ScopedArea[]> {
  const rows = await findAreas(ctx.db, caller.organisationIds);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const pops = await findAreaPopulations(ctx.db, ids);
  const aliases = await findAreaAliases(ctx.db, ids);
  const out = rows.map((r): ScopedArea => {
    const populations = pops.filter((p) => p.area_id === r.id).map((p) => ({ validFrom: p.valid_from, population: p.population }));
    const latest = populations[populations.length - 1];
    const population = latest?.population ?? null;
    return {
      id: r.id, organisationId: r.organisation_id, code: r.code, name: r.name, parent: r.parent_code, municipality: r.municipality, county: r.county,
      populations, population, populationFrom: latest && latest.validFrom !== '1900-01-01' ? latest.validFrom : null,
      aliases: aliases.filter((a) => a.area_id === r.id).map((a) => a.alias),
      small: population != null && population < ctx.config.minPublicPopulation,
    };
  });
  if (opts.includeWithheld || caller.role !== 'viewer') return out;
  return out.filter((a) => !a.small);
}

/** How many areas a viewer does not see, for the notice on the pages. */
export async function withheldCount(ctx: AppContext, caller: Caller): Promise<number> {
  if (caller.role !== 'viewer') return 0;
  const all = await scopedAreas(ctx, caller, { includeWithheld: true });
  return all.filter((a) => a.small).length;
}

export function areaPopulationOn(area: ScopedArea, date: string): number | null {
  return populationOn(area.populations, date);
}
