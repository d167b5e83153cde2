import type { FC } from 'hono/jsx';
import { GLOSSARY, t } from '../../server/i18n/index.ts';
import { Layout, type PageContext } from './layout.tsx';

/** Help: what Lägesbild shows, one word per thing (the glossary), and the meeting-room view. */
export const HelpPage: FC<{ page: PageContext }> = ({ page }) => {
  const { lang } = page;
  return (
    <Layout page={page} id="help" title={t(lang, 'help.title')}>
      <p class="lead">{t(lang, 'help.intro')}</p>
      <section aria-labelledby="glossary-title">
        <h2 id="glossary-title">{t(lang, 'help.glossaryTitle')}</h2>
        <dl class="glossary">
          {GLOSSARY[lang].map(([term, meaning]) => (
            <>
              <dt>{term}</dt>
              <dd>{meaning}</dd>
            </>
          ))}
        </dl>
      </section>
      <section aria-labelledby="present-title">
        <h2 id="present-title">{t(lang, 'help.presentTitle')}</h2>
        <p>{t(lang, 'help.presentText')}</p>
      </section>
    </Layout>
  );
};
