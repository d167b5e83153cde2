import { describe, expect, it } from 'vitest';
import { detectableRatio } from '../../../server/stats/detectableRatio.ts';
import { expectClose, fixtures } from './scipyFixtures.ts';

describe('detectableRatio vs scipy.stats.t.ppf and np.std(ddof=1)', () => {
  it.each(fixtures.detectableRatio)('$name', ({ baseline, n1, n2, expected }) => {
    expectClose(detectableRatio(baseline, n1, n2), expected, 'detectable ratio');
  });
});

describe('detectableRatio by hand (API.md)', () => {
  it('s = 0.198 (CV 20 %), 7 + 7 days ⇒ ≈ ×1.38', () => {
    // logs −a, a, 0, 0, 0, 0, 0 with a = 0.198·√3: sd = √(2a²/6) = 0.198.
    // df = 12: t.975 = 2.178813, t.80 = 0.872609; exp(3.051422 · 0.198 · √(2/7)) = exp(0.32295) = 1.3812
    const a = 0.198 * Math.sqrt(3);
    const baseline = [-a, a, 0, 0, 0, 0, 0].map(Math.exp);
    const ratio = detectableRatio(baseline, 7, 7)!;
    expect(ratio).toBeCloseTo(1.3812, 4);
  });

  it('null with fewer than 2 positive values or df < 1', () => {
    expect(detectableRatio([0, 0, 5], 3, 3)).toBeNull();
    expect(detectableRatio([3, 4], 1, 1)).toBeNull();
  });
});
