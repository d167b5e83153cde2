// Weekday / weekend profile by sampling start day. EUDA: weekday = Tue–Thu, weekend = Fri–Mon;
// EUDA's 2021 data: weekday = Tue–Fri, weekend = Sat–Mon.
import { mean } from './describe.ts';
import { isoWeekday } from './isoDate.ts';

export interface DatedValue {
  /** Sampling start day, YYYY-MM-DD. */
  date: string;
  value: number;
}

export type WeekdayDaySets = 'euda' | 'euda2021';

export interface WeekdayWeekend {
  weekdayMean: number | null;
  weekendMean: number | null;
  /** weekendMean / weekdayMean; null when either is missing or the weekday mean is 0. */
  weekendRatio: number | null;
}

export interface WeekdayMean {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  n: number;
  mean: number | null;
}

const WEEKDAYS: Record<WeekdayDaySets, ReadonlySet<number>> = {
  euda: new Set([2, 3, 4]),
  euda2021: new Set([2, 3, 4, 5]),
};

export function weekdayWeekend(points: readonly DatedValue[], daySets: WeekdayDaySets = 'euda'): WeekdayWeekend {
  const weekdays = WEEKDAYS[daySets];
  const weekday: number[] = [];
  const weekend: number[] = [];
  for (const point of points) (weekdays.has(isoWeekday(point.date)) ? weekday : weekend).push(point.value);
  const weekdayMean = mean(weekday);
  const weekendMean = mean(weekend);
  const weekendRatio = weekdayMean === null || weekendMean === null || weekdayMean === 0 ? null : weekendMean / weekdayMean;
  return { weekdayMean, weekendMean, weekendRatio };
}

/** Seven entries, Monday first. */
export function meanByWeekday(points: readonly DatedValue[]): WeekdayMean[] {
  const byDay: number[][] = [[], [], [], [], [], [], []];
  for (const point of points) byDay[isoWeekday(point.date) - 1].push(point.value);
  return byDay.map((values, i) => ({ weekday: i + 1, n: values.length, mean: mean(values) }));
}
