import type { FC } from 'hono/jsx';
import { drugName, formatNumber, sourceNote, t } from '../../server/i18n/index.ts';
import { ActionsHeader, EditButton, EditRow, Field, Notice } from './components.tsx';
import { canAct, Layout, type PageContext } from './layout.tsx';

export interface SubstanceRow {
  key: string;
  nameSv: string;
  nameEn: string;
  drug: string;
  correctionFactor: number | null;
  doseMg: number | null;
  sourceNote: string;
  aliases: string[];
  /** Whether this organisation ('own') or its county ('inherited') set values over the shared default. */
  override?: 'own' | 'inherited' | null;
  defaultCorrectionFactor?: number | null;
}

const SubstanceForm: FC<{ page: PageContext; s: SubstanceRow; prefix: string; closeId: string; shared: boolean }> = ({ page, s, prefix, closeId, shared }) => {
  const { lang } = page;
  const id = (f: string) => `${prefix}-${f}`;
  const num = (x: number | null) => (x == null ? '' : String(x));
  return (
    <form data-form="substance" data-key={s.key} class="edit-form">
      <div class="form-grid">
        <Field id={id('nameSv')} label={t(lang, 'substances.nameSv')}>
          <input id={id('nameSv')} name="nameSv" value={s.nameSv} required maxlength={200} readonly={!shared} data-shared={shared ? undefined : 'true'} />
        </Field>
        <Field id={id('nameEn')} label={t(lang, 'substances.nameEn')}>
          <input id={id('nameEn')} name="nameEn" value={s.nameEn} required maxlength={200} readonly={!shared} data-shared={shared ? undefined : 'true'} />
        </Field>
        <Field id={id('correctionFactor')} label={t(lang, 'substances.correctionFactor')} help={t(lang, 'substances.correctionHelp')}>
          <input id={id('correctionFactor')} name="correctionFactor" inputmode="decimal" value={num(s.correctionFactor)} />
        </Field>
        <Field id={id('doseMg')} label={t(lang, 'substances.doseMg')}>
          <input id={id('doseMg')} name="doseMg" inputmode="decimal" value={num(s.doseMg)} />
        </Field>
        <Field id={id('sourceNote')} label={t(lang, 'substances.sourceNote')}>
          <textarea id={id('sourceNote')} name="sourceNote" rows={2} maxlength={2000}>{sourceNote(s.sourceNote, lang)}</textarea>
        </Field>
        <Field id={id('aliases')} label={t(lang, 'substances.aliases')} help={t(lang, 'areas.aliasesHelp')}>
          <textarea id={id('aliases')} name="aliases" rows={3}>{s.aliases.filter((a) => a !== s.key).join('\n')}</textarea>
        </Field>
      </div>
      <p class="message" hidden></p>
      <div class="actions">
        <button type="submit" class="primary">{t(lang, 'common.save')}</button>
        <button type="button" data-close={closeId}>{t(lang, 'common.cancel')}</button>
      </div>
    </form>
  );
};

/** `sharedEditor`: the caller edits the shared default (instance admin); anyone else their organisation's own values. */
export const SubstancesPage: FC<{ page: PageContext; substances: SubstanceRow[]; sharedEditor?: boolean }> = ({ page, substances, sharedEditor = false }) => {
  const { lang } = page;
  const canEdit = canAct(page, 'coordinator');
  const cols = canEdit ? 8 : 7;
  return (
    <Layout page={page} id="substances" title={t(lang, 'substances.title')}>
      <p class="lead">{t(lang, 'substances.intro')}</p>
      <Notice>{t(lang, 'substances.doseCaveat')}</Notice>
      {canEdit && <p class="small" id="substances-scope">{t(lang, sharedEditor ? 'substances.scopeDefault' : 'substances.scopeOrganisation')}</p>}
      <div class="table-wrap">
        <table class="data compact" id="substances-table">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'substances.nameSv')}</th>
              <th scope="col">{t(lang, 'substances.nameEn')}</th>
              <th scope="col">{t(lang, 'substances.drug')}</th>
              <th scope="col" class="num">{t(lang, 'substances.correctionFactor')}</th>
              <th scope="col" class="num">{t(lang, 'substances.doseMg')}</th>
              <th scope="col">{t(lang, 'substances.sourceNote')}</th>
              <th scope="col">{t(lang, 'substances.aliases')}</th>
              {canEdit && <ActionsHeader label={t(lang, 'common.edit')} />}
            </tr>
          </thead>
          <tbody>
            {substances.map((s, i) => (
              <>
                <tr data-substance={s.key}>
                  <td><a href={`/substances/${encodeURIComponent(s.key)}/overview`}>{s.nameSv}</a><code class="sub">{s.key}</code></td>
                  <td>{s.nameEn}</td>
                  <td>{drugName(s.drug, lang)}</td>
                  <td class="num">
                    {formatNumber(s.correctionFactor, lang, { maxDecimals: 3, missing: '—' })}
                    {s.override && <span class="sub small" data-override={s.override}> {t(lang, s.override === 'own' ? 'substances.overrideOwn' : 'substances.overrideInherited', { value: formatNumber(s.defaultCorrectionFactor ?? null, lang, { maxDecimals: 3, missing: '—' }) })}</span>}
                  </td>
                  <td class="num">{formatNumber(s.doseMg, lang, { maxDecimals: 1, missing: '—' })}</td>
                  <td class="small note">{sourceNote(s.sourceNote, lang) || '—'}</td>
                  <td class="small">{s.aliases.filter((a) => a !== s.key).join(', ') || '—'}</td>
                  {canEdit && (
                    <td>
                      <EditButton target={`substance-edit-${i}`} label={t(lang, 'common.edit')} />
                    </td>
                  )}
                </tr>
                {canEdit && (
                  <EditRow id={`substance-edit-${i}`} colspan={cols}>
                    <SubstanceForm page={page} s={s} prefix={`s${i}`} closeId={`substance-edit-${i}`} shared={sharedEditor} />
                  </EditRow>
                )}
              </>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
};
