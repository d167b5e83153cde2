import type { AppContext } from '../context.ts';
import type { Db } from '../db/connection.ts';
import {
  deleteSubstanceOverride, findAliasesTakenByOthers, findCatalogueSources, findSubstance, findSubstanceOverride, findSubstances,
  replaceSubstanceAliases, saveSubstanceOverride, updateSubstance,
} from '../db/repositories/substances.repository.ts';
import { resolveCatalogue, type EffectiveSubstance } from '../domain/catalogue.ts';
import { normalizeName } from '../domain/text.ts';
import type { Caller } from '../domain/types.ts';
import { commit } from './commit.ts';
import { isInstanceAdmin } from './scope.ts';

/**
 * The substance catalogue (issue 16): a shared default that only the instance admin edits, and per
 * organisation overrides of the correction factor, dose, source note and aliases (domain/catalogue.ts).
 * Every figure is computed with the catalogue of the organisation it is shown to.
 */

/** `own`: the caller's organisation set some value itself; `inherited`: a parent organisation did. */
export type OverrideLevel = 'own' | 'inherited' | null;

export interface SubstanceOut {
  key: string; nameSv: string; nameEn: string; drug: string; residue: string; correctionFactor: number | null;
  doseMg: number | null; sourceNote: string; updatedAt: string; aliases: string[];
  override: OverrideLevel;
  /** The shared default, for comparison where an override applies. */
  default: { correctionFactor: number | null; doseMg: number | null; sourceNote: string; aliases: string[] };
}

/** The catalogue as `organisationId` sees it (with its county's and its own overrides). */
export async function effectiveCatalogue(db: Db, organisationId: number): Promise<Map<string, EffectiveSubstance>> {
  const src = await findCatalogueSources(db, organisationId);
  return resolveCatalogue(src.defaults, src.overrides, src.chain);
}

/** Correction factor and dose per substance key, as the caller's organisation uses them. */
export async function substanceFactors(ctx: AppContext, caller: Caller): Promise<Map<string, EffectiveSubstance>> {
  return effectiveCatalogue(ctx.db, caller.organisationId);
}

const levelOf = (e: EffectiveSubstance, organisationId: number): OverrideLevel => {
  const from = Object.values(e.from).filter((v): v is number => v !== null);
  return from.includes(organisationId) ? 'own' : from.length ? 'inherited' : null;
};

/** The catalog in display order, with every alias, as the caller's organisation sees it. */
export async function listSubstances(ctx: AppContext, caller: Caller): Promise<SubstanceOut[]> {
  const subs = await findSubstances(ctx.db);
  const src = await findCatalogueSources(ctx.db, caller.organisationId);
  const effective = resolveCatalogue(src.defaults, src.overrides, src.chain);
  const defaults = new Map(src.defaults.map((d) => [d.key, d]));
  return subs.map((s) => {
    const e = effective.get(s.key)!;
    const d = defaults.get(s.key)!;
    return {
      key: s.key, nameSv: s.name_sv, nameEn: s.name_en, drug: s.drug, residue: s.residue, correctionFactor: e.correctionFactor,
      doseMg: e.doseMg, sourceNote: e.sourceNote, updatedAt: s.updated_at, aliases: [s.key, ...e.aliases],
      override: levelOf(e, caller.organisationId),
      default: { correctionFactor: d.correctionFactor, doseMg: d.doseMg, sourceNote: d.sourceNote, aliases: [s.key, ...d.aliases] },
    };
  });
}

export interface SubstanceInput {
  nameSv?: string;
  nameEn?: string;
  correctionFactor?: number | null;
  doseMg?: number | null;
  sourceNote?: string;
  aliases?: string[];
}

export type SubstanceResult =
  | { ok: true; updatedAt: string; scope: 'default' | 'organisation' }
  | { ok: false; reason: 'not_found' }
  /** Names are the shared catalogue's: only the instance admin changes them. */
  | { ok: false; reason: 'names_shared' }
  | { ok: false; reason: 'alias_taken'; taken: { alias: string; substance: string }[] };

export async function substanceExists(ctx: AppContext, key: string): Promise<boolean> {
  return Boolean(await findSubstance(ctx.db, key));
}

/** Unique aliases (by normalised form), the key first: [alias, normalised] pairs. */
function uniqueAliases(key: string, aliases: string[]): [string, string][] {
  const unique = new Map<string, string>();
  for (const a of [key, ...aliases]) if (!unique.has(normalizeName(a))) unique.set(normalizeName(a), a);
  return [...unique].map(([norm, alias]) => [alias, norm]);
}

/**
 * Edits a catalogue substance. The instance admin edits the shared default (names, correction factor,
 * dose, source note, aliases); anyone else with the coordinator role edits their organisation's
 * override (correction factor, dose, source note, aliases), which their municipalities inherit and
 * nobody else sees. The catalogue's keys are fixed.
 */
export async function updateCatalogSubstance(ctx: AppContext, caller: Caller, key: string, input: SubstanceInput): Promise<SubstanceResult> {
  const s = await findSubstance(ctx.db, key);
  if (!s) return { ok: false, reason: 'not_found' };
  if (await isInstanceAdmin(ctx, caller)) return updateDefault(ctx, caller, s, input);
  if (input.nameSv !== undefined || input.nameEn !== undefined) return { ok: false, reason: 'names_shared' };

  const now = new Date().toISOString();
  const aliases = input.aliases ? uniqueAliases(key, input.aliases).filter(([, norm]) => norm !== normalizeName(key)) : null;
  if (aliases) {
    // An alias must not name another substance in this organisation's catalogue (its key or any of its aliases).
    const catalogue = await effectiveCatalogue(ctx.db, caller.organisationId);
    const owner = new Map<string, string>();
    for (const e of catalogue.values()) if (e.key !== key) for (const a of [e.key, ...e.aliases]) owner.set(normalizeName(a), e.key);
    const taken = aliases.filter(([, norm]) => owner.has(norm)).map(([alias, norm]) => ({ alias, substance: owner.get(norm)! }));
    if (taken.length) return { ok: false, reason: 'alias_taken', taken };
  }
  await commit(ctx, caller, async (tx) => {
    const before = await findSubstanceOverride(tx, caller.organisationId, key);
    await saveSubstanceOverride(tx, {
      organisation_id: caller.organisationId, substance_key: key,
      correction_factor: input.correctionFactor !== undefined ? input.correctionFactor : (before?.correction_factor ?? null),
      correction_factor_set: input.correctionFactor !== undefined ? 1 : (before?.correction_factor_set ?? 0),
      dose_mg: input.doseMg !== undefined ? input.doseMg : (before?.dose_mg ?? null),
      dose_mg_set: input.doseMg !== undefined ? 1 : (before?.dose_mg_set ?? 0),
      source_note: input.sourceNote !== undefined ? input.sourceNote : (before?.source_note ?? null),
      aliases_json: aliases ? JSON.stringify(aliases.map(([alias]) => alias)) : (before?.aliases_json ?? null),
      updated_at: now,
    });
    return {
      result: undefined,
      audit: { action: 'substance_override_saved', target: `substance:${key}`, details: { organisation: caller.organisationId, before: before ?? null, after: input } },
    };
  });
  return { ok: true, updatedAt: now, scope: 'organisation' };
}

async function updateDefault(ctx: AppContext, caller: Caller, s: NonNullable<Awaited<ReturnType<typeof findSubstance>>>, input: SubstanceInput): Promise<SubstanceResult> {
  const key = s.key;
  if (input.aliases) {
    const taken = await findAliasesTakenByOthers(ctx.db, key, input.aliases.map(normalizeName));
    if (taken.length) return { ok: false, reason: 'alias_taken', taken: taken.map((t) => ({ alias: t.alias, substance: t.substance_key })) };
  }
  const now = new Date().toISOString();
  await commit(ctx, caller, async (tx) => {
    await updateSubstance(tx, key, {
      ...(input.nameSv !== undefined ? { name_sv: input.nameSv } : {}),
      ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
      ...(input.correctionFactor !== undefined ? { correction_factor: input.correctionFactor } : {}),
      ...(input.doseMg !== undefined ? { dose_mg: input.doseMg } : {}),
      ...(input.sourceNote !== undefined ? { source_note: input.sourceNote } : {}),
      updated_at: now,
    });
    if (input.aliases) await replaceSubstanceAliases(tx, key, uniqueAliases(key, input.aliases));
    return { result: undefined, audit: { action: 'substance_updated', target: `substance:${key}`, details: { before: { correctionFactor: s.correction_factor, doseMg: s.dose_mg }, after: input } } };
  });
  return { ok: true, updatedAt: now, scope: 'default' };
}

/** Drops the caller's organisation's override of a substance: it inherits again (from its county, then the default). */
export async function resetSubstanceOverride(ctx: AppContext, caller: Caller, key: string): Promise<{ ok: true } | { ok: false; reason: 'not_found' }> {
  const removed = await commit(ctx, caller, async (tx) => {
    const n = await deleteSubstanceOverride(tx, caller.organisationId, key);
    return { result: n, audit: n ? { action: 'substance_override_removed', target: `substance:${key}`, details: { organisation: caller.organisationId } } : null };
  });
  return removed ? { ok: true } : { ok: false, reason: 'not_found' };
}
