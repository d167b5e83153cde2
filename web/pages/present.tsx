import type { FC } from 'hono/jsx';
import { t } from '../../server/i18n/index.ts';
import { ChartFigure } from './dashboard-parts.tsx';
import { Layout, type PageContext } from './layout.tsx';

export interface Slide { url: string; fileName: string }

/**
 * The meeting room: one chart per screen across the whole width, text sized for a projector
 * (web/client/present.ts draws each spec through charts/present.ts), arrow keys to step and Esc
 * to go back to the page it came from. Without the script the slides still read top to bottom.
 */
export const PresentPage: FC<{ page: PageContext; title: string; slides: Slide[]; back: string }> = ({ page, title, slides, back }) => {
  const { lang } = page;
  return (
    <Layout page={page} id="present" title={title} bare>
      {slides.length === 0 && <p class="empty-title">{t(lang, 'present.empty')}</p>}
      {slides.map((s, i) => (
        <section class="slide" id={`slide-${i + 1}`} aria-label={t(lang, 'present.position', { n: i + 1, total: slides.length })} tabindex={-1}>
          <ChartFigure lang={lang} url={s.url} fileName={s.fileName} wide />
        </section>
      ))}
      <nav class="present-bar" aria-label={t(lang, 'present.title')}>
        <a class="button" id="present-exit" href={back}>{t(lang, 'present.exit')}</a>
        <button type="button" id="present-prev">{t(lang, 'present.prev')}</button>
        <span id="present-position" aria-live="polite">{slides.length ? t(lang, 'present.position', { n: 1, total: slides.length }) : ''}</span>
        <button type="button" id="present-next">{t(lang, 'present.next')}</button>
        <span class="present-keys">{t(lang, 'present.keys')}</span>
      </nav>
    </Layout>
  );
};

/** The link from a page to its presentation view (the same choices, `present=1` added). */
export const PresentLink: FC<{ page: PageContext }> = ({ page }) => {
  const [path, query = ''] = page.path.split('?');
  const q = new URLSearchParams(query);
  q.set('present', '1');
  return <a class="button present-link" href={`${path}?${q.toString()}`}>{t(page.lang, 'present.link')}</a>;
};
