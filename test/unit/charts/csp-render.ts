/**
 * Child-process script for the CSP test (all-charts.test.ts): run with
 *   node --disallow-code-generation-from-strings --import tsx test/unit/charts/csp-render.ts [interpreter|codegen]
 * The V8 flag makes `eval` / `new Function` throw, like a Content-Security-Policy without
 * 'unsafe-eval'. Prints one JSON line: {ok, counts} or {ok: false, error}.
 */
import { overviewSpec, referenceSpec, timeseriesSpec, weekdaySpec } from '../../../server/charts/index.ts';
import { multiSeriesInput, overviewInput, referenceInput, singleSeriesInput, weekdayInput } from './fixtures.ts';
import { markItems, render } from './render.ts';

const interpreter = process.argv[2] !== 'codegen';
try {
  const counts: Record<string, number> = {};
  for (const lang of ['sv', 'en'] as const) {
    const ts = await render(timeseriesSpec(singleSeriesInput(lang)), { interpreter });
    counts[`timeseries_${lang}`] = markItems(ts.view, 'points_marks').length;
    const multi = await render(timeseriesSpec(multiSeriesInput(lang)), { interpreter });
    counts[`multi_${lang}`] = markItems(multi.view, 'points_marks').length;
    const wd = await render(weekdaySpec(weekdayInput(lang)), { interpreter });
    counts[`weekday_${lang}`] = markItems(wd.view, 'bars_marks').length;
    const ov = await render(overviewSpec(overviewInput(lang)), { interpreter });
    counts[`overview_${lang}`] = markItems(ov.view, 'cells_marks').length;
    const ref = await render(referenceSpec(referenceInput(lang)), { interpreter });
    counts[`reference_${lang}`] = markItems(ref.view, 'bars_marks').length;
  }
  console.log(JSON.stringify({ ok: true, counts }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e) }));
}
