import type { Hono } from 'hono';
import { DashboardPage, type DashboardProps } from '../../../web/pages/dashboard.tsx';
import type { VerdictRow } from '../../../web/pages/dashboard-verdicts.tsx';
import { sortVerdicts } from '../../../web/pages/dashboard-verdicts.tsx';
import { chartQuery } from '../../../web/pages/dashboard-parts.tsx';
import { metricInfo } from '../../usecases/charts.ts';
import { scopedAreas } from '../../usecases/scope.ts';
import { listPeriods } from '../../usecases/periods.ts';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { defaultCampaigns } from '../../usecases/campaigns.ts';
import { choosePeriods, dashboardOverview, measurementSummary, substanceCatalog, withheldInfo } from '../../usecases/dashboard.ts';
import { pageRoutes, renderPage, requestLang } from './render.ts';
import { setupChecklist } from '../../usecases/checklist.ts';
import { PresentPage, type Slide } from '../../../web/pages/present.tsx';
import { t } from '../../i18n/index.ts';

/**
 * A heatmap row per area stops being readable (and quick to draw) beyond a few dozen areas: then
 * it shows the areas with the most certain changes (then the largest), and says so; the
 * verdicts below and the chart's CSV cover every area.
 */
export const MAX_HEATMAP_AREAS = 30;

/** Lägesbild, the start page: baseline vs comparison period for every area and substance. */
export function dashboardPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const lang = requestLang(c);
    const areas = await scopedAreas(ctx, caller);
    const summary = await measurementSummary(ctx, caller, areas);
    const periods = await listPeriods(ctx, caller);
    // With no period asked for, the campaigns decide: the baseline campaign against the latest one.
    const campaigns = await defaultCampaigns(ctx, caller);
    const byCampaign = !c.req.query('baseline') && !c.req.query('comparison') && campaigns.baseline !== null;
    const campaignById = (v: string | undefined) => campaigns.all.find((x) => String(x.id) === v);
    const byPeriod = choosePeriods(periods, c.req.query('baseline'), c.req.query('comparison'));
    const { baseline, comparison } = byCampaign
      ? { baseline: campaignById(c.req.query('baselineCampaign')) ?? campaigns.baseline, comparison: campaignById(c.req.query('campaign')) ?? campaigns.latest }
      : byPeriod;
    const props: Omit<DashboardProps, 'page'> = {
      summary, periods, baselineId: byPeriod.baseline?.id ?? null, comparisonId: byPeriod.comparison?.id ?? null, problem: null,
      campaigns: campaigns.all, byCampaign, baselineCampaignId: byCampaign ? baseline?.id ?? null : null, comparisonCampaignId: byCampaign ? comparison?.id ?? null : null, metric: 'normalized_load', chartUrl: null, heatmapCapped: null, rows: [], dumping: [],
      ...(await withheldInfo(ctx, caller)),
      checklist: caller.role === 'viewer' ? null : await setupChecklist(ctx, caller),
    };
    if (!baseline) props.problem = 'noPeriods';
    else if (!comparison) props.problem = 'needComparison';
    else if (comparison.id === baseline.id) props.problem = 'samePeriod';
    else if (summary.count > 0) {
      const { metric, rows: result } = await dashboardOverview(ctx, caller, baseline, comparison);
      props.metric = metric;
      const codes = [...new Set(result.map((o) => o.area))];
      let only: string | undefined;
      if (codes.length > MAX_HEATMAP_AREAS) {
        const certain = new Map<string, number>();
        for (const o of result) if (o.verdict === 'increase' || o.verdict === 'decrease') certain.set(o.area, (certain.get(o.area) ?? 0) + 1);
        const population = new Map(areas.map((a) => [a.code, a.population ?? 0]));
        const score = (code: string) => [certain.get(code) ?? 0, population.get(code) ?? 0];
        only = codes.sort((a, b) => score(b)[0] - score(a)[0] || score(b)[1] - score(a)[1]).slice(0, MAX_HEATMAP_AREAS).join(',');
        props.heatmapCapped = { shown: MAX_HEATMAP_AREAS, total: codes.length };
      }
      const ranges = byCampaign ? { baselineCampaign: baseline.id, campaign: comparison.id } : { baselinePeriod: baseline.id, period: comparison.id };
      props.chartUrl = `/api/v1/charts/overview?${chartQuery({ ...ranges, area: only, metric: metric === 'normalized_load' ? undefined : metric, lang })}`;
      const catalog = await substanceCatalog(ctx, lang);
      const names = new Map(areas.map((a) => [a.code, a.name]));
      const areaName = (code: string) => names.get(code) ?? code;
      const unit = metricInfo(metric, lang).unit;
      const rows = result.map((o): VerdictRow => ({
        area: o.area, areaName: areaName(o.area), substance: o.substance, substanceName: catalog.find((s) => s.key === o.substance)?.name ?? o.substance,
        verdict: o.verdict, ratio: o.ratio, ci95: o.ci95, q: o.q, detectableRatio: o.detectableRatio,
        baselineMean: o.baseline.mean, currentMean: o.current.mean, nBaseline: o.baseline.n, nCurrent: o.current.n, unit,
        scope: o.scope, seasonDiffers: o.seasonDiffers,
        baselineBelowLoq: o.baseline.belowLoq, baselineUpperBound: o.baseline.upperBound, currentBelowLoq: o.current.belowLoq, currentUpperBound: o.current.upperBound,
      }));
      props.rows = sortVerdicts(rows, catalog.map((s) => s.key));
      props.dumping = result.filter((o) => o.dumpingDays?.length).map((o) => ({ areaName: areaName(o.area), dates: o.dumpingDays! }));
    }
    if (c.req.query('present') === '1') {
      // The meeting room: the heatmap, then each substance's trend for the largest top-level area.
      const slides: Slide[] = props.chartUrl ? [{ url: props.chartUrl, fileName: 'lagesbild' }] : [];
      const top = areas.filter((a) => !a.parent || !areas.some((b) => b.code === a.parent)).sort((a, b) => (b.population ?? 0) - (a.population ?? 0))[0];
      const substances = [...new Set(props.rows.filter((r) => r.area === top?.code).map((r) => r.substance))];
      for (const key of top ? substances : []) {
        slides.push({ url: `/api/v1/charts/timeseries?${chartQuery({ area: top!.code, substance: key, metric: props.metric, lang })}`, fileName: `${top!.code}-${key}`.toLowerCase() });
      }
      const back = new URL(c.req.url);
      back.searchParams.delete('present');
      return renderPage(c, PresentPage, { title: t(lang, 'home.title'), slides, back: `${back.pathname}${back.search}` });
    }
    return renderPage(c, DashboardPage, props);
  });
  return r;
}
