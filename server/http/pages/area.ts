import type { Hono } from 'hono';
import { AreaPage } from '../../../web/pages/area.tsx';
import { chartQuery } from '../../../web/pages/dashboard-parts.tsx';
import { scopedAreas } from '../../usecases/scope.ts';
import { listCampaigns } from '../../usecases/campaigns.ts';
import { requireRole } from '../middleware/auth.ts';
import { notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { areaSeries, parseCensored, substanceCatalog, withheldInfo } from '../../usecases/dashboard.ts';
import { pageRoutes, renderPage, requestLang } from './render.ts';
import { PresentPage } from '../../../web/pages/present.tsx';

/** Substances whose weekday profile says most (weekend peaks), in order of preference. */
const WEEKDAY_PREFERENCE = ['cocaine', 'benzoylecgonine', 'mdma'];

/** /areas/:code — one area's small multiples, weekday profile and measurements; 404 when unknown or withheld. */
export function areaPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/areas/:code', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const lang = requestLang(c);
    const code = c.req.param('code');
    const areas = await scopedAreas(ctx, caller);
    const area = areas.find((a) => a.code === code);
    if (!area) throw notFound(`No area "${code}".`);
    const censored = parseCensored(c.req.query('censored'));

    const { metric, series, flow } = await areaSeries(ctx, caller, code, c.req.query('metric'), censored);

    const catalog = await substanceCatalog(ctx, lang);
    const withData = catalog.filter((s) => series.some((x) => x.substance === s.key && x.points.length));
    const shown = withData.filter((s) => series.some((x) => x.substance === s.key && x.points.some((pt) => pt.value != null)));
    const common = (substance: string) => ({ area: code, substance, metric, censored, lang });
    const asked = c.req.query('weekday');
    const weekdayKey = shown.find((s) => s.key === asked)?.key ?? WEEKDAY_PREFERENCE.find((k) => shown.some((s) => s.key === k)) ?? shown[0]?.key;
    const parent = area.parent ? areas.find((a) => a.code === area.parent) : undefined;

    if (c.req.query('present') === '1') {
      const back = new URL(c.req.url);
      back.searchParams.delete('present');
      const slides = shown.map((s) => ({ url: `/api/v1/charts/timeseries?${chartQuery(common(s.key))}`, fileName: `${code}-${s.key}`.toLowerCase() }));
      if (weekdayKey) slides.push({ url: `/api/v1/charts/weekday?${chartQuery(common(weekdayKey))}`, fileName: `${code}-veckodag` });
      return renderPage(c, PresentPage, { title: area.name, slides, back: `${back.pathname}${back.search}` });
    }
    return renderPage(c, AreaPage, {
      area: { code: area.code, name: area.name, population: area.population, populationKind: area.populationKind },
      parent: parent ? { code: parent.code, name: parent.name } : null,
      children: areas.filter((a) => a.parent === code).map((a) => ({ code: a.code, name: a.name })),
      rollup: series.length > 0 && series.every((s) => s.source === 'rollup'),
      metric, censored,
      charts: shown.map((s) => ({ key: s.key, name: s.name, url: `/api/v1/charts/timeseries?${chartQuery(common(s.key))}` })),
      withoutFactor: withData.filter((s) => !shown.includes(s)).map((s) => s.name),
      weekday: weekdayKey
        ? { key: weekdayKey, url: `/api/v1/charts/weekday?${chartQuery(common(weekdayKey))}`, options: shown.map((s) => ({ value: s.key, label: s.name })) }
        : null,
      flow,
      measurementsUrl: `/api/v1/measurements?${chartQuery({ area: code, censored })}`,
      ...(await withheldInfo(ctx, caller)),
      campaigns: await listCampaigns(ctx, caller, { area: code }),
    });
  });
  return r;
}
