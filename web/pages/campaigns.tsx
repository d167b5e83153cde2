import type { FC } from 'hono/jsx';
import { formatNumber, t, type MessageKey } from '../../server/i18n/index.ts';
import { CampaignTimeline, DeliveryBadge, type TimelineCampaign } from './campaign-timeline.tsx';
import { EmptyState, Field, Notice } from './components.tsx';
import { canAct, Layout, type PageContext } from './layout.tsx';

export interface CampaignRow extends TimelineCampaign {
  areas: string[];
  substances: string[];
  design: { days: number; composite: 'flow_24h' | 'payday_weekday' };
  lab: string;
  notes: string;
  delivery: { expected: number; delivered: number; missingDays: string[]; missingFlows: string[] };
}

export interface AdvisorRow {
  area: string;
  areaName: string;
  substance: string;
  substanceName: string;
  source: 'own' | 'pooled' | 'literature';
  nCampaigns: number;
  detectableRatio: number;
  trendRatioPerYear: number | null;
  byDays: { days: number; detectableRatio: number }[];
}

export interface CampaignsProps {
  page: PageContext;
  campaigns: CampaignRow[];
  areas: { code: string; name: string }[];
  substances: { key: string; name: string }[];
  advisor: AdvisorRow[];
  advisorDays: number;
  /** Advisor rows left out (many areas): the table shows the first ones. */
  advisorCapped: boolean;
}

const PlanForm: FC<{ page: PageContext; areas: CampaignsProps['areas']; substances: CampaignsProps['substances'] }> = ({ page, areas, substances }) => {
  const { lang } = page;
  return (
    <form data-form="campaign" class="edit-form" id="campaign-plan">
      <div class="form-grid">
        <Field id="c-name" label={t(lang, 'campaigns.name')}><input id="c-name" name="name" maxlength={200} /></Field>
        <Field id="c-from" label={t(lang, 'campaigns.from')}><input id="c-from" name="from" type="date" required /></Field>
        <Field id="c-to" label={t(lang, 'campaigns.to')}><input id="c-to" name="to" type="date" required /></Field>
        <Field id="c-composite" label={t(lang, 'campaigns.composite')}>
          <select id="c-composite" name="composite">
            <option value="flow_24h" selected>{t(lang, 'campaigns.composite.flow_24h')}</option>
            <option value="payday_weekday">{t(lang, 'campaigns.composite.payday_weekday')}</option>
          </select>
        </Field>
        <Field id="c-lab" label={t(lang, 'campaigns.lab')}><input id="c-lab" name="lab" maxlength={500} /></Field>
        <Field id="c-notes" label={t(lang, 'campaigns.notes')}><textarea id="c-notes" name="notes" rows={2} maxlength={5000}></textarea></Field>
      </div>
      <fieldset class="checkboxes">
        <legend>{t(lang, 'campaigns.areas')}</legend>
        {areas.map((a) => <label class="checkbox"><input type="checkbox" name="areas" value={a.code} /> {`${a.name} (${a.code})`}</label>)}
      </fieldset>
      <fieldset class="checkboxes">
        <legend>{t(lang, 'campaigns.substances')}</legend>
        {substances.map((s) => <label class="checkbox"><input type="checkbox" name="substances" value={s.key} /> {s.name}</label>)}
      </fieldset>
      <p class="message" hidden></p>
      <div class="actions"><button type="submit" class="primary">{t(lang, 'campaigns.create')}</button></div>
    </form>
  );
};

const Advisor: FC<{ page: PageContext; rows: AdvisorRow[]; days: number; capped: boolean }> = ({ page, rows, days, capped }) => {
  const { lang } = page;
  const x = (v: number | null) => (v == null ? '—' : `× ${formatNumber(v, lang, { decimals: 2 })}`);
  return (
    <section aria-labelledby="advisor-title" id="advisor">
      <h2 id="advisor-title">{t(lang, 'campaigns.advisor')}</h2>
      <p class="help">{t(lang, 'campaigns.advisorIntro', { days })}</p>
      <p class="message message-warning advisor-warning" role="note" id="advisor-warning">{t(lang, 'campaigns.advisorWarning')}</p>
      <form method="get" action="/campaigns" class="settings" data-autosubmit>
        <Field id="advisor-days" label={t(lang, 'campaigns.advisorDays')}>
          <select id="advisor-days" name="days">
            {[1, 3, 5, 7, 10, 14, 28].map((d) => <option value={String(d)} selected={d === days}>{String(d)}</option>)}
          </select>
        </Field>
        <button type="submit">{t(lang, 'common.show')}</button>
      </form>
      <div class="table-wrap">
        <table class="data" id="advisor-table">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'campaigns.areas')}</th>
              <th scope="col">{t(lang, 'campaigns.substances')}</th>
              <th scope="col">{t(lang, 'campaigns.advisorDetectable')}</th>
              <th scope="col">{t(lang, 'campaigns.advisorByDays')}</th>
              <th scope="col">{t(lang, 'campaigns.advisorTrend')}</th>
              <th scope="col">{t(lang, 'campaigns.advisorSource')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-area={r.area} data-substance={r.substance}>
                <td>{r.areaName}</td>
                <td>{r.substanceName}</td>
                <td class="num">{x(r.detectableRatio)}</td>
                <td class="num">{r.byDays.filter((b) => [3, 7, 14, 28].includes(b.days)).map((b) => x(b.detectableRatio)).join(' / ')}</td>
                <td class="num">{x(r.trendRatioPerYear)}</td>
                <td>{t(lang, `campaigns.source.${r.source}` as MessageKey, { n: r.nCampaigns })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {capped && <p class="help">…</p>}
    </section>
  );
};

/** Campaigns: the timeline, planning (with the advisor), orders, and what was delivered. */
export const CampaignsPage: FC<CampaignsProps> = (p) => {
  const { page } = p;
  const { lang } = page;
  const canEdit = canAct(page, 'coordinator');
  const areaName = new Map(p.areas.map((a) => [a.code, a.name]));
  const substanceName = new Map(p.substances.map((s) => [s.key, s.name]));
  return (
    <Layout page={page} id="campaigns" title={t(lang, 'campaigns.title')}>
      <p class="lead">{t(lang, 'campaigns.intro')}</p>
      <CampaignTimeline lang={lang} campaigns={p.campaigns} />
      {p.campaigns.length === 0 ? <EmptyState title={t(lang, 'campaigns.empty')} /> : (
        <div class="table-wrap">
          <table class="data" id="campaigns-table">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'campaigns.name')}</th>
                <th scope="col">{t(lang, 'campaigns.dates')}</th>
                <th scope="col">{t(lang, 'campaigns.areas')}</th>
                <th scope="col">{t(lang, 'campaigns.substances')}</th>
                <th scope="col">{t(lang, 'campaigns.status')}</th>
                <th scope="col">{t(lang, 'campaigns.delivery')}</th>
                {canEdit && <th scope="col">{t(lang, 'campaigns.order')}</th>}
              </tr>
            </thead>
            <tbody>
              {p.campaigns.map((c) => (
                <tr id={`campaign-${c.id}`} data-campaign={String(c.id)} class={c.baseline ? 'baseline-row' : undefined}>
                  <td>
                    <strong>{c.name}</strong>
                    {c.baseline && <span class="badge badge-baseline">{t(lang, c.baselineChosen ? 'campaigns.baseline' : 'campaigns.baselineDefault')}</span>}
                    <span class="sub">{t(lang, `campaigns.composite.${c.design.composite}` as MessageKey)}{c.lab ? ` · ${c.lab}` : ''}</span>
                  </td>
                  <td class="nowrap">{`${c.from} – ${c.to}`}</td>
                  <td>{c.areas.map((a) => areaName.get(a) ?? a).join(', ')}</td>
                  <td>{c.substances.map((s) => substanceName.get(s) ?? s).join(', ')}</td>
                  <td><span class={`badge badge-status badge-${c.status}`}>{t(lang, `campaigns.status.${c.status}` as MessageKey)}</span></td>
                  <td>
                    {c.status === 'detected' || c.status === 'planned'
                      ? <span class="delivery">{c.status === 'planned' ? '—' : t(lang, 'campaigns.delivered', { delivered: c.delivery.delivered, expected: c.delivery.expected })}</span>
                      : <DeliveryBadge lang={lang} c={c} />}
                    {c.delivery.missingFlows.length > 0 && <span class="sub">{t(lang, 'campaigns.missingFlows', { dates: c.delivery.missingFlows.join(', ') })}</span>}
                  </td>
                  {canEdit && (
                    <td class="row-actions">
                      {c.status !== 'detected' && (
                        <p class="order-links">
                          <a href={`/api/v1/campaigns/${c.id}/order?format=pdf&lang=${lang}`} class="order-pdf">{t(lang, 'campaigns.orderPdf')}</a>
                          <a href={`/api/v1/campaigns/${c.id}/order?format=html&lang=${lang}`} class="order-html">{t(lang, 'campaigns.orderHtml')}</a>
                          <a href={`/api/v1/campaigns/${c.id}/order?format=csv&lang=${lang}`} class="order-csv">{t(lang, 'campaigns.orderCsv')}</a>
                        </p>
                      )}
                      {c.status === 'planned' && <button type="button" data-mark-ordered={String(c.id)}>{t(lang, 'campaigns.markOrdered')}</button>}
                      {!(c.baseline && c.baselineChosen) && <button type="button" data-choose-baseline={String(c.id)}>{t(lang, 'campaigns.chooseBaseline')}</button>}
                      <button type="button" class="danger" data-remove-campaign={String(c.id)} data-name={c.name}>{t(lang, 'common.remove')}</button>
                      <p class="message" hidden></p>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && (
        <section id="campaign-new" class="card">
          <h2>{t(lang, 'campaigns.plan')}</h2>
          {p.areas.length === 0 ? <Notice>{t(lang, 'campaigns.empty')}</Notice> : <PlanForm page={page} areas={p.areas} substances={p.substances} />}
        </section>
      )}
      {p.advisor.length > 0 && <Advisor page={page} rows={p.advisor} days={p.advisorDays} capped={p.advisorCapped} />}
    </Layout>
  );
};
