/**
 * shareRepeatedData: data arrays held by several layers go once into `datasets`; the chart drawn
 * from the shared spec is the same chart, and the JSON is shorter.
 */
import { describe, expect, it } from 'vitest';
import { shareRepeatedData } from '../../../server/charts/common.ts';
import { overviewSpec, timeseriesSpec, weekdaySpec } from '../../../server/charts/index.ts';
import type { ChartSpec } from '../../../server/charts/types.ts';
import { multiSeriesInput, overviewInput, singleSeriesInput, weekdayInput } from './fixtures.ts';
import { render } from './render.ts';
import { validateVegaLite } from './schema.ts';

type L = { name?: string; data?: { values?: unknown[]; name?: string }; layer?: L[] };
const layersOf = (spec: ChartSpec) => (spec as unknown as { layer: L[] }).layer;

describe('shareRepeatedData', () => {
  it('names each array two layers share once, leaves one-layer arrays inline, and changes nothing passed in', () => {
    const days = [{ date: '2024-01-01', value: 1 }, { date: '2024-01-02', value: 2 }];
    const baseline = [{ mean: 1.5 }];
    const alone = [{ date: '2024-01-03', value: 9 }];
    const spec = {
      layer: [
        { name: 'band', data: { values: baseline } },
        { name: 'rule', data: { values: baseline } },
        { name: 'line', data: { values: days } },
        { name: 'nested', layer: [{ name: 'points', data: { values: days } }, { name: 'alone', data: { values: alone } }] },
      ],
    };
    const before = JSON.stringify(spec);
    const out = shareRepeatedData(spec) as unknown as { layer: L[]; datasets: Record<string, unknown[]> };
    expect(JSON.stringify(spec)).toBe(before);
    expect(Object.values(out.datasets)).toEqual([baseline, days]);
    const nameOf = (v: unknown[]) => Object.entries(out.datasets).find(([, d]) => d === v)![0];
    expect(out.layer.map((l) => l.data)).toEqual([{ name: nameOf(baseline) }, { name: nameOf(baseline) }, { name: nameOf(days) }, undefined]);
    expect(out.layer[3].layer!.map((l) => l.data)).toEqual([{ name: nameOf(days) }, { values: alone }]);
    // Nothing shared: the very same object back.
    const single = { layer: [{ data: { values: alone } }] };
    expect(shareRepeatedData(single)).toBe(single);
  });

  it.each([
    ['timeseries (single)', () => timeseriesSpec(singleSeriesInput('sv'))],
    ['timeseries (multi)', () => timeseriesSpec(multiSeriesInput('en'))],
    ['weekday', () => weekdaySpec(weekdayInput('sv'))],
    ['overview', () => overviewSpec(overviewInput('sv'))],
  ])('%s: the shared spec validates and draws the same SVG as the inline one', async (_name, build) => {
    const spec = build();
    const shared = shareRepeatedData(spec);
    expect(validateVegaLite(shared)).toEqual([]);
    // vega numbers gradients by a process-wide counter: the same drawing has another id each time.
    const svg = async (s: ChartSpec) => (await render(s)).svg.replace(/gradient_\d+/g, 'gradient');
    const [a, b] = [await svg(shared), await svg(spec)];
    expect(a === b, 'the shared spec draws another SVG').toBe(true);
    if (_name.startsWith('timeseries')) {
      // Its days feed the line and the points: held once.
      expect(layersOf(shared).filter((l) => l.data?.name).length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(shared).length).toBeLessThan(JSON.stringify(spec).length);
    }
  });
});
