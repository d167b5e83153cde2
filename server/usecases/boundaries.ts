import type { MultiPolygon, Polygon } from 'geojson';
import type { AppContext } from '../context.ts';
import { mapSpec, type ChartSpec, type MapArea } from '../charts/index.ts';
import { countBoundaries, findBoundaries, upsertBoundary } from '../db/repositories/boundaries.repository.ts';
import { mergeGeometries, parseBoundaries, type BoundaryCrs, type BoundaryIssue } from '../domain/boundaries.ts';
import type { Caller, Lang } from '../domain/types.ts';
import { t } from '../i18n/index.ts';
import { commit } from './commit.ts';
import { dashboardOverview, substanceCatalog } from './dashboard.ts';
import { nearestShownArea, scopedAreas, type ScopedArea } from './scope.ts';

/** Area boundaries for the map: upload (coordinator), list, and the overview map's spec. */

export type UploadBoundariesResult =
  | { ok: true; crs: BoundaryCrs; codeProperty: string; saved: string[]; skipped: string[]; without: string[] }
  | { ok: false; reason: 'invalid'; issues: BoundaryIssue[] };

/**
 * Reads a boundary file and stores one boundary per matched area of the caller's own organisation
 * (replacing earlier ones), all or nothing. A file with any issue changes nothing.
 */
export async function uploadBoundaries(ctx: AppContext, caller: Caller, input: { fileName: string; text: string; codeProperty?: string }): Promise<UploadBoundariesResult> {
  const own = (await scopedAreas(ctx, caller)).filter((a) => a.organisationId === caller.organisationId);
  const parsed = parseBoundaries(input.text, own.map((a) => a.code), input.codeProperty);
  if (!parsed.ok) return { ok: false, reason: 'invalid', issues: parsed.issues };
  const idOf = new Map(own.map((a) => [a.code, a.id]));
  const at = new Date().toISOString();
  const saved = parsed.boundaries.map((b) => b.code);
  await commit(ctx, caller, async (tx) => {
    for (const b of parsed.boundaries) {
      await upsertBoundary(tx, { areaId: idOf.get(b.code)!, geometryJson: JSON.stringify(b.geometry), sourceCrs: parsed.crs, fileName: input.fileName, actor: caller.email, at });
    }
    return { result: undefined, audit: { action: 'boundaries_uploaded', target: input.fileName, details: { areas: saved, crs: parsed.crs, skipped: parsed.skippedCodes } } };
  });
  const withBoundary = new Set((await findBoundaries(ctx.db, own.map((a) => a.id))).map((b) => b.code));
  return { ok: true, crs: parsed.crs, codeProperty: parsed.codeProperty, saved, skipped: parsed.skippedCodes, without: own.map((a) => a.code).filter((c) => !withBoundary.has(c)) };
}

export interface BoundaryOut { code: string; name: string; crs: string; fileName: string; actor: string; uploadedAt: string }

/** The boundaries of the areas the caller sees (no geometry). */
export async function listBoundaries(ctx: AppContext, caller: Caller): Promise<BoundaryOut[]> {
  const areas = await scopedAreas(ctx, caller);
  const name = new Map(areas.map((a) => [a.code, a.name]));
  return (await findBoundaries(ctx.db, areas.map((a) => a.id))).map((b) => ({ code: b.code, name: name.get(b.code) ?? b.code, crs: b.sourceCrs, fileName: b.fileName, actor: b.actor, uploadedAt: b.createdAt }));
}

export async function hasBoundaries(ctx: AppContext, caller: Caller): Promise<boolean> {
  return (await countBoundaries(ctx.db, (await scopedAreas(ctx, caller, { includeWithheld: true })).map((a) => a.id))) > 0;
}

function depthOf(code: string, parentOf: Map<string, string | null>): number {
  let d = 0;
  for (let c = parentOf.get(code); c && d < 50; c = parentOf.get(c)) d++;
  return d;
}

export type MapResult = { ok: true; spec: ChartSpec; substance: string } | { ok: false; reason: 'no_boundaries' | 'no_data' };

/** The overview map: every area with a boundary, coloured by the change of one substance against the baseline. */
export async function overviewMap(ctx: AppContext, caller: Caller, p: {
  lang: Lang; baseline: { from: string; to: string; name?: string }; current: { from: string; to: string; name?: string }; substance?: string; areas?: string[]; width?: number | 'container';
}): Promise<MapResult> {
  const all = await scopedAreas(ctx, caller, { includeWithheld: true });
  const visible = new Set((await scopedAreas(ctx, caller)).map((a) => a.code));
  const boundaries = await findBoundaries(ctx.db, all.map((a) => a.id));
  if (!boundaries.length) return { ok: false, reason: 'no_boundaries' };
  const parentOf = new Map(all.map((a) => [a.code, a.parent]));
  const byCode = new Map<string, ScopedArea>(all.map((a) => [a.code, a]));
  const period = (r: { from: string; to: string; name?: string }) => ({ id: 0, name: r.name ?? `${r.from} – ${r.to}`, from: r.from, to: r.to, baseline: false });
  const { rows } = await dashboardOverview(ctx, caller, period(p.baseline), period(p.current));
  const catalog = await substanceCatalog(ctx, p.lang);
  const inRows = catalog.filter((s) => rows.some((r) => r.substance === s.key));
  const substance = inRows.find((s) => s.key === p.substance)
    ?? inRows.find((s) => rows.some((r) => r.substance === s.key && r.ratio !== null && r.verdict !== 'too_few_data'))
    ?? inRows[0];
  if (!substance) return { ok: false, reason: 'no_data' };
  const shapes = new Map<string, (Polygon | MultiPolygon)[]>();
  for (const b of boundaries) {
    // Where an area is drawn: itself when visible, else as part of its nearest visible ancestor
    // (a withheld area's own figures are never shown), or not at all.
    const target = nearestShownArea(b.code, visible, parentOf);
    if (!target || (p.areas?.length && !p.areas.includes(target))) continue;
    shapes.set(target, [...(shapes.get(target) ?? []), JSON.parse(b.geometryJson) as Polygon | MultiPolygon]);
  }
  const areas: MapArea[] = [...shapes.entries()]
    .sort(([a], [b]) => depthOf(a, parentOf) - depthOf(b, parentOf) || (a < b ? -1 : 1))
    .map(([code, geoms]) => {
      const row = rows.find((r) => r.area === code && r.substance === substance.key);
      return { code, name: byCode.get(code)?.name ?? code, geometry: mergeGeometries(geoms), ratio: row?.ratio ?? null, verdict: row?.verdict ?? null };
    });
  const texts = {
    title: t(p.lang, 'map.chartTitle', { substance: substance.name }),
    area: t(p.lang, 'map.areaField'), change: t(p.lang, 'map.changeField'), verdict: t(p.lang, 'map.verdictField'), noRatio: t(p.lang, 'map.noRatio'), legend: t(p.lang, 'map.legend'),
  };
  return {
    ok: true, substance: substance.key,
    spec: mapSpec({ lang: p.lang, width: p.width ?? 'container', areas, substanceName: substance.name, baselineLabel: period(p.baseline).name, comparisonLabel: period(p.current).name, texts }),
  };
}
