// Campaigns (DOMAIN.md "Campaigns", API.md): a run of sampling dates of one area with gaps of at
// most 2 days, and its summary: the mean of its daily values (EUDA practice) at its middle date.
import { epochDay } from '../stats/isoDate.ts';

/** Largest number of missing days between two sampling dates of one campaign (API.md). */
export const MAX_CAMPAIGN_GAP_DAYS = 2;

export interface CampaignRun {
  from: string;
  to: string;
  /** The distinct sampling dates, ascending. */
  dates: string[];
}

/** 'YYYY-MM-DD' of a day count since 1970-01-01 (UTC). */
export function isoDateOfEpochDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Runs of sampling dates (any order, duplicates ignored). A "gap" is the number of days without
 * a sample between two consecutive sampling dates (epoch-day difference − 1): consecutive days
 * have gap 0, so with the default of 2 a Friday–Sunday weekend followed by a Wednesday is one
 * campaign (Mon, Tue missing), while a 3-day hole starts a new one.
 */
export function detectCampaigns(dates: readonly string[], maxGapDays = MAX_CAMPAIGN_GAP_DAYS): CampaignRun[] {
  const days = [...new Set(dates)].map((d) => ({ d, day: epochDay(d) })).sort((a, b) => a.day - b.day);
  const runs: CampaignRun[] = [];
  let current: { d: string; day: number }[] = [];
  for (const entry of days) {
    if (current.length > 0 && entry.day - current[current.length - 1].day - 1 > maxGapDays) {
      runs.push(runOf(current));
      current = [];
    }
    current.push(entry);
  }
  if (current.length > 0) runs.push(runOf(current));
  return runs;
}

function runOf(entries: { d: string }[]): CampaignRun {
  return { from: entries[0].d, to: entries[entries.length - 1].d, dates: entries.map((e) => e.d) };
}

export interface CampaignDay {
  date: string;
  /** The number statistics use: measured, or the substitute for a censored day (censoring.ts). */
  value: number;
  censored: boolean;
  /** The day's LOQ in the value's unit; null when unknown. */
  loq: number | null;
}

export interface CampaignSummary {
  from: string;
  to: string;
  /** The middle date, (from + to) / 2, rounded down to a day for display. */
  mid: string;
  /** (from + to) / 2 in days since 1970-01-01; may end in .5 (the trend's time axis). */
  midEpochDay: number;
  n: number;
  nCensored: number;
  /** nCensored / n. */
  shareBelowLoq: number;
  /** mean(value) over the days. The API shows null instead when mostlyBelowLoq. */
  mean: number;
  /** More than half the days below LOQ: report "< LOQ, at most upperBound" (DOMAIN.md). */
  mostlyBelowLoq: boolean;
  /** mean with censored days at their LOQ; null when a censored day has no LOQ. */
  upperBound: number | null;
}

/** Summary of one campaign's days (at least one). */
export function summariseCampaign(days: readonly CampaignDay[]): CampaignSummary {
  if (days.length === 0) throw new RangeError('a campaign has at least one day');
  const epochDays = days.map((d) => epochDay(d.date));
  const first = Math.min(...epochDays);
  const last = Math.max(...epochDays);
  const midEpochDay = (first + last) / 2;
  const n = days.length;
  const nCensored = days.filter((d) => d.censored).length;
  let sum = 0;
  let upperSum = 0;
  let upperKnown = true;
  for (const d of days) {
    sum += d.value;
    if (!d.censored) upperSum += d.value;
    else if (d.loq === null || !Number.isFinite(d.loq)) upperKnown = false;
    else upperSum += d.loq;
  }
  return {
    from: isoDateOfEpochDay(first),
    to: isoDateOfEpochDay(last),
    mid: isoDateOfEpochDay(Math.floor(midEpochDay)),
    midEpochDay,
    n,
    nCensored,
    shareBelowLoq: nCensored / n,
    mean: sum / n,
    mostlyBelowLoq: 2 * nCensored > n,
    upperBound: upperKnown ? upperSum / n : null,
  };
}

/** Meteorological season of a date: DJF winter, MAM spring, JJA summer, SON autumn. */
export type Season = 'winter' | 'spring' | 'summer' | 'autumn';

export function meteorologicalSeason(isoDate: string): Season {
  const month = Number(isoDate.slice(5, 7));
  if (month === 12 || month <= 2) return 'winter';
  if (month <= 5) return 'spring';
  if (month <= 8) return 'summer';
  return 'autumn';
}
