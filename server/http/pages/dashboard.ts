import type { Hono } from 'hono';
import { DashboardPage, type DashboardProps } from '../../../web/pages/dashboard.tsx';
import type { VerdictRow } from '../../../web/pages/dashboard-verdicts.tsx';
import { sortVerdicts } from '../../../web/pages/dashboard-verdicts.tsx';
import { chartQuery } from '../../../web/pages/dashboard-parts.tsx';
import { metricInfo } from '../../usecases/charts.ts';
import { perPopulationKind } from '../../i18n/charts.ts';
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
import { FILTER_KEYS, type FilterProps, type MapState, type OverviewFilters } from '../../../web/pages/dashboard-filters.tsx';
import { hasBoundaries } from '../../usecases/boundaries.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (v: string | undefined) => (v && ISO_DATE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) ? v : null);

/** The overview's filters from the query: unknown areas and substances are ignored, a date range needs both ends in order. */
function readFilters(query: Record<string, string>, areaCodes: Set<string>, substanceKeys: Set<string>): { filters: OverviewFilters; problem: FilterProps['filterProblem'] } {
  const from = realDate(query.from);
  const to = realDate(query.to);
  const problem = (query.from || query.to) && (!from || !to) ? 'halfRange' : from && to && from > to ? 'badRange' : null;
  return {
    filters: { area: areaCodes.has(query.area ?? '') ? query.area : null, substance: substanceKeys.has(query.substance ?? '') ? query.substance : null, from: problem ? null : from, to: problem ? null : to },
    problem,
  };
}

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
    const catalogAll = await substanceCatalog(ctx, lang);
    const query = c.req.query();
    const { filters, problem: filterProblem } = readFilters(query, new Set(areas.map((a) => a.code)), new Set(catalogAll.map((s) => s.key)));
    const keep = Object.fromEntries(Object.entries(query).filter(([k]) => !(FILTER_KEYS as readonly string[]).includes(k)));
    const range = filters.from && filters.to ? { id: 0, name: `${filters.from} – ${filters.to}`, from: filters.from, to: filters.to, baseline: false } : null;
    const chosen = { baseline, comparison: range ?? comparison };
    const filterProps: FilterProps = {
      filters, keep, filterProblem,
      areaOptions: areas.map((a) => ({ code: a.code, name: a.name })), substanceOptions: catalogAll.map((s) => ({ key: s.key, name: s.name })),
    };
    let map: MapState = { kind: 'none' };
    const props: Omit<DashboardProps, 'page'> = {
      ...filterProps, map,
      summary, periods, baselineId: byPeriod.baseline?.id ?? null, comparisonId: byPeriod.comparison?.id ?? null, problem: null,
      campaigns: campaigns.all, byCampaign, baselineCampaignId: byCampaign ? baseline?.id ?? null : null, comparisonCampaignId: byCampaign ? comparison?.id ?? null : null, metric: 'normalized_load', chartUrl: null, heatmapCapped: null, rows: [], dumping: [],
      ...(await withheldInfo(ctx, caller)),
      checklist: caller.role === 'viewer' ? null : await setupChecklist(ctx, caller),
    };
    const comparisonChosen = chosen.comparison;
    if (!baseline) props.problem = 'noPeriods';
    else if (!comparisonChosen) props.problem = 'needComparison';
    else if (!range && comparisonChosen.id === baseline.id) props.problem = 'samePeriod';
    else if (summary.count > 0) {
      const comparison = comparisonChosen;
      const { metric, rows: all } = await dashboardOverview(ctx, caller, baseline, comparison);
      const result = all.filter((o) => (!filters.area || o.area === filters.area) && (!filters.substance || o.substance === filters.substance));
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
      const ranges = {
        ...(byCampaign ? { baselineCampaign: baseline.id } : { baselinePeriod: baseline.id }),
        ...(range ? { from: range.from, to: range.to } : byCampaign ? { campaign: comparison.id } : { period: comparison.id }),
      };
      props.chartUrl = `/api/v1/charts/overview?${chartQuery({ ...ranges, area: filters.area ?? only, substance: filters.substance ?? undefined, metric: metric === 'normalized_load' ? undefined : metric, lang })}`;
      const catalog = catalogAll;
      if (await hasBoundaries(ctx, caller)) {
        // The map shows one substance: the filter's, else the first in catalogue order with a ratio.
        const withRatio = (key: string) => all.some((o) => o.substance === key && o.ratio !== null && o.verdict !== 'too_few_data');
        const shown = catalog.find((s) => s.key === filters.substance) ?? catalog.find((s) => withRatio(s.key)) ?? catalog.find((s) => all.some((o) => o.substance === s.key));
        if (shown) {
          map = { kind: 'shown', substanceName: shown.name, url: `/api/v1/map?${chartQuery({ ...ranges, area: filters.area ?? undefined, substance: shown.key, lang })}` };
        }
      } else map = { kind: 'noBoundaries' };
      props.map = map;
      const names = new Map(areas.map((a) => [a.code, a.name]));
      const areaName = (code: string) => names.get(code) ?? code;
      const unit = metricInfo(metric, lang).unit;
      const peAreas = new Set(areas.filter((a) => a.populationKind === 'pe').map((a) => a.code));
      const rows = result.map((o): VerdictRow => ({
        area: o.area, areaName: areaName(o.area), substance: o.substance, substanceName: catalog.find((s) => s.key === o.substance)?.name ?? o.substance,
        verdict: o.verdict, ratio: o.ratio, ci95: o.ci95, q: o.q, detectableRatio: o.detectableRatio,
        baselineMean: o.baseline.mean, currentMean: o.current.mean, nBaseline: o.baseline.n, nCurrent: o.current.n,
        unit: peAreas.has(o.area) ? perPopulationKind(unit, 'pe') : unit, pe: metric !== 'concentration' && peAreas.has(o.area),
        scope: o.scope, seasonDiffers: o.seasonDiffers,
        baselineBelowLoq: o.baseline.belowLoq, baselineUpperBound: o.baseline.upperBound, currentBelowLoq: o.current.belowLoq, currentUpperBound: o.current.upperBound,
      }));
      props.rows = sortVerdicts(rows, catalog.map((s) => s.key));
      props.dumping = result.filter((o) => o.dumpingDays?.length).map((o) => ({ areaName: areaName(o.area), dates: o.dumpingDays! }));
    }
    if (c.req.query('present') === '1') {
      // The meeting room: the heatmap, then each substance's trend for the largest top-level area.
      const slides: Slide[] = props.chartUrl ? [{ url: props.chartUrl, fileName: 'lagesbild' }] : [];
      if (props.map.kind === 'shown') slides.push({ url: props.map.url, fileName: 'karta' });
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
