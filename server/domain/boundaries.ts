/**
 * Area boundaries for the map: a GeoJSON or TopoJSON file (e.g. from Lantmäteriet's open data) in
 * SWEREF 99 TM (EPSG:3006) or WGS 84, read into one WGS 84 (multi)polygon per area code. Pure: the
 * use case passes the file's text and the known area codes, and gets boundaries or the issues that
 * say what is wrong where (nothing is stored then).
 */
import type { Feature, GeoJsonObject, MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import { feature as topoFeature } from 'topojson-client';

export type BoundaryCrs = 'EPSG:3006' | 'EPSG:4326';

/**
 * SWEREF 99 TM as Lantmäteriet defines it: transverse Mercator on GRS 80, central meridian 15° E,
 * scale 0.9996, false easting 500 000 m; SWEREF 99 coincides with WGS 84 at map accuracy.
 */
export const SWEREF99TM_PROJ4 = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';
proj4.defs('EPSG:3006', SWEREF99TM_PROJ4);
const toWgs84 = proj4('EPSG:3006', 'EPSG:4326');

/** SWEREF 99 TM easting/northing (m) → WGS 84 [longitude, latitude] in degrees. */
export function swerefToWgs84([easting, northing]: [number, number]): [number, number] {
  const [lon, lat] = toWgs84.forward([easting, northing]);
  return [lon, lat];
}

export type BoundaryIssueCode =
  | 'not_json' | 'not_geojson' | 'no_features' | 'unknown_crs' | 'no_code_property' | 'missing_code' | 'bad_geometry' | 'out_of_range' | 'no_match';

/** What is wrong, and where: `feature` is the 1-based feature number in file order, `where` a property or JSON path. */
export interface BoundaryIssue { code: BoundaryIssueCode; feature?: number; where?: string; value?: string }

export interface AreaBoundary { code: string; geometry: Polygon | MultiPolygon }

export type BoundaryParse =
  | { ok: true; crs: BoundaryCrs; codeProperty: string; boundaries: AreaBoundary[]; skippedCodes: string[] }
  | { ok: false; issues: BoundaryIssue[] };

/** Sweden with a margin: a boundary outside this box is in the wrong coordinate system (or axis order). */
const SWEDEN = { lonMin: 2, lonMax: 32, latMin: 52, latMax: 72 };
const MAX_ISSUES = 50;

interface RawFeature { properties: Record<string, unknown>; geometry: { type: string; coordinates?: unknown } | null }

function featuresOf(doc: Record<string, unknown>): RawFeature[] | null {
  if (doc.type === 'FeatureCollection' && Array.isArray(doc.features)) return doc.features as RawFeature[];
  if (doc.type === 'Feature') return [doc as unknown as RawFeature];
  if (doc.type === 'Topology' && doc.objects && typeof doc.objects === 'object') {
    const out: RawFeature[] = [];
    for (const obj of Object.values(doc.objects as Record<string, unknown>)) {
      const f = topoFeature(doc as never, obj as never) as unknown as GeoJsonObject;
      if (f.type === 'FeatureCollection') out.push(...((f as unknown as { features: RawFeature[] }).features));
      else out.push(f as unknown as RawFeature);
    }
    return out;
  }
  return null;
}

/** The named CRS of a GeoJSON (2008 `crs` member, as QGIS and Lantmäteriet write it), if any. */
function namedCrs(doc: Record<string, unknown>): { crs: BoundaryCrs | null; name: string } | null {
  const name = (doc.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name !== 'string') return null;
  if (/(^|[^0-9])3006$/.test(name)) return { crs: 'EPSG:3006', name };
  if (/(^|[^0-9])4326$/.test(name) || /CRS84$/i.test(name)) return { crs: 'EPSG:4326', name };
  return { crs: null, name };
}

function* positions(coords: unknown): Generator<unknown[]> {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number' || coords.length === 0) {
    yield coords;
    return;
  }
  for (const c of coords) yield* positions(c);
}

/** Polygons of a geometry as position arrays, or null when it is not a (multi)polygon of finite numbers. */
function polygonsOf(g: RawFeature['geometry']): Position[][][] | null {
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) return null;
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
  for (const p of polys) {
    if (!Array.isArray(p) || p.length === 0) return null;
    for (const ring of p) {
      if (!Array.isArray(ring) || ring.length < 4) return null;
      for (const pos of ring) if (!Array.isArray(pos) || pos.length < 2 || !Number.isFinite(pos[0]) || !Number.isFinite(pos[1])) return null;
    }
  }
  return polys as Position[][][];
}

/** By the numbers: degrees within ±180/±90 are WGS 84; metres in Sweden's SWEREF 99 TM range are EPSG:3006. */
function guessCrs(features: RawFeature[]): BoundaryCrs | null {
  let degrees = true;
  let sweref = true;
  let any = false;
  for (const f of features) for (const p of positions(f.geometry?.coordinates)) {
    const [x, y] = p as number[];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    any = true;
    if (Math.abs(x) > 180 || Math.abs(y) > 90) degrees = false;
    if (x < 100_000 || x > 1_100_000 || y < 6_000_000 || y > 7_800_000) sweref = false;
  }
  if (!any) return null;
  return degrees ? 'EPSG:4326' : sweref ? 'EPSG:3006' : null;
}

/** Twice the signed area of a ring in the plane (positive = counter-clockwise). */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s;
}

/**
 * Ring orientation. RFC 7946 (what we store and serve): outer rings counter-clockwise, holes
 * clockwise. d3-geo (what Vega draws with) reads rings on the sphere the other way round: an outer
 * ring counter-clockwise there is the whole globe minus the area, so the map spec needs `'d3'`.
 */
export function rewind(geometry: Polygon | MultiPolygon, convention: 'rfc7946' | 'd3'): Polygon | MultiPolygon {
  const outerCcw = convention === 'rfc7946';
  const fixPoly = (poly: Position[][]) => poly.map((ring, i) => {
    const ccw = signedArea2(ring) > 0;
    const want = i === 0 ? outerCcw : !outerCcw;
    return ccw === want ? ring : [...ring].reverse();
  });
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: fixPoly(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(fixPoly) };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The property whose values name the most known area codes (at least one), in the first feature's key order. */
function findCodeProperty(features: RawFeature[], known: Set<string>): string | null {
  const counts = new Map<string, number>();
  for (const f of features) for (const [k, v] of Object.entries(f.properties ?? {})) {
    if (v != null && known.has(String(v).trim())) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [k, n] of counts) if (best === null || n > counts.get(best)!) best = k;
  return best;
}

/**
 * Reads a boundary file. `knownCodes`: the organisation's area codes; `codeProperty`: the feature
 * property that holds them (found automatically when absent). Several features with one code
 * become one MultiPolygon; features whose code is no known area are skipped and listed.
 */
export function parseBoundaries(text: string, knownCodes: Iterable<string>, codeProperty?: string): BoundaryParse {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, issues: [{ code: 'not_json', value: e instanceof Error ? e.message.slice(0, 200) : undefined }] };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, issues: [{ code: 'not_geojson', where: 'type' }] };
  const root = doc as Record<string, unknown>;
  let features: RawFeature[] | null;
  try {
    features = featuresOf(root);
  } catch {
    features = null;
  }
  if (!features) return { ok: false, issues: [{ code: 'not_geojson', where: 'type', value: typeof root.type === 'string' ? root.type : undefined }] };
  if (features.length === 0) return { ok: false, issues: [{ code: 'no_features', where: 'features' }] };

  const named = namedCrs(root);
  if (named && !named.crs) return { ok: false, issues: [{ code: 'unknown_crs', where: 'crs.properties.name', value: named.name }] };
  const crs = named?.crs ?? guessCrs(features);
  if (!crs) {
    const first = positions(features.find((f) => f.geometry)?.geometry?.coordinates).next().value as number[] | undefined;
    return { ok: false, issues: [{ code: 'unknown_crs', where: 'coordinates', value: first ? first.slice(0, 2).join(', ') : undefined }] };
  }

  const known = new Set(knownCodes);
  const property = codeProperty?.trim() || findCodeProperty(features, known);
  if (!property) return { ok: false, issues: [{ code: 'no_code_property', value: [...new Set(features.flatMap((f) => Object.keys(f.properties ?? {})))].slice(0, 10).join(', ') }] };

  const issues: BoundaryIssue[] = [];
  const byCode = new Map<string, Position[][][]>();
  const skipped = new Set<string>();
  for (const [i, f] of features.entries()) {
    if (issues.length >= MAX_ISSUES) break;
    const n = i + 1;
    const raw = f?.properties?.[property];
    const code = raw == null ? '' : String(raw).trim();
    if (!code) {
      issues.push({ code: 'missing_code', feature: n, where: property });
      continue;
    }
    const polys = polygonsOf(f.geometry);
    if (!polys) {
      issues.push({ code: 'bad_geometry', feature: n, where: 'geometry', value: f.geometry?.type ?? 'null' });
      continue;
    }
    const projected = polys.map((p) => p.map((ring) => ring.map((pos): Position => {
      const [lon, lat] = crs === 'EPSG:3006' ? swerefToWgs84([pos[0], pos[1]]) : [pos[0], pos[1]];
      return [round6(lon), round6(lat)];
    })));
    const outside = projected.flat(2).find(([lon, lat]) => !(lon >= SWEDEN.lonMin && lon <= SWEDEN.lonMax && lat >= SWEDEN.latMin && lat <= SWEDEN.latMax));
    if (outside) {
      issues.push({ code: 'out_of_range', feature: n, where: 'geometry', value: `${outside[1]}, ${outside[0]}` });
      continue;
    }
    if (!known.has(code)) {
      skipped.add(code);
      continue;
    }
    byCode.set(code, [...(byCode.get(code) ?? []), ...projected]);
  }
  if (issues.length) return { ok: false, issues };
  if (byCode.size === 0) return { ok: false, issues: [{ code: 'no_match', where: property, value: [...skipped].slice(0, 10).join(', ') }] };
  const boundaries = [...byCode.entries()].map(([code, polys]): AreaBoundary => ({
    code, geometry: rewind(polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys }, 'rfc7946'),
  }));
  return { ok: true, crs, codeProperty: property, boundaries, skippedCodes: [...skipped].sort() };
}

/** Polygons of several geometries as one MultiPolygon (a withheld area drawn as part of its parent). */
export function mergeGeometries(geometries: (Polygon | MultiPolygon)[]): Polygon | MultiPolygon {
  if (geometries.length === 1) return geometries[0];
  return { type: 'MultiPolygon', coordinates: geometries.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)) };
}

export type BoundaryFeature = Feature<Polygon | MultiPolygon, { code: string }>;
