// Pure statistics: baseline, change, trend, weekday profile. No I/O, no HTTP, no database.
export { describe, geometricMean, mean, quantileType7, type Description } from './describe.ts';
export { bootstrapMeanCI, bootstrapRatioCI, DEFAULT_RESAMPLES, type BootstrapOptions } from './bootstrap.ts';
export {
  meanByWeekday,
  weekdayWeekend,
  type DatedValue,
  type WeekdayDaySets,
  type WeekdayMean,
  type WeekdayWeekend,
} from './weekday.ts';
export { mannWhitneyU, type MannWhitneyResult } from './mannWhitney.ts';
export { mannKendall, type MannKendallResult } from './mannKendall.ts';
export { senSlope, type SenSlopeResult } from './senSlope.ts';
export { benjaminiHochberg } from './benjaminiHochberg.ts';
export { detectableRatio } from './detectableRatio.ts';
export { changeVerdict, trendVerdict, SIGNIFICANCE_LEVEL, type Verdict } from './verdicts.ts';
export { substituteCensored, type CensoredMode } from './censoring.ts';
export { normalCdf, normalQuantile, normalSf } from './normal.ts';
export { studentTCdf, studentTQuantile } from './studentT.ts';
export { epochDay, isoWeekday } from './isoDate.ts';
export {
  baselineSummary,
  changeSummary,
  trendSummary,
  trendDetail,
  type BaselineSummary,
  type ChangeSummary,
  type StatPoint,
  type SummaryOptions,
  type TrendSummary,
  type TrendDetail,
} from './summaries.ts';
export type { Series, SeriesPoint } from './types.ts';
