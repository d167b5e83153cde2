import type { AppContext } from '../context.ts';
import { insertArea, insertAreaPopulation, lockAreaCodes, replaceAreaAliases, updateArea } from '../db/repositories/areas.repository.ts';
import { normalizeName } from '../domain/text.ts';
import type { Caller, PopulationKind } from '../domain/types.ts';
import { commit } from './commit.ts';
import { areaCodeOwner, scopedAreas, type ScopedArea } from './scope.ts';

export interface AreaOut {
  code: string; name: string; parent: string | null; population: number | null; populationKind: PopulationKind; populationFrom: string | null;
  municipality: string | null; county: string | null; aliases: string[];
}

const areaOut = (a: ScopedArea): AreaOut => ({
  code: a.code, name: a.name, parent: a.parent, population: a.population, populationKind: a.populationKind, populationFrom: a.populationFrom, municipality: a.municipality, county: a.county, aliases: a.aliases,
});

/** The areas the caller may see, with their population history. */
export async function listAreas(ctx: AppContext, caller: Caller): Promise<(AreaOut & { populationHistory: ScopedArea['populations'] })[]> {
  return (await scopedAreas(ctx, caller)).map((a) => ({ ...areaOut(a), populationHistory: a.populations }));
}

export interface AreaInput {
  name: string;
  parent?: string | null;
  population?: number | null;
  /** 'pe' when the population is person equivalents; default 'persons'. */
  populationKind?: PopulationKind;
  populationFrom?: string | null;
  municipality?: string | null;
  county?: string | null;
  aliases?: string[];
}

export type SaveAreaResult =
  | { ok: true; created: boolean; area: AreaOut }
  | { ok: false; reason: 'unknown_parent' | 'own_parent' }
  /** The code belongs to another organisation of the tree; `owner` is named only if the caller may see it. */
  | { ok: false; reason: 'code_taken'; owner: string | null };

/**
 * Creates or updates an area by code. A new population is added to the history (from
 * `populationFrom`, else today; a first one counts from the start), never overwritten.
 */
export async function saveArea(ctx: AppContext, caller: Caller, code: string, input: AreaInput): Promise<SaveAreaResult> {
  const all = await scopedAreas(ctx, caller, { includeWithheld: true });
  if (input.parent && !all.some((a) => a.code === input.parent)) return { ok: false, reason: 'unknown_parent' };
  if (input.parent === code) return { ok: false, reason: 'own_parent' };
  const owner = await areaCodeOwner(ctx, caller, code);
  if (owner && owner.organisationId !== caller.organisationId) return { ok: false, reason: 'code_taken', owner: owner.organisationName };
  const existing = owner ? all.find((a) => a.id === owner.areaId) : undefined;
  const now = new Date().toISOString();
  const id = await commit(ctx, caller, async (tx) => {
    let id: number;
    if (existing) {
      id = existing.id;
      await updateArea(tx, id, {
        name: input.name, parent_code: input.parent === undefined ? existing.parent : input.parent,
        municipality: input.municipality === undefined ? existing.municipality : input.municipality,
        county: input.county === undefined ? existing.county : input.county, updated_at: now,
      });
    } else {
      // The check above, again inside the write: another organisation of the tree may have taken
      // the code since (two coordinators at the same moment).
      await lockAreaCodes(tx);
      const holder = await areaCodeOwner(ctx, caller, code, tx);
      if (holder && holder.organisationId !== caller.organisationId) return { result: null, audit: null };
      const inserted = await insertArea(tx, {
        organisation_id: caller.organisationId, code, name: input.name, parent_code: input.parent ?? null,
        municipality: input.municipality ?? null, county: input.county ?? null, created_at: now, updated_at: now,
      });
      if (inserted === null) return { result: null, audit: null }; // created concurrently by another request
      id = inserted;
    }
    const kind = input.populationKind ?? existing?.populationKind ?? 'persons';
    if (input.population != null && (input.population !== existing?.population || kind !== existing?.populationKind)) {
      await insertAreaPopulation(tx, { areaId: id, population: input.population, kind, validFrom: input.populationFrom ?? (existing?.population ? now.slice(0, 10) : '1900-01-01'), at: now });
    }
    if (input.aliases) await replaceAreaAliases(tx, id, input.aliases, normalizeName);
    return { result: id, audit: { action: existing ? 'area_updated' : 'area_created', target: `area:${code}`, details: { ...input, previousPopulation: existing?.population ?? null } } };
  });
  if (id === null) return { ok: false, reason: 'code_taken', owner: null };
  const out = (await scopedAreas(ctx, caller, { includeWithheld: true })).find((a) => a.id === id)!;
  return { ok: true, created: !existing, area: areaOut(out) };
}
