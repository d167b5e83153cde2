// Calendar arithmetic on 'YYYY-MM-DD' strings in UTC: no time zone can move a sampling day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (UTC). Throws RangeError on anything but a real calendar date. */
export function epochDay(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(isoDate)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date: ${isoDate}`);
  }
  return Math.round(ms / MS_PER_DAY);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday (4). */
export function isoWeekday(isoDate: string): number {
  return ((((epochDay(isoDate) + 3) % 7) + 7) % 7) + 1;
}

/** Years since `originDay` with a year of 365.25 days (the trend's time axis). */
export function yearsSince(isoDate: string, originDay: number): number {
  return (epochDay(isoDate) - originDay) / 365.25;
}
