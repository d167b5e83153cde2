import type { FC } from 'hono/jsx';
import { countyWords, formatNumber, PAGE_NUMBER, t, type MessageKey } from '../../server/i18n/index.ts';
import type { ChartSpec } from '../../server/charts/types.ts';
import { EmptyState, JsonData } from './components.tsx';
import { chartQuery, METRIC_CHOICES, slug, type MetricChoice } from './dashboard-parts.tsx';
import { canAct, Layout, type PageContext } from './layout.tsx';

export interface CountyRoundRow {
  round: string;
  /** One cell per area of `areas`, in that order: null = did not sample; value null = no value. */
  cells: ({ campaigns: number; value: number | null } | null)[];
  countyValue: number | null;
  coverage: number;
}

export interface CountyPageProps {
  page: PageContext;
  counties: string[];
  county: string | null;
  substances: { key: string; name: string }[];
  substance: { key: string; name: string } | null;
  metric: MetricChoice;
  unit: string;
  areas: { code: string; name: string; population: number }[];
  rounds: CountyRoundRow[];
  spec: ChartSpec | null;
}

/**
 * /county: a county's municipalities compared round by round (DOMAIN.md "County-wide"), the
 * population-weighted county value and its coverage; the chart is drawn from an inline spec.
 */
export const CountyPage: FC<CountyPageProps> = (p) => {
  const { page } = p;
  const { lang } = page;
  const w = countyWords(lang);
  const n = (v: number | null) => formatNumber(v, lang, PAGE_NUMBER);
  const pct = (v: number) => `${formatNumber(v * 100, lang, { maxDecimals: 0 })} %`;
  return (
    <Layout page={page} id="county" title={w.title}>
      <p class="lead">{w.intro}</p>
      {!p.county ? <EmptyState title={w.noCounty} /> : (
        <>
          <form method="get" class="settings card" id="county-settings">
            <div class="settings-grid">
              <div class="field">
                <label for="county">{w.county}</label>
                <select id="county" name="county">{p.counties.map((c) => <option value={c} selected={c === p.county}>{c}</option>)}</select>
              </div>
              <div class="field">
                <label for="substance">{w.substance}</label>
                <select id="substance" name="substance">{p.substances.map((s) => <option value={s.key} selected={s.key === p.substance?.key}>{s.name}</option>)}</select>
              </div>
              <div class="field">
                <label for="metric">{w.metric}</label>
                <select id="metric" name="metric">{METRIC_CHOICES.map((m) => <option value={m} selected={m === p.metric}>{t(lang, `metric.${m}` as MessageKey)}</option>)}</select>
              </div>
              <div class="field settings-submit"><button type="submit">{w.show}</button></div>
            </div>
          </form>
          {!p.spec || !p.substance ? <EmptyState title={w.noRounds} /> : (
            <>
              <JsonData id="county-chart-spec" data={p.spec} />
              <figure class="chart chart-wide" id="chart-county" data-chart-spec="county-chart-spec" data-file-name={slug(p.substance.name, p.county)}>
                <p class="chart-status muted">{t(lang, 'chart.loading')}</p>
              </figure>
              <h2>{w.roundsHeading}</h2>
              <p class="help">{w.coverageNote}</p>
              <div class="table-wrap">
                <table class="data" id="county-rounds">
                  <thead>
                    <tr>
                      <th scope="col">{w.round}</th>
                      {p.areas.map((a) => <th scope="col" class="num">{a.name}</th>)}
                      <th scope="col" class="num">{`${w.countyValue} (${p.unit})`}</th>
                      <th scope="col" class="num">{w.coverage}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.rounds.map((r) => (
                      <tr data-round={r.round}>
                        <th scope="row">{r.round}</th>
                        {r.cells.map((c) => <td class="num">{c === null ? <span class="muted">{w.notSampled}</span> : c.value === null ? <span class="muted">{w.noValue}</span> : n(c.value)}</td>)}
                        <td class="num county-value">{n(r.countyValue)}</td>
                        <td class="num coverage">{pct(r.coverage)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <h2>{w.areasHeading}</h2>
              <table class="data compact" id="county-areas">
                <thead><tr><th scope="col">{w.area}</th><th scope="col" class="num">{w.population}</th></tr></thead>
                <tbody>{p.areas.map((a) => <tr><td>{`${a.name} (${a.code})`}</td><td class="num">{n(a.population)}</td></tr>)}</tbody>
              </table>
              {canAct(page, 'coordinator') && (
                <p class="county-report">
                  <strong>{w.report}</strong>{': '}
                  {(['pdf', 'html', 'csv', 'csv-excel'] as const).map((f, i) => (
                    <>{i > 0 && ' · '}<a href={`/api/v1/reports/county?${chartQuery({ county: p.county!, substances: p.substance!.key, metric: p.metric, lang, format: f })}`}>{f.toUpperCase()}</a></>
                  ))}
                  <span class="help">{` ${w.reportHelp}`}</span>
                </p>
              )}
            </>
          )}
        </>
      )}
    </Layout>
  );
};
