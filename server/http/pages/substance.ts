import type { Hono } from 'hono';
import { chartQuery } from '../../../web/pages/dashboard-parts.tsx';
import { SubstanceOverviewPage, type SubstanceAreaRow } from '../../../web/pages/substance-page.tsx';
import { metricInfo } from '../../usecases/charts.ts';
import { allSeries } from '../../usecases/series.ts';
import { referenceFor } from '../../usecases/reference.ts';
import { requireRole } from '../middleware/auth.ts';
import { notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { parseCensored, parseMetric, substanceCatalog, withheldInfo } from '../../usecases/dashboard.ts';
import { pageRoutes, renderPage, requestLang } from './render.ts';

/** More lines than this on one shared axis cannot be told apart; the table lists every area. */
export const MAX_CHART_AREAS = 8;

/** /substances/:key/overview — every area (own measurements and roll-ups) on a shared y-axis. */
export function substancePages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/substances/:key/overview', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const lang = requestLang(c);
    const key = c.req.param('key');
    const substance = (await substanceCatalog(ctx, lang)).find((s) => s.key === key);
    if (!substance) throw notFound(`No substance "${key}".`);
    const censored = parseCensored(c.req.query('censored'));
    let metric = parseMetric(c.req.query('metric'));
    let { series, areas } = await allSeries(ctx, caller, { metric, censored }, { substance: key });
    // Without any daily flow there is no load: show the concentration unless asked otherwise.
    const noFlow = metric === 'normalized_load' && series.length > 0 && series.every((s) => s.points.every((pt) => pt.value == null));
    if (noFlow && !c.req.query('metric')) {
      metric = 'concentration';
      ({ series, areas } = await allSeries(ctx, caller, { metric, censored }, { substance: key }));
    }
    const name = (code: string) => areas.find((a) => a.code === code)?.name ?? code;
    const population = (code: string) => areas.find((a) => a.code === code)?.population ?? 0;

    const rows: SubstanceAreaRow[] = series
      .filter((s) => s.substance === key && s.points.some((pt) => pt.value != null))
      .sort((a, b) => population(b.area) - population(a.area) || name(a.area).localeCompare(name(b.area), 'sv'))
      .map((s, i) => {
        const values = s.points.map((pt) => pt.value).filter((v): v is number => v != null);
        return {
          code: s.area, name: name(s.area), rolledUpFrom: s.source === 'rollup' ? (s.children ?? []).map(name) : null,
          days: values.length, mean: values.reduce((a, b) => a + b, 0) / values.length, inChart: i < MAX_CHART_AREAS,
          pe: areas.find((a) => a.code === s.area)?.populationKind === 'pe',
        };
      });
    const inChart = rows.filter((row) => row.inChart).map((row) => row.code);
    const reference = await referenceFor(ctx, key);
    return renderPage(c, SubstanceOverviewPage, {
      substance: { key, name: substance.name }, metric, censored, noFlow, unit: metricInfo(metric, lang).unit,
      chartUrl: inChart.length ? `/api/v1/charts/timeseries?${chartQuery({ area: inChart.join(','), substance: key, metric, censored, lang })}` : null,
      capped: rows.length - inChart.length, rows,
      referenceUrl: reference.year != null && inChart.length ? `/api/v1/charts/reference?${chartQuery({ area: inChart[0], substance: key, lang })}` : null,
      ...(await withheldInfo(ctx, caller)),
    });
  });
  return r;
}
