/** The presentation view's charts: no text under 18 px, in the spec and in what vega draws. */
import { describe, expect, it } from 'vitest';
import { overviewSpec, timeseriesSpec, weekdaySpec } from '../../../server/charts/index.ts';
import { forProjector, PROJECTOR_MIN_FONT_PX } from '../../../server/charts/present.ts';
import { overviewInput, singleSeriesInput, weekdayInput } from './fixtures.ts';
import { render, sceneTexts } from './render.ts';

describe('charts on a projector', () => {
  const specs = [
    ['timeseries', timeseriesSpec(singleSeriesInput('sv'))],
    ['weekday', weekdaySpec(weekdayInput('sv'))],
    ['overview', overviewSpec(overviewInput('sv'))],
  ] as const;

  it.each(specs)('%s: every text drawn is at least 20 px in the spec, and the page\'s spec is untouched', async (_name, spec) => {
    const before = JSON.stringify(spec);
    const big = forProjector(spec, { heightPx: 640 });
    expect(JSON.stringify(spec)).toBe(before);
    const { view } = await render(big);
    const texts = sceneTexts(view).filter((t) => t.text && String(t.text).trim());
    expect(texts.length).toBeGreaterThan(5);
    for (const t of texts) expect(t.fontSize ?? 0, String(t.text)).toBeGreaterThanOrEqual(PROJECTOR_MIN_FONT_PX);
    // a 13 px label becomes max(20, round(13 × 1.5)) = 20 px, the 18 px title round(18 × 1.5) = 27 px
    expect((big as { config: { title: { fontSize: number } } }).config.title.fontSize).toBe(27);
  });

  it('takes the screen\'s height for a time series, not for the heatmap (its rows decide)', () => {
    expect((forProjector(timeseriesSpec(singleSeriesInput('sv')), { heightPx: 640 }) as { height: number }).height).toBe(640);
    const overview = overviewSpec(overviewInput('sv'));
    expect((forProjector(overview, { heightPx: 640 }) as { height?: unknown }).height).toEqual((overview as { height?: unknown }).height);
  });
});
