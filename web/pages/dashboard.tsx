import type { FC } from 'hono/jsx';
import { formatNumber, PAGE_NUMBER, t } from '../../server/i18n/index.ts';
import { EmptyState, Notice } from './components.tsx';
import { ChartFigure, WithheldNotice } from './dashboard-parts.tsx';
import { Verdicts, type VerdictRow } from './dashboard-verdicts.tsx';
import { canAct, Layout, type PageContext } from './layout.tsx';
import { CampaignTimeline, DeliveryBadge, type TimelineCampaign } from './campaign-timeline.tsx';
import { SetupChecklist } from './checklist.tsx';
import { PresentLink } from './present.tsx';
import type { Checklist } from '../../server/usecases/checklist.ts';

export interface MeasurementSummary {
  count: number;
  areas: number;
  substances: number;
  from: string | null;
  to: string | null;
}

export interface PeriodChoice {
  id: number;
  name: string;
  from: string;
  to: string;
  baseline: boolean;
}

export interface DashboardProps {
  page: PageContext;
  summary: MeasurementSummary;
  periods: PeriodChoice[];
  baselineId: number | null;
  comparisonId: number | null;
  /** Why there is no comparison to show, if there is none. */
  problem: 'noPeriods' | 'needComparison' | 'samePeriod' | null;
  /** normalized_load, or concentration when there is no daily flow at all. */
  metric: 'normalized_load' | 'concentration';
  chartUrl: string | null;
  /** The heatmap shows only some areas when there are very many. */
  heatmapCapped: { shown: number; total: number } | null;
  rows: VerdictRow[];
  dumping: { areaName: string; dates: string[] }[];
  withheld: number;
  minPopulation: number;
  /** Campaigns for the timeline and the campaign selects; byCampaign when they decide the comparison. */
  campaigns: TimelineCampaign[];
  byCampaign: boolean;
  baselineCampaignId: number | null;
  comparisonCampaignId: number | null;
  /** The first-hour checklist for those who can act on it, until every step is done. */
  checklist: Checklist | null;
}

const CampaignSelect: FC<{ page: PageContext; id: string; name: string; label: string; campaigns: TimelineCampaign[]; value: number | null }> = ({ page, id, name, label, campaigns, value }) => (
  <div class="field">
    <label for={id}>{label}</label>
    <select id={id} name={name}>
      {campaigns.map((c) => (
        <option value={String(c.id)} selected={c.id === value}>
          {c.name === `${c.from} – ${c.to}` ? c.name : `${c.name} (${c.from} – ${c.to})`}{c.baseline ? ` · ${t(page.lang, c.baselineChosen ? 'campaigns.baseline' : 'campaigns.baselineDefault')}` : ''}
        </option>
      ))}
    </select>
  </div>
);

/** The campaign comparison's choices: baseline campaign and the one compared with it. */
const CampaignForm: FC<{ page: PageContext; p: DashboardProps }> = ({ page, p }) => {
  const { lang } = page;
  const shown = p.campaigns.filter((c) => c.status === 'detected' || c.delivery.delivered > 0);
  const comparison = p.campaigns.find((c) => c.id === p.comparisonCampaignId);
  return (
    <form method="get" action="/" class="settings card" id="campaign-form" data-autosubmit>
      <h2 class="card-title">{t(lang, 'campaigns.compare')}</h2>
      <p class="help">{t(lang, 'campaigns.compareIntro')}</p>
      <div class="settings-grid">
        <CampaignSelect page={page} id="baseline-campaign" name="baselineCampaign" label={t(lang, 'campaigns.baselineCampaign')} campaigns={shown} value={p.baselineCampaignId} />
        <CampaignSelect page={page} id="comparison-campaign" name="campaign" label={t(lang, 'campaigns.comparisonCampaign')} campaigns={shown} value={p.comparisonCampaignId} />
        <div class="field settings-submit"><button type="submit">{t(lang, 'common.show')}</button></div>
      </div>
      {comparison && <p class="small" id="comparison-delivery"><DeliveryBadge lang={lang} c={comparison} /></p>}
    </form>
  );
};

const PeriodSelect: FC<{ page: PageContext; id: string; label: string; periods: PeriodChoice[]; value: number | null }> = ({ page, id, label, periods, value }) => (
  <div class="field">
    <label for={id}>{label}</label>
    <select id={id} name={id}>
      {periods.map((p) => (
        <option value={String(p.id)} selected={p.id === value}>
          {t(page.lang, 'dash.periodOption', { name: p.name, from: p.from, to: p.to })}{p.baseline && !p.name.toLowerCase().includes(t(page.lang, 'periods.baseline').toLowerCase()) ? t(page.lang, 'dash.baselineMark') : ''}
        </option>
      ))}
    </select>
  </div>
);

const NoPeriods: FC<{ page: PageContext }> = ({ page }) => (
  <EmptyState title={t(page.lang, 'dash.noPeriodsTitle')}>
    {canAct(page, 'coordinator') ? (
      <>
        <p><a class="button primary" href="/periods">{t(page.lang, 'dash.noPeriodsLink')}</a></p>
        <p class="help">{t(page.lang, 'dash.noPeriodsHint')}</p>
      </>
    ) : <p>{t(page.lang, 'dash.noPeriodsViewer')}</p>}
  </EmptyState>
);

/** Lägesbild: the change since the baseline, as a heatmap and in words. */
export const DashboardPage: FC<DashboardProps> = (p) => {
  const { page } = p;
  const { lang } = page;
  const n = (x: number) => formatNumber(x, lang, PAGE_NUMBER);
  if (p.summary.count === 0) {
    return (
      <Layout page={page} id="dashboard" title={t(lang, 'home.title')}>
        <EmptyState title={t(lang, 'home.emptyTitle')}>
          {canAct(page, 'coordinator') ? <p class="help">{t(lang, 'home.emptyCoordinatorHint')}</p> : <p>{t(lang, 'home.emptyViewer')}</p>}
        </EmptyState>
        {p.checklist && !p.checklist.allDone && <SetupChecklist lang={lang} checklist={p.checklist} />}
        <WithheldNotice lang={lang} withheld={p.withheld} minPopulation={p.minPopulation} />
      </Layout>
    );
  }
  return (
    <Layout page={page} id="dashboard" title={t(lang, 'home.title')}>
      <p class="lead" id="summary">
        {t(lang, 'home.summary', { count: n(p.summary.count), areas: n(p.summary.areas), substances: n(p.summary.substances), from: p.summary.from ?? '', to: p.summary.to ?? '' })}
      </p>
      <WithheldNotice lang={lang} withheld={p.withheld} minPopulation={p.minPopulation} />
      {p.checklist && !p.checklist.allDone && <SetupChecklist lang={lang} checklist={p.checklist} />}
      {p.problem === 'noPeriods' ? <NoPeriods page={page} /> : (
        <>
          {p.campaigns.some((c) => c.status === 'detected' || c.delivery.delivered > 0) && <CampaignForm page={page} p={p} />}
          {(!p.byCampaign || p.periods.length > 0) && <form method="get" action="/" class="settings card" id="period-form" data-autosubmit>
            <h2 class="card-title">{t(lang, 'dash.choose')}</h2>
            {p.byCampaign && <p class="help">{t(lang, 'campaigns.orPeriods')}</p>}
            <p class="help">{t(lang, 'dash.intro')}</p>
            <div class="settings-grid">
              <PeriodSelect page={page} id="baseline" label={t(lang, 'dash.baseline')} periods={p.periods} value={p.baselineId} />
              <PeriodSelect page={page} id="comparison" label={t(lang, 'dash.comparison')} periods={p.periods} value={p.comparisonId} />
              <div class="field settings-submit"><button type="submit">{t(lang, 'common.show')}</button></div>
            </div>
          </form>}
          {p.problem === 'needComparison' && (
            <Notice>
              {t(lang, 'dash.needComparison')}{' '}
              {canAct(page, 'coordinator') && <a href="/periods">{t(lang, 'dash.needComparisonLink')}</a>}
            </Notice>
          )}
          {p.problem === 'samePeriod' && <Notice kind="error">{t(lang, 'dash.samePeriod')}</Notice>}
          {p.chartUrl && p.metric === 'concentration' && <p class="message message-warning no-flow" role="note">{t(lang, 'dash.noFlow')}</p>}
          {p.dumping.map((d) => (
            <p class="message message-warning dumping" role="note">
              {t(lang, 'dash.dumping', { area: d.areaName, dates: d.dates.join(', ') })}
            </p>
          ))}
          {p.chartUrl && (
            <section aria-labelledby="heatmap-title">
              <div class="section-head">
                <h2 id="heatmap-title">{t(lang, 'dash.heatmapTitle')}</h2>
                <PresentLink page={page} />
              </div>
              <p class="help">{t(lang, 'dash.heatmapHelp')}</p>
              {p.heatmapCapped && <Notice>{t(lang, 'dash.heatmapCapped', { shown: n(p.heatmapCapped.shown), total: n(p.heatmapCapped.total) })}</Notice>}
              <ChartFigure lang={lang} url={p.chartUrl} fileName="lagesbild" id="overview-chart" wide />
            </section>
          )}
          {p.chartUrl && p.rows.length > 0 && (
            <section aria-labelledby="verdicts-title">
              <h2 id="verdicts-title">{t(lang, 'dash.verdictsTitle')}</h2>
              <Verdicts lang={lang} rows={p.rows} metric={p.metric} />
            </section>
          )}
        </>
      )}
      <CampaignTimeline lang={lang} campaigns={p.campaigns} />
      <p class="more-links">
        <a href="/campaigns">{t(lang, 'campaigns.link')}</a>
        <a href="/periods">{t(lang, 'dash.periodsLink')}</a>
        <a href="/events">{t(lang, 'dash.eventsLink')}</a>
      </p>
    </Layout>
  );
};
