import { describe, expect, it } from 'vitest';
import { flaggedDumpingDates } from '../../server/domain/dumping.ts';

const day = (i: number) => `2024-03-${String(i + 1).padStart(2, '0')}`;

describe('dumping flag (cocaine / benzoylecgonine)', () => {
  it('flags a day whose ratio is more than 3 × the area median', () => {
    // BE 100 every day; cocaine 40, 42, 38, 41, 39, 200, 40 → ratios 0.40 … 2.00; median 0.40;
    // 2.00 > 3 × 0.40 = 1.2 → flagged; 0.42 is not.
    const coc = [40, 42, 38, 41, 39, 200, 40].map((v, i) => ({ date: day(i), concentrationNgL: v, censored: false }));
    const be = coc.map((p) => ({ date: p.date, concentrationNgL: 100, censored: false }));
    const r = flaggedDumpingDates(coc, be);
    expect(r.filter((x) => x.flagged).map((x) => x.date)).toEqual([day(5)]);
    expect(r[5].ratio).toBe(2);
  });

  it('needs at least 5 days with both measured, and skips censored days', () => {
    const coc = [40, 200, 40, 40].map((v, i) => ({ date: day(i), concentrationNgL: v, censored: false }));
    const be = coc.map((p) => ({ date: p.date, concentrationNgL: 100, censored: false }));
    expect(flaggedDumpingDates(coc, be).some((x) => x.flagged)).toBe(false);
    const withCensored = flaggedDumpingDates([{ date: day(0), concentrationNgL: null, censored: true }], [{ date: day(0), concentrationNgL: 100, censored: false }]);
    expect(withCensored).toEqual([]);
  });
});
