// Detected campaigns: every run of sampling dates (gap ≤ 2 days) of an area that no campaign
// covers becomes a `detected` campaign, after each import and retraction and once at start
// (existing databases). Runs of several areas that overlap in time are one campaign.
import type { AppContext } from '../context.ts';
import {
  allOrganisationIds, baselinePeriodsOf, organisationAndParent, findAllLiveCampaigns, findCampaigns, insertCampaign, measuredDates, ownAreas, SUBSTANCE_SEPARATOR, updateCampaign,
} from '../db/repositories/campaigns.repository.ts';
import { detectCampaigns } from '../domain/campaigns.ts';
import type { Caller } from '../domain/types.ts';
import { markCampaignsSynced, readCampaignsSyncState } from '../db/repositories/data-version.repository.ts';
import { commit, type Tx } from './commit.ts';

const nameOf = (from: string, to: string) => `${from} – ${to}`;

/** Areas whose measured days are read (and reduced to runs) at a time: a row per (area, substance) with its dates. */
const AREAS_PER_READ = 8;

interface Cluster { from: string; to: string; areas: Set<string>; substances: Set<string> }

/**
 * Exactly one baseline per organisation that has campaigns: a chosen one stays; else a flagged
 * baseline period that overlaps a campaign makes it the baseline (migration of periods); else the
 * earliest campaign, marked as the default (baseline_chosen 0).
 */
export async function ensureBaseline(tx: Tx, organisationId: number, exceptId?: number): Promise<boolean> {
  const rows = (await findCampaigns(tx, [organisationId])).filter((c) => c.id !== exceptId);
  if (!rows.length) return false;
  const flagged = rows.filter((c) => c.baseline === 1);
  if (flagged.length === 1 && flagged[0].baseline_chosen === 1) return false;
  let pick = rows[0];
  let chosen = 0;
  const periods = await baselinePeriodsOf(tx, organisationId);
  const matching = rows.find((c) => periods.some((p) => c.from_date <= p.to_date && p.from_date <= c.to_date));
  if (matching) { pick = matching; chosen = 1; }
  if (flagged.length === 1 && flagged[0].id === pick.id && flagged[0].baseline_chosen === chosen) return false;
  for (const c of flagged) if (c.id !== pick.id) await updateCampaign(tx, c.id, { baseline: 0, baseline_chosen: 0 });
  await updateCampaign(tx, pick.id, { baseline: 1, baseline_chosen: chosen });
  return true;
}

/** Brings one organisation's detected campaigns in line with its measurements; counts what changed. */
async function syncOrganisation(tx: Tx, organisationId: number) {
  const counts = { created: 0, updated: 0, removed: 0, delivered: 0, baseline: 0 };
  const areas = await ownAreas(tx, organisationId);
  const live = await findAllLiveCampaigns(tx);
  // Area codes are unique within an organisation only: its own and its county's campaigns count.
  const planners = new Set(await organisationAndParent(tx, organisationId));
  const planned = live.filter((c) => c.status !== 'detected' && planners.has(c.organisation_id)).map((c) => ({ ...c, areas: JSON.parse(c.areas_json) as string[], substances: JSON.parse(c.substances_json) as string[] }));
  const now = new Date().toISOString();

  // A few areas at a time, each reduced to its runs before the next are read: a national database
  // holds over a million measured (area, date, substance), which held at once cost ~100 MB after
  // every import. The database hands them over as one row per sampled (area, date) with its
  // substances (issue 15: a row object per value was ~2 s of a national import; one row per
  // series needed a sort, since the identity index runs (area, date, substance)).
  const arrivedIds = new Set<number>();
  const runs: Cluster[] = [];
  for (let i = 0; i < areas.length; i += AREAS_PER_READ) {
    const part = areas.slice(i, i + AREAS_PER_READ);
    const codeOf = new Map(part.map((a) => [a.id, a.code]));
    const byArea = new Map<string, Map<string, Set<string>>>(); // area → date → substances
    for (const m of await measuredDates(tx, part.map((a) => a.id))) {
      const code = codeOf.get(m.area_id)!;
      let dates = byArea.get(code);
      if (!dates) byArea.set(code, (dates = new Map()));
      dates.set(m.date, new Set(m.substances.split(SUBSTANCE_SEPARATOR)));
    }
    for (const [area, dates] of byArea) {
      // Planned or ordered campaigns that received samples here are delivered (with gaps, if any).
      for (const c of planned) {
        if ((c.status !== 'planned' && c.status !== 'ordered') || arrivedIds.has(c.id) || !c.areas.includes(area)) continue;
        if ([...dates].some(([d, subs]) => d >= c.from_date && d <= c.to_date && c.substances.some((s) => subs.has(s)))) arrivedIds.add(c.id);
      }
      for (const run of detectCampaigns([...dates.keys()])) {
        const covered = planned.some((c) => c.areas.includes(area) && c.from_date <= run.to && run.from <= c.to_date);
        if (covered) continue;
        const substances = new Set<string>();
        for (const d of run.dates) for (const s of dates.get(d)!) substances.add(s);
        runs.push({ from: run.from, to: run.to, areas: new Set([area]), substances });
      }
    }
  }
  for (const c of planned) {
    if (arrivedIds.has(c.id)) { await updateCampaign(tx, c.id, { status: 'delivered', delivered_at: now }); counts.delivered++; }
  }

  runs.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const clusters: Cluster[] = [];
  for (const r of runs) {
    const last = clusters[clusters.length - 1];
    if (last && r.from <= last.to) {
      if (r.to > last.to) last.to = r.to;
      for (const a of r.areas) last.areas.add(a);
      for (const s of r.substances) last.substances.add(s);
    } else clusters.push({ ...r, areas: new Set(r.areas), substances: new Set(r.substances) });
  }

  const detected = live.filter((c) => c.status === 'detected' && c.organisation_id === organisationId);
  const matched = new Set<number>();
  for (const cl of clusters) {
    const areasJson = JSON.stringify([...cl.areas].sort());
    const substancesJson = JSON.stringify([...cl.substances].sort());
    const existing = detected.find((c) => !matched.has(c.id) && c.from_date <= cl.to && cl.from <= c.to_date);
    if (!existing) {
      await insertCampaign(tx, {
        organisation_id: organisationId, name: nameOf(cl.from, cl.to), from_date: cl.from, to_date: cl.to, areas_json: areasJson, substances_json: substancesJson,
        status: 'detected', baseline: 0, baseline_chosen: 0, design_json: JSON.stringify({ composite: 'flow_24h' }), lab: '', notes: '',
        created_at: now, ordered_at: null, delivered_at: null, deleted_at: null,
      });
      counts.created++;
      continue;
    }
    matched.add(existing.id);
    if (existing.from_date !== cl.from || existing.to_date !== cl.to || existing.areas_json !== areasJson || existing.substances_json !== substancesJson) {
      const renamed = existing.name === nameOf(existing.from_date, existing.to_date) ? nameOf(cl.from, cl.to) : existing.name;
      await updateCampaign(tx, existing.id, { name: renamed, from_date: cl.from, to_date: cl.to, areas_json: areasJson, substances_json: substancesJson });
      counts.updated++;
    }
  }
  for (const c of detected) {
    if (matched.has(c.id)) continue;
    // Its data were retracted or a planned campaign now covers it: it leaves the lists (soft).
    await updateCampaign(tx, c.id, { deleted_at: now, baseline: 0 });
    counts.removed++;
  }
  if (await ensureBaseline(tx, organisationId)) counts.baseline++;
  return counts;
}

/**
 * Syncs the detected campaigns of some organisations (all when `organisationIds` is omitted),
 * through the commit helper: audited and a new data version when anything changed. A full sync
 * records the data version it leaves; `unlessSynced` (the start) skips the sync when nothing was
 * committed since, instead of reading every measured day of a national database at every start.
 */
export async function syncDetectedCampaigns(ctx: AppContext, caller: Caller | null, organisationIds?: number[], opts: { unlessSynced?: boolean } = {}): Promise<void> {
  if (opts.unlessSynced && !organisationIds) {
    const state = await readCampaignsSyncState(ctx.db);
    if (state.syncedAt === state.version) return;
  }
  const ids = organisationIds ?? await allOrganisationIds(ctx.db);
  await commit(ctx, caller, async (tx) => {
    const all: Record<number, Awaited<ReturnType<typeof syncOrganisation>>> = {};
    for (const id of ids) {
      const c = await syncOrganisation(tx, id);
      if (c.created || c.updated || c.removed || c.delivered || c.baseline) all[id] = c;
    }
    return { result: undefined, audit: Object.keys(all).length ? { action: 'campaigns_synced', target: null, details: all } : null };
  });
  // A commit from another process between the sync and this mark could be marked unsynced work
  // only if it changed measurements without its own sync; imports and retractions sync themselves.
  if (!organisationIds) await markCampaignsSynced(ctx.db);
}
