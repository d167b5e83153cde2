/** The county rounds chart (issue 13): valid Vega-Lite, renders under the CSP-safe interpreter, marks where the data says. */
import { describe, expect, it } from 'vitest';
import { roundsSpec, type RoundsChartInput } from '../../../server/charts/rounds.ts';
import { markItems, render } from './render.ts';
import { validateVegaLite } from './schema.ts';

const input = (lang: 'sv' | 'en' = 'sv'): RoundsChartInput => ({
  lang, substanceName: 'Amfetamin', countyName: 'Testlän', metric: { label: 'Halt', unit: 'ng/L' },
  areas: [{ code: 'KA', name: 'Ahus', population: 10000 }, { code: 'KB', name: 'Bby', population: 20000 }, { code: 'KC', name: 'Cstad', population: 30000 }],
  rounds: [
    // (10 000·110 + 20 000·210 + 30 000·60) / 60 000 = 118.33…; all three sampled
    { round: '2021-Q2', areas: [{ area: 'KA', campaigns: 1, value: 110 }, { area: 'KB', campaigns: 1, value: 210 }, { area: 'KC', campaigns: 1, value: 60 }], county: { value: 7_100_000 / 60_000, coverage: 1 } },
    // only KB: 20 000 / 60 000 = 1/3 of the county's people
    { round: '2021-Q3', areas: [{ area: 'KB', campaigns: 2, value: 180 }], county: { value: 180, coverage: 1 / 3 } },
  ],
});

describe('roundsSpec', () => {
  it('is valid Vega-Lite and renders a point per sampled area and a county bar per round', async () => {
    const spec = roundsSpec(input()) as ReturnType<typeof roundsSpec> & { layer: { data: unknown }[] };
    expect(validateVegaLite(JSON.parse(JSON.stringify(spec)))).toEqual([]);
    const r = await render(spec);
    expect(r.warnings).toEqual([]);
    const points = markItems(r.view, 'areas_marks');
    const bars = markItems(r.view, 'county_marks');
    expect(points).toHaveLength(4);
    expect(bars).toHaveLength(2);
    // On one y scale: Q2's county bar (118.3) lies between Cstad (60) and Bby (210); screen y grows downwards.
    const y = (area: string, round: string) => points.find((p) => p.datum!.area === area && String(p.datum!.round).startsWith(round))!.y!;
    const barQ2 = bars.find((b) => String(b.datum!.round).startsWith('2021-Q2'))!;
    expect(barQ2.y! + Number(barQ2.height ?? 0) / 2).toBeGreaterThan(y('Bby', '2021-Q2'));
    expect(barQ2.y!).toBeLessThan(y('Cstad', '2021-Q2'));
    expect(r.svg).toContain('2021-Q2 (100 %)');
    expect(r.svg).toContain('2021-Q3 (33 %)');
    expect(spec.layer[0].data).toEqual(expect.objectContaining({ values: expect.any(Array) }));
    expect((spec.layer[0].data as { values: unknown[] }).values).toHaveLength(4);
    expect((spec.layer[1].data as { values: { value: number }[] }).values.map((v) => v.value)).toEqual([7_100_000 / 60_000, 180]);
  });

  it('says in the table who did not sample, in Swedish and English', () => {
    expect(roundsSpec(input()).usermeta.table.rows).toEqual([
      ['2021-Q2', '110', '210', '60', '118', '100 %'],
      ['2021-Q3', 'provtog inte', '180', 'provtog inte', '180', '33 %'],
    ]);
    const en = roundsSpec(input('en')).usermeta;
    expect(en.table.rows[1]).toEqual(['2021-Q3', 'did not sample', '180', 'did not sample', '180', '33 %']);
    expect(en.summary).toBe('Amfetamin in Testlän: 2 rounds, 3 municipalities or plants.');
  });
});
