import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelPoint } from '../../server/charts/map.ts';
import { boundaryGeoJson } from '../../server/demo/boundaries.ts';
import { parseBoundaries, rewind, swerefToWgs84 } from '../../server/domain/boundaries.ts';
import { nearestShownArea as drawnAs } from '../../server/usecases/scope.ts';
import { sampleAreas } from '../../scripts/sample-boundaries.ts';
import { SAMPLES } from '../helpers.ts';

/**
 * Independent reference: Lantmäteriet's closed formulas for the inverse Gauss–Krüger projection
 * ("Gauss Conformal Projection (Transverse Mercator), Krüger's Formulas", lantmateriet.se), written
 * out here from the document for SWEREF 99 TM (GRS 80, λ0 = 15°, k0 = 0.9996, FN = 0, FE = 500 000).
 * The code under test uses proj4 instead.
 */
function kruegerInverse(northing: number, easting: number): [number, number] {
  const a = 6378137;
  const f = 1 / 298.257222101;
  const k0 = 0.9996;
  const e2 = f * (2 - f);
  const n = f / (2 - f);
  const aHat = (a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const d1 = n / 2 - (2 * n ** 2) / 3 + (37 * n ** 3) / 96 - n ** 4 / 360;
  const d2 = n ** 2 / 48 + n ** 3 / 15 - (437 * n ** 4) / 1440;
  const d3 = (17 * n ** 3) / 480 - (37 * n ** 4) / 840;
  const d4 = (4397 * n ** 4) / 161280;
  const aS = e2 + e2 ** 2 + e2 ** 3 + e2 ** 4;
  const bS = -(7 * e2 ** 2 + 17 * e2 ** 3 + 30 * e2 ** 4) / 6;
  const cS = (224 * e2 ** 3 + 889 * e2 ** 4) / 120;
  const dS = -(4279 * e2 ** 4) / 1260;
  const xi = northing / (k0 * aHat);
  const eta = (easting - 500000) / (k0 * aHat);
  const xiP = xi - d1 * Math.sin(2 * xi) * Math.cosh(2 * eta) - d2 * Math.sin(4 * xi) * Math.cosh(4 * eta) - d3 * Math.sin(6 * xi) * Math.cosh(6 * eta) - d4 * Math.sin(8 * xi) * Math.cosh(8 * eta);
  const etaP = eta - d1 * Math.cos(2 * xi) * Math.sinh(2 * eta) - d2 * Math.cos(4 * xi) * Math.sinh(4 * eta) - d3 * Math.cos(6 * xi) * Math.sinh(6 * eta) - d4 * Math.cos(8 * xi) * Math.sinh(8 * eta);
  const phiS = Math.asin(Math.sin(xiP) / Math.cosh(etaP));
  const dLambda = Math.atan(Math.sinh(etaP) / Math.cos(xiP));
  const s2 = Math.sin(phiS) ** 2;
  const phi = phiS + Math.sin(phiS) * Math.cos(phiS) * (aS + bS * s2 + cS * s2 ** 2 + dS * s2 ** 3);
  return [15 + (dLambda * 180) / Math.PI, (phi * 180) / Math.PI];
}

describe('SWEREF 99 TM → WGS 84', () => {
  it('agrees with Lantmäteriet\'s Krüger formulas to 1e-8° across Sweden', () => {
    // Smygehuk, the fixture's plant, Stockholm, Kiruna, Treriksröset-ish and the far west coast.
    const points: [number, number][] = [[374000, 6139000], [512000, 6572000], [674000, 6580000], [764000, 7535000], [833000, 7657000], [266000, 6543000]];
    for (const [e, n] of points) {
      const [lon, lat] = swerefToWgs84([e, n]);
      const [refLon, refLat] = kruegerInverse(n, e);
      expect(Math.abs(lon - refLon), `${e} ${n}`).toBeLessThan(1e-8);
      expect(Math.abs(lat - refLat), `${e} ${n}`).toBeLessThan(1e-8);
    }
  });

  it('puts the central meridian at E 500 000 and N = k0 × the GRS 80 meridian arc (hand calculation)', () => {
    // Meridian arc to 60° on GRS 80 by Helmert's series: M = a/(1+n) (A0 φ − A2 sin 2φ + A4 sin 4φ − A6 sin 6φ)
    const a = 6378137; const f = 1 / 298.257222101; const n = f / (2 - f);
    const phi = Math.PI / 3;
    const M = (a / (1 + n)) * ((1 + n ** 2 / 4 + n ** 4 / 64) * phi - (3 / 2) * (n - n ** 3 / 8) * Math.sin(2 * phi) + (15 / 16) * (n ** 2 - n ** 4 / 4) * Math.sin(4 * phi) - (35 / 48) * n ** 3 * Math.sin(6 * phi));
    expect(M).toBeCloseTo(6654072.82, 1); // 6 654 072.82 m, the tabulated GRS 80 meridian distance at 60°
    const [lon, lat] = swerefToWgs84([500000, 0.9996 * M]);
    expect(lon).toBeCloseTo(15, 9);
    expect(lat).toBeCloseTo(60, 8);
  });
});

describe('boundary files', () => {
  it('the committed samples fixture is what the demo generator writes for the samples\' areas', () => {
    expect(fs.readFileSync(path.join(SAMPLES, 'area-boundaries.geojson'), 'utf8')).toBe(boundaryGeoJson(sampleAreas()));
  });

  it('reads the fixture: three areas, found by the property "kod", inside Sweden, outer rings counter-clockwise', () => {
    const res = parseBoundaries(fs.readFileSync(path.join(SAMPLES, 'area-boundaries.geojson'), 'utf8'), ['EXS-ARV', 'EXS-CEN', 'EXS-NOR']);
    if (!res.ok) throw new Error(JSON.stringify(res.issues));
    expect(res.crs).toBe('EPSG:3006');
    expect(res.codeProperty).toBe('kod');
    expect(res.boundaries.map((b) => b.code)).toEqual(['EXS-ARV', 'EXS-CEN', 'EXS-NOR']);
    // The plant's south-west corner E 512 000 N 6 572 000, by the reference formulas above.
    const [lon, lat] = kruegerInverse(6572000, 512000);
    const ring = (res.boundaries[0].geometry as { coordinates: number[][][] }).coordinates[0];
    expect(ring[0][0]).toBeCloseTo(lon, 6);
    expect(ring[0][1]).toBeCloseTo(lat, 6);
    expect(lat).toBeGreaterThan(59.2);
    expect(lat).toBeLessThan(59.4);
  });

  it('merges several features with one code, skips unknown codes and guesses WGS 84 from degrees', () => {
    const sq = (x: number) => [[[x, 59], [x + 0.1, 59], [x + 0.1, 59.1], [x, 59.1], [x, 59]]];
    const file = JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { id: 'A' }, geometry: { type: 'Polygon', coordinates: sq(15) } },
      { type: 'Feature', properties: { id: 'A' }, geometry: { type: 'Polygon', coordinates: sq(16) } },
      { type: 'Feature', properties: { id: 'X' }, geometry: { type: 'Polygon', coordinates: sq(17) } },
    ] });
    const res = parseBoundaries(file, ['A', 'B']);
    expect(res).toMatchObject({ ok: true, crs: 'EPSG:4326', codeProperty: 'id', skippedCodes: ['X'] });
    if (res.ok) expect(res.boundaries).toEqual([{ code: 'A', geometry: { type: 'MultiPolygon', coordinates: [sq(15), sq(16)] } }]);
  });

  it('winds rings for RFC 7946 (outer counter-clockwise) and for d3 (outer clockwise)', () => {
    const ccw = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
    const cw = [...ccw].reverse();
    expect(rewind({ type: 'Polygon', coordinates: [cw] }, 'rfc7946').coordinates[0]).toEqual(ccw);
    expect(rewind({ type: 'Polygon', coordinates: [ccw] }, 'd3').coordinates[0]).toEqual(cw);
    expect(rewind({ type: 'Polygon', coordinates: [ccw, ccw] }, 'rfc7946').coordinates[1]).toEqual(cw); // a hole
  });

  it('labels a shape at its centroid', () => {
    expect(labelPoint({ type: 'Polygon', coordinates: [[[15, 59], [15.2, 59], [15.2, 59.1], [15, 59.1], [15, 59]]] })).toEqual([expect.closeTo(15.1, 10), expect.closeTo(59.05, 10)]);
  });

  it('draws a withheld area as its nearest visible ancestor, or not at all', () => {
    const parentOf = new Map<string, string | null>([['ARV', null], ['CEN', 'ARV'], ['NOR', 'ARV'], ['NOR-1', 'NOR'], ['LONE', null]]);
    const visible = new Set(['ARV', 'CEN']);
    expect(drawnAs('NOR-1', visible, parentOf)).toBe('ARV');
    expect(drawnAs('CEN', visible, parentOf)).toBe('CEN');
    expect(drawnAs('LONE', visible, parentOf)).toBeNull();
  });
});
