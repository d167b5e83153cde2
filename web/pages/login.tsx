import type { FC } from 'hono/jsx';
import { t } from '../../server/i18n/index.ts';
import { Notice } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';

export const LoginPage: FC<{ page: PageContext; next: string; email?: string; error?: string }> = ({ page, next, email, error }) => {
  const { lang } = page;
  return (
    <Layout page={page} id="login" title={t(lang, 'login.title')}>
      <p class="lead">{t(lang, 'login.intro')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <form method="post" action="/login" class="card narrow stack" id="login-form">
        {page.csrfToken && <input type="hidden" name="_csrf" value={page.csrfToken} />}
        <input type="hidden" name="next" value={next} />
        <div class="field">
          <label for="email">{t(lang, 'login.email')}</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={email ?? ''} autofocus={!email} />
        </div>
        <div class="field">
          <label for="password">{t(lang, 'login.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required autofocus={Boolean(email)} />
        </div>
        <button type="submit" class="primary">{t(lang, 'login.submit')}</button>
      </form>
    </Layout>
  );
};
