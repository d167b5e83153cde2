import type { FC } from 'hono/jsx';
import { methodsPageWords } from '../../server/i18n/pages/methods.ts';
import { POPULATION_UNITS, SAMPLING_MODES, type MethodSettingsOut } from '../../server/usecases/method-settings.ts';
import { Field, Notice } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';

/** The reports' methods facts: a plain POST form (no script), for coordinators and admins. */
export const MethodSettingsPage: FC<{ page: PageContext; settings: MethodSettingsOut; saved: boolean; errors: { column: string; message: string }[] }> = ({ page, settings, saved, errors }) => {
  const w = methodsPageWords(page.lang);
  const text = (name: 'cooling' | 'storage' | 'labName' | 'labMethod' | 'accreditation' | 'interlaboratory' | 'populationSource', label: string) => (
    <Field id={`ms-${name}`} label={label}><input id={`ms-${name}`} name={name} value={settings[name]} maxlength={2000} /></Field>
  );
  return (
    <Layout page={page} title={w.title} id="method-settings">
      <p>{w.intro}</p>
      {saved && <Notice kind="ok">{w.saved}</Notice>}
      {errors.length > 0 && <Notice kind="error">{w.errors} {errors.map((e) => `${e.column}: ${e.message}`).join(' ')}</Notice>}
      <form method="post" action="/settings/methods" class="stack" data-form="method-settings">
        <input type="hidden" name="_csrf" value={page.csrfToken ?? ''} />
        <fieldset class="card">
          <legend>{w.sampling}</legend>
          <Field id="ms-samplingMode" label={w.samplingMode}>
            <select id="ms-samplingMode" name="samplingMode">
              {SAMPLING_MODES.map((m) => <option value={m} selected={settings.samplingMode === m}>{w.modes[m]}</option>)}
            </select>
          </Field>
          <Field id="ms-compositeHours" label={w.compositeHours}>
            <input id="ms-compositeHours" name="compositeHours" inputmode="decimal" value={settings.compositeHours === null ? '' : String(settings.compositeHours)} />
          </Field>
          {text('cooling', w.cooling)}
          {text('storage', w.storage)}
        </fieldset>
        <fieldset class="card">
          <legend>{w.lab}</legend>
          {text('labName', w.labName)}
          {text('labMethod', w.labMethod)}
          {text('accreditation', w.accreditation)}
          {text('interlaboratory', w.interlaboratory)}
        </fieldset>
        <fieldset class="card">
          <legend>{w.population}</legend>
          <Field id="ms-populationUnit" label={w.populationUnit}>
            <select id="ms-populationUnit" name="populationUnit">
              {POPULATION_UNITS.map((u) => <option value={u} selected={settings.populationUnit === u}>{w.units[u]}</option>)}
            </select>
          </Field>
          {text('populationSource', w.populationSource)}
          <Field id="ms-notes" label={w.notes}><textarea id="ms-notes" name="notes" rows={3} maxlength={2000}>{settings.notes}</textarea></Field>
        </fieldset>
        {settings.updatedAt && <p class="help">{w.updated.replace('{at}', `${settings.updatedAt.slice(0, 16).replace('T', ' ')} UTC`).replace('{by}', settings.updatedBy ?? '')}</p>}
        <div class="actions"><button type="submit" class="primary">{w.save}</button></div>
      </form>
    </Layout>
  );
};
