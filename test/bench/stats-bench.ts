/**
 * Statistics benchmark (prints nothing; returns figures in ms):
 *  (a) baseline + change + trend for 4 500 generated series of 280 daily points in memory
 *      (baseline = first 140 days, current = last 140, trend over all 280);
 *  (b) Mann–Kendall and Sen's slope on a 3 650-point series (ten years of daily values);
 *  (c) the same Mann–Kendall (NumPy + scipy.stats.norm) and scipy.stats.theilslopes on the same
 *      data inside one python3 process; 'n/a' when python3 or SciPy is missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { baselineSummary, changeSummary, mannKendall, senSlope, trendSummary, type StatPoint } from '../../server/stats/index.ts';

const SERIES = 4500;
const POINTS = 280;
const LONG_SERIES = 3650;

/** Small deterministic generator (mulberry32) so the bench data are the same every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function lognormalSeries(n: number, seed: number, trendPerDay: number): number[] {
  const random = mulberry32(seed);
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    values.push(Math.round(100 * Math.exp(3 + 0.4 * gaussian + trendPerDay * i)) / 100);
  }
  return values;
}

function dailyPoints(values: number[], loq: number): StatPoint[] {
  const start = Date.UTC(2023, 0, 2);
  return values.map((v, i) => ({
    date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    value: v < loq ? loq / 2 : v,
    censored: v < loq,
  }));
}

function timed<T>(run: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

const PYTHON_BENCH = `
import json, sys, time
import numpy as np
from scipy import stats
values = np.asarray(json.load(open(sys.argv[1]))["values"], dtype=float)
years = np.arange(len(values)) / 365.25
def mann_kendall(x):
    n = len(x)
    s = int(np.sum(np.triu(np.sign(x[None, :] - x[:, None]), 1)))
    _, t = np.unique(x, return_counts=True)
    var_s = (n * (n - 1) * (2 * n + 5) - int(np.sum(t * (t - 1) * (2 * t + 5)))) / 18
    z = (s - 1) / np.sqrt(var_s) if s > 0 else (s + 1) / np.sqrt(var_s) if s < 0 else 0.0
    return s, var_s, z, 2 * stats.norm.sf(abs(z))
t0 = time.perf_counter(); mk = mann_kendall(values); t1 = time.perf_counter()
ts = stats.theilslopes(values, years, alpha=0.95); t2 = time.perf_counter()
print(json.dumps({"mkMs": (t1 - t0) * 1000, "senMs": (t2 - t1) * 1000, "s": mk[0], "slope": float(ts.slope)}))
`;

const SCIPY_MK = 'SciPy Mann–Kendall (NumPy), 3 650 points (ms)';
const SCIPY_SEN = 'SciPy theilslopes, 3 650 points (ms)';
const SCIPY_MISSING = { [SCIPY_MK]: 'n/a', [SCIPY_SEN]: 'n/a' };

function scipyFigures(values: number[]): Record<string, number | string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stats-bench-'));
  try {
    const file = path.join(dir, 'series.json');
    fs.writeFileSync(file, JSON.stringify({ values }));
    const run = spawnSync('python3', ['-c', PYTHON_BENCH, file], { encoding: 'utf8', timeout: 120_000 });
    if (run.error || run.status !== 0) return SCIPY_MISSING;
    const figures = JSON.parse(run.stdout.trim().split('\n').pop()!) as { mkMs: number; senMs: number };
    return {
      [SCIPY_MK]: round(figures.mkMs),
      [SCIPY_SEN]: round(figures.senMs),
    };
  } catch {
    return SCIPY_MISSING;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStats(): Promise<Record<string, number | string>> {
  const series = Array.from({ length: SERIES }, (_, k) =>
    dailyPoints(lognormalSeries(POINTS, k + 1, ((k % 7) - 3) * 2e-4), 12),
  );
  // Warm-up so the JIT compiles the hot loops before timing.
  for (const points of series.slice(0, 20)) {
    baselineSummary(points.slice(0, 140));
    changeSummary(points.slice(0, 140), points.slice(140));
    trendSummary(points);
  }
  const all = timed(() => {
    let verdicts = 0;
    for (const points of series) {
      const baseline = points.slice(0, POINTS / 2);
      baselineSummary(baseline);
      if (changeSummary(baseline, points.slice(POINTS / 2)).verdict !== 'too_few_data') verdicts++;
      if (trendSummary(points).verdict !== 'too_few_data') verdicts++;
    }
    return verdicts;
  });

  return {
    'baseline+change+trend, 4 500 series × 280 points (ms)': round(all.ms),
    'baseline+change+trend per series (ms)': Math.round((all.ms / SERIES) * 100) / 100,
    ...(await benchLongSeries()),
  };
}

/** (b) and (c) alone: Mann–Kendall + Sen on 3 650 points, beside SciPy on the same data. */
export async function benchLongSeries(): Promise<Record<string, number | string>> {
  const long = lognormalSeries(LONG_SERIES, 424242, 1e-4);
  const years = long.map((_, i) => i / 365.25);
  mannKendall(long.slice(0, 500));
  senSlope(years.slice(0, 500), long.slice(0, 500));
  const mk = timed(() => mannKendall(long));
  const sen = timed(() => senSlope(years, long));

  return {
    'Mann–Kendall, 3 650 points (ms)': round(mk.ms),
    'Sen slope + CI, 3 650 points, 6.66 M slopes (ms)': round(sen.ms),
    ...scipyFigures(long),
  };
}
