import { describe, expect, it } from 'vitest';
import { AREA_COLOUR, CITY_COLOUR, MEDIAN_COLOUR, referenceSpec } from '../../../server/charts/reference.ts';
import type { ChartSpec } from '../../../server/charts/types.ts';
import { referenceInput } from './fixtures.ts';
import { countSvgMarkPaths, markItems, render, svgTexts } from './render.ts';
import { validateVegaLite } from './schema.ts';

interface LooseLayer {
  name?: string;
  data?: { values: Record<string, unknown>[] };
}
const layer = (spec: ChartSpec, name: string) => (spec as unknown as { layer: LooseLayer[] }).layer.find((l) => l.name === name);

describe('referenceSpec', () => {
  it('validates against the Vega-Lite v6 JSON schema', () => {
    expect(validateVegaLite(referenceSpec(referenceInput('sv')))).toEqual([]);
    expect(validateVegaLite(referenceSpec(referenceInput('en')))).toEqual([]);
    expect(validateVegaLite(referenceSpec({ ...referenceInput(), cities: [], europeanMedian: null, area: { name: 'X', value: null } }))).toEqual([]);
  });

  it('carries the area, the Swedish cities and the European median as bars, sorted by value', () => {
    const values = layer(referenceSpec(referenceInput()), 'bars')!.data!.values;
    expect(values.map((v) => [v.name, v.value, v.group])).toEqual([
      ['Stockholm (2)', 1420.5, 'sweden'],
      ['Göteborg', 310.2, 'sweden'],
      ['Europeisk median (88 städer)', 250, 'median'],
      ['Exempelstad ARV', 240.5, 'area'],
      ['Uppsala', 180, 'sweden'],
      ['Umeå', 95.25, 'sweden'],
    ]);
  });

  it('renders horizontal bars in distinct colours, a median rule, and the attribution', async () => {
    const { view, svg, warnings } = await render(referenceSpec(referenceInput()));
    expect(warnings).toEqual([]);
    const bars = markItems(view, 'bars_marks');
    expect(bars).toHaveLength(6);
    expect(countSvgMarkPaths(svg, 'rect', 'bars_marks')).toBe(6);
    const colourOf = (g: unknown) => (g === 'area' ? AREA_COLOUR : g === 'median' ? MEDIAN_COLOUR : CITY_COLOUR);
    for (const b of bars) expect(b.fill).toBe(colourOf(b.datum!.group));
    // horizontal: bars start at x = 0 and differ in y
    for (const b of bars) expect(b.x).toBe(0);
    const x = view.scale('x') as (v: number) => number;
    const [rule] = markItems(view, 'median_rule_marks');
    expect(rule.x).toBeCloseTo(x(250));
    const texts = svgTexts(svg);
    expect(texts).toContain('Källa: EUDA and SCORE (CC BY 4.0)');
    expect(texts).toContain('1\u00a0421'); // bar label, Swedish thousands separator
    expect(texts).toContain('1\u00a0000'); // axis label formatted by the vega locale
    const en = await render(referenceSpec(referenceInput('en')));
    expect(svgTexts(en.svg)).toContain('Source: EUDA and SCORE (CC BY 4.0)');
    expect(svgTexts(en.svg)).toContain('1,000');
  });

  it('keeps bar labels unique when the area is also an EUDA city', () => {
    const input = referenceInput();
    input.area = { name: 'Uppsala', value: 200 };
    const names = layer(referenceSpec(input), 'bars')!.data!.values.map((v) => v.name);
    expect(names).toContain('Uppsala (egna data)');
    expect(names).toContain('Uppsala');
  });

  it('has a summary and a table that also lists cities without data', () => {
    const spec = referenceSpec(referenceInput());
    expect(spec.usermeta.summary).toBe(
      'Bensoylekgonin, Exempelstad ARV (2024): 241 mg/dygn/1000 inv.; svenska städer 2022: 95,3–1\u00a0421 (högst Stockholm (2)); europeisk median (88 städer) 250; plats 3 av 5. Källa: EUDA and SCORE (CC BY 4.0).',
    );
    const rows = spec.usermeta.table.rows;
    expect(rows).toHaveLength(7);
    expect(rows[rows.length - 1]).toEqual(['Gävle', 'SE', '–', 'Svenska städer (EUDA)']);
    expect(spec.usermeta.table.caption).toContain('EUDA and SCORE');
  });
});
