import { describe, expect, it } from 'vitest';
import { EUDA_WEEKEND_ISO_DAYS, WEEKDAY_COLOUR, WEEKEND_COLOUR, weekdaySpec } from '../../../server/charts/weekday.ts';
import type { ChartSpec } from '../../../server/charts/types.ts';
import { weekdayInput } from './fixtures.ts';
import { countSvgMarkPaths, markItems, render, svgTexts } from './render.ts';
import { validateVegaLite } from './schema.ts';

interface LooseLayer {
  name?: string;
  data?: { values: Record<string, unknown>[] };
}
const layer = (spec: ChartSpec, name: string) => (spec as unknown as { layer: LooseLayer[] }).layer.find((l) => l.name === name);

describe('weekdaySpec', () => {
  it('validates against the Vega-Lite v6 JSON schema', () => {
    expect(validateVegaLite(weekdaySpec(weekdayInput('sv')))).toEqual([]);
    expect(validateVegaLite(weekdaySpec(weekdayInput('en')))).toEqual([]);
    expect(validateVegaLite(weekdaySpec({ ...weekdayInput(), days: [] }))).toEqual([]);
  });

  it('uses the EUDA weekend (samples starting Fri, Sat, Sun, Mon)', () => {
    expect([...EUDA_WEEKEND_ISO_DAYS].sort()).toEqual([1, 5, 6, 7]);
  });

  it('carries one bar per weekday with a mean, flagged weekend per EUDA', () => {
    const input = weekdayInput();
    const values = layer(weekdaySpec(input), 'bars')!.data!.values;
    expect(values.map((v) => [v.weekday, v.mean, v.n, v.weekend])).toEqual(
      input.days.filter((d) => d.mean !== null).map((d) => [d.weekday, d.mean, d.n, [1, 5, 6, 7].includes(d.weekday)]),
    );
    expect(values.map((v) => v.day)).toEqual(['Mån', 'Tis', 'Ons', 'Fre', 'Lör', 'Sön']);
  });

  it('renders Mon..Sun in order with language-specific labels, weekend bars in a different colour', async () => {
    const sv = await render(weekdaySpec(weekdayInput('sv')));
    expect(sv.warnings).toEqual([]);
    const bars = markItems(sv.view, 'bars_marks');
    expect(bars).toHaveLength(6);
    expect(countSvgMarkPaths(sv.svg, 'rect', 'bars_marks')).toBe(6);
    for (const b of bars) expect(b.fill).toBe(b.datum!.weekend ? WEEKEND_COLOUR : WEEKDAY_COLOUR);
    // x order
    const xs = bars.map((b) => [b.datum!.weekday as number, b.x!]).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < xs.length; i++) expect(xs[i][1]).toBeGreaterThan(xs[i - 1][1]);
    const texts = svgTexts(sv.svg);
    for (const d of ['Mån', 'Tis', 'Ons', 'Tor', 'Fre', 'Lör', 'Sön']) expect(texts).toContain(d);
    expect(texts).toContain('Helg (fre–mån)');
    expect(texts).toContain('Vardag (tis–tor)');
    expect(texts).toContain('saknas'); // Thursday has no samples
    expect(texts.some((t) => t.startsWith('Helg enligt EUDA'))).toBe(true);

    const en = await render(weekdaySpec(weekdayInput('en')));
    const enTexts = svgTexts(en.svg);
    for (const d of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']) expect(enTexts).toContain(d);
    expect(enTexts).toContain('Weekend (Fri–Mon)');
  });

  it('has a title, the unit on the y axis, a summary and a 7-row table', async () => {
    const spec = weekdaySpec(weekdayInput());
    expect(spec.title).toMatchObject({ text: 'Bensoylekgonin — Exempelstad ARV' });
    const { svg } = await render(spec);
    expect(svgTexts(svg)).toContain('mg/dygn/1000 inv.');
    expect(spec.usermeta.summary).toBe(
      'Bensoylekgonin — Exempelstad ARV: medelvärde per veckodag (normaliserad belastning, mg/dygn/1000 inv.); högst söndag (380), lägst onsdag (205); helgmedel 324, vardagsmedel 213, kvot helg/vardag 1,5×.',
    );
    const { table } = spec.usermeta;
    expect(table.rows).toHaveLength(7);
    expect(table.rows[3]).toEqual(['torsdag', '–', '0', '–', 'Vardag (tis–tor)']);
    expect(table.rows[1]).toEqual(['tisdag', '221', '4', '–', 'Vardag (tis–tor)']);
  });

  it('rejects weekday numbers outside 1..7', () => {
    expect(() => weekdaySpec({ ...weekdayInput(), days: [{ weekday: 0 as 1, mean: 1, n: 1 }] })).toThrow(/weekday/);
  });
});
