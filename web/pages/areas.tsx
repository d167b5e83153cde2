import type { FC } from 'hono/jsx';
import { formatNumber, PAGE_NUMBER, t } from '../../server/i18n/index.ts';
import { ActionsHeader, EditButton, EditRow, EmptyState, Field, Notice } from './components.tsx';
import { canAct, Layout, type PageContext } from './layout.tsx';

export interface AreaRow {
  code: string;
  name: string;
  parent: string | null;
  population: number | null;
  /** 'pe' = person equivalents (from the plant), shown as such; persons otherwise. */
  populationKind?: 'persons' | 'pe';
  populationFrom: string | null;
  municipality: string | null;
  county: string | null;
  aliases: string[];
}

/** The create/edit form; `prefix` keeps the field ids unique on a page with one form per area. */
const AreaForm: FC<{ page: PageContext; prefix: string; area: AreaRow | null; codes: string[]; closeId?: string }> = ({ page, prefix, area, codes, closeId }) => {
  const { lang } = page;
  const id = (f: string) => `${prefix}-${f}`;
  return (
    <form data-form="area" class="edit-form">
      <div class="form-grid">
        <Field id={id('code')} label={t(lang, 'areas.code')}>
          <input id={id('code')} name="code" value={area?.code ?? ''} required maxlength={64} readonly={area !== null} />
        </Field>
        <Field id={id('name')} label={t(lang, 'areas.name')}>
          <input id={id('name')} name="name" value={area?.name ?? ''} required maxlength={200} />
        </Field>
        <Field id={id('parent')} label={t(lang, 'areas.parent')}>
          <select id={id('parent')} name="parent">
            <option value="">{t(lang, 'areas.noParent')}</option>
            {codes.filter((c) => c !== area?.code).map((c) => <option value={c} selected={c === area?.parent}>{c}</option>)}
          </select>
        </Field>
        <Field id={id('population')} label={t(lang, 'areas.population')}>
          <input id={id('population')} name="population" inputmode="numeric" value={area?.population == null ? '' : String(area.population)} />
        </Field>
        <Field id={id('populationFrom')} label={t(lang, 'areas.populationFrom')} help={t(lang, 'areas.populationHelp')}>
          <input id={id('populationFrom')} name="populationFrom" type="date" value={area?.populationFrom ?? ''} />
        </Field>
        <Field id={id('municipality')} label={t(lang, 'areas.municipality')}>
          <input id={id('municipality')} name="municipality" value={area?.municipality ?? ''} maxlength={200} />
        </Field>
        <Field id={id('county')} label={t(lang, 'areas.county')}>
          <input id={id('county')} name="county" value={area?.county ?? ''} maxlength={200} />
        </Field>
        <Field id={id('aliases')} label={t(lang, 'areas.aliases')} help={t(lang, 'areas.aliasesHelp')}>
          <textarea id={id('aliases')} name="aliases" rows={3}>{(area?.aliases ?? []).join('\n')}</textarea>
        </Field>
      </div>
      <p class="message" hidden></p>
      <div class="actions">
        <button type="submit" class="primary">{t(lang, 'common.save')}</button>
        {closeId && <button type="button" data-close={closeId}>{t(lang, 'common.cancel')}</button>}
      </div>
    </form>
  );
};

export const AreasPage: FC<{ page: PageContext; areas: AreaRow[]; withheld: number; minPopulation: number }> = ({ page, areas, withheld, minPopulation }) => {
  const { lang } = page;
  const canEdit = canAct(page, 'coordinator');
  const codes = areas.map((a) => a.code);
  const min = formatNumber(minPopulation, lang, PAGE_NUMBER);
  return (
    <Layout page={page} id="areas" title={t(lang, 'areas.title')}>
      <p class="lead">{t(lang, 'areas.intro')}</p>
      {withheld > 0 && (
        <Notice>{withheld === 1 ? t(lang, 'areas.withheldOne', { min }) : t(lang, 'areas.withheldMany', { count: formatNumber(withheld, lang, PAGE_NUMBER), min })}</Notice>
      )}
      {canEdit && (
        <div class="toolbar">
          <button type="button" class="primary" data-toggle="area-new" aria-expanded="false" aria-controls="area-new">{t(lang, 'areas.new')}</button>
          <a class="button" href="/upload?kind=areas">{t(lang, 'areas.uploadFile')}</a>
        </div>
      )}
      {canEdit && (
        <section id="area-new" class="card" hidden>
          <h2>{t(lang, 'areas.new')}</h2>
          <AreaForm page={page} prefix="new" area={null} codes={codes} closeId="area-new" />
        </section>
      )}
      {areas.length === 0 ? (
        <EmptyState title={t(lang, 'areas.empty')}>
          {canEdit ? <p><a class="button primary" href="/upload?kind=areas">{t(lang, 'areas.emptyLink')}</a></p> : <p>{t(lang, 'areas.emptyViewer')}</p>}
        </EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="data" id="areas-table">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'areas.code')}</th>
                <th scope="col">{t(lang, 'areas.name')}</th>
                <th scope="col">{t(lang, 'areas.parent')}</th>
                <th scope="col" class="num">{t(lang, 'areas.population')}</th>
                <th scope="col">{t(lang, 'areas.municipality')}</th>
                <th scope="col">{t(lang, 'areas.county')}</th>
                <th scope="col">{t(lang, 'areas.aliases')}</th>
                {canEdit && <ActionsHeader label={t(lang, 'common.edit')} />}
              </tr>
            </thead>
            <tbody>
              {areas.map((a, i) => (
                <>
                  <tr data-area={a.code}>
                    <td><code>{a.code}</code></td>
                    <td><a href={`/areas/${encodeURIComponent(a.code)}`}>{a.name}</a></td>
                    <td>{a.parent ?? '—'}</td>
                    <td class="num">
                      {formatNumber(a.population, lang, PAGE_NUMBER)}{a.populationKind === 'pe' && a.population != null ? ' pe' : ''}
                      {a.populationFrom && <span class="muted small">{t(lang, 'areas.from', { date: a.populationFrom })}</span>}
                    </td>
                    <td>{a.municipality ?? '—'}</td>
                    <td>{a.county ?? '—'}</td>
                    <td>{a.aliases.length ? a.aliases.join(', ') : '—'}</td>
                    {canEdit && (
                      <td>
                        <EditButton target={`area-edit-${i}`} label={t(lang, 'common.edit')} />
                      </td>
                    )}
                  </tr>
                  {canEdit && (
                    <EditRow id={`area-edit-${i}`} colspan={8}>
                      <AreaForm page={page} prefix={`a${i}`} area={a} codes={codes} closeId={`area-edit-${i}`} />
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
