import type { FC } from 'hono/jsx';
import { t } from '../../server/i18n/index.ts';
import { Field } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';

/** The first-run page: the organisation's name (first admin) and a new password (one-time password). */
export const SetupPage: FC<{ page: PageContext; askName: boolean; askPassword: boolean; kind: 'municipality' | 'county'; next: string }> = ({ page, askName, askPassword, kind, next }) => {
  const { lang, user } = page;
  return (
    <Layout page={page} id="setup" title={t(lang, 'setup.title')}>
      <p class="lead">{t(lang, 'setup.intro')}</p>
      <form data-form="setup" data-next={next} class="card stack narrow">
        {askName && (
          <>
            <Field id="organisation-name" label={t(lang, 'setup.organisation')} help={t(lang, 'setup.organisationHint')}>
              <input id="organisation-name" name="organisationName" required maxlength={200} aria-describedby="organisation-name-help" autocomplete="organization" />
            </Field>
            <Field id="organisation-kind" label={t(lang, 'setup.kind')}>
              <select id="organisation-kind" name="kind">
                <option value="municipality" selected={kind === 'municipality'}>{t(lang, 'setup.municipality')}</option>
                <option value="county" selected={kind === 'county'}>{t(lang, 'setup.county')}</option>
              </select>
            </Field>
          </>
        )}
        {askPassword && (
          <>
            <input type="text" name="username" autocomplete="username" value={user?.email ?? ''} hidden />
            <Field id="new-password" label={t(lang, 'setup.password')} help={t(lang, 'setup.passwordHint')}>
              <input id="new-password" name="newPassword" type="password" autocomplete="new-password" minlength={12} required aria-describedby="new-password-help" />
            </Field>
            <Field id="repeat-password" label={t(lang, 'setup.repeat')}>
              <input id="repeat-password" name="repeatPassword" type="password" autocomplete="new-password" minlength={12} required />
            </Field>
          </>
        )}
        <p class="message" hidden></p>
        <button type="submit" class="primary">{t(lang, 'setup.save')}</button>
      </form>
    </Layout>
  );
};
