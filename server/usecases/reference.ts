import type { AppContext } from '../context.ts';
import { findReferenceSites, findReferenceValues, findReferenceYears } from '../db/repositories/reference.repository.ts';
import { eudaSiteKey } from '../reference/euda.ts';

/** Swedish cities' and the European median daily mean for a substance and year (latest year by default). */
export async function referenceFor(ctx: AppContext, substance: string, year?: number) {
  const years = await findReferenceYears(ctx.db, substance);
  const y = year ?? years[years.length - 1];
  const attribution = 'EUDA and SCORE (CC BY 4.0)';
  if (y === undefined) return { substance, year: null, years, swedishCities: [], europeanMedian: null, nCities: 0, attribution };
  const rows = await findReferenceValues(ctx.db, substance, y);
  const sites = new Map((await findReferenceSites(ctx.db)).map((s) => [s.site_key, s.population]));
  const daily = (r: (typeof rows)[number]) => {
    if (r.daily_mean != null) return r.daily_mean;
    const d = [r.wed, r.thu, r.fri, r.sat, r.sun, r.mon, r.tue].filter((v): v is number => v != null);
    return d.length ? d.reduce((a, b) => a + b, 0) / d.length : null;
  };
  const means = rows.map(daily).filter((v): v is number => v != null).sort((a, b) => a - b);
  const mid = means.length / 2;
  const europeanMedian = means.length ? (means.length % 2 ? means[Math.floor(mid)] : (means[mid - 1] + means[mid]) / 2) : null;
  const swedishCities = rows.filter((r) => r.country === 'SE').map((r) => ({ city: r.city, siteId: r.site_id, dailyMean: daily(r), population: sites.get(eudaSiteKey(r.country, r.city)) ?? null }))
    .sort((a, b) => a.city.localeCompare(b.city, 'sv'));
  return { substance, year: y, years, swedishCities, europeanMedian, nCities: means.length, attribution };
}
