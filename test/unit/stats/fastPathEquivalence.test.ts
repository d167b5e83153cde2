// The optimised statistics must give bit-identical results to the implementations they replaced
// (frozen in legacyReference.ts): same values (Object.is, so even the sign of a zero), same
// nulls, same errors — over random data with ties, censoring-like plateaus, duplicate dates,
// unsorted input, zeros of both signs and sizes on both sides of every algorithm switch.
import { describe, expect, it } from 'vitest';
import { bootstrapMeanCI, bootstrapRatioCI } from '../../../server/stats/bootstrap.ts';
import { epochDay } from '../../../server/stats/isoDate.ts';
import { kendallTieTerm, mannKendall } from '../../../server/stats/mannKendall.ts';
import { orderStatistics } from '../../../server/stats/select.ts';
import { senSlope } from '../../../server/stats/senSlope.ts';
import { trendSummary, type StatPoint } from '../../../server/stats/summaries.ts';
import { trendOf } from '../../../server/usecases/statistics.ts';
import type { Series } from '../../../server/series.ts';
import {
  legacyBootstrapMeanCI,
  legacyBootstrapRatioCI,
  legacyEpochDay,
  legacyKendallTieTerm,
  legacyMannKendall,
  legacyOrderStatistics,
  legacySenSlope,
  legacyTrendLine,
  legacyTrendSummary,
} from './legacyReference.ts';

/** Deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deep equality with Object.is on numbers (−0 ≠ +0). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function expectSame(actual: unknown, expected: unknown, what: string): void {
  if (!same(actual, expected)) expect({ what, actual }).toEqual({ what, actual: expected });
}

function outcome<T>(run: () => T): { ok: T } | { error: string } {
  try {
    return { ok: run() };
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}

type Shape = 'lognormal' | 'censored' | 'tied' | 'trend' | 'zeros' | 'signedZeros' | 'constant' | 'tiny';

function values(random: () => number, n: number, shape: Shape): number[] {
  return Array.from({ length: n }, (_, i) => {
    const g = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    switch (shape) {
      case 'lognormal':
        return Math.exp(3 + 0.5 * g);
      case 'censored':
        return random() < 0.6 ? 0.5 : Math.round(100 * Math.exp(0.5 * g)) / 100 + 1;
      case 'tied':
        return Math.round(4 * random());
      case 'trend':
        return Math.round(100 * Math.exp(3 + 0.3 * g + 0.004 * i)) / 100;
      case 'zeros':
        return random() < 0.5 ? 0 : Math.exp(g);
      case 'signedZeros':
        return random() < 0.3 ? -0 : random() < 0.5 ? 0 : g;
      case 'constant':
        return 7;
      case 'tiny':
        return g * 1e-300;
    }
  });
}

const SHAPES: Shape[] = ['lognormal', 'censored', 'tied', 'trend', 'zeros', 'signedZeros', 'constant', 'tiny'];

function dailyDates(random: () => number, n: number, opts: { duplicates?: boolean; shuffled?: boolean; gaps?: boolean }): string[] {
  const start = Date.UTC(2014, 2, 8);
  let day = 0;
  const dates = Array.from({ length: n }, () => {
    const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
    if (!(opts.duplicates && random() < 0.2)) day += opts.gaps && random() < 0.1 ? 1 + Math.floor(random() * 90) : 1;
    return date;
  });
  if (opts.shuffled) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [dates[i], dates[j]] = [dates[j], dates[i]];
    }
  }
  return dates;
}

describe('epochDay: fast path = Date.UTC definition', () => {
  it('every day 1890–2110, and the edges of the format', () => {
    for (let ms = Date.UTC(1890, 0, 1); ms <= Date.UTC(2110, 11, 31); ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      if (epochDay(iso) !== legacyEpochDay(iso)) expect(epochDay(iso)).toBe(legacyEpochDay(iso));
    }
    const odd = [
      '0000-01-01', '0099-12-31', '0100-01-01', '0100-02-29', '0400-02-29', '1900-02-29', '2000-02-29', '2023-02-29', '2024-02-29',
      '9999-12-31', '2024-00-10', '2024-13-01', '2024-04-31', '2024-04-00', '2024-1-01', '2024-01-1', '2024/01/01', '20240101',
      '2024-01-01 ', ' 2024-01-01', '2024-01-01\n', '２０２４-01-01', '2024-0a-01', '+02024-01-01', '', 'x',
    ];
    for (const s of odd) expectSame(outcome(() => epochDay(s)), outcome(() => legacyEpochDay(s)), s);
    for (const v of [undefined, null, 20240101, new Date(0)]) {
      expectSame(outcome(() => epochDay(v as unknown as string)), outcome(() => legacyEpochDay(v as unknown as string)), String(v));
    }
  });
});

describe('order statistics = the Floyd–Rivest selection they replaced', () => {
  it('random arrays around every size threshold, ranks anywhere, ties and signed zeros', () => {
    const random = rng(11);
    for (const n of [1, 2, 47, 48, 49, 600, 1023, 1024, 1025, 2047, 2048, 4000, 5000, 39_060]) {
      for (const shape of SHAPES) {
        const data = Float64Array.from(values(random, n, shape));
        const rankSets = [
          [0, n - 1],
          [n >> 1],
          [Math.max(0, (n >> 1) - 1), n >> 1, Math.floor(n * 0.46), Math.floor(n * 0.54)],
          [Math.floor((n - 1) * 0.025), Math.min(n - 1, Math.floor((n - 1) * 0.025) + 1), Math.floor((n - 1) * 0.975), Math.min(n - 1, Math.floor((n - 1) * 0.975) + 1)],
          [Math.floor(random() * n), Math.floor(random() * n), Math.floor(random() * n), Math.floor(random() * n), Math.floor(random() * n)],
        ];
        for (const ranks of rankSets) {
          expectSame(orderStatistics(Float64Array.from(data), ranks), legacyOrderStatistics(Float64Array.from(data), ranks), `${shape} n=${n} ${ranks}`);
        }
      }
    }
  });

  it('infinities and NaN are handled as before', () => {
    const random = rng(5);
    const data = Float64Array.from({ length: 5000 }, () => (random() < 0.01 ? Infinity : random() < 0.01 ? -Infinity : random()));
    expectSame(orderStatistics(Float64Array.from(data), [0, 10, 2500, 4990, 4999]), legacyOrderStatistics(Float64Array.from(data), [0, 10, 2500, 4990, 4999]), 'inf');
  });
});

describe('Mann–Kendall and Sen = the pairwise implementations they replaced', () => {
  it('random series of every shape and size, times ascending, tied, unsorted', () => {
    const random = rng(3);
    for (const n of [0, 1, 2, 3, 5, 10, 30, 46, 47, 100, 280, 281]) {
      for (const shape of SHAPES) {
        const v = values(random, n, shape);
        const ascending = Array.from({ length: n }, (_, i) => i / 365.25);
        const tiedTimes = Array.from({ length: n }, (_, i) => Math.floor(i / 3) / 365.25);
        const shuffled = ascending.map((t) => t).sort(() => random() - 0.5);
        expectSame(outcome(() => mannKendall(v)), outcome(() => legacyMannKendall(v)), `mk ${shape} ${n}`);
        expectSame(kendallTieTerm(v), legacyKendallTieTerm(v), `ties ${shape} ${n}`);
        for (const [name, t] of [['ascending', ascending], ['tied', tiedTimes], ['shuffled', shuffled], ['descending', [...ascending].reverse()]] as const) {
          expectSame(outcome(() => senSlope(t, v)), outcome(() => legacySenSlope(t, v)), `sen ${shape} ${name} ${n}`);
          expectSame(outcome(() => senSlope(t, v, 0.9)), outcome(() => legacySenSlope(t, v, 0.9)), `sen90 ${shape} ${name} ${n}`);
        }
      }
    }
  });

  it('ten years of daily values (6.7 M slopes)', () => {
    const random = rng(9);
    const v = values(random, 3650, 'trend');
    const t = Array.from({ length: 3650 }, (_, i) => i / 365.25);
    expectSame(senSlope(t, v), legacySenSlope(t, v), 'long');
  });

  it('errors are the same', () => {
    for (const [t, v] of [[[0, 1, 2], [1, NaN, 2]], [[0, Infinity], [1, 2]], [[0, 1], [1]]] as [number[], number[]][]) {
      expectSame(outcome(() => senSlope(t, v)), outcome(() => legacySenSlope(t, v)), `${t} ${v}`);
      expectSame(outcome(() => mannKendall(v)), outcome(() => legacyMannKendall(v)), `${v}`);
    }
  });
});

describe('trendSummary and trendOf = before', () => {
  it('random point sets: duplicate dates, gaps, shuffled order', () => {
    const random = rng(17);
    for (const n of [0, 1, 2, 4, 5, 20, 100, 280]) {
      for (const shape of SHAPES) {
        for (const opts of [{}, { duplicates: true }, { shuffled: true, gaps: true }, { duplicates: true, shuffled: true }]) {
          const v = values(random, n, shape);
          const dates = dailyDates(random, n, opts);
          const points: StatPoint[] = dates.map((date, i) => ({ date, value: v[i], censored: false }));
          const expected = outcome(() => legacyTrendSummary(points));
          expectSame(outcome(() => trendSummary(points)), expected, `trend ${shape} ${n} ${JSON.stringify(opts)}`);
          const series: Series = { area: 'A', substance: 's', metric: 'normalized_load', censoredMode: 'half_loq', source: 'own', points: points.map((p) => ({ ...p, loqNgL: 1, concentrationNgL: p.value })) } as unknown as Series;
          const actual = outcome(() => trendOf(series));
          if ('ok' in expected && 'ok' in actual) {
            const sen = expected.ok.sen;
            const line = points.length >= 2 && sen ? legacyTrendLine(points, sen.slopePerYear) : null;
            expectSame(actual.ok.line, line, `line ${shape} ${n} ${JSON.stringify(opts)}`);
            expectSame(actual.ok.mannKendall, expected.ok.mannKendall, 'trendOf mk');
          } else expectSame(actual, expected, 'trendOf error');
        }
      }
    }
  });

  it('bad input fails the same way', () => {
    const good = { date: '2024-01-02', value: 1, censored: false };
    for (const bad of [{ date: '2024-02-30', value: 1 }, { date: '2024-1-5', value: 1 }, { date: '2024-01-03', value: NaN }, { date: '2024-01-01', value: Infinity }]) {
      const points = [good, { ...good, date: '2024-01-05' }, { ...bad, censored: false }];
      expectSame(outcome(() => trendSummary(points)), outcome(() => legacyTrendSummary(points)), JSON.stringify(bad));
    }
  });
});

describe('bootstrap intervals = before', () => {
  it('means and ratios of small and large samples, zeros, ties', () => {
    const random = rng(23);
    for (const n of [1, 2, 3, 7, 14, 50]) {
      for (const shape of SHAPES) {
        const a = values(random, n, shape);
        const b = values(random, Math.max(1, n - 1), shape === 'signedZeros' ? 'zeros' : shape);
        for (const opts of [{}, { seed: 42 }, { resamples: 2000 }, { resamples: 1000, level: 0.9 }]) {
          expectSame(bootstrapMeanCI(a, opts), legacyBootstrapMeanCI(a, opts), `mean ${shape} ${n}`);
          expectSame(bootstrapRatioCI(a, b, opts), legacyBootstrapRatioCI(a, b, opts), `ratio ${shape} ${n}`);
        }
      }
    }
  });
});

describe('resampling in WebAssembly = the JavaScript loop', () => {
  it('same means and the same final state, for sizes 1 … 300 and several seeds', async () => {
    const { resampledMeans, resampledMeansJs, xoshiroState } = await import('../../../server/stats/random.ts');
    const { resampledMeansWasm } = await import('../../../server/stats/resampleWasm.ts');
    const random = rng(31);
    for (const n of [1, 2, 3, 7, 14, 100, 300]) {
      for (const shape of SHAPES) {
        const v = Float64Array.from(values(random, n, shape));
        for (const seed of [0, 1, 0x5eedba5e, 0xffffffff]) {
          const [a, b] = [xoshiroState(seed), xoshiroState(seed)];
          const viaWasm = new Float64Array(997);
          expect(resampledMeansWasm(v, a, viaWasm)).toBe(true);
          const viaJs = resampledMeansJs(v, b, new Float64Array(997));
          expectSame(Array.from(viaWasm), Array.from(viaJs), `${shape} n=${n} seed=${seed}`);
          expectSame(Array.from(a), Array.from(b), 'state');
          expectSame(Array.from(resampledMeans(v, xoshiroState(seed), new Float64Array(50))), Array.from(viaJs.subarray(0, 50)), 'dispatch');
        }
      }
    }
  });
});

describe('Sen/Kendall pass in WebAssembly SIMD = the JavaScript loops', () => {
  it('kept slopes (in order), count below and Kendall S, for odd and even sizes, tied x, any pivots', async () => {
    const { senKernel } = await import('../../../server/stats/senKernelWasm.ts');
    const random = rng(41);
    for (const n of [2, 3, 4, 5, 17, 64, 281]) {
      for (const shape of SHAPES) {
        const y = Float64Array.from(values(random, n, shape));
        const x = Float64Array.from({ length: n }, (_, i) => (shape === 'tied' ? Math.floor(i / 3) : i) / 365.25);
        const groupEnd = new Int32Array(n);
        for (let i = n - 1; i >= 0; i--) groupEnd[i] = i + 1 < n && x[i + 1] === x[i] ? groupEnd[i + 1] : i + 1;
        for (const [lo, hi] of [[-Infinity, Infinity], [-1, 1], [0, 0], [-0, 0], [5, 4], [-Infinity, 0], [0.5, Infinity]]) {
          const kept: number[] = [];
          let below = 0;
          let s = 0;
          let pairs = 0;
          for (let i = 0; i < n - 1; i++) {
            for (let j = i + 1; j < n; j++) {
              const d = y[j] - y[i];
              s += d > 0 ? 1 : d < 0 ? -1 : 0;
              if (j < groupEnd[i]) continue;
              pairs++;
              const v = d / (x[j] - x[i]);
              if (v < lo) below++;
              if (v >= lo && v <= hi) kept.push(v);
            }
          }
          const fast = senKernel(x, y, groupEnd, lo, hi, pairs);
          expect(fast).not.toBeNull();
          expectSame({ below: fast!.below, s: fast!.s, kept: Array.from(fast!.kept) }, { below, s, kept }, `${shape} n=${n} [${lo}, ${hi}]`);
        }
      }
    }
  });
});
