/** The time series' legend says what the symbols mean, in words, for the marks actually drawn. */
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { timeseriesSpec } from '../../../server/charts/index.ts';
import { multiSeriesInput, singleSeriesInput } from './fixtures.ts';
import { render, svgTexts } from './render.ts';

const legends = (spec: object) => (compile(spec as never).spec as { legends?: { values?: string[]; fill?: string; shape?: string; strokeDash?: string }[] }).legends ?? [];

describe('time series legend', () => {
  it('is one legend (shape, fill, stroke and dash merged) naming the points, the hollow ones, the band, the trend line and events', async () => {
    const spec = timeseriesSpec(singleSeriesInput('sv')); // the fixture has 3 values below LOQ, a baseline with CI, a significant trend, 2 events
    const keyed = legends(spec).filter((l) => l.shape === 'legend_shape');
    expect(keyed).toHaveLength(1);
    expect(keyed[0]).toMatchObject({ fill: 'legend_fill', strokeDash: 'legend_strokeDash' });
    expect(keyed[0].values).toEqual(['Mätvärde (ett dygn)', 'Ihålig = under rapporteringsgränsen', 'Nollvärde, 95 % intervall', 'Trendlinje', 'Händelse']);
    const texts = svgTexts((await render(spec)).svg);
    for (const label of keyed[0].values!) expect(texts).toContain(label);
    // the jargon lines left the subtitle
    const subtitle = (spec.title as { subtitle: string[] }).subtitle.join(' ');
    expect(subtitle).not.toMatch(/Sen\)|q = |Ofylld punkt|grått band|streckad linje/);
  });

  it('leaves out what is not drawn, and in English says it in English', () => {
    const input = singleSeriesInput('en');
    input.series[0].points = input.series[0].points.filter((p) => !p.censored);
    input.events = [];
    const values = legends(timeseriesSpec(input)).find((l) => l.shape === 'legend_shape')?.values;
    expect(values).toEqual(['Measured value (one day)', 'Baseline, 95 % interval', 'Trend line']);
  });

  it('beside several areas (coloured lines with their own legend) names only the hollow points and events', () => {
    const values = legends(timeseriesSpec(multiSeriesInput('sv'))).find((l) => l.shape === 'legend_shape')?.values;
    expect(values).toEqual(['Ihålig = under rapporteringsgränsen', 'Händelse']);
  });

  it('draws the symbol of a one-entry legend (an event on a chart of two areas without values below LOQ)', async () => {
    // Found in the browser on the event page: the single entry's size range had one value and the
    // symbol's path became "MNaN,0LNaN,0".
    const inp = multiSeriesInput('sv');
    const spec = timeseriesSpec({ ...inp, baseline: undefined, campaigns: undefined, trend: undefined, events: [{ date: '2023-06-10', title: 'X' }],
      series: inp.series.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, censored: false })) })) } as never);
    const { svg } = await render(spec as never);
    expect(svgTexts(svg)).toContain('Händelse');
    expect(svg).not.toContain('NaN');
  });
});
