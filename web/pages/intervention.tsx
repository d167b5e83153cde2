import type { FC } from 'hono/jsx';
import { formatNumber, t, type MessageKey, PAGE_NUMBER } from '../../server/i18n/index.ts';
import { ChartFigure } from './dashboard-parts.tsx';
import { Layout, type PageContext } from './layout.tsx';

/** What the page shows of GET /api/v1/stats/intervention. */
export interface InterventionFigures {
  before: { n: number };
  after: { n: number };
  unit: 'days' | 'campaigns';
  ratio: number | null;
  ci95: [number, number] | null;
  welch: { p: number } | null;
  verdict: string;
  referenceTrend?: { ratio: number; fromYear: number; toYear: number; cities: { city: string; from: number; to: number }[] } | null;
  referenceTrendReason?: string | null;
}

export interface InterventionRow {
  substance: string;
  substanceName: string;
  result: InterventionFigures;
  chartUrl: string;
}

export interface InterventionPageProps {
  page: PageContext;
  event: { id: number; title: string; from: string; to: string | null; description: string };
  treated: { code: string; name: string } | null;
  control: { code: string; name: string } | null;
  /** When the event treats none or several areas: the areas to choose from. */
  choices: { code: string; name: string }[];
  rows: InterventionRow[];
}

/** /events/:id — per substance the effect ratio, its interval and verdict words; treated and control on one chart. */
export const InterventionPage: FC<InterventionPageProps> = ({ page, event, treated, control, choices, rows }) => {
  const { lang } = page;
  const num = (x: number | null | undefined) => formatNumber(x, lang, PAGE_NUMBER);
  return (
    <Layout page={page} id="intervention" title={t(lang, 'intervention.title', { title: event.title })}>
      <p class="lead">{t(lang, 'intervention.intro')}</p>
      <dl class="facts">
        <dt>{t(lang, 'intervention.when')}</dt><dd>{event.to ? `${event.from} – ${event.to}` : event.from}</dd>
        <dt>{t(lang, 'intervention.treated')}</dt><dd>{treated?.name ?? '—'}</dd>
        <dt>{t(lang, 'intervention.control')}</dt><dd>{control?.name ?? t(lang, 'intervention.none')}</dd>
      </dl>
      {event.description && <p>{event.description}</p>}
      {!treated && (
        <section class="card">
          <p>{t(lang, 'intervention.needArea')}</p>
          <ul>{choices.map((a) => <li><a href={`/events/${event.id}?area=${encodeURIComponent(a.code)}`}>{a.name}</a></li>)}</ul>
        </section>
      )}
      {treated && (
        <p class={control ? 'note' : 'note caveat'} id="intervention-caveat">
          {control ? t(lang, 'intervention.withControl', { control: control.name }) : t(lang, 'intervention.noControl')}
        </p>
      )}
      {rows.length > 0 && (
        <div class="table-wrap">
          <table class="data" id="intervention-table">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'intervention.substance')}</th>
                <th scope="col">{t(lang, 'intervention.ratio')}</th>
                <th scope="col">{t(lang, 'intervention.ci')}</th>
                <th scope="col">{t(lang, 'intervention.verdict')}</th>
                <th scope="col">{t(lang, 'intervention.units')}</th>
                <th scope="col">{t(lang, 'intervention.p')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ substance, substanceName, result: r }) => (
                <tr data-substance={substance} data-verdict={r.verdict}>
                  <th scope="row">{substanceName}{substance === 'tramadol' && <span class="sub">{t(lang, 'intervention.tramadol')}</span>}</th>
                  <td class="num">{num(r.ratio)}</td>
                  <td class="num nowrap">{r.ci95 ? `${num(r.ci95[0])} – ${num(r.ci95[1])}` : '—'}</td>
                  <td>{t(lang, `intervention.v.${r.verdict}` as MessageKey)}</td>
                  <td>{t(lang, r.unit === 'campaigns' ? 'intervention.unitCampaigns' : 'intervention.unitDays', { before: r.before.n, after: r.after.n })}</td>
                  <td class="num">{r.welch ? formatNumber(r.welch.p, lang, { maxDecimals: 3 }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.map(({ substance, substanceName, result: r, chartUrl }) => (
        <section class="card" id={`intervention-${substance}`}>
          <h2>{treated && t(lang, 'intervention.chart', { treated: treated.name, control: control?.name ?? '—', substance: substanceName })}</h2>
          <ChartFigure lang={lang} url={chartUrl} fileName={`uppfoljning-${event.id}-${substance}`} id={`chart-${substance}`} wide />
          {!control && (r.referenceTrend
            ? <p class="help">{t(lang, 'intervention.reference', { substance: substanceName, ratio: num(r.referenceTrend.ratio), from: r.referenceTrend.fromYear, to: r.referenceTrend.toYear, cities: r.referenceTrend.cities.map((c) => `${c.city} ${num(c.from)} → ${num(c.to)}`).join(', ') })}</p>
            : <p class="help">{t(lang, 'intervention.referenceMissing', { reason: t(lang, `intervention.reason.${r.referenceTrendReason ?? 'no_reference_data'}` as MessageKey) })}</p>)}
        </section>
      ))}
    </Layout>
  );
};
