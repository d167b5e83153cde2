import type { FC } from 'hono/jsx';
import { t } from '../../server/i18n/index.ts';
import { Notice } from './components.tsx';
import { Layout, type PageContext } from './layout.tsx';

export const ErrorPage: FC<{ page: PageContext; message: string }> = ({ page, message }) => (
  <Layout page={page} id="error" title={t(page.lang, 'error.title')}>
    <Notice kind="error">{message}</Notice>
    <p><a href="/">{t(page.lang, 'error.back')}</a></p>
  </Layout>
);
