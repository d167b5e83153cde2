import { describe, expect, it } from 'vitest';
import { campaignTrend, kendallExactP } from '../../../server/stats/campaignTrend.ts';
import { detectCampaigns, summariseCampaign } from '../../../server/domain/campaigns.ts';
import { fixtures, expectClose, expectMatches, sampleHandCheck } from './fixtures.ts';

describe('campaignTrend vs SciPy (theilslopes, kendalltau exact, norm)', () => {
  it.each(fixtures.campaignTrend)('$name', ({ points, expected }) => {
    expectMatches(campaignTrend(points), expected);
  });
});

describe('kendallExactP', () => {
  it('n = 6, S = 11: 2·(1 + 5 + 14)/720… by hand: permutations with ≤ 2 inversions = 1 + 5 + 14 = 20, p = 40/720', () => {
    expectClose(kendallExactP(11, 6), 40 / 720);
  });
  it('S = 0 ⇒ 1; n = 2, S = 1 ⇒ 1', () => {
    expect(kendallExactP(1, 2)).toBe(1);
    expect(kendallExactP(-1, 3)).toBe(1);
  });
});

describe('hand check from issue 11: Centrum PS benzoylecgonine on the sample data', () => {
  const check = sampleHandCheck!;
  it.runIf(sampleHandCheck !== null)('6 detected campaigns; trend on their means equals the Python computation', () => {
    const runs = detectCampaigns(check.days.map((d: { date: string }) => d.date));
    expect(runs).toHaveLength(6);
    const summaries = runs.map((run) => summariseCampaign(check.days.filter((d: { date: string }) => run.dates.includes(d.date))));
    expectMatches(summaries.map((s) => s.mean), check.campaignMeans, 'means');
    const trend = campaignTrend(summaries);
    expectMatches(trend, check.expected);
    // Issue 11 quotes p = 0.056: that is kendalltau's exact p (40/720); the API's
    // continuity-corrected normal Mann–Kendall gives 0.0603 on the same 6 means.
    expectClose(trend.pExact, 40 / 720);
    expect(trend.mannKendall!.p).toBeCloseTo(0.0603, 4);
    expect(trend.verdict).toBe('no_clear_change');
  });
});
