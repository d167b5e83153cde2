import type { FC } from 'hono/jsx';
import { t } from '../../server/i18n/index.ts';
import { ActionsHeader, EditButton, EditRow, EmptyState, Field } from './components.tsx';
import { canAct, Layout, type PageContext } from './layout.tsx';

export interface PeriodRow {
  id: number;
  name: string;
  from: string;
  to: string;
  baseline: boolean;
}

const PeriodForm: FC<{ page: PageContext; prefix: string; period: PeriodRow | null; closeId?: string; firstOne?: boolean }> = ({ page, prefix, period, closeId, firstOne }) => {
  const { lang } = page;
  const id = (f: string) => `${prefix}-${f}`;
  return (
    <form data-form="period" data-id={period ? String(period.id) : undefined} class="edit-form">
      <div class="form-grid">
        <Field id={id('name')} label={t(lang, 'periods.name')}>
          <input id={id('name')} name="name" value={period?.name ?? ''} required maxlength={200} />
        </Field>
        <Field id={id('from')} label={t(lang, 'periods.from')}>
          <input id={id('from')} name="from" type="date" value={period?.from ?? ''} required />
        </Field>
        <Field id={id('to')} label={t(lang, 'periods.to')}>
          <input id={id('to')} name="to" type="date" value={period?.to ?? ''} required />
        </Field>
        <div class="field">
          <label class="checkbox" for={id('baseline')}>
            <input id={id('baseline')} name="baseline" type="checkbox" checked={period ? period.baseline : firstOne} /> {t(lang, 'periods.baseline')}
          </label>
          <p class="help">{t(lang, 'periods.baselineHelp')}</p>
        </div>
      </div>
      <p class="message" hidden></p>
      <div class="actions">
        <button type="submit" class="primary">{t(lang, 'common.save')}</button>
        {closeId && <button type="button" data-close={closeId}>{t(lang, 'common.cancel')}</button>}
      </div>
    </form>
  );
};

/** Named periods and which one is the baseline: coordinators edit, everyone reads. */
export const PeriodsPage: FC<{ page: PageContext; periods: PeriodRow[] }> = ({ page, periods }) => {
  const { lang } = page;
  const canEdit = canAct(page, 'coordinator');
  const days = (p: PeriodRow) => Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;
  return (
    <Layout page={page} id="periods" title={t(lang, 'periods.title')}>
      <p class="lead">{t(lang, 'periods.intro')}</p>
      {canEdit && (
        <section id="period-new" class="card">
          <h2>{t(lang, 'periods.new')}</h2>
          <PeriodForm page={page} prefix="new" period={null} firstOne={periods.length === 0} />
        </section>
      )}
      {periods.length === 0 ? (
        <EmptyState title={t(lang, 'periods.empty')}>{canEdit && <p>{t(lang, 'periods.emptyHint')}</p>}</EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="data" id="periods-table">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'periods.name')}</th>
                <th scope="col">{t(lang, 'periods.from')}</th>
                <th scope="col">{t(lang, 'periods.to')}</th>
                <th scope="col">{t(lang, 'periods.baseline')}</th>
                {canEdit && <ActionsHeader label={t(lang, 'imports.actions')} />}
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <>
                  <tr data-period={String(p.id)} class={p.baseline ? 'baseline-row' : undefined}>
                    <td><strong>{p.name}</strong><span class="sub">{t(lang, 'periods.days', { count: days(p) })}</span></td>
                    <td class="nowrap">{p.from}</td>
                    <td class="nowrap">{p.to}</td>
                    <td>{p.baseline ? <span class="badge badge-baseline">{t(lang, 'periods.isBaseline')}</span> : ''}</td>
                    {canEdit && (
                      <td class="row-actions">
                        <EditButton target={`period-edit-${p.id}`} label={t(lang, 'common.edit')} />
                        <button type="button" class="danger" data-remove-period={String(p.id)} data-name={p.name}>{t(lang, 'common.remove')}</button>
                      </td>
                    )}
                  </tr>
                  {canEdit && (
                    <EditRow id={`period-edit-${p.id}`} colspan={5}>
                      <PeriodForm page={page} prefix={`p${p.id}`} period={p} closeId={`period-edit-${p.id}`} />
                    </EditRow>
                  )}
                </>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
};
