import type { FC } from 'hono/jsx';
import { formatNumber, PAGE_NUMBER, t } from '../../server/i18n/index.ts';
import { perPopulationKind } from '../../server/i18n/charts.ts';
import { Notice } from './components.tsx';
import { ChartFigure, SeriesSettings, WithheldNotice, slug, type CensoredChoice, type MetricChoice } from './dashboard-parts.tsx';
import { Layout, type PageContext } from './layout.tsx';

export interface SubstanceAreaRow {
  code: string;
  name: string;
  /** null = own measurements; else the sub-areas it is combined from. */
  rolledUpFrom: string[] | null;
  days: number;
  mean: number | null;
  inChart: boolean;
  /** The area's population is person equivalents: its mean is per 1000 pe (marked on the row when the table mixes kinds). */
  pe?: boolean;
}

export interface SubstanceOverviewProps {
  page: PageContext;
  substance: { key: string; name: string };
  metric: MetricChoice;
  censored: CensoredChoice;
  unit: string;
  /** No area has a daily flow: only the concentration can be shown. */
  noFlow: boolean;
  chartUrl: string | null;
  /** How many areas the chart leaves out (shown in the table only). */
  capped: number;
  rows: SubstanceAreaRow[];
  referenceUrl: string | null;
  withheld: number;
  minPopulation: number;
}

/** One substance in every area on a shared y-axis, plus the EUDA comparison. */
export const SubstanceOverviewPage: FC<SubstanceOverviewProps> = (p) => {
  const { page, substance } = p;
  const { lang } = page;
  const perPeople = p.metric !== 'concentration' && p.metric !== 'load';
  const allPe = perPeople && p.rows.length > 0 && p.rows.every((r) => r.pe);
  const mixedPe = perPeople && !allPe && p.rows.some((r) => r.pe);
  return (
    <Layout page={page} id="substance" title={t(lang, 'subst.title', { name: substance.name })}>
      <p class="lead">{t(lang, 'subst.intro')}</p>
      <WithheldNotice lang={lang} withheld={p.withheld} minPopulation={p.minPopulation} />
      {p.noFlow && <p class="message message-warning no-flow" role="note">{t(lang, 'area.noFlowAll')}</p>}
      <SeriesSettings page={page} metric={p.metric} censored={p.censored} />
      {!p.chartUrl ? <p class="empty-title">{t(lang, 'subst.noData')}</p> : (
        <>
          <ChartFigure lang={lang} url={p.chartUrl} fileName={slug(substance.name, 'alla-omraden')} id="chart-substance" wide />
          {p.capped > 0 && <Notice>{t(lang, 'subst.capped', { count: formatNumber(p.rows.filter((r) => r.inChart).length, lang, PAGE_NUMBER) })}</Notice>}
          <h2>{t(lang, 'subst.areasTitle')}</h2>
          <div class="table-wrap">
            <table class="data" id="substance-areas">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'subst.colArea')}</th>
                  <th scope="col">{t(lang, 'subst.colSource')}</th>
                  <th scope="col" class="num">{t(lang, 'subst.colDays')}</th>
                  <th scope="col" class="num">{`${t(lang, 'subst.colMean')} (${allPe ? perPopulationKind(p.unit, 'pe') : p.unit})`}</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => (
                  <tr data-area={r.code} data-source={r.rolledUpFrom ? 'rollup' : 'own'}>
                    <td><a href={`/areas/${encodeURIComponent(r.code)}`}>{r.name}</a></td>
                    <td>{r.rolledUpFrom ? t(lang, 'subst.rollup', { children: r.rolledUpFrom.join(', ') }) : t(lang, 'subst.own')}</td>
                    <td class="num">{formatNumber(r.days, lang, PAGE_NUMBER)}</td>
                    <td class="num">{formatNumber(r.mean, lang, PAGE_NUMBER)}{mixedPe && r.pe && <span class="small muted">{` ${perPopulationKind(p.unit, 'pe')}`}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {mixedPe && <p class="help pe-note">{t(lang, 'subst.peNote')}</p>}
        </>
      )}
      {p.referenceUrl && (
        <section aria-labelledby="reference-title">
          <h2 id="reference-title">{t(lang, 'subst.referenceTitle')}</h2>
          <ChartFigure lang={lang} url={p.referenceUrl} fileName={slug(substance.name, 'euda')} id="chart-reference" />
          <p class="attribution">{t(lang, 'subst.referenceSource')}</p>
        </section>
      )}
      <p><a href="/substances">{t(lang, 'subst.back')}</a></p>
    </Layout>
  );
};
