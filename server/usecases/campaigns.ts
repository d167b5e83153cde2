// Campaigns (DOMAIN.md "Campaigns", API.md "Campaigns…"): what a council plans, orders, waits for
// and compares. Imported dates no campaign covers become `detected` campaigns (sync below).
import type { AppContext } from '../context.ts';
import {
  clearCampaignBaseline, findCampaignRow, findCampaigns, flowDays, forEachMeasuredDay, insertCampaign, updateCampaign,
} from '../db/repositories/campaigns.repository.ts';
import { findSubstances } from '../db/repositories/substances.repository.ts';
import type { Campaign } from '../db/schema.ts';
import { isoDateOfEpochDay } from '../domain/campaigns.ts';
import type { Caller } from '../domain/types.ts';
import { epochDay } from '../stats/isoDate.ts';
import { cached } from './cache.ts';
import { commit } from './commit.ts';
import { scopedAreas } from './scope.ts';
import { ensureBaseline } from './campaigns-sync.ts';

export type CampaignStatus = 'planned' | 'ordered' | 'delivered' | 'detected';
export type Composite = 'flow_24h' | 'payday_weekday';
export const COMPOSITES: Composite[] = ['flow_24h', 'payday_weekday'];

export interface CampaignDesign {
  days: number;
  composite: Composite;
  /** The sampling dates when not every day from `from` to `to` (a payday-weekend + weekday pattern). */
  dates?: string[];
}

export interface Delivery {
  /** Samples (area × day × substance) expected; for a detected campaign, those that arrived. */
  expected: number;
  delivered: number;
  /** Dates on which an expected sample is missing. */
  missingDays: string[];
  /** Dates with a delivered sample but no daily flow for its area (no load that day). */
  missingFlows: string[];
}

export interface CampaignOut {
  id: number;
  name: string;
  from: string;
  to: string;
  areas: string[];
  substances: string[];
  status: CampaignStatus;
  baseline: boolean;
  /** False while the baseline is the default (the earliest campaign): pages say "förvald". */
  baselineChosen: boolean;
  design: CampaignDesign;
  lab: string;
  notes: string;
  orderedAt: string | null;
  deliveredAt: string | null;
  delivery: Delivery;
}

export interface CampaignInput {
  name?: string;
  from: string;
  to: string;
  areas: string[];
  substances: string[];
  design?: Partial<CampaignDesign>;
  lab?: string;
  notes?: string;
  status?: 'planned' | 'ordered' | 'delivered';
  baseline?: boolean;
}

export type CampaignProblem = { ok: false; reason: 'invalid'; errors: { column: string; code: string; message: string }[] } | { ok: false; reason: 'not_found' };

/** The name a detected campaign gets: its dates. */
export function campaignNameOf(from: string, to: string): string {
  return `${from} – ${to}`;
}

/** Every date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = epochDay(from); d <= epochDay(to); d++) out.push(isoDateOfEpochDay(d));
  return out;
}

/** The dates a campaign expects samples on. */
export function expectedDates(c: { from: string; to: string; design: CampaignDesign }): string[] {
  const all = datesBetween(c.from, c.to);
  if (!c.design.dates?.length) return all;
  const wanted = new Set(c.design.dates);
  return all.filter((d) => wanted.has(d));
}

function designOf(row: Campaign): CampaignDesign {
  const d = JSON.parse(row.design_json) as Partial<CampaignDesign>;
  const span = epochDay(row.to_date) - epochDay(row.from_date) + 1;
  return { days: d.dates?.length ?? d.days ?? span, composite: d.composite ?? 'flow_24h', ...(d.dates?.length ? { dates: d.dates } : {}) };
}

/** The caller's campaigns with what was delivered; each lists only the areas the caller may see. */
export async function listCampaigns(ctx: AppContext, caller: Caller, opts: { area?: string } = {}): Promise<CampaignOut[]> {
  const all = await cached(ctx, `campaigns|${caller.organisationIds.join(',')}|${caller.role === 'viewer' ? 'v' : 'c'}`, async () => {
    const areas = await scopedAreas(ctx, caller, { includeWithheld: true });
    const visible = new Set((await scopedAreas(ctx, caller)).map((a) => a.code));
    const idOf = new Map(areas.map((a) => [a.code, a.id]));
    const codeOf = new Map(areas.map((a) => [a.id, a.code]));
    const rows = await findCampaigns(ctx.db, caller.organisationIds);
    const measured = new Set<string>();
    const measuredByArea = new Map<string, Map<string, Set<string>>>(); // area → date → substances
    await forEachMeasuredDay(ctx.db, areas.map((a) => a.id), (m) => {
      const code = codeOf.get(m.area_id)!;
      measured.add(`${code}|${m.date}|${m.substance_key}`);
      let byDate = measuredByArea.get(code);
      if (!byDate) measuredByArea.set(code, (byDate = new Map()));
      if (!byDate.has(m.date)) byDate.set(m.date, new Set());
      byDate.get(m.date)!.add(m.substance_key);
    });
    const flows = new Set((await flowDays(ctx.db, areas.map((a) => a.id))).map((f) => `${codeOf.get(f.area_id)}|${f.date}`));
    return rows.map((row): CampaignOut => {
      const design = designOf(row);
      const campaignAreas = (JSON.parse(row.areas_json) as string[]);
      const substances = JSON.parse(row.substances_json) as string[];
      const base = {
        id: row.id, name: row.name, from: row.from_date, to: row.to_date, areas: campaignAreas, substances, status: row.status,
        baseline: row.baseline === 1, baselineChosen: row.baseline_chosen === 1, design, lab: row.lab, notes: row.notes,
        orderedAt: row.ordered_at, deliveredAt: row.delivered_at,
      };
      return { ...base, delivery: deliveryOf(base, measured, measuredByArea, flows, idOf) };
    }).map((c) => ({ ...c, areas: c.areas.filter((a) => visible.has(a)) }));
  });
  return opts.area ? all.filter((c) => c.areas.includes(opts.area!)) : all;
}

function deliveryOf(
  c: { from: string; to: string; areas: string[]; substances: string[]; status: CampaignStatus; design: CampaignDesign },
  measured: Set<string>, measuredByArea: Map<string, Map<string, Set<string>>>, flows: Set<string>, idOf: Map<string, number>,
): Delivery {
  const missingDays = new Set<string>();
  const missingFlows = new Set<string>();
  let expected = 0;
  let delivered = 0;
  if (c.status === 'detected') {
    // What arrived is what was expected.
    for (const area of c.areas) {
      for (const [date, subs] of measuredByArea.get(area) ?? []) {
        if (date < c.from || date > c.to) continue;
        const n = c.substances.length ? [...subs].filter((s) => c.substances.includes(s)).length : subs.size;
        expected += n;
        delivered += n;
        if (n > 0 && !flows.has(`${area}|${date}`)) missingFlows.add(date);
      }
    }
  } else {
    for (const area of c.areas) {
      if (!idOf.has(area)) continue;
      for (const date of expectedDates(c)) {
        let any = false;
        for (const s of c.substances) {
          expected++;
          if (measured.has(`${area}|${date}|${s}`)) { delivered++; any = true; } else missingDays.add(date);
        }
        if (any && !flows.has(`${area}|${date}`)) missingFlows.add(date);
      }
    }
  }
  return { expected, delivered, missingDays: [...missingDays].sort(), missingFlows: [...missingFlows].sort() };
}

export async function findCampaign(ctx: AppContext, caller: Caller, id: number): Promise<CampaignOut | null> {
  return (await listCampaigns(ctx, caller)).find((c) => c.id === id) ?? null;
}

/** Checks a campaign against the catalog, the caller's areas and the other campaigns; 422 material. */
async function validate(ctx: AppContext, caller: Caller, id: number | null, input: CampaignInput): Promise<CampaignProblem | null> {
  const errors: { column: string; code: string; message: string }[] = [];
  if (input.from > input.to) errors.push({ column: 'to', code: 'dates_reversed', message: `The campaign ends (${input.to}) before it starts (${input.from}).` });
  const known = new Set((await scopedAreas(ctx, caller, { includeWithheld: true })).map((a) => a.code));
  for (const a of input.areas) if (!known.has(a)) errors.push({ column: 'areas', code: 'unknown_area', message: `Unknown area "${a}".` });
  if (!input.areas.length) errors.push({ column: 'areas', code: 'missing_value', message: 'Choose at least one area.' });
  const catalog = new Set((await findSubstances(ctx.db)).map((s) => s.key));
  for (const s of input.substances) if (!catalog.has(s)) errors.push({ column: 'substances', code: 'unknown_substance', message: `Unknown substance "${s}".` });
  if (!input.substances.length) errors.push({ column: 'substances', code: 'missing_value', message: 'Choose at least one substance.' });
  for (const d of input.design?.dates ?? []) if (d < input.from || d > input.to) errors.push({ column: 'design.dates', code: 'outside_campaign', message: `${d} is outside the campaign's dates.` });
  if (errors.length === 0) {
    const others = (await findCampaigns(ctx.db, caller.organisationIds)).filter((c) => c.id !== id && c.status !== 'detected');
    for (const o of others) {
      const shared = (JSON.parse(o.areas_json) as string[]).filter((a) => input.areas.includes(a));
      if (shared.length && o.from_date <= input.to && input.from <= o.to_date) {
        errors.push({ column: 'from', code: 'overlap', message: `Overlaps campaign "${o.name}" (${o.from_date} – ${o.to_date}) for ${shared.join(', ')}.` });
      }
    }
  }
  return errors.length ? { ok: false, reason: 'invalid', errors } : null;
}

/** Creates a planned campaign. */
export async function createCampaign(ctx: AppContext, caller: Caller, input: CampaignInput): Promise<{ ok: true; campaign: CampaignOut } | CampaignProblem> {
  const problem = await validate(ctx, caller, null, input);
  if (problem) return problem;
  const span = epochDay(input.to) - epochDay(input.from) + 1;
  const design: CampaignDesign = { days: input.design?.dates?.length ?? span, composite: input.design?.composite ?? 'flow_24h', ...(input.design?.dates?.length ? { dates: [...input.design.dates].sort() } : {}) };
  const id = await commit(ctx, caller, async (tx) => {
    const id = await insertCampaign(tx, {
      organisation_id: caller.organisationId, name: input.name?.trim() || campaignNameOf(input.from, input.to), from_date: input.from, to_date: input.to,
      areas_json: JSON.stringify(input.areas), substances_json: JSON.stringify(input.substances), status: input.status ?? 'planned',
      baseline: 0, baseline_chosen: 0, design_json: JSON.stringify(design), lab: input.lab ?? '', notes: input.notes ?? '',
      created_at: new Date().toISOString(), ordered_at: input.status === 'ordered' ? new Date().toISOString() : null, delivered_at: null, deleted_at: null,
    });
    if (input.baseline) {
      await clearCampaignBaseline(tx, caller.organisationId);
      await updateCampaign(tx, id, { baseline: 1, baseline_chosen: 1 });
    } else await ensureBaseline(tx, caller.organisationId);
    return { result: id, audit: { action: 'campaign_created', target: `campaign:${id}`, details: input } };
  });
  return { ok: true, campaign: (await findCampaign(ctx, caller, id))! };
}

export type CampaignChange = Partial<CampaignInput>;

/** Updates a campaign; `status: 'ordered'` marks the order sent, `baseline: true` chooses the baseline. Both audited. */
export async function updateCampaignOf(ctx: AppContext, caller: Caller, id: number, change: CampaignChange): Promise<{ ok: true; campaign: CampaignOut } | CampaignProblem> {
  const row = await findCampaignRow(ctx.db, caller.organisationIds, id);
  if (!row || row.deleted_at) return { ok: false, reason: 'not_found' };
  const current = designOf(row);
  const merged: CampaignInput = {
    name: change.name ?? row.name, from: change.from ?? row.from_date, to: change.to ?? row.to_date,
    areas: change.areas ?? JSON.parse(row.areas_json), substances: change.substances ?? JSON.parse(row.substances_json),
    design: { ...current, ...change.design }, lab: change.lab ?? row.lab, notes: change.notes ?? row.notes,
  };
  const datesChanged = merged.from !== row.from_date || merged.to !== row.to_date;
  if (datesChanged && !change.design?.days) merged.design!.days = epochDay(merged.to) - epochDay(merged.from) + 1;
  const problem = row.status === 'detected' && !change.areas && !change.substances && !change.from && !change.to ? null : await validate(ctx, caller, id, merged);
  if (problem) return problem;
  if (change.status && row.status === 'detected') return { ok: false, reason: 'invalid', errors: [{ column: 'status', code: 'detected', message: 'A detected campaign has no order; its status stays "detected".' }] };
  const now = new Date().toISOString();
  await commit(ctx, caller, async (tx) => {
    await updateCampaign(tx, id, {
      name: merged.name!, from_date: merged.from, to_date: merged.to, areas_json: JSON.stringify(merged.areas), substances_json: JSON.stringify(merged.substances),
      design_json: JSON.stringify(merged.design), lab: merged.lab!, notes: merged.notes!,
      ...(change.status ? { status: change.status } : {}),
      ...(change.status === 'ordered' && row.status !== 'ordered' ? { ordered_at: now } : {}),
      ...(change.status === 'delivered' && row.status !== 'delivered' ? { delivered_at: now } : {}),
    });
    if (change.baseline === true) {
      await clearCampaignBaseline(tx, row.organisation_id);
      await updateCampaign(tx, id, { baseline: 1, baseline_chosen: 1 });
    } else if (change.baseline === false && row.baseline === 1) {
      await clearCampaignBaseline(tx, row.organisation_id);
      await ensureBaseline(tx, row.organisation_id, id);
    }
    const action = change.status === 'ordered' && row.status !== 'ordered' ? 'campaign_ordered' : change.baseline === true ? 'campaign_baseline_chosen' : 'campaign_updated';
    return { result: undefined, audit: { action, target: `campaign:${id}`, details: change } };
  });
  return { ok: true, campaign: (await findCampaign(ctx, caller, id))! };
}

/** Soft delete: the campaign leaves the lists, nothing is erased; the baseline moves on if it was this one. */
export async function removeCampaign(ctx: AppContext, caller: Caller, id: number): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'already_removed' }> {
  const row = await findCampaignRow(ctx.db, caller.organisationIds, id);
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.deleted_at) return { ok: false, reason: 'already_removed' };
  await commit(ctx, caller, async (tx) => {
    await updateCampaign(tx, id, { deleted_at: new Date().toISOString(), baseline: 0 });
    await ensureBaseline(tx, row.organisation_id);
    return { result: undefined, audit: { action: 'campaign_removed', target: `campaign:${id}` } };
  });
  return { ok: true };
}

/** The caller's default comparison: the baseline campaign and the latest other one with data. */
export async function defaultCampaigns(ctx: AppContext, caller: Caller): Promise<{ baseline: CampaignOut | null; latest: CampaignOut | null; all: CampaignOut[] }> {
  const all = await listCampaigns(ctx, caller);
  const own = all.filter((c) => c.baseline);
  const baseline = own[0] ?? null;
  const withData = all.filter((c) => c.delivery.delivered > 0 && c.id !== baseline?.id);
  const latest = withData.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : a.id - b.id))[withData.length - 1] ?? null;
  return { baseline, latest, all };
}
