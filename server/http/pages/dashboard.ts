import type { Hono } from 'hono';
import { DashboardPage, type DashboardProps } from '../../../web/pages/dashboard.tsx';
import type { VerdictRow } from '../../../web/pages/dashboard-verdicts.tsx';
import { sortVerdicts } from '../../../web/pages/dashboard-verdicts.tsx';
import { chartQuery } from '../../../web/pages/dashboard-parts.tsx';
import { metricInfo } from '../../charts-data.ts';
import { scopedAreas } from '../../scope.ts';
import { overview } from '../../statistics.ts';
import { listPeriods, type PeriodOut } from '../api/periods.ts';
import { requireRole } from '../middleware/auth.ts';
import type { AppEnv } from '../types.ts';
import { measurementSummary, substanceCatalog, withheldInfo } from './dashboard-data.ts';
import { pageRoutes, renderPage, requestLang } from './render.ts';

/** The default comparison: the baseline-flagged period against the latest other one (GET ?baseline=&comparison= to choose). */
export function choosePeriods(periods: PeriodOut[], askedBaseline?: string, askedComparison?: string): { baseline: PeriodOut | null; comparison: PeriodOut | null } {
  const byId = (v?: string) => periods.find((p) => String(p.id) === v);
  const baseline = byId(askedBaseline) ?? periods.find((p) => p.baseline) ?? periods[0] ?? null;
  const comparison = byId(askedComparison) ?? [...periods].reverse().find((p) => p.id !== baseline?.id) ?? null;
  return { baseline, comparison };
}

/** Lägesbild, the start page: baseline vs comparison period for every area and substance. */
export function dashboardPages(): Hono<AppEnv> {
  const r = pageRoutes();
  r.get('/', requireRole('viewer'), async (c) => {
    const ctx = c.get('ctx');
    const caller = c.get('caller')!;
    const lang = requestLang(c);
    const areas = await scopedAreas(ctx, caller);
    const summary = await measurementSummary(ctx, areas);
    const periods = await listPeriods(ctx, caller);
    const { baseline, comparison } = choosePeriods(periods, c.req.query('baseline'), c.req.query('comparison'));
    const props: Omit<DashboardProps, 'page'> = {
      summary, periods, baselineId: baseline?.id ?? null, comparisonId: comparison?.id ?? null, problem: null, chartUrl: null, rows: [], dumping: [],
      ...(await withheldInfo(ctx, caller)),
    };
    if (!baseline) props.problem = 'noPeriods';
    else if (!comparison) props.problem = 'needComparison';
    else if (comparison.id === baseline.id) props.problem = 'samePeriod';
    else if (summary.count > 0) {
      props.chartUrl = `/api/v1/charts/overview?${chartQuery({ baselinePeriod: baseline.id, period: comparison.id, lang })}`;
      const result = await overview(ctx, caller, baseline, comparison, { metric: 'normalized_load', censored: 'half_loq' });
      const catalog = await substanceCatalog(ctx, lang);
      const areaName = (code: string) => areas.find((a) => a.code === code)?.name ?? code;
      const unit = metricInfo('normalized_load', lang).unit;
      const rows = result.map((o): VerdictRow => ({
        area: o.area, areaName: areaName(o.area), substance: o.substance, substanceName: catalog.find((s) => s.key === o.substance)?.name ?? o.substance,
        verdict: o.verdict, ratio: o.ratio, ci95: o.ci95, q: o.q, detectableRatio: o.detectableRatio,
        baselineMean: o.baseline.mean, currentMean: o.current.mean, nBaseline: o.baseline.n, nCurrent: o.current.n, unit,
      }));
      props.rows = sortVerdicts(rows, catalog.map((s) => s.key));
      props.dumping = result.filter((o) => o.dumpingDays?.length).map((o) => ({ areaName: areaName(o.area), dates: o.dumpingDays! }));
    }
    return renderPage(c, DashboardPage, props);
  });
  return r;
}
