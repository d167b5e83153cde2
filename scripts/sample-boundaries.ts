/**
 * Writes test/fixtures/samples/area-boundaries.geojson from the samples' area registry with the demo
 * generator (server/demo/boundaries.ts): `npx tsx scripts/sample-boundaries.ts`.
 * test/unit/boundaries-demo.test.ts checks that the committed file is what this writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { boundaryGeoJson, type BoundaryArea } from '../server/demo/boundaries.ts';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/samples');

export function sampleAreas(): BoundaryArea[] {
  const [, ...lines] = fs.readFileSync(path.join(SAMPLES, 'areas.csv'), 'utf8').trim().split(/\r?\n/);
  return lines.map((l) => l.split(',')).map(([code, name, parent]) => ({ code, name, parent: parent || null }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const out = path.join(SAMPLES, 'area-boundaries.geojson');
  fs.writeFileSync(out, boundaryGeoJson(sampleAreas()));
  console.log(out);
}
