import type { AppContext } from '../context.ts';
import type { Db } from '../db/connection.ts';
import type { Caller, PopulationKind } from '../domain/types.ts';
import { populationOn } from '../import/lookup.ts';
import { findAreaAliases, findAreaPopulations, findAreas, findAreasByCode, findMeasuredPopulationRanges } from '../db/repositories/areas.repository.ts';
import { cached } from './cache.ts';
import { findInstanceOrganisationId, findTreeOrganisationIds } from '../db/repositories/organisations.repository.ts';
import { Turns } from '../turns.ts';

export interface ScopedArea {
  id: number;
  organisationId: number;
  code: string;
  name: string;
  /** For viewers the nearest ancestor they see (a withheld parent is never named), else the registry's. */
  parent: string | null;
  municipality: string | null;
  county: string | null;
  populations: { validFrom: string; population: number; kind: PopulationKind }[];
  /** The current connected population (latest entry). */
  population: number | null;
  /** What the current population counts: connected persons or person equivalents (pe). */
  populationKind: PopulationKind;
  populationFrom: string | null;
  aliases: string[];
  /**
   * Withheld from viewers (see withheldAreas): its population is unknown or was below
   * MIN_PUBLIC_POPULATION on some date by some source, or its figures could reveal a withheld child.
   * Its data still count in its parent's roll-up when that is safe.
   */
  small: boolean;
}

/**
 * The one place that decides which areas a caller may see: those of the caller's organisations
 * (a county sees its municipalities'), and for viewers none under MIN_PUBLIC_POPULATION.
 * `includeWithheld` gives the small ones too, for roll-ups (their data still count in parents).
 */
export async function scopedAreas(ctx: AppContext, caller: Caller, opts: { includeWithheld?: boolean } = {}): Promise<ScopedArea[]> {
  // Asked several times by most requests: the registry of the caller's organisations is read and
  // judged once per data version (every change of areas, populations or measurements bumps it),
  // and each caller gets its own copies of the area objects.
  const key = `scoped-areas|${caller.organisationId}|${caller.organisationIds.join(',')}`;
  const every = await cached(ctx, key, () => readScopedAreas(ctx, caller));
  const out = opts.includeWithheld || caller.role !== 'viewer' ? every : await cached(ctx, `${key}|shown`, async () => shownToViewers(every));
  return out.map((a) => ({ ...a }));
}

/**
 * What a viewer gets: the areas not withheld, each with the nearest shown ancestor as its parent (or
 * null), so that no withheld code is named as a parent, and a shown area under a withheld one counts
 * as part of the shown area above (children lists, roots, county rounds follow from `parent`).
 */
function shownToViewers(every: ScopedArea[]): ScopedArea[] {
  const shown = every.filter((a) => !a.small);
  const visible = new Set(shown.map((a) => a.code));
  const parentOf = new Map(every.map((a) => [a.code, a.parent]));
  return shown.map((a) => ({ ...a, parent: a.parent ? nearestShownArea(a.parent, visible, parentOf) : null }));
}

/**
 * The area itself when shown, else its nearest shown ancestor, or null (none, an area outside
 * `parentOf`, or a cycle). Where a viewer sees an area: in the registry, and on the map, where a
 * withheld area's shape becomes part of its shown ancestor's.
 */
export function nearestShownArea(code: string, shown: Set<string>, parentOf: Map<string, string | null>): string | null {
  const seen = new Set<string>();
  let c: string | null | undefined = code;
  while (c && !seen.has(c)) {
    if (shown.has(c)) return c;
    seen.add(c);
    c = parentOf.get(c);
  }
  return null;
}

/** Every area of the caller's organisations, with `small` decided (withheldAreas). */
async function readScopedAreas(ctx: AppContext, caller: Caller): Promise<ScopedArea[]> {
  // Codes are unique across an organisation tree; should an older database still hold one code twice,
  // the caller's own organisation's area wins, then the earlier organisation in organisationIds.
  const rank = (orgId: number) => caller.organisationIds.indexOf(orgId);
  const byCode = new Map<string, Awaited<ReturnType<typeof findAreas>>[number]>();
  for (const r of await findAreas(ctx.db, caller.organisationIds)) {
    const prev = byCode.get(r.code);
    if (!prev || rank(r.organisation_id) < rank(prev.organisation_id) || (rank(r.organisation_id) === rank(prev.organisation_id) && r.id < prev.id)) byCode.set(r.code, r);
  }
  const rows = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const popsById = groupBy(await findAreaPopulations(ctx.db, ids), (p) => p.area_id);
  const aliasesById = groupBy(await findAreaAliases(ctx.db, ids), (a) => a.area_id);
  const measured = await measuredPopulations(ctx, ids);
  const out = rows.map((r): ScopedArea => {
    const populations = (popsById.get(r.id) ?? []).map((p) => ({ validFrom: p.valid_from, population: p.population, kind: p.kind }));
    const latest = populations[populations.length - 1];
    const population = latest?.population ?? null;
    return {
      id: r.id, organisationId: r.organisation_id, code: r.code, name: r.name, parent: r.parent_code, municipality: r.municipality, county: r.county,
      populations, population, populationKind: latest?.kind ?? 'persons', populationFrom: latest && latest.validFrom !== '1900-01-01' ? latest.validFrom : null,
      aliases: (aliasesById.get(r.id) ?? []).map((a) => a.alias),
      small: false,
    };
  });
  const withheld = withheldAreas(out.map((a) => {
    const registry = a.populations.map((p) => p.population);
    const m = measured.get(a.id);
    return {
      code: a.code, parent: a.parent, ownData: m !== undefined,
      smallestPopulation: smallestPopulation(registry, m?.smallest), largestPopulation: largestPopulation(registry, m?.largest),
    };
  }), ctx.config.minPublicPopulation);
  for (const a of out) a.small = withheld.has(a.code);
  return out;
}

/** Items by key, each list in the items' order. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Areas per query of `measuredPopulations` (a national area: ~4 000 rows, read by the identity index). */
const AREAS_PER_POPULATION_READ = 4;

/** The smallest and largest populations lab and flow files gave an area (undefined: none did). */
interface MeasuredRange { smallest: number | undefined; largest: number | undefined }

/**
 * Which of the areas have measurements of their own, each with the smallest and the largest
 * population a lab or flow file gave it. An aggregate over every active measurement (1–2 s at
 * national scale, and every request asks for its areas, often several times): kept until
 * data change, as the figures are (measurements only change through a commit that bumps the
 * data version).
 */
function measuredPopulations(ctx: AppContext, ids: number[]): Promise<Map<number, MeasuredRange>> {
  return cached(ctx, `measured-population-ranges|${ids.join(',')}`, async () => {
    // A few areas per query, with turns between: one query over a national database held the
    // event loop for 1–2 s after every import, and every request waited (client timeouts under load).
    const out = new Map<number, MeasuredRange>();
    const turns = new Turns();
    const num = (v: number | string | null) => (v == null ? undefined : Number(v));
    for (let i = 0; i < ids.length; i += AREAS_PER_POPULATION_READ) {
      for (const m of await findMeasuredPopulationRanges(ctx.db, ids.slice(i, i + AREAS_PER_POPULATION_READ))) {
        out.set(m.area_id, { smallest: num(m.smallest), largest: num(m.largest) });
      }
      if (turns.due) await turns.take();
    }
    return out;
  });
}

/** What an area's current population counts (persons or pe); persons for an area the caller cannot see. */
export async function populationKindOf(ctx: AppContext, caller: Caller, code: string): Promise<PopulationKind> {
  return (await scopedAreas(ctx, caller)).find((a) => a.code === code)?.populationKind ?? 'persons';
}

/** How many areas a viewer does not see, for the notice on the pages. */
export async function withheldCount(ctx: AppContext, caller: Caller): Promise<number> {
  if (caller.role !== 'viewer') return 0;
  const all = await scopedAreas(ctx, caller, { includeWithheld: true });
  return all.filter((a) => a.small).length;
}

export function areaPopulationOn(area: ScopedArea, date: string): number | null {
  return populationOn(area.populations, date);
}

export interface CodeOwner {
  areaId: number;
  organisationId: number;
  /** The owner's name, only when the caller may see that organisation (else null: a neutral message). */
  organisationName: string | null;
}

/**
 * Who holds an area code in the caller's organisation tree (codes are unique across a county and its
 * municipalities), or null when the code is free. Own organisation first. `db`: a transaction, to
 * check again inside the write that then takes the code.
 */
export async function areaCodeOwner(ctx: AppContext, caller: Caller, code: string, db: Db = ctx.db): Promise<CodeOwner | null> {
  const tree = await findTreeOrganisationIds(db, caller.organisationId);
  const found = await findAreasByCode(db, tree, code);
  if (found.length === 0) return null;
  const hit = found.find((f) => f.organisation_id === caller.organisationId) ?? found[0];
  return { areaId: hit.id, organisationId: hit.organisation_id, organisationName: caller.organisationIds.includes(hit.organisation_id) ? hit.organisation_name : null };
}

/**
 * The instance admin: an admin of the installation's top organisation (the oldest without a parent),
 * or the operator at the command line. Only they see what concerns no organisation (failed logins
 * of unknown e-mails) and edit what all organisations share (the catalogue's defaults).
 */
export async function isInstanceAdmin(ctx: AppContext, caller: Caller): Promise<boolean> {
  if (caller.via === 'cli') return true;
  return caller.role === 'admin' && caller.organisationId === (await findInstanceOrganisationId(ctx.db));
}

/**
 * Whether the caller may import the EUDA reference values every organisation shares: a coordinator
 * or admin of the installation's top organisation (importing is coordinators' work), or the CLI.
 */
export async function mayImportSharedReference(ctx: AppContext, caller: Caller): Promise<boolean> {
  if (caller.via === 'cli') return true;
  return caller.role !== 'viewer' && caller.organisationId === (await findInstanceOrganisationId(ctx.db));
}

/** The smallest population any source gave an area on any date (registry history, lab and flow files), or null if none did. */
export function smallestPopulation(registry: number[], measured: number | undefined): number | null {
  const all = measured === undefined ? registry : [...registry, measured];
  return all.length ? Math.min(...all) : null;
}

/** The largest population any source gave an area on any date (registry history, lab and flow files), or null if none did. */
export function largestPopulation(registry: number[], measured: number | undefined): number | null {
  const all = measured === undefined ? registry : [...registry, measured];
  return all.length ? Math.max(...all) : null;
}

/**
 * Small-area suppression that composes (DOMAIN.md, Ethics), pure. An area is withheld from viewers when
 * 1. its population is unknown, or below `min` on some date by some source (the smallest counts: an
 *    area that grew past the threshold still has its small past in the data); or
 * 2. it has withheld children, and what a viewer can isolate by subtracting the shown areas below it
 *    is fewer than `min` people or unknown. For a roll-up that is its withheld children's hidden
 *    parts (each at its smallest). For an area with measurements of its own (measured at its inlet)
 *    it is also everyone not in the shown areas below it: on one date, its population minus theirs,
 *    at least its smallest minus the sum of their LARGEST populations over time (a shown child that
 *    grew leaves less on the later date). "The shown areas below it" are its shown children and the
 *    shown areas under its withheld children (reached through withheld ones only): a viewer subtracts
 *    those too. Its figures minus those of its public children would give that remainder: a parent
 *    with one small child would show the child exactly, and parent − public sibling would give a
 *    withheld sibling. Whatever a viewer can derive by subtracting shown figures then covers at
 *    least `min` people — the same guarantee as the threshold itself (a k-anonymity argument with
 *    k = MIN_PUBLIC_POPULATION people), so the withheld share needs no separate fraction.
 * Decided bottom-up: a child withheld by rule 2 counts as withheld for its parent. A part is assumed
 * never larger than its whole on a date, so an area withheld by rule 1 has no shown area below it.
 * `largestPopulation` defaults to `smallestPopulation` (a population that never changed).
 */
export function withheldAreas(
  areas: { code: string; parent: string | null; smallestPopulation: number | null; largestPopulation?: number | null; ownData?: boolean }[], min: number,
): Set<string> {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const kids = new Map<string, string[]>();
  for (const a of areas) if (a.parent && a.parent !== a.code && byCode.has(a.parent)) kids.set(a.parent, [...(kids.get(a.parent) ?? []), a.code]);
  // hidden: the people a viewer cannot see in this area after subtracting every public descendant
  // (0 for a public area; NaN when unknown). shownLargest: the sum of the largest populations of the
  // shown areas a viewer subtracts from it (its shown children, and those under its withheld ones).
  // A parent is public only if its withheld children's hidden parts add up to 0 or at least `min`.
  type Verdict = { withheld: boolean; hidden: number; shownLargest: number };
  const memo = new Map<string, Verdict>();
  const visit = (code: string, depth: number): Verdict => {
    const known = memo.get(code);
    if (known) return known;
    const a = byCode.get(code)!;
    memo.set(code, { withheld: true, hidden: a.smallestPopulation ?? Number.NaN, shownLargest: 0 }); // a cycle is withheld
    let out: Verdict;
    if (a.smallestPopulation == null || a.smallestPopulation < min || depth > 50) {
      out = { withheld: true, hidden: a.smallestPopulation ?? Number.NaN, shownLargest: 0 };
    } else {
      let hidden = 0;
      let shownLargest = 0;
      let any = false;
      for (const k of kids.get(code) ?? []) {
        const v = visit(k, depth + 1);
        if (!v.withheld) {
          const child = byCode.get(k)!;
          shownLargest += child.largestPopulation ?? child.smallestPopulation ?? 0;
          continue;
        }
        any = true;
        hidden += v.hidden;
        shownLargest += v.shownLargest;
      }
      // An area measured itself (not a roll-up) covers its whole catchment: minus the shown areas
      // below it, it leaves everyone not in them, not only the withheld children.
      if (any && a.ownData) hidden = Math.max(hidden, a.smallestPopulation - shownLargest);
      out = any && !(hidden >= min) ? { withheld: true, hidden, shownLargest } : { withheld: false, hidden: 0, shownLargest: 0 };
    }
    memo.set(code, out);
    return out;
  };
  return new Set(areas.filter((a) => visit(a.code, 0).withheld).map((a) => a.code));
}
