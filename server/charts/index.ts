/** Pure chart-spec builders: data → Vega-Lite v6 spec (see types.ts for the inputs). */
export { timeseriesSpec, planTimeTicks } from './timeseries.ts';
export { weekdaySpec, EUDA_WEEKEND_ISO_DAYS } from './weekday.ts';
export { overviewSpec, ratioDomain } from './overview.ts';
export { referenceSpec } from './reference.ts';
export { mapSpec, type MapArea, type MapInput } from './map.ts';
export { METRICS, STRINGS, vegaLocale, formatNumber } from '../i18n/index.ts';
export { OKABE_ITO, VEGA_LITE_SCHEMA, shareRepeatedData } from './common.ts';
export type * from './types.ts';
