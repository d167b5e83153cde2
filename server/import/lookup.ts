import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { closestNames, normalizeName } from '../domain/text.ts';
import { aliasTable, resolveCatalogue } from '../domain/catalogue.ts';
import { findCatalogueSources } from '../db/repositories/substances.repository.ts';

export interface AreaRef {
  id: number;
  code: string;
  name: string;
  /** Population history, ascending by valid_from. */
  populations: { validFrom: string; population: number }[];
}

/**
 * Cells longer than this get no "closest known" hints: no name is that long, and the edit
 * distance costs length × names per cell (a stray quote can make a cell of the whole file).
 */
const MAX_SUGGEST_LENGTH = 100;

/** What a Registry is built from (read once per import, inside its transaction). */
export interface RegistryData {
  /** In order of preference: least preferred first, so that later entries overwrite. */
  areas: { id: number; organisation_id: number; code: string; name: string }[];
  populations: { area_id: number; population: number; valid_from: string }[];
  aliases: { area_id: number; alias: string }[];
  substanceAliases: { substance_key: string; alias: string }[];
}

/** Reads the registry's rows through Kysely (either database; pass the import's transaction). */
export async function loadRegistryData(db: Kysely<Database>, organisationIds: number[]): Promise<RegistryData> {
  // `organisationIds` in order of preference, the caller's own first: a name, alias or code shared by
  // areas of several organisations resolves to the first organisation's area (then the oldest area),
  // whatever order the database returns them in — never "last one wins".
  const rank = (orgId: number) => organisationIds.indexOf(orgId);
  const areas = (organisationIds.length
    ? await db.selectFrom('areas').select(['id', 'organisation_id', 'code', 'name']).where('organisation_id', 'in', organisationIds).execute()
    : []).sort((a, b) => rank(b.organisation_id) - rank(a.organisation_id) || b.id - a.id);
  const populations = await db.selectFrom('area_populations').select(['area_id', 'population', 'valid_from']).orderBy('valid_from').orderBy('id').execute();
  const aliases = await db.selectFrom('area_aliases').select(['area_id', 'alias']).execute();
  // The importing organisation's catalogue: its own aliases (or its county's) over the shared default's.
  const own = organisationIds[0];
  const substanceAliases = own === undefined
    ? await db.selectFrom('substance_aliases').select(['substance_key', 'alias']).execute()
    : aliasTable(await findCatalogueSources(db, own).then((c) => resolveCatalogue(c.defaults, c.overrides, c.chain)));
  return { areas, populations, aliases, substanceAliases };
}

/** The names an organisation's areas and the catalog's substances go by, for matching file cells. */
export class Registry {
  static async load(db: Kysely<Database>, organisationIds: number[]): Promise<Registry> {
    return new Registry(await loadRegistryData(db, organisationIds));
  }

  private areasByName = new Map<string, AreaRef>();
  private substancesByName = new Map<string, string>();
  readonly areaNames: string[] = [];
  readonly substanceNames: string[] = [];
  readonly areasById = new Map<number, AreaRef>();

  /** `data` is kept: the reading thread of a large import builds its own Registry from it. */
  constructor(readonly data: RegistryData) {
    const { areas, populations: pops, aliases: allAliases } = data;
    for (const a of areas) {
      const ref: AreaRef = { id: a.id, code: a.code, name: a.name, populations: [] };
      this.areasById.set(a.id, ref);
      this.addArea(a.name, ref);
    }
    for (const p of pops) this.areasById.get(p.area_id)?.populations.push({ validFrom: p.valid_from, population: p.population });
    const order = new Map(areas.map((a, i) => [a.id, i]));
    const aliases = allAliases.filter((al) => order.has(al.area_id)).sort((x, y) => order.get(x.area_id)! - order.get(y.area_id)!);
    for (const al of aliases) {
      const ref = this.areasById.get(al.area_id);
      if (ref) this.addArea(al.alias, ref);
    }
    // Codes last: a code always means its own area, even where another area has it as name or alias.
    for (const a of areas) this.addArea(a.code, this.areasById.get(a.id)!);
    for (const s of data.substanceAliases) {
      this.substancesByName.set(normalizeName(s.alias), s.substance_key);
      this.substanceNames.push(s.alias);
    }
  }

  private addArea(name: string, ref: AreaRef): void {
    this.areasByName.set(normalizeName(name), ref);
    this.areaNames.push(name);
  }

  area(name: string): AreaRef | undefined {
    return this.areasByName.get(normalizeName(name));
  }

  substance(name: string): string | undefined {
    if (name.length > MAX_SUGGEST_LENGTH) return undefined; // no substance is named so long; /\(.*?\)/ below is quadratic in it
    const direct = this.substancesByName.get(normalizeName(name));
    if (direct) return direct;
    // "Amfetamin (AMP)": try the name without the parenthesis, then what is inside it.
    const outside = this.substancesByName.get(normalizeName(name.replace(/\(.*?\)/g, ' ')));
    if (outside) return outside;
    const inside = /\(([^()]+)\)/.exec(name);
    return inside ? this.substancesByName.get(normalizeName(inside[1])) : undefined;
  }

  suggestAreas(name: string): string[] {
    return name.length > MAX_SUGGEST_LENGTH ? [] : closestNames(name, this.areaNames);
  }

  suggestSubstances(name: string): string[] {
    return name.length > MAX_SUGGEST_LENGTH ? [] : closestNames(name, this.substanceNames);
  }
}

/** The connected population on `date`: the latest entry valid from on or before it (or the earliest). */
export function populationOn(populations: { validFrom: string; population: number }[], date: string): number | null {
  let found: number | null = null;
  for (const p of populations) {
    if (p.validFrom <= date) found = p.population;
  }
  return found ?? populations[0]?.population ?? null;
}
