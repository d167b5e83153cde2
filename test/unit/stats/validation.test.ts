import { describe, expect, it } from 'vitest';
import {
  bootstrapMeanCI, bootstrapRatioCI, describe as describeValues, mannKendall, mannWhitneyU, senSlope, trendSummary,
} from '../../../server/stats/index.ts';

describe('non-finite input is an error, not a silently wrong statistic', () => {
  it.each([
    ['describe', () => describeValues([1, Number.NaN])],
    ['bootstrapMeanCI', () => bootstrapMeanCI([1, Infinity])],
    ['bootstrapRatioCI', () => bootstrapRatioCI([1, 2], [Number.NaN, 1])],
    ['mannWhitneyU', () => mannWhitneyU([1, 2], [3, Number.NaN])],
    ['mannKendall', () => mannKendall([1, Number.NaN, 3])],
    ['senSlope', () => senSlope([0, 1, Number.NaN], [1, 2, 3])],
    ['trendSummary', () => trendSummary([{ date: '2024-01-01', value: Number.NaN, censored: false }, { date: '2024-01-02', value: 1, censored: false }])],
  ])('%s', (_, run) => {
    expect(run).toThrow(RangeError);
  });
});
