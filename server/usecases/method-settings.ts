// The sampling and laboratory facts the reports' methods section prints (issue 12; DOMAIN.md
// "Sampling practice"): how the utility samples, how the lab analyses, where the population
// comes from. Facts the lab and the utility state, so the coordinator edits them; the report
// says "not stated" for anything left blank instead of inventing it.
import type { AppContext } from '../context.ts';
import { findMethodSettings, upsertMethodSettings } from '../db/repositories/method-settings.repository.ts';
import type { Caller } from '../domain/types.ts';
import { commit } from './commit.ts';

export const SAMPLING_MODES = ['flow_proportional', 'time_proportional', 'volume_proportional', 'not_stated'] as const;
export type SamplingMode = (typeof SAMPLING_MODES)[number];
export const POPULATION_UNITS = ['persons', 'pe'] as const;
export type PopulationUnit = (typeof POPULATION_UNITS)[number];

export interface MethodSettings {
  samplingMode: SamplingMode;
  /** Hours per composite sample (24 for the SCORE protocol). */
  compositeHours: number | null;
  /** Cooling during sampling, e.g. "4 °C in the autosampler". */
  cooling: string;
  /** Storage until analysis, e.g. "frozen at −20 °C, analysed within 4 weeks". */
  storage: string;
  labName: string;
  /** Sample preparation and instrument, e.g. "SPE, LC-MS/MS with isotope-labelled internal standards". */
  labMethod: string;
  /** e.g. "SWEDAC 1234, SS-EN ISO/IEC 17025". */
  accreditation: string;
  /** e.g. "SCORE interlaboratory exercise 2024". */
  interlaboratory: string;
  /** Connected persons or person equivalents (pe, from BOD₇: includes industry). */
  populationUnit: PopulationUnit;
  /** Where the connected population comes from, e.g. "the utility's count of connected persons, 2023". */
  populationSource: string;
  notes: string;
}

export interface MethodSettingsOut extends MethodSettings {
  updatedAt: string | null;
  updatedBy: string | null;
}

export const DEFAULT_METHOD_SETTINGS: MethodSettings = {
  samplingMode: 'not_stated', compositeHours: 24, cooling: '', storage: '', labName: '', labMethod: '', accreditation: '', interlaboratory: '',
  populationUnit: 'persons', populationSource: '', notes: '',
};

const TEXT_FIELDS = ['cooling', 'storage', 'labName', 'labMethod', 'accreditation', 'interlaboratory', 'populationSource', 'notes'] as const;
const MAX_TEXT = 2000;

export type MethodSettingsProblem = { ok: false; reason: 'invalid'; errors: { column: string; code: string; message: string }[] };

/** The caller's own organisation's methods facts (defaults where none were saved). */
export async function getMethodSettings(ctx: AppContext, caller: Caller): Promise<MethodSettingsOut> {
  const row = await findMethodSettings(ctx.db, caller.organisationId);
  if (!row) return { ...DEFAULT_METHOD_SETTINGS, updatedAt: null, updatedBy: null };
  return { ...DEFAULT_METHOD_SETTINGS, ...(JSON.parse(row.settings_json) as Partial<MethodSettings>), updatedAt: row.updated_at, updatedBy: row.updated_by };
}

/** Checks a change field by field: every problem names its field. */
export function validateMethodSettings(input: Record<string, unknown>): { ok: true; change: Partial<MethodSettings> } | MethodSettingsProblem {
  const errors: MethodSettingsProblem['errors'] = [];
  const change: Partial<MethodSettings> = {};
  const known = new Set<string>(['samplingMode', 'compositeHours', 'populationUnit', ...TEXT_FIELDS]);
  for (const k of Object.keys(input)) if (!known.has(k)) errors.push({ column: k, code: 'unknown_field', message: `Unknown field "${k}".` });
  if (input.samplingMode !== undefined) {
    if (SAMPLING_MODES.includes(input.samplingMode as SamplingMode)) change.samplingMode = input.samplingMode as SamplingMode;
    else errors.push({ column: 'samplingMode', code: 'invalid', message: `samplingMode must be one of ${SAMPLING_MODES.join(', ')}.` });
  }
  if (input.populationUnit !== undefined) {
    if (POPULATION_UNITS.includes(input.populationUnit as PopulationUnit)) change.populationUnit = input.populationUnit as PopulationUnit;
    else errors.push({ column: 'populationUnit', code: 'invalid', message: 'populationUnit must be persons or pe.' });
  }
  if (input.compositeHours !== undefined) {
    const h = input.compositeHours;
    if (h === null) change.compositeHours = null;
    else if (typeof h === 'number' && Number.isFinite(h) && h > 0 && h <= 168) change.compositeHours = h;
    else errors.push({ column: 'compositeHours', code: 'invalid', message: 'compositeHours must be a number of hours between 0 and 168 (24 for a 24-h composite).' });
  }
  for (const k of TEXT_FIELDS) {
    const v = input[k];
    if (v === undefined) continue;
    if (typeof v !== 'string') errors.push({ column: k, code: 'invalid', message: `${k} must be text.` });
    else if (v.length > MAX_TEXT) errors.push({ column: k, code: 'too_long', message: `${k} is longer than ${MAX_TEXT} characters.` });
    else change[k] = v.trim();
  }
  return errors.length ? { ok: false, reason: 'invalid', errors } : { ok: true, change };
}

/** Saves a change (fields left out keep their value); audited. Figures do not change, the reports' text does. */
export async function saveMethodSettings(ctx: AppContext, caller: Caller, input: Record<string, unknown>): Promise<{ ok: true; settings: MethodSettingsOut } | MethodSettingsProblem> {
  const v = validateMethodSettings(input);
  if (!v.ok) return v;
  const current = await getMethodSettings(ctx, caller);
  const { updatedAt: _a, updatedBy: _b, ...facts } = current;
  const merged: MethodSettings = { ...facts, ...v.change };
  await commit(ctx, caller, async (tx) => {
    await upsertMethodSettings(tx, { organisation_id: caller.organisationId, settings_json: JSON.stringify(merged), updated_at: new Date().toISOString(), updated_by: caller.email });
    return { result: undefined, audit: { action: 'method_settings_saved', target: `organisation:${caller.organisationId}`, details: v.change } };
  });
  return { ok: true, settings: await getMethodSettings(ctx, caller) };
}
