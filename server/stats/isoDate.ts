// Calendar arithmetic on 'YYYY-MM-DD' strings in UTC: no time zone can move a sampling day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The reference definition (regex + Date.UTC); the fast path below must agree with it. */
function epochDayViaDate(isoDate: string): number {
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

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at i, or −1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Days since 1970-01-01 (UTC). Throws RangeError on anything but a real calendar date.
 * Parsed from the character codes (days from the civil date, H. Hinnant's algorithm); anything
 * unusual (not a string, a malformed string, an invalid date, years 0000–0099, which Date.UTC
 * reads as 19xx) goes through the Date-based definition for its exact error.
 */
export function epochDay(isoDate: string): number {
  if (typeof isoDate !== 'string' || isoDate.length !== 10 || isoDate.charCodeAt(4) !== 45 || isoDate.charCodeAt(7) !== 45) {
    return epochDayViaDate(isoDate);
  }
  const hi = twoDigits(isoDate, 0);
  const lo = twoDigits(isoDate, 2);
  const month = twoDigits(isoDate, 5);
  const day = twoDigits(isoDate, 8);
  const year = hi * 100 + lo;
  if (hi < 1 || lo < 0 || month < 1 || month > 12 || day < 1) return epochDayViaDate(isoDate);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month])) return epochDayViaDate(isoDate);
  const y = month <= 2 ? year - 1 : year; // ≥ 99: no negative eras
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday (4). */
export function isoWeekday(isoDate: string): number {
  return ((((epochDay(isoDate) + 3) % 7) + 7) % 7) + 1;
}

/** Years since `originDay` with a year of 365.25 days (the trend's time axis). */
export function yearsSince(isoDate: string, originDay: number): number {
  return (epochDay(isoDate) - originDay) / 365.25;
}
