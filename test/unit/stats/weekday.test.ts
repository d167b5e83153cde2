import { describe, expect, it } from 'vitest';
import { epochDay, isoWeekday } from '../../../server/stats/isoDate.ts';
import { meanByWeekday, weekdayWeekend } from '../../../server/stats/weekday.ts';
import { expectClose, fixtures } from './scipyFixtures.ts';

describe('weekday profile vs Python datetime.isoweekday + NumPy means', () => {
  it.each(fixtures.weekday)('$name', ({ points, euda, euda2021, byWeekday, isoWeekdays }) => {
    expect(points.map((p) => isoWeekday(p.date))).toEqual(isoWeekdays);
    for (const [daySets, expected] of [['euda', euda], ['euda2021', euda2021]] as const) {
      const actual = weekdayWeekend(points, daySets);
      expectClose(actual.weekdayMean, expected.weekdayMean, `${daySets} weekdayMean`);
      expectClose(actual.weekendMean, expected.weekendMean, `${daySets} weekendMean`);
      expectClose(actual.weekendRatio, expected.weekendRatio, `${daySets} weekendRatio`);
    }
    const actualByDay = meanByWeekday(points);
    expect(actualByDay.map((d) => [d.weekday, d.n])).toEqual(byWeekday.map((d) => [d.weekday, d.n]));
    actualByDay.forEach((d, i) => expectClose(d.mean, byWeekday[i].mean, `weekday ${d.weekday}`));
  });
});

describe('weekday by hand', () => {
  it('2024-01-01 was a Monday, 1970-01-01 a Thursday, 2020-02-29 a Saturday', () => {
    expect(isoWeekday('2024-01-01')).toBe(1);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('2020-02-29')).toBe(6);
    expect(isoWeekday('1969-12-28')).toBe(7);
  });

  it('EUDA: Tue–Thu weekday, Fri–Mon weekend; 2021 sets: Tue–Fri vs Sat–Mon', () => {
    // 2024-01-01 Mon … 2024-01-07 Sun, values 1..7
    const week = [1, 2, 3, 4, 5, 6, 7].map((v) => ({ date: `2024-01-0${v}`, value: v }));
    // EUDA: weekday (2+3+4)/3 = 3; weekend (1+5+6+7)/4 = 4.75; ratio 4.75/3
    expect(weekdayWeekend(week)).toEqual({ weekdayMean: 3, weekendMean: 4.75, weekendRatio: 4.75 / 3 });
    // 2021: weekday (2+3+4+5)/4 = 3.5; weekend (1+6+7)/3 = 14/3
    expect(weekdayWeekend(week, 'euda2021')).toEqual({ weekdayMean: 3.5, weekendMean: 14 / 3, weekendRatio: 14 / 3 / 3.5 });
  });

  it('nulls where a side is empty or the weekday mean is 0', () => {
    expect(weekdayWeekend([{ date: '2024-01-02', value: 5 }])).toEqual({ weekdayMean: 5, weekendMean: null, weekendRatio: null });
    expect(weekdayWeekend([{ date: '2024-01-02', value: 0 }, { date: '2024-01-06', value: 3 }]).weekendRatio).toBeNull();
    expect(meanByWeekday([])).toHaveLength(7);
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => epochDay('2023-02-29')).toThrow(RangeError);
    expect(() => epochDay('2024-1-05')).toThrow(RangeError);
    expect(() => epochDay('2024-01-05T00:00')).toThrow(RangeError);
  });
});
