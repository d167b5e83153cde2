/**
 * What a screen reader hears of a chart: the page labels the SVG with the chart's summary (numbers
 * rounded as drawn, web/client/charts.ts) and the table beside it; the spec itself must then give
 * no labels of its own — vega's defaults are English ("Title text '…'") with raw values per mark.
 */
import { describe, expect, it } from 'vitest';
import { overviewSpec, timeseriesSpec, weekdaySpec } from '../../../server/charts/index.ts';
import { overviewInput, singleSeriesInput, weekdayInput } from './fixtures.ts';
import { render } from './render.ts';

describe('chart labels for screen readers', () => {
  it.each([
    ['overview', overviewSpec(overviewInput('sv'))],
    ['timeseries', timeseriesSpec(singleSeriesInput('sv'))],
    ['weekday', weekdaySpec(weekdayInput('sv'))],
  ] as const)('%s: no axis or mark in the SVG carries a label of its own (the page removes the title\'s)', async (_n, spec) => {
    const { svg } = await render(spec);
    const labels = [...svg.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);
    expect(labels.filter((l) => !/^(Title|Subtitle) text '/.test(l))).toEqual([]);
    // the summary it is labelled with instead has the numbers as the chart shows them (decimal comma)
    const summary = (spec.usermeta as { summary: string }).summary;
    expect(summary).not.toMatch(/\d\.\d/);
    expect(summary).toMatch(/\d,\d/);
  });
});
