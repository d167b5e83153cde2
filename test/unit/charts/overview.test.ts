import * as vega from 'vega';
import { describe, expect, it } from 'vitest';
import { GREY } from '../../../server/charts/common.ts';
import { overviewSpec, ratioDomain } from '../../../server/charts/overview.ts';
import type { ChartSpec } from '../../../server/charts/types.ts';
import { overviewInput } from './fixtures.ts';
import { countSvgMarkPaths, markItems, render, svgTexts } from './render.ts';
import { validateVegaLite } from './schema.ts';

interface LooseLayer {
  name?: string;
  data?: { values: Record<string, unknown>[] };
  encoding?: Record<string, Record<string, unknown>>;
}
const layer = (spec: ChartSpec, name: string) => (spec as unknown as { layer: LooseLayer[] }).layer.find((l) => l.name === name);

describe('overviewSpec', () => {
  it('validates against the Vega-Lite v6 JSON schema', () => {
    expect(validateVegaLite(overviewSpec(overviewInput('sv')))).toEqual([]);
    expect(validateVegaLite(overviewSpec(overviewInput('en')))).toEqual([]);
    expect(validateVegaLite(overviewSpec({ ...overviewInput(), rows: [] }))).toEqual([]);
  });

  it('draws one "cells" rect per input row, grey ones included', async () => {
    const input = overviewInput();
    const spec = overviewSpec(input);
    expect(layer(spec, 'cells')!.data!.values).toHaveLength(input.rows.length);
    const { view, svg, warnings } = await render(spec);
    expect(warnings).toEqual([]);
    const cells = markItems(view, 'cells_marks');
    expect(cells).toHaveLength(12);
    // browser selector: g.mark-rect.role-mark.cells_marks > path
    expect(countSvgMarkPaths(svg, 'rect', 'cells_marks')).toBe(12);
    for (const c of cells) expect(c.fill).toBe(GREY);
    // every (area, substance) pair is at its own position
    expect(new Set(cells.map((c) => `${c.x},${c.y}`)).size).toBe(12);
    expect(markItems(view, 'labels_marks')).toHaveLength(12);
  });

  it('colours only cells with a ratio and enough data; the others stay grey', async () => {
    const input = overviewInput();
    const { view } = await render(overviewSpec(input));
    const coloured = markItems(view, 'ratio_cells_marks');
    const expected = input.rows.filter((r) => r.ratio !== null && r.verdict !== 'too_few_data');
    expect(coloured).toHaveLength(expected.length);
    expect(coloured).toHaveLength(10);
    const grey = markItems(view, 'labels_marks').filter((t) => t.text === 'för få data');
    expect(grey).toHaveLength(2);
  });

  it('uses a diverging log colour scale centred on 1 with a colour-blind-safe scheme', async () => {
    const { vg, view } = await render(overviewSpec(overviewInput()));
    const colour = vg.scales!.find((s) => s.name === 'color') as unknown as Record<string, unknown>;
    expect(colour.type).toBe('log');
    expect(colour.domainMid).toBe(1);
    expect(colour.range).toEqual({ scheme: 'blueorange' });
    const scale = view.scale('color') as (v: number) => string;
    const mid = (vega.scheme('blueorange') as (t: number) => string)(0.5);
    expect(scale(1)).toBe(mid);
    // symmetric on the log scale: 2 and 1/2 are equally far from the middle
    expect(scale(2)).toBe((vega.scheme('blueorange') as (t: number) => string)(0.5 + 0.5 / 3));
    expect(scale(0.5)).toBe((vega.scheme('blueorange') as (t: number) => string)(0.5 - 0.5 / 3));
  });

  it('computes a symmetric power-of-two log domain', () => {
    expect(ratioDomain([1.2, 0.9])).toEqual([0.5, 2]);
    expect(ratioDomain([6.5, 0.45])).toEqual([0.125, 8]);
    expect(ratioDomain([1000])).toEqual([1 / 16, 16]);
    expect(ratioDomain([])).toEqual([0.5, 2]);
  });

  it('marks q < 0.05 with "*" and gives ratio, CI, q and the verdict in words in the tooltip data', async () => {
    const input = overviewInput();
    const spec = overviewSpec(input);
    const { view } = await render(spec);
    const sig = markItems(view, 'significance_marks');
    const expected = input.rows.filter((r) => r.verdict !== 'too_few_data' && r.ratio !== null && r.q !== null && r.q < 0.05);
    expect(sig).toHaveLength(expected.length);
    expect(sig.map((s) => s.text)).toEqual(expected.map(() => '*'));
    const row0 = layer(spec, 'cells')!.data!.values[0];
    expect(row0).toMatchObject({ ratioText: '2,4×', ciText: '1,7×–3,4×', qText: '0,002', verdictText: 'Ökning', label: '2,4×' });
    const zero = layer(spec, 'cells')!.data!.values[10];
    expect(zero).toMatchObject({ ratio: 0, ratioPlot: 0.125, label: '0×', verdictText: 'Minskning' });
    const tooltip = layer(spec, 'ratio_cells')!.encoding!.tooltip as unknown as { field: string }[];
    expect(tooltip.map((t) => t.field)).toEqual(['area', 'substance', 'ratioText', 'ciText', 'qText', 'verdictText', 'nText']);
    const en = layer(overviewSpec(overviewInput('en')), 'cells')!.data!.values;
    expect(en[0]).toMatchObject({ ratioText: '2.4×', verdictText: 'Increase' });
    expect(en[4]).toMatchObject({ verdictText: 'Too few data', ratioText: '–' });
  });

  it('keeps the input order of areas and substances', async () => {
    const { svg } = await render(overviewSpec(overviewInput()));
    const texts = svgTexts(svg);
    const order = ['Bensoylekgonin', 'Amfetamin', 'MDMA', 'THC-COOH'].map((t) => texts.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('has a title, a legend note, a summary and a table with one row per input row', () => {
    const input = overviewInput();
    const spec = overviewSpec(input);
    expect(spec.title).toMatchObject({
      text: 'Förändring mot nollvärde — Exempelstads kommun',
      subtitle: [
        'hösten 2024 jämfört med nollvärdet mars 2023 · Normaliserad belastning, mg/dygn/1000 inv.',
        '* = statistiskt säkerställd förändring. Grå ruta = för få data.',
      ],
    });
    expect(spec.usermeta.table.rows).toHaveLength(input.rows.length);
    expect(spec.usermeta.table.rows[0]).toEqual(['Exempelstad ARV', 'Bensoylekgonin', '2,4×', '1,7×–3,4×', '0,002', 'Ökning', '7', '5']);
    expect(spec.usermeta.summary).toMatch(/^Förändring mot nollvärde — Exempelstads kommun, hösten 2024 \/ mars 2023: 12 jämförelser \(3 områden × 4 ämnen\): 3 ökningar, 2 minskningar, 5 utan tydlig förändring, 2 med för få data; statistiskt säkerställd: Bensoylekgonin i Exempelstad ARV 2,4×/);
  });

  it('angles long substance names instead of truncating them', () => {
    const input = overviewInput();
    input.rows[0] = { ...input.rows[0], substanceName: 'O-desmetyltramadol' };
    const x = layer(overviewSpec(input), 'cells')!.encoding!.x as { axis: { labelAngle: number } };
    expect(x.axis.labelAngle).toBe(-30);
    const x2 = layer(overviewSpec({ ...overviewInput(), rows: overviewInput().rows.map((r) => ({ ...r, substanceName: r.substanceKey.slice(0, 5) })) }), 'cells')!.encoding!.x as { axis: { labelAngle: number } };
    expect(x2.axis.labelAngle).toBe(0);
  });
});
