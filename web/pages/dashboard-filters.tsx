import type { FC } from 'hono/jsx';
import { formatNumber, type Lang, PAGE_NUMBER, t } from '../../server/i18n/index.ts';
import { Notice } from './components.tsx';
import { ChartFigure } from './dashboard-parts.tsx';
import { canAct, type PageContext } from './layout.tsx';

/** Lägesbild's filters (area, substance, date range), share link and map: all state lives in the URL query. */

export interface OverviewFilters { area: string | null; substance: string | null; from: string | null; to: string | null }
export const FILTER_KEYS = ['area', 'substance', 'from', 'to'] as const;

export interface FilterProps {
  filters: OverviewFilters;
  /** The other query parameters of the page (the chosen campaigns or periods), kept by the filter form. */
  keep: Record<string, string>;
  areaOptions: { code: string; name: string }[];
  substanceOptions: { key: string; name: string }[];
  filterProblem: 'badRange' | 'halfRange' | null;
}

/** Hidden inputs that carry `params` through a GET form. */
export const KeepParams: FC<{ params: Record<string, string> }> = ({ params }) => (
  <>{Object.entries(params).map(([name, value]) => <input type="hidden" name={name} value={value} />)}</>
);

export const FilterForm: FC<{ page: PageContext; p: FilterProps }> = ({ page, p }) => {
  const { lang } = page;
  const f = p.filters;
  const any = FILTER_KEYS.some((k) => f[k]);
  const clear = new URLSearchParams(p.keep).toString();
  return (
    <form method="get" action="/" class="settings card" id="filter-form" data-autosubmit>
      <h2 class="card-title">{t(lang, 'filter.title')}</h2>
      <KeepParams params={p.keep} />
      <div class="settings-grid">
        <div class="field">
          <label for="filter-area">{t(lang, 'filter.area')}</label>
          <select id="filter-area" name="area">
            <option value="">{t(lang, 'filter.allAreas')}</option>
            {p.areaOptions.map((a) => <option value={a.code} selected={a.code === f.area}>{a.name}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="filter-substance">{t(lang, 'filter.substance')}</label>
          <select id="filter-substance" name="substance">
            <option value="">{t(lang, 'filter.allSubstances')}</option>
            {p.substanceOptions.map((s) => <option value={s.key} selected={s.key === f.substance}>{s.name}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="filter-from">{t(lang, 'filter.from')}</label>
          <input id="filter-from" name="from" type="date" value={f.from ?? ''} aria-describedby="filter-range-help" aria-invalid={p.filterProblem ? 'true' : undefined} />
        </div>
        <div class="field">
          <label for="filter-to">{t(lang, 'filter.to')}</label>
          <input id="filter-to" name="to" type="date" value={f.to ?? ''} aria-describedby="filter-range-help" aria-invalid={p.filterProblem ? 'true' : undefined} />
        </div>
        <div class="field settings-submit"><button type="submit">{t(lang, 'common.show')}</button></div>
      </div>
      <p class="help" id="filter-range-help">{t(lang, 'filter.rangeHelp')}</p>
      {p.filterProblem && <Notice kind="error"><span id="filter-problem">{t(lang, p.filterProblem === 'badRange' ? 'filter.badRange' : 'filter.halfRange')}</span></Notice>}
      <p class="filter-actions">
        {any && <a href={clear ? `/?${clear}` : '/'} id="filter-clear">{t(lang, 'filter.clear')}</a>}
        <ShareLink lang={lang} />
      </p>
    </form>
  );
};

/** "Dela länk": web/client/dashboard.ts copies the page's address; without a clipboard it shows it to copy by hand. */
export const ShareLink: FC<{ lang: Lang }> = ({ lang }) => (
  <span class="share">
    <button type="button" id="share-link" class="secondary" data-share hidden>{t(lang, 'share.button')}</button>
    <label class="share-manual" hidden>
      <span>{t(lang, 'share.manual')}</span> <input type="text" readonly id="share-url" />
    </label>
    <span id="share-status" role="status" aria-live="polite"></span>
  </span>
);

export type MapState = { kind: 'shown'; url: string; substanceName: string } | { kind: 'noBoundaries' } | { kind: 'none' };

export const MapSection: FC<{ page: PageContext; map: MapState; withheld: number; minPopulation: number }> = ({ page, map, withheld, minPopulation }) => {
  const { lang } = page;
  if (map.kind === 'none') return null;
  if (map.kind === 'noBoundaries') {
    if (!canAct(page, 'coordinator')) return null;
    return <p class="help" id="map-missing">{t(lang, 'map.noBoundaries')} <a href="/boundaries">{t(lang, 'map.uploadLink')}</a></p>;
  }
  return (
    <section aria-labelledby="map-title">
      <h2 id="map-title">{t(lang, 'map.title')}</h2>
      <p class="help">{t(lang, 'map.help', { substance: map.substanceName })}</p>
      {withheld > 0 && <p class="help">{t(lang, 'map.merged', { min: formatNumber(minPopulation, lang, PAGE_NUMBER) })}</p>}
      <ChartFigure lang={lang} url={map.url} fileName="karta" id="overview-map" wide />
    </section>
  );
};
