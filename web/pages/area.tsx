import type { FC } from 'hono/jsx';
import { formatNumber, PAGE_NUMBER, t } from '../../server/i18n/index.ts';
import { Notice } from './components.tsx';
import { CampaignTimeline, type TimelineCampaign } from './campaign-timeline.tsx';
import { ChartFigure, SeriesSettings, WithheldNotice, slug, type CensoredChoice, type MetricChoice } from './dashboard-parts.tsx';
import { canAct, Layout, type PageContext } from './layout.tsx';
import { PresentLink } from './present.tsx';

export interface AreaPageProps {
  page: PageContext;
  area: { code: string; name: string; population: number | null; populationKind?: 'persons' | 'pe' };
  parent: { code: string; name: string } | null;
  children: { code: string; name: string }[];
  rollup: boolean;
  metric: MetricChoice;
  censored: CensoredChoice;
  /** One small multiple per substance with values for the metric. */
  charts: { key: string; name: string; url: string }[];
  /** Substances with data but without values for this metric (no correction factor / dose). */
  withoutFactor: string[];
  weekday: { key: string; url: string; options: { value: string; label: string }[] } | null;
  flow: { missingDays: number; totalDays: number };
  measurementsUrl: string;
  withheld: number;
  minPopulation: number;
  /** The campaigns that sampled (or will sample) this area. */
  campaigns?: TimelineCampaign[];
}

/** One sampling area: a chart per substance on its own scale, the weekday profile, every measurement. */
export const AreaPage: FC<AreaPageProps> = (p) => {
  const { page, area } = p;
  const { lang } = page;
  const csvUrl = `${p.measurementsUrl}&format=csv&limit=100000`;
  return (
    <Layout page={page} id="area" title={area.name}>
      <p class="lead area-facts">
        {t(lang, area.populationKind === 'pe' ? 'area.factsPe' : 'area.facts', { code: area.code, population: formatNumber(area.population, lang, PAGE_NUMBER) })}
        {p.parent && <>{` · ${t(lang, 'area.partOf')} `}<a href={`/areas/${encodeURIComponent(p.parent.code)}`}>{p.parent.name}</a></>}
      </p>
      {p.children.length > 0 && (
        <p class="area-children">
          {t(lang, 'area.children')}
          {p.children.map((ch, i) => <>{i > 0 && ', '}<a href={`/areas/${encodeURIComponent(ch.code)}`}>{ch.name}</a></>)}
        </p>
      )}
      {area.populationKind === 'pe' && (p.metric === 'normalized_load' || p.metric === 'consumption' || p.metric === 'doses') && <p class="help unit-pe">{t(lang, 'area.unitPe')}</p>}
      {p.rollup && <Notice>{t(lang, 'area.rollup')}</Notice>}
      <WithheldNotice lang={lang} withheld={p.withheld} minPopulation={p.minPopulation} />
      <CampaignTimeline lang={lang} campaigns={p.campaigns ?? []} />
      {p.flow.missingDays > 0 && (
        <p class="message message-warning no-flow" role="note">
          {p.flow.missingDays === p.flow.totalDays
            ? t(lang, 'area.noFlowAll')
            : t(lang, 'area.noFlowSome', { count: formatNumber(p.flow.missingDays, lang, PAGE_NUMBER), total: formatNumber(p.flow.totalDays, lang, PAGE_NUMBER) })}
          {canAct(page, 'coordinator') && <> <a href="/upload?kind=flow">{t(lang, 'area.noFlowUpload')}</a></>}
        </p>
      )}
      <SeriesSettings page={page} metric={p.metric} censored={p.censored} pe={area.populationKind === 'pe'}
        extra={p.weekday ? { name: 'weekday', label: t(lang, 'area.weekdaySubstance'), value: p.weekday.key, options: p.weekday.options } : undefined} />
      {p.withoutFactor.length > 0 && <Notice>{t(lang, 'metric.noFactor', { names: p.withoutFactor.join(', ') })}</Notice>}
      {p.charts.length === 0 ? <p class="empty-title">{t(lang, 'area.noData')}</p> : (
        <>
          <section aria-labelledby="trends-title">
            <div class="section-head">
              <h2 id="trends-title">{t(lang, 'area.trendsTitle')}</h2>
              <PresentLink page={page} />
            </div>
            <p class="help">{t(lang, 'area.trendsHelp')}</p>
            <div class="small-multiples">
              {p.charts.map((ch) => (
                <div class="multiple" data-substance={ch.key}>
                  <ChartFigure lang={lang} url={ch.url} fileName={slug(ch.name, area.code)} id={`chart-${ch.key}`} />
                  <p class="small"><a href={`/substances/${encodeURIComponent(ch.key)}/overview`}>{`${ch.name}: ${t(lang, 'area.substanceLink')}`}</a></p>
                </div>
              ))}
            </div>
          </section>
          {p.weekday && (
            <section aria-labelledby="weekday-title">
              <h2 id="weekday-title">{t(lang, 'area.weekdayTitle')}</h2>
              <ChartFigure lang={lang} url={p.weekday.url} fileName={slug('veckodag', p.weekday.key, area.code)} id="chart-weekday" />
            </section>
          )}
        </>
      )}
      <section aria-labelledby="measurements-title">
        <h2 id="measurements-title">{t(lang, 'area.measurementsTitle')}</h2>
        <p><a class="button" href={csvUrl} download={`${slug('matvarden', area.code)}.csv`}>{t(lang, 'area.measurementsCsv')}</a></p>
        <details id="measurements" data-measurements-url={p.measurementsUrl}>
          <summary>{t(lang, 'area.measurementsShow')}</summary>
          <p class="muted measurements-status">{t(lang, 'area.measurementsLoading')}</p>
        </details>
      </section>
    </Layout>
  );
};
