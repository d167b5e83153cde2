import type { AppContext } from '../context.ts';
import {
  clearBaselineFlags, findEventRow, findEvents, findPeriodRow, findPeriods, insertEvent, insertPeriod, updateEvent, updateLiveEvent, updatePeriod,
} from '../db/repositories/periods.repository.ts';
import type { Caller } from '../domain/types.ts';
import { cached } from './cache.ts';
import { commit } from './commit.ts';
import { scopedAreas } from './scope.ts';
import { defaultCampaigns, findCampaign } from './campaigns.ts';

export interface PeriodOut { id: number; name: string; from: string; to: string; baseline: boolean }
export interface PeriodInput { name: string; from: string; to: string; baseline: boolean }

export async function listPeriods(ctx: AppContext, caller: Caller): Promise<PeriodOut[]> {
  return cached(ctx, `periods|${caller.organisationIds.join(',')}`, async () => {
    const rows = await findPeriods(ctx.db, caller.organisationIds);
    return rows.map((p) => ({ id: p.id, name: p.name, from: p.from_date, to: p.to_date, baseline: p.baseline === 1 }));
  });
}

export async function findPeriod(ctx: AppContext, caller: Caller, id: number): Promise<PeriodOut | null> {
  return (await listPeriods(ctx, caller)).find((p) => p.id === id) ?? null;
}

/** Creates (id null) or updates a period; defaults and cached figures depend on periods. */
export async function savePeriod(ctx: AppContext, caller: Caller, id: number | null, input: PeriodInput): Promise<{ ok: true; id: number } | { ok: false; reason: 'not_found' }> {
  if (id !== null && !(await findPeriod(ctx, caller, id))) return { ok: false, reason: 'not_found' };
  const values = { name: input.name, from_date: input.from, to_date: input.to, baseline: input.baseline ? 1 : 0 };
  const saved = await commit(ctx, caller, async (tx) => {
    if (input.baseline) await clearBaselineFlags(tx, caller.organisationId);
    let saved = id;
    if (saved === null) saved = await insertPeriod(tx, { organisation_id: caller.organisationId, ...values, created_at: new Date().toISOString(), deleted_at: null });
    else await updatePeriod(tx, saved, values);
    return { result: saved, audit: { action: id === null ? 'period_created' : 'period_updated', target: `period:${saved}`, details: input } };
  });
  return { ok: true, id: saved };
}

export type RemoveResult = { ok: true } | { ok: false; reason: 'not_found' | 'already_removed' };

export async function removePeriod(ctx: AppContext, caller: Caller, id: number): Promise<RemoveResult> {
  const row = await findPeriodRow(ctx.db, caller.organisationIds, id);
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.deleted_at) return { ok: false, reason: 'already_removed' };
  await commit(ctx, caller, async (tx) => {
    await updatePeriod(tx, id, { deleted_at: new Date().toISOString() });
    return { result: undefined, audit: { action: 'period_removed', target: `period:${id}` } };
  });
  return { ok: true };
}

// ---- events (interventions: drawn on the charts, evaluated against a control) ----

/** `date` = `from` = the first day; `to` = the last day of a span, null for a single day. */
export interface EventOut { id: number; date: string; from: string; to: string | null; title: string; description: string; areas: string[]; controlArea: string | null }
export interface EventInput { date: string; to?: string | null; title: string; description: string; areas: string[]; controlArea?: string | null }

/** The caller's events; each lists only the areas (and control) the caller may see. */
export async function listEvents(ctx: AppContext, caller: Caller): Promise<EventOut[]> {
  const visible = new Set((await scopedAreas(ctx, caller)).map((a) => a.code));
  const rows = await findEvents(ctx.db, caller.organisationIds);
  return rows.map((e) => ({
    id: e.id, date: e.date, from: e.date, to: e.to_date ?? null, title: e.title, description: e.description,
    areas: (JSON.parse(e.areas_json) as string[]).filter((a) => visible.has(a)),
    controlArea: e.control_area && visible.has(e.control_area) ? e.control_area : null,
  }));
}

export type SaveEventResult =
  | { ok: true; id: number }
  | { ok: false; reason: 'unknown_areas'; field: 'areas' | 'controlArea'; areas: string[] }
  | { ok: false; reason: 'control_is_treated'; areas: string[] }
  | { ok: false; reason: 'not_found' };

export async function saveEvent(ctx: AppContext, caller: Caller, id: number | null, input: EventInput): Promise<SaveEventResult> {
  const known = new Set((await scopedAreas(ctx, caller)).map((a) => a.code));
  const unknown = input.areas.filter((a) => !known.has(a));
  if (unknown.length) return { ok: false, reason: 'unknown_areas', field: 'areas', areas: unknown };
  const control = input.controlArea ?? null;
  if (control !== null && !known.has(control)) return { ok: false, reason: 'unknown_areas', field: 'controlArea', areas: [control] };
  if (control !== null && input.areas.includes(control)) return { ok: false, reason: 'control_is_treated', areas: [control] };
  const to = input.to && input.to !== input.date ? input.to : null;
  const values = { date: input.date, to_date: to, control_area: control, title: input.title, description: input.description, areas_json: JSON.stringify(input.areas) };
  const saved = await commit<number | null>(ctx, caller, async (tx) => {
    let saved = id;
    if (saved === null) saved = await insertEvent(tx, { organisation_id: caller.organisationId, ...values, created_at: new Date().toISOString(), deleted_at: null });
    else if (!(await updateLiveEvent(tx, caller.organisationIds, saved, values))) return { result: null, audit: null };
    return { result: saved, audit: { action: id === null ? 'event_created' : 'event_updated', target: `event:${saved}`, details: input } };
  });
  return saved === null ? { ok: false, reason: 'not_found' } : { ok: true, id: saved };
}

export async function removeEvent(ctx: AppContext, caller: Caller, id: number): Promise<RemoveResult> {
  const row = await findEventRow(ctx.db, caller.organisationIds, id);
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.deleted_at) return { ok: false, reason: 'already_removed' };
  await commit(ctx, caller, async (tx) => {
    await updateEvent(tx, id, { deleted_at: new Date().toISOString() });
    return { result: undefined, audit: { action: 'event_removed', target: `event:${id}` } };
  });
  return { ok: true };
}

// ---- date ranges of statistics, charts and the dashboard ----

export interface ResolvedRange { from: string; to: string; name?: string; periodId?: number; campaignId?: number }

export type RangeResult =
  | { ok: true; range: ResolvedRange }
  | { ok: false; reason: 'period_not_found' | 'campaign_not_found' | 'invalid_range'; message: string };

/**
 * A date range from explicit dates or a period id; `fallback` picks a default period (the
 * baseline, or the latest other one). `what` names the range in messages ("baseline").
 */
export async function resolveRange(
  ctx: AppContext, caller: Caller, given: { from?: string; to?: string; period?: number; campaign?: number }, what: string, fallback?: 'baseline' | 'latest',
): Promise<RangeResult> {
  const { from, to, period, campaign } = given;
  if (campaign !== undefined) {
    const c = await findCampaign(ctx, caller, campaign);
    if (!c) return { ok: false, reason: 'campaign_not_found', message: `No campaign ${campaign}.` };
    return { ok: true, range: { from: c.from, to: c.to, name: c.name, campaignId: c.id } };
  }
  if (period !== undefined) {
    const p = (await listPeriods(ctx, caller)).find((x) => x.id === period);
    if (!p) return { ok: false, reason: 'period_not_found', message: `No period ${period}.` };
    return { ok: true, range: { from: p.from, to: p.to, name: p.name, periodId: p.id } };
  }
  if (from && to) {
    if (from > to) return { ok: false, reason: 'invalid_range', message: `The ${what} period ends before it starts.` };
    return { ok: true, range: { from, to } };
  }
  if (from || to) return { ok: false, reason: 'invalid_range', message: `Give both a start and an end date for the ${what} period, or a period id.` };
  if (fallback) {
    const periods = await listPeriods(ctx, caller);
    const p = fallback === 'baseline' ? periods.find((x) => x.baseline) : [...periods].reverse().find((x) => !x.baseline) ?? periods[periods.length - 1];
    const explicit = fallback === 'baseline' ? p : [...periods].reverse().find((x) => !x.baseline);
    // Without periods chosen for it, the campaigns decide: the baseline campaign, the latest other one.
    const { baseline, latest } = explicit ? { baseline: null, latest: null } : await defaultCampaigns(ctx, caller);
    const c = fallback === 'baseline' ? baseline : latest;
    if (c) return { ok: true, range: { from: c.from, to: c.to, name: c.name, campaignId: c.id } };
    if (p) return { ok: true, range: { from: p.from, to: p.to, name: p.name, periodId: p.id } };
  }
  return { ok: false, reason: 'invalid_range', message: `Choose the ${what} period: dates (from, to) or a period id. Coordinators define periods under Perioder.` };
}

/** The baseline period flagged by the organisation, if any. */
export async function baselinePeriod(ctx: AppContext, caller: Caller): Promise<PeriodOut | undefined> {
  return (await listPeriods(ctx, caller)).find((p) => p.baseline);
}
