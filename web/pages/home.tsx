import type { FC } from 'hono/jsx';
import { formatNumber, t } from '../i18n.ts';
import { EmptyState } from './components.tsx';
import { canAct, Layout, type PageContext } from './layout.tsx';

export interface MeasurementSummary {
  count: number;
  areas: number;
  substances: number;
  from: string | null;
  to: string | null;
}

/** The landing page. Charts come here later; until then it says what there is and what to do. */
export const HomePage: FC<{ page: PageContext; summary: MeasurementSummary }> = ({ page, summary }) => {
  const { lang } = page;
  const n = (x: number) => formatNumber(lang, x);
  return (
    <Layout page={page} id="home" title={t(lang, 'home.title')}>
      {summary.count === 0 ? (
        <EmptyState title={t(lang, 'home.emptyTitle')}>
          {canAct(page, 'coordinator') ? (
            <>
              <p><a class="button primary" href="/upload">{t(lang, 'home.emptyCoordinator')}</a></p>
              <p class="help">{t(lang, 'home.emptyCoordinatorHint')}</p>
            </>
          ) : (
            <p>{t(lang, 'home.emptyViewer')}</p>
          )}
        </EmptyState>
      ) : (
        <section id="overview" class="card">
          <p class="lead" id="summary">
            {t(lang, 'home.summary', { count: n(summary.count), areas: n(summary.areas), substances: n(summary.substances), from: summary.from ?? '', to: summary.to ?? '' })}
          </p>
          <p class="muted">{t(lang, 'home.chartsSoon')}</p>
        </section>
      )}
    </Layout>
  );
};
