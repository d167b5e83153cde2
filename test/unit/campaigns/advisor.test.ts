import { describe, expect, it } from 'vitest';
import {
  campaignsNeeded, chooseVariance, daysNeeded, daysScopeCanDecide, detectableRatioFollowUp, sigmaLogFromCv, trendRatioPerYear,
} from '../../../server/stats/advisor.ts';
import { advisorLiterature, fixtures, expectClose } from './fixtures.ts';

describe('advisor vs scipy.stats.norm.ppf and brute-force searches', () => {
  it.each(fixtures.advisor)('s_w $sWithinLog, s_b $sBetweenLog, $days days', (c) => {
    const opts = { alpha: c.alpha, power: c.power };
    expectClose(detectableRatioFollowUp(c.sWithinLog, c.sBetweenLog, c.days, opts), c.expected.detectableRatio, 'detectableRatio');
    expectClose(trendRatioPerYear(c.sWithinLog, c.sBetweenLog, c.days, c.times, opts), c.expected.trendRatioPerYear, 'trendRatioPerYear');
    expect(daysNeeded(c.targetRatio, c.sWithinLog, c.sBetweenLog, opts)).toBe(c.expected.daysNeeded);
    expect(campaignsNeeded(c.targetRatioPerYear, c.sWithinLog, c.sBetweenLog, c.days, c.spacingYears, opts)).toBe(c.expected.campaignsNeeded);
  });
});

describe('advisor sources', () => {
  it('literature defaults: √ln(1 + 0.25²), √ln(1 + 0.2²) (as the Python script)', () => {
    const lit = chooseVariance(null, null);
    expect(lit.source).toBe('literature');
    expectClose(lit.sWithinLog, advisorLiterature.sWithinLog);
    expectClose(lit.sBetweenLog, advisorLiterature.sBetweenLog);
    expect(sigmaLogFromCv(0.25)).toBeCloseTo(0.2462207, 6); // √ln(1.0625) = √0.0606246
  });
  it('own with ≥ 4 campaigns, else pooled with ≥ 4, else literature', () => {
    const own = { sWithinLog: 0.3, sBetweenLog: 0.1, nCampaigns: 4 };
    const pooled = { sWithinLog: 0.2, sBetweenLog: 0.2, nCampaigns: 12 };
    expect(chooseVariance(own, pooled)).toEqual({ ...own, source: 'own' });
    expect(chooseVariance({ ...own, nCampaigns: 3 }, pooled)).toEqual({ ...pooled, source: 'pooled' });
    expect(chooseVariance({ ...own, nCampaigns: 3 }, { ...pooled, nCampaigns: 3 }).source).toBe('literature');
  });
});

describe('advisor by hand', () => {
  it('s_w 0.25, s_b 0, 7 + 7 days: exp(2.801585·0.25·√(2/7)) = exp(0.374376) = 1.45410', () => {
    // z₀.₉₇₅ + z₀.₈ = 1.959964 + 0.841621 = 2.801585
    expect(detectableRatioFollowUp(0.25, 0, 7)).toBeCloseTo(1.4541, 4);
  });
  it('campaign-to-campaign variation alone hides ×1.2: s_b = 0.1 ⇒ exp(2.8016·√0.02) = 1.486 > 1.2, no days help', () => {
    expect(daysNeeded(1.2, 0.25, 0.1)).toBeNull();
    expect(detectableRatioFollowUp(0.25, 0.1, 10_000)).toBeGreaterThan(1.48);
  });
  it('3 + 3 days can never give a days-scope verdict (2/C(6,3) = 0.1); 4 + 4 can (2/70)', () => {
    expect(daysScopeCanDecide(3, 3)).toBe(false);
    expect(daysScopeCanDecide(2, 7)).toBe(false);
    expect(daysScopeCanDecide(4, 4)).toBe(true);
  });
});
