import type { AppContext } from '../context.ts';
import { measuredSubstanceKeys } from '../db/repositories/measurements.repository.ts';
import { findSubstance } from '../db/repositories/substances.repository.ts';
import { detectCampaigns, summariseCampaign } from '../domain/campaigns.ts';
import type { CensoredMode, Metric } from '../domain/loads.ts';
import type { Caller } from '../domain/types.ts';
import { countyRounds, type Round, type RoundArea, type RoundCampaign } from '../stats/rounds.ts';
import { scopedAreas, type ScopedArea } from './scope.ts';
import { oneSeries } from './series.ts';

export interface RoundsQuery {
  /** Area codes to compare (one per municipality or plant), or… */
  areas?: string[];
  /** …every top-level area of this county (areas.county) the caller can see. */
  county?: string;
  substance: string;
  metric: Metric;
  censored: CensoredMode;
}

export type RoundsResult =
  /** `areas`: the compared areas in order, with name and the population the county value is weighted by. */
  | { ok: true; rounds: Round[]; areas: { code: string; name: string; population: number }[] }
  | { ok: false; reason: 'unknown_substance' | 'unknown_area' | 'unknown_county'; field: 'substance' | 'areas' | 'county'; detail: string };

/**
 * County rounds (DOMAIN.md "County-wide"): each area's campaigns (detectCampaigns over the days
 * with a value), their means (null when mostly below LOQ), grouped into rounds by quarter with
 * the population-weighted county value and its coverage (stats/rounds.ts).
 *
 * With `county`, the areas are the caller's visible areas of that county that have no parent
 * there, so that a plant and its sub-areas are not counted twice. A municipality caller sees
 * only its own areas (scopedAreas), so a county's other municipalities never leak into it.
 */
export async function roundsOf(ctx: AppContext, caller: Caller, q: RoundsQuery): Promise<RoundsResult> {
  if (!(await findSubstance(ctx.db, q.substance))) return { ok: false, reason: 'unknown_substance', field: 'substance', detail: `No substance "${q.substance}".` };
  const visible = await scopedAreas(ctx, caller);
  let chosen: ScopedArea[];
  if (q.areas) {
    const byCode = new Map(visible.map((a) => [a.code, a]));
    const unknown = q.areas.filter((c) => !byCode.has(c));
    if (unknown.length) return { ok: false, reason: 'unknown_area', field: 'areas', detail: `No area ${unknown.map((c) => `"${c}"`).join(', ')}.` };
    chosen = [...new Set(q.areas)].map((c) => byCode.get(c)!);
  } else {
    chosen = countyTopAreas(visible, q.county!);
    if (chosen.length === 0) return { ok: false, reason: 'unknown_county', field: 'county', detail: `No areas in the county "${q.county}".` };
  }
  const areas: RoundArea[] = chosen.map((a) => ({ area: a.code, population: a.population ?? 0 }));
  const campaigns: RoundCampaign[] = [];
  for (const a of chosen) {
    const series = await oneSeries(ctx, caller, a.code, q.substance, { metric: q.metric, censored: q.censored });
    const days = (series?.points ?? []).filter((p) => p.value !== null);
    const byDate = new Map(days.map((p) => [p.date, p]));
    for (const run of detectCampaigns(days.map((p) => p.date))) {
      const s = summariseCampaign(run.dates.map((d) => {
        const p = byDate.get(d)!;
        return { date: d, value: p.value!, censored: p.censored, loq: null };
      }));
      campaigns.push({ area: a.code, mid: s.mid, mean: s.mostlyBelowLoq ? null : s.mean });
    }
  }
  return { ok: true, rounds: countyRounds(campaigns, areas), areas: chosen.map((a) => ({ code: a.code, name: a.name, population: a.population ?? 0 })) };
}

/** The areas of `county` without a parent in it: one per municipality or plant, never a part twice. */
function countyTopAreas(visible: ScopedArea[], county: string): ScopedArea[] {
  const inCounty = visible.filter((a) => a.county === county);
  const codes = new Set(inCounty.map((a) => a.code));
  return inCounty.filter((a) => !a.parent || !codes.has(a.parent));
}

export interface CountyChoice {
  county: string;
  /** Substances measured in the county's areas that the caller sees. */
  substances: Set<string>;
}

/** The counties among the caller's visible areas (Swedish order), for the county page's choices. */
export async function countyChoices(ctx: AppContext, caller: Caller): Promise<CountyChoice[]> {
  const visible = await scopedAreas(ctx, caller);
  const counties = [...new Set(visible.map((a) => a.county).filter((c): c is string => !!c))].sort(new Intl.Collator('sv').compare);
  const out: CountyChoice[] = [];
  for (const county of counties) {
    const ids = visible.filter((a) => a.county === county).map((a) => a.id);
    out.push({ county, substances: await measuredSubstanceKeys(ctx.db, ids) });
  }
  return out;
}
