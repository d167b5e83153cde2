import { describe, expect, it } from 'vitest';
import { campaignChange, residualSumOfSquares, varianceComponents } from '../../../server/stats/campaignChange.ts';
import { fixtures, expectClose, expectMatches } from './fixtures.ts';

describe('varianceComponents vs numpy (var ddof 1 pooled by df, polyfit residuals)', () => {
  it.each(fixtures.varianceComponents)('$name', ({ groups, expected }) => {
    expectMatches(varianceComponents(groups), expected);
  });
});

describe('campaignChange vs SciPy (norm.sf)', () => {
  it.each(fixtures.campaignChange)('$name', (c) => {
    expectMatches(campaignChange({ baseline: c.baseline, later: c.later, areaCampaigns: c.areaCampaigns, pooledSBetweenLog: c.pooledSBetweenLog }), c.expected);
  });
});

describe('campaignChange by hand', () => {
  const side = (mid: number, logs: number[]) => ({ midEpochDay: mid, days: logs.map((l) => ({ value: Math.exp(l), censored: false, loq: 1 })) });

  it('s_w² = 0.04, s_b = 0.1 (pooled), 2 + 2 days, d = 0.5: SE = √(0.04·1 + 0.02) = 0.24495, z = 2.0412, p = 0.04123', () => {
    // Sides: logs {0.8, 1.2} and {1.3, 1.7}: each variance 0.08 (ddof 1), pooled s_w² = 0.08.
    // Use those: SE = √(0.08·(1/2 + 1/2) + 2·0.01) = √0.1 = 0.316228; z = 0.5/0.316228 = 1.581139;
    // p = 2·(1 − Φ(1.581139)) = 0.113846 (norm.sf(1.581139) = 0.056923).
    const r = campaignChange({ baseline: side(19000, [0.8, 1.2]), later: side(19100, [1.3, 1.7]), areaCampaigns: [], pooledSBetweenLog: 0.1 });
    expect(r.scope).toBe('campaigns');
    expect(r.sBetweenSource).toBe('pooled');
    expectClose(r.sWithinLog, Math.sqrt(0.08));
    expectClose(r.se, Math.sqrt(0.1));
    expectClose(r.test!.z, 0.5 / Math.sqrt(0.1));
    expect(r.test!.p).toBeCloseTo(0.113846, 6);
    expectClose(r.ci95![0], Math.exp(0.5 - 1.96 * Math.sqrt(0.1)));
    expect(r.verdict).toBe('no_clear_change');
  });

  it('without s_b the scope is days and SE covers day-to-day variation only', () => {
    const r = campaignChange({ baseline: side(19000, [0.8, 1.2]), later: side(19100, [1.3, 1.7]), areaCampaigns: [] });
    expect(r.scope).toBe('days');
    expect(r.sBetweenLog).toBeNull();
    expectClose(r.se, Math.sqrt(0.08));
  });

  it('September vs March: seasonDiffers', () => {
    const r = campaignChange({ baseline: side(18888, [1, 1.1]), later: side(19070, [1, 1.2]), areaCampaigns: [] }); // 2021-09-17, 2022-03-18
    expect(r.seasonDiffers).toBe(true);
  });

  it('residuals around a line: points on y = 2t + 1 plus (+1, −2, +1) at t = 0, 1, 2 ⇒ RSS 6', () => {
    // The least-squares line of residuals (1, −2, 1) at t = 0, 1, 2 is flat at 0: RSS = 1 + 4 + 1.
    expectClose(residualSumOfSquares([0, 1, 2], [2, 1, 6]), 6);
  });
});
