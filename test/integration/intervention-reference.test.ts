// Issue 12: without a control, the intervention carries the Swedish EUDA cities' change of the
// substance between the years around the event (reference rows inserted directly; the import of
// EUDA files is tested in test/unit/reference).
import { describe, expect, it } from 'vitest';
import { referenceTrend } from '../../server/usecases/interventions.ts';
import { testContext } from '../helpers.ts';

describe('referenceTrend', () => {
  it('Gävle 104 → 121 and Sandviken 79 → 106 (BE, 2020 → 2022): ratio = √(121/104 · 106/79) = 1.2494', async () => {
    const { ctx } = await testContext();
    expect(await referenceTrend(ctx, 'cocaine', '2020-10-01', '2022-04-01')).toEqual({ trend: null, reason: 'no_reference_data' });
    const now = new Date().toISOString();
    const batch = await ctx.db.insertInto('import_batches').values({
      organisation_id: 1, kind: 'reference', file_name: 'euda.csv', size_bytes: 1, sha256: 'x', file_path: 'x', user_id: null, actor: 'test', created_at: now,
      status: 'committed', on_conflict: 'reject', accepted: 5, report_json: '{}', retracted_at: null, retracted_by: null, retract_reason: null,
    }).returning('id').executeTakeFirstOrThrow();
    const row = (year: number, city: string, country: string, daily: number) => ({
      batch_id: batch.id, year, substance_key: 'benzoylecgonine', site_id: city, country, city, population: null,
      wed: null, thu: null, fri: null, sat: null, sun: null, mon: null, tue: null, weekday_mean: null, weekend_mean: null, daily_mean: daily, active: 1,
    });
    await ctx.db.insertInto('reference_values').values([
      row(2020, 'Gävle', 'SE', 104), row(2022, 'Gävle', 'SE', 121), row(2020, 'Sandviken', 'SE', 79), row(2022, 'Sandviken', 'SE', 106),
      row(2020, 'Oslo', 'NO', 500), row(2022, 'Oslo', 'NO', 100), // not Swedish: left out
      row(2021, 'Gävle', 'SE', 1), // a year not around the event
    ]).execute();
    // The event falls in 2021: the last year ≤ 2020 (before) against the first ≥ 2022 (after).
    const r = await referenceTrend(ctx, 'cocaine', '2020-10-01', '2022-04-01');
    expect(r.reason).toBeNull();
    expect(r.trend).toMatchObject({ source: 'euda_swedish_cities', fromYear: 2020, toYear: 2022 });
    expect(r.trend!.cities.map((c) => c.city)).toEqual(['Gävle', 'Sandviken']);
    expect(r.trend!.ratio).toBeCloseTo(Math.sqrt((121 / 104) * (106 / 79)), 12);
    expect(r.trend!.ratio).toBeCloseTo(1.2494, 4);
    // Years outside the data
    expect((await referenceTrend(ctx, 'benzoylecgonine', '2018-01-01', '2019-06-01')).reason).toBe('years_not_covered');
    expect((await referenceTrend(ctx, 'benzoylecgonine', '2023-01-01', '2024-06-01')).reason).toBe('years_not_covered');
    await ctx.destroy();
  });
});
