/**
 * The substance catalogue as one organisation sees it (issue 16): a shared default, which only the
 * instance admin edits, under organisation-level overrides of the correction factor, dose, source
 * note and aliases. An organisation inherits from its parent (a municipality from its county), the
 * parent from the default; an override never reaches upwards or sideways, so a child's values never
 * change its county's or its siblings' figures. Pure.
 */

export interface CatalogueDefault {
  key: string;
  correctionFactor: number | null;
  doseMg: number | null;
  sourceNote: string;
  aliases: string[];
}

/** One organisation's override; an absent (undefined) field inherits. */
export interface CatalogueOverride {
  organisationId: number;
  key: string;
  /** null: no conversion here (loads only); undefined: inherited. */
  correctionFactor?: number | null;
  doseMg?: number | null;
  sourceNote?: string;
  aliases?: string[];
}

/** Where a value comes from: the organisation whose override set it, or null for the shared default. */
export interface EffectiveSubstance {
  key: string;
  correctionFactor: number | null;
  doseMg: number | null;
  sourceNote: string;
  aliases: string[];
  from: { correctionFactor: number | null; doseMg: number | null; sourceNote: number | null; aliases: number | null };
}

/**
 * Resolves each substance for the first organisation of `chain` (the organisation, then its parent,
 * and so on up to the top): per field, the nearest override that sets it, else the default.
 */
export function resolveCatalogue(defaults: readonly CatalogueDefault[], overrides: readonly CatalogueOverride[], chain: readonly number[]): Map<string, EffectiveSubstance> {
  const rank = new Map(chain.map((id, i) => [id, i]));
  const nearestFirst = overrides.filter((o) => rank.has(o.organisationId)).sort((a, b) => rank.get(a.organisationId)! - rank.get(b.organisationId)!);
  const out = new Map<string, EffectiveSubstance>();
  for (const d of defaults) {
    const e: EffectiveSubstance = {
      key: d.key, correctionFactor: d.correctionFactor, doseMg: d.doseMg, sourceNote: d.sourceNote, aliases: d.aliases,
      from: { correctionFactor: null, doseMg: null, sourceNote: null, aliases: null },
    };
    const mine = nearestFirst.filter((o) => o.key === d.key);
    const pick = <F extends 'correctionFactor' | 'doseMg' | 'sourceNote' | 'aliases'>(field: F) => {
      const o = mine.find((x) => x[field] !== undefined);
      if (!o) return;
      (e as unknown as Record<F, unknown>)[field] = o[field];
      e.from[field] = o.organisationId;
    };
    pick('correctionFactor');
    pick('doseMg');
    pick('sourceNote');
    pick('aliases');
    out.set(d.key, e);
  }
  return out;
}

/**
 * Alias → substance for matching file cells. An alias an organisation set itself (an override) wins
 * over an inherited one; the key always names its own substance.
 */
export function aliasTable(catalogue: ReadonlyMap<string, EffectiveSubstance>): { substance_key: string; alias: string }[] {
  const all = [...catalogue.values()];
  const byDepth = [...all.filter((s) => s.from.aliases === null), ...all.filter((s) => s.from.aliases !== null)];
  // Later entries win in the import's table: inherited aliases, then the organisation's own, then keys.
  return [...byDepth.flatMap((s) => s.aliases.map((alias) => ({ substance_key: s.key, alias }))), ...all.map((s) => ({ substance_key: s.key, alias: s.key }))];
}
