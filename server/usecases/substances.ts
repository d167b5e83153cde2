import type { AppContext } from '../context.ts';
import {
  findAliasesTakenByOthers, findSubstance, findSubstanceAliases, findSubstances, replaceSubstanceAliases, updateSubstance,
} from '../db/repositories/substances.repository.ts';
import { normalizeName } from '../domain/text.ts';
import type { Caller } from '../domain/types.ts';
import { commit } from './commit.ts';

export interface SubstanceOut {
  key: string; nameSv: string; nameEn: string; drug: string; residue: string; correctionFactor: number | null;
  doseMg: number | null; sourceNote: string; updatedAt: string; aliases: string[];
}

/** The catalog in display order, with every alias. */
export async function listSubstances(ctx: AppContext): Promise<SubstanceOut[]> {
  const subs = await findSubstances(ctx.db);
  const aliases = await findSubstanceAliases(ctx.db);
  return subs.map((s) => ({
    key: s.key, nameSv: s.name_sv, nameEn: s.name_en, drug: s.drug, residue: s.residue, correctionFactor: s.correction_factor,
    doseMg: s.dose_mg, sourceNote: s.source_note, updatedAt: s.updated_at, aliases: aliases.filter((a) => a.substance_key === s.key).map((a) => a.alias),
  }));
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
  | { ok: true; updatedAt: string }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'alias_taken'; taken: { alias: string; substance: string }[] };

export async function substanceExists(ctx: AppContext, key: string): Promise<boolean> {
  return Boolean(await findSubstance(ctx.db, key));
}

/** Edits a catalog substance (names, correction factor, dose, aliases); the catalog's keys are fixed. */
export async function updateCatalogSubstance(ctx: AppContext, caller: Caller, key: string, input: SubstanceInput): Promise<SubstanceResult> {
  const s = await findSubstance(ctx.db, key);
  if (!s) return { ok: false, reason: 'not_found' };
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
    if (input.aliases) {
      const unique = new Map<string, string>();
      for (const a of [key, ...input.aliases]) if (!unique.has(normalizeName(a))) unique.set(normalizeName(a), a);
      await replaceSubstanceAliases(tx, key, [...unique].map(([norm, alias]) => [alias, norm]));
    }
    return { result: undefined, audit: { action: 'substance_updated', target: `substance:${key}`, details: { before: { correctionFactor: s.correction_factor, doseMg: s.dose_mg }, after: input } } };
  });
  return { ok: true, updatedAt: now };
}
