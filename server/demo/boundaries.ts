/**
 * A small, fictional boundary file for demo and sample areas, in the shape Lantmäteriet-based
 * files take: a GeoJSON FeatureCollection in SWEREF 99 TM (EPSG:3006, named in `crs`), the area code
 * in the property `kod`. Each root area is a square; its children split the left part of it into
 * strips (the rest is the root's own catchment), and so on down. Pure and deterministic.
 */
export interface BoundaryArea { code: string; name: string; parent: string | null }

/** South-west corner of the first root area: E 512 000, N 6 572 000 (central Sweden), 6 km squares. */
const ORIGIN = { easting: 512_000, northing: 6_572_000 };
const SIZE_M = 6_000;

type Box = { e0: number; n0: number; e1: number; n1: number };

/** Closed ring, counter-clockwise (RFC 7946 outer ring). */
const ring = (b: Box) => [[b.e0, b.n0], [b.e1, b.n0], [b.e1, b.n1], [b.e0, b.n1], [b.e0, b.n0]];

export function boundaryGeoJson(areas: BoundaryArea[]): string {
  const codes = new Set(areas.map((a) => a.code));
  const kids = (code: string | null) => areas.filter((a) => (code === null ? !a.parent || !codes.has(a.parent) : a.parent === code));
  const features: object[] = [];
  const place = (a: BoundaryArea, box: Box) => {
    features.push({ type: 'Feature', properties: { kod: a.code, namn: a.name }, geometry: { type: 'Polygon', coordinates: [ring(box)] } });
    const children = kids(a.code);
    // Children take the left two thirds, one strip each; the right third is the parent's own.
    const width = ((box.e1 - box.e0) * 2) / 3 / Math.max(1, children.length);
    children.forEach((k, i) => place(k, { e0: box.e0 + i * width, n0: box.n0, e1: box.e0 + (i + 1) * width, n1: box.n1 }));
  };
  kids(null).forEach((root, i) => {
    const e0 = ORIGIN.easting + i * (SIZE_M + 1_000);
    place(root, { e0, n0: ORIGIN.northing, e1: e0 + SIZE_M, n1: ORIGIN.northing + SIZE_M });
  });
  const doc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } }, features };
  return `${JSON.stringify(doc, null, 1)}\n`;
}
