import { perPopulationKind } from '../../server/i18n/charts.ts';
import type { FC } from 'hono/jsx';
import { formatNumber, type Lang, type MessageKey, PAGE_NUMBER, t } from '../../server/i18n/index.ts';
import { Notice } from './components.tsx';
import type { PageContext } from './layout.tsx';

/** Pieces shared by the dashboard pages (Lägesbild, area, substance). */

export const METRIC_CHOICES = ['normalized_load', 'concentration', 'load', 'consumption', 'doses'] as const;
export type MetricChoice = (typeof METRIC_CHOICES)[number];
export const CENSORED_CHOICES = ['half_loq', 'zero', 'loq'] as const;
export type CensoredChoice = (typeof CENSORED_CHOICES)[number];

/** A file name for downloads: lower case, ASCII letters, digits and dashes. */
export function slug(...parts: string[]): string {
  return parts.join('-').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'diagram';
}

/** A chart placeholder that web/client/charts.ts fills in (spec from the charts API). */
export const ChartFigure: FC<{ lang: Lang; url: string; fileName: string; id?: string; wide?: boolean }> = ({ lang, url, fileName, id, wide }) => (
  <figure class={wide ? 'chart chart-wide' : 'chart'} id={id} data-chart-url={url} data-file-name={fileName}>
    <p class="chart-status muted">{t(lang, 'chart.loading')}</p>
  </figure>
);

/** "2 områden visas inte (färre än 5 000 invånare) …" for viewers. */
export const WithheldNotice: FC<{ lang: Lang; withheld: number; minPopulation: number }> = ({ lang, withheld, minPopulation }) => {
  if (withheld <= 0) return null;
  const min = formatNumber(minPopulation, lang, PAGE_NUMBER);
  return (
    <Notice>
      <span class="withheld-notice">
        {withheld === 1 ? t(lang, 'areas.withheldOne', { min }) : t(lang, 'areas.withheldMany', { count: formatNumber(withheld, lang, PAGE_NUMBER), min })}
      </span>
    </Notice>
  );
};

/** The metric and censored-value settings as a GET form (the page reloads with the choice). */
export const SeriesSettings: FC<{
  page: PageContext; metric: MetricChoice; censored: CensoredChoice; extra?: { name: string; label: string; value: string; options: { value: string; label: string }[] };
  /** Every area shown counts person equivalents: the per-1000 choices say "1000 pe" (issue 11). */
  pe?: boolean;
}> = ({ page, metric, censored, extra, pe }) => {
  const { lang } = page;
  return (
    <form method="get" class="settings card" data-autosubmit>
      <div class="settings-grid">
        <div class="field">
          <label for="metric">{t(lang, 'metric.label')}</label>
          <select id="metric" name="metric">
            {METRIC_CHOICES.map((m) => <option value={m} selected={m === metric}>{pe ? perPopulationKind(t(lang, `metric.${m}` as MessageKey), 'pe') : t(lang, `metric.${m}` as MessageKey)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="censored">{t(lang, 'censored.label')}</label>
          <select id="censored" name="censored" aria-describedby="censored-help">
            {CENSORED_CHOICES.map((c) => <option value={c} selected={c === censored}>{t(lang, `censored.${c}` as MessageKey)}</option>)}
          </select>
        </div>
        {extra && (
          <div class="field">
            <label for={extra.name}>{extra.label}</label>
            <select id={extra.name} name={extra.name}>
              {extra.options.map((o) => <option value={o.value} selected={o.value === extra.value}>{o.label}</option>)}
            </select>
          </div>
        )}
        <div class="field settings-submit">
          <button type="submit">{t(lang, 'area.settings')}</button>
        </div>
      </div>
      <p class="help" id="censored-help">{t(lang, 'censored.help')}</p>
      {metric === 'doses' && <p class="message message-warning doses-caveat" role="note">{t(lang, 'doses.caveat')}</p>}
    </form>
  );
};

export function chartQuery(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}
