import { describe, expect, it } from 'vitest';
import { scheme } from 'vega';
import { BLUEORANGE_STOPS, blueOrangeAt, contrastRatio, divergingLogT, labelColourOn, relativeLuminance } from '../../../server/charts/contrast.ts';
import { overviewSpec } from '../../../server/charts/overview.ts';
import { overviewInput } from './fixtures.ts';

const rgb = (s: string) => (/rgb\((\d+), (\d+), (\d+)\)/.exec(s)!.slice(1).map(Number)) as [number, number, number];

describe('heatmap labels by contrast', () => {
  it('the stored stops are vega\'s blueorange scheme, and between them within 2/255 of it', () => {
    const interp = scheme('blueorange') as (t: number) => string;
    BLUEORANGE_STOPS.forEach((stop, i) => expect(stop).toEqual(rgb(interp(i / 20))));
    for (let t = 0; t <= 1; t += 0.013) {
      const ours = blueOrangeAt(t);
      rgb(interp(t)).forEach((c, k) => expect(Math.abs(c - ours[k])).toBeLessThanOrEqual(2));
    }
  });

  it('WCAG figures: white on black is 21:1; white on the old orange (232,147,47) was below 4.5:1', () => {
    expect(contrastRatio(relativeLuminance([255, 255, 255]), relativeLuminance([0, 0, 0]))).toBeCloseTo(21, 10);
    // Hand-check: L(#777777) = ((0x77/255 + 0.055)/1.055)^2.4 = 0.18447 → vs white 1.05/0.23447 = 4.478
    expect(contrastRatio(relativeLuminance([0x77, 0x77, 0x77]), 1)).toBeCloseTo(4.478, 3);
    expect(contrastRatio(relativeLuminance([232, 147, 47]), 1)).toBeLessThan(4.5);
  });

  it('the chosen label reaches 4.5:1 on every colour of the scale and on grey', () => {
    for (let t = 0; t <= 1.0001; t += 0.005) {
      const bg = blueOrangeAt(t);
      const label = labelColourOn(bg) === '#000000' ? 0 : 1;
      expect(contrastRatio(relativeLuminance(bg), label), `t=${t}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(labelColourOn([0xbd, 0xbd, 0xbd])).toBe('#000000');
  });

  it('maps ratios onto the diverging log scale with 1 in the middle', () => {
    expect(divergingLogT(1, 0.25, 4)).toBe(0.5);
    expect(divergingLogT(2, 0.25, 4)).toBeCloseTo(0.75, 12);
    expect(divergingLogT(0.5, 0.25, 4)).toBeCloseTo(0.25, 12);
    expect(divergingLogT(100, 0.25, 4)).toBe(1);
  });

  it('every label of the overview heatmap reaches 4.5:1 on its own cell', () => {
    type L = { name?: string; data?: { values: { hasRatio: boolean; ratioPlot: number | null; labelColour: string }[] }; encoding?: { color?: { scale: { domain: [number, number] } } } };
    const spec = overviewSpec(overviewInput('sv')) as unknown as { layer: L[] };
    const values = spec.layer.find((l) => l.name === 'labels')!.data!.values.filter((v) => v.hasRatio);
    const [dMin, dMax] = spec.layer.find((l) => l.name === 'ratio_cells')!.encoding!.color!.scale.domain;
    expect(values.length).toBeGreaterThan(0);
    const interp = scheme('blueorange') as (t: number) => string;
    for (const v of values) {
      // the cell's colour from vega's own scheme (not from blueOrangeAt)
      const bg = rgb(interp(divergingLogT(v.ratioPlot!, dMin, dMax)));
      expect(contrastRatio(relativeLuminance(bg), v.labelColour === '#000000' ? 0 : 1)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
