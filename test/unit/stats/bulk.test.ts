// computeStatsBulk (worker threads) must return exactly the rows of the serial loop.
import { afterAll, describe, expect, it } from 'vitest';
import { closeStatsPool, computeStatsBulk, computeStatsRow, lastBulkRun } from '../../../server/stats/bulk.ts';
import { decodeChunk, encodeChunk } from '../../../server/stats/bulkRows.ts';
import type { Series } from '../../../server/series.ts';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeSeries(count: number, seed: number): Series[] {
  const random = rng(seed);
  return Array.from({ length: count }, (_, s) => {
    const n = s % 7 === 0 ? 3 : 120 + Math.floor(random() * 40);
    const start = Date.UTC(2020, 2, 1);
    const points = Array.from({ length: n }, (_, i) => {
      const censored = random() < 0.2;
      const value = random() < 0.05 ? null : censored ? 0.5 : s % 5 === 0 && random() < 0.3 ? -0 : Math.exp(2 + random() + i * 0.002);
      return { date: new Date(start + (i + Math.floor(i / 30) * 60) * 86_400_000).toISOString().slice(0, 10), value, censored, loqNgL: 1, concentrationNgL: null };
    });
    return { area: `A${s % 13}`, substance: `s${s}`, metric: 'normalized_load', censoredMode: 'half_loq', points, source: s % 3 ? 'own' : 'rollup' } as Series;
  });
}

const what = {
  baseline: { from: '2020-03-01', to: '2020-03-31' },
  current: { from: '2020-08-01', to: '2020-08-31' },
  trend: true as const,
};

/** JSON would merge −0 and +0; compare with Object.is. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  const ka = Object.keys(a as object);
  return ka.length === Object.keys(b as object).length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

afterAll(async () => {
  await closeStatsPool();
});

describe('computeStatsBulk', () => {
  it('column encoding round-trips what the statistics read', () => {
    const series = makeSeries(12, 1);
    const decoded = decodeChunk(encodeChunk(series, 2, 9));
    expect(decoded).toHaveLength(7);
    decoded.forEach((d, i) => {
      const o = series[2 + i];
      expect([d.area, d.substance, d.metric, d.source]).toEqual([o.area, o.substance, o.metric, o.source]);
      expect(same(d.points.map((p) => [p.date, p.value, p.censored]), o.points.map((p) => [p.date, p.value, p.censored]))).toBe(true);
    });
  });

  it('two workers give the serial rows, in order, bit for bit', async () => {
    const series = makeSeries(90, 2);
    const serial = series.map((s) => computeStatsRow(s, what));
    const parallel = await computeStatsBulk(series, what, { workers: 2, chunkSize: 7 });
    expect(lastBulkRun()).toEqual({ mode: 'workers', workers: 2 });
    expect(parallel).toHaveLength(series.length);
    expect(same(parallel, serial)).toBe(true);
    // A range for the trend, and baseline only.
    const some = { baseline: what.baseline, trend: { from: '2020-04-01' } };
    expect(same(await computeStatsBulk(series, some, { workers: 2 }), series.map((s) => computeStatsRow(s, some)))).toBe(true);
  }, 60_000);

  it('workers: 0 computes in this thread; empty input gives no rows', async () => {
    const series = makeSeries(5, 3);
    expect(same(await computeStatsBulk(series, what, { workers: 0 }), series.map((s) => computeStatsRow(s, what)))).toBe(true);
    expect(await computeStatsBulk([], what, { workers: 2 })).toEqual([]);
  });

  it('a series whose statistics throw fails the call with the serial error', async () => {
    const series = makeSeries(40, 4);
    series[33].points[5].date = '2020-02-30';
    let serialError: unknown;
    try {
      series.map((s) => computeStatsRow(s, what));
    } catch (e) {
      serialError = e;
    }
    expect(serialError).toBeInstanceOf(RangeError);
    await expect(computeStatsBulk(series, what, { workers: 2, chunkSize: 8 })).rejects.toThrow((serialError as Error).message);
    // The pool survives a failing job.
    const ok = makeSeries(10, 5);
    expect(same(await computeStatsBulk(ok, what, { workers: 2 }), ok.map((s) => computeStatsRow(s, what)))).toBe(true);
    expect(lastBulkRun().mode).toBe('workers');
  }, 60_000);
});
