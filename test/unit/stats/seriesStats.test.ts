import { describe, expect, it } from 'vitest';
import { baselineOf, changeOf, pooledSBetweenLog, trendOf } from '../../../server/stats/seriesStats.ts';
import type { Series } from '../../../server/stats/types.ts';

const series = (points: { date: string; value: number | null; censored?: boolean; loq?: number }[]): Series => ({
  area: 'A',
  substance: 's',
  metric: 'normalized_load',
  censoredMode: 'half_loq',
  source: 'own',
  points: points.map((p) => ({ date: p.date, value: p.value, censored: p.censored ?? false, loqNgL: 1, concentrationNgL: p.value, loq: p.loq ?? null })),
});

/** Two consecutive days per campaign with values mean − 1 and mean + 1. */
const twoDayCampaigns = (starts: string[], means: number[]) =>
  starts.flatMap((d, i) => {
    const next = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return [{ date: d, value: means[i] - 1 }, { date: next, value: means[i] + 1 }];
  });

describe('trendOf: on campaign means (DOMAIN.md "Campaigns")', () => {
  // Five two-day campaigns 73 days apart; campaign means 1, 3, 2, 5, 4 at their middle dates.
  const starts = ['2024-01-01', '2024-03-14', '2024-05-26', '2024-08-07', '2024-10-19'];
  const s = series(twoDayCampaigns(starts, [1, 3, 2, 5, 4]));

  it('by hand: Mann–Kendall and Sen on the 5 means, the line through SciPy’s intercept', () => {
    const t = trendOf(s);
    expect(t.unit).toBe('campaign');
    expect(t.n).toBe(5);
    expect(t.nDays).toBe(10);
    expect(t.campaigns.map((c) => c.mean)).toEqual([1, 3, 2, 5, 4]);
    expect(t.campaigns[0]).toMatchObject({ id: '2024-01-01_2024-01-02', from: '2024-01-01', to: '2024-01-02', mid: '2024-01-01', n: 2, belowLoq: false });
    // S: 8 concordant − 2 discordant pairs = 6; varS = 5·4·15/18; z = (6 − 1)/√varS = 1.2247;
    // p = 2·(1 − Φ(1.2247)) = 0.22067136191984693 (scipy.stats.norm.sf(1.224744871391589)*2).
    expect(t.mannKendall!.s).toBe(6);
    expect(t.mannKendall!.p).toBeCloseTo(0.22067136191984693, 12);
    expect(t.verdict).toBe('no_clear_change');
    // Pairwise slopes per 73-day step: −1, −1, 1/3, 0.5, 0.75, 1, 1, 4/3, 2, 3 ⇒ median 0.875.
    const perStep = 0.875;
    expect(t.sen!.slopePerYear).toBeCloseTo((perStep * 365.25) / 73, 9);
    // Intercept = median(y) − slope·median(x) = 3 − 0.875·2 = 1.25 at the first mid; + 0.875·4 at the last.
    expect(t.line!.map((p) => p.date)).toEqual(['2024-01-01', '2024-10-19']);
    expect(t.line![0].value).toBeCloseTo(1.25, 9);
    expect(t.line![1].value).toBeCloseTo(4.75, 9);
  });

  it('too_few_data below 5 campaigns, with no slope: one week is "cannot be judged yet"', () => {
    const week = series([1, 2, 3, 4, 5, 6, 7].map((d) => ({ date: `2024-01-0${d}`, value: d })));
    const t = trendOf(week);
    expect(t.nCampaigns).toBe(1);
    expect(t.verdict).toBe('too_few_data');
    expect(t.sen).toBeNull();
    expect(t.line).toBeNull();
    expect(trendOf(series(twoDayCampaigns(starts.slice(0, 4), [1, 2, 3, 4]))).verdict).toBe('too_few_data');
    expect(trendOf(series([])).line).toBeNull();
  });
});

describe('changeOf: against s_w and s_b (DOMAIN.md), by hand', () => {
  // Four two-day campaigns 365 days apart; each campaign's logs are ln 100 + m ± 0.1 with
  // m = 0, 1, 1, 0. s_w² = var(m − 0.1, m + 0.1) = 0.02. The log-means 0, 1, 1, 0 have a flat
  // least-squares line over equally spaced times (Σ(t − t̄)(y − ȳ) = 0), residuals ±0.5, RSS = 1,
  // ddof 2 ⇒ 0.5; s_b² = 0.5 − mean(s_w²/2) = 0.49. Baseline = campaign 1, later = campaign 2:
  // d = 1, SE = √(0.02·(1/2 + 1/2) + 2·0.49) = 1, z = 1, p = 2·(1 − Φ(1)) = 0.31731050786291415
  // (scipy.stats.norm.sf(1)*2), ratio e, interval exp(1 ± 1.96),
  // detectableRatio = exp(z₀.₉₇₅ + z₀.₈₀) = 16.47073579595404 (np.exp(norm.ppf(.975)+norm.ppf(.8))).
  const starts = ['2024-01-01', '2024-12-31', '2025-12-31', '2026-12-31'];
  const m = [0, 1, 1, 0];
  const points = starts.flatMap((d, i) => {
    const next = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return [{ date: d, value: 100 * Math.exp(m[i] - 0.1) }, { date: next, value: 100 * Math.exp(m[i] + 0.1) }];
  });
  const baseline = { from: '2024-01-01', to: '2024-01-02' };
  const later = { from: '2024-12-31', to: '2025-01-01' };

  it('own s_b (4 campaigns): campaign scope, z = 1, p = 0.3173', () => {
    const c = changeOf(series(points), baseline, later);
    expect(c.scope).toBe('campaigns');
    expect(c.sBetweenSource).toBe('own');
    expect(c.sWithinLog!).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(c.sBetweenLog!).toBeCloseTo(0.7, 12);
    expect(c.test!.z).toBeCloseTo(1, 12);
    expect(c.test!.p).toBeCloseTo(0.31731050786291415, 12);
    expect(c.ratio!).toBeCloseTo(Math.E, 12);
    expect(c.ci95![0]).toBeCloseTo(Math.exp(1 - 1.96), 12);
    expect(c.ci95![1]).toBeCloseTo(Math.exp(1 + 1.96), 12);
    expect(c.detectableRatio!).toBeCloseTo(16.47073579595404, 9);
    expect(c.mannWhitney).toBeNull();
    expect(c.seasonDiffers).toBe(false); // January and December: both winter
    expect(c.verdict).toBe('no_clear_change');
  });

  it('pooled s_b when the area has too few campaigns; days scope without any', () => {
    const two = series(points.slice(0, 4));
    expect(pooledSBetweenLog([two])).toBeNull(); // 2 campaigns < 4
    expect(pooledSBetweenLog([series(points)])).toBeCloseTo(0.7, 12);
    const pooled = changeOf(two, baseline, later, { pooledSBetweenLog: 0.7 });
    expect(pooled.scope).toBe('campaigns');
    expect(pooled.sBetweenSource).toBe('pooled');
    expect(pooled.test!.z).toBeCloseTo(1, 12);
    const days = changeOf(two, baseline, later);
    expect(days.scope).toBe('days');
    expect(days.test).toBeNull();
    expect(days.mannWhitney).not.toBeNull();
    expect(days.verdict).toBe('too_few_data'); // 2 + 2 days: the exact test cannot reach 0.05
  });

  it('refuses when the LOQ changed and a side has censored days', () => {
    const s = series([
      { date: '2024-01-01', value: 5, censored: true, loq: 10 }, { date: '2024-01-02', value: 20 }, { date: '2024-01-03', value: 30 },
      { date: '2024-06-01', value: 2, censored: true, loq: 4 }, { date: '2024-06-02', value: 20 }, { date: '2024-06-03', value: 30 },
    ]);
    // the LOQ lives on the censored day (loq in the metric's unit); campaignChange compares the sides' LOQ sets
    const c = changeOf(s, { from: '2024-01-01', to: '2024-01-03' }, { from: '2024-06-01', to: '2024-06-03' });
    expect(c.verdict).toBe('loq_changed');
    expect(c.ratio).toBeNull();
  });
});

describe('baselineOf: below LOQ honestly', () => {
  it('1–50 % censored: the Kaplan–Meier mean by default, substitution on request', () => {
    // 1, <3, 4, 5. Left-censored KM (Helsel 2012): from the top, 5 and 4 each take 1/4; "<3" leaves
    // the risk set; 1 takes the remaining 1/2. Mean = 5/4 + 4/4 + 1/2 = 2.75.
    // LOQ/2 substitution: (1 + 1.5 + 4 + 5)/4 = 2.875.
    const s = series([
      { date: '2024-01-01', value: 1 }, { date: '2024-01-02', value: 1.5, censored: true, loq: 3 }, { date: '2024-01-03', value: 4 }, { date: '2024-01-04', value: 5 },
    ]);
    const range = { from: '2024-01-01', to: '2024-01-04' };
    const km = baselineOf(s, range);
    expect(km.meanEstimator).toBe('kaplan_meier');
    expect(km.mean!).toBeCloseTo(2.75, 12);
    const sub = baselineOf(s, range, { estimator: 'substitution' });
    expect(sub.mean!).toBeCloseTo(2.875, 12);
    expect(km.belowLoq).toBe(false);
  });

  it('more than half censored: "< LOQ, at most upperBound" with no mean, interval or weekend ratio', () => {
    const s = series([
      { date: '2024-01-01', value: 1, censored: true, loq: 2 }, { date: '2024-01-02', value: 1.5, censored: true, loq: 3 }, { date: '2024-01-03', value: 4 },
    ]);
    const b = baselineOf(s, { from: '2024-01-01', to: '2024-01-03' });
    expect(b.belowLoq).toBe(true);
    expect(b.upperBound!).toBeCloseTo((2 + 3 + 4) / 3, 12);
    expect(b.mean).toBeNull();
    expect(b.ci95).toBeNull();
    expect(b.weekendRatio).toBeNull();
  });
});
