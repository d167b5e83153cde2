/**
 * One i18n for the whole product (pure: no I/O, bundled into the browser too).
 *   lang.ts        Lang, DEFAULT_LANG, isLang
 *   number.ts      formatNumber(value, lang, opts) on Intl, and ratio/p/interval built on it
 *   dates.ts       calendar dates and timestamps
 *   pages/         the pages' dictionary, one module per feature, and t()
 *   charts.ts      the charts' words; vega-locale.ts their d3 locales
 *   report/        the report's wording
 *   issues.ts      import issue titles; audit.ts audit action names; catalog.ts drug names and source notes
 */
export * from './lang.ts';
export * from './number.ts';
export * from './dates.ts';
export * from './pages/index.ts';
export * from './charts.ts';
export * from './vega-locale.ts';
export * from './report/index.ts';
export * from './issues.ts';
export * from './audit.ts';
export * from './catalog.ts';
export * from './chart-summaries.ts';
