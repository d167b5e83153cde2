#!/usr/bin/env python3
"""Reference values for server/stats, computed with NumPy/SciPy.

Writes test/fixtures/stats/scipy-fixtures.json (inputs and SciPy's outputs). Deterministic:
fixed NumPy seeds, so re-running with the same SciPy gives the same file.

    python3 scripts/scipy/make_stats_fixtures.py

Mann-Kendall has no SciPy function; `mann_kendall` below is the textbook definition built on
scipy.stats.norm (tie-corrected variance, continuity correction, two-sided p).
"""
import datetime as dt
import json
import math
import os
import sys
import warnings

import numpy as np
import scipy
from scipy import special, stats

SEED = 20240607
rng = np.random.default_rng(SEED)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "stats", "scipy-fixtures.json")


def num(x):
    """JSON-safe float: NaN/inf -> None."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def floats(xs):
    return [float(v) for v in xs]


def lognormal(n, sigma=0.5, mu=3.0, decimals=None):
    v = rng.lognormal(mu, sigma, n)
    return np.round(v, decimals) if decimals is not None else v


def censor(values, loq):
    """Below-LOQ values become LOQ/2 (the default substitution) with a flag."""
    flags = [bool(v < loq) for v in values]
    return [loq / 2 if f else float(v) for v, f in zip(values, flags)], flags


# ---------------------------------------------------------------- reference implementations

def mann_kendall(x):
    x = np.asarray(x, dtype=float)
    n = len(x)
    if n < 2:
        return None
    s = int(sum(np.sign(x[j] - x[i]) for i in range(n - 1) for j in range(i + 1, n))) if n <= 400 else \
        int(np.sum(np.triu(np.sign(x[None, :] - x[:, None]), 1)))
    _, counts = np.unique(x, return_counts=True)
    var_s = (n * (n - 1) * (2 * n + 5) - int(sum(int(t) * (int(t) - 1) * (2 * int(t) + 5) for t in counts))) / 18
    if s > 0:
        z = (s - 1) / math.sqrt(var_s)
    elif s < 0:
        z = (s + 1) / math.sqrt(var_s)
    else:
        z = 0.0
    p = 2 * stats.norm.sf(abs(z))
    return {"s": s, "varS": var_s, "z": z, "p": float(p), "tau": s / (n * (n - 1) / 2)}


def describe(values, flags):
    n = len(values)
    n_cens = int(sum(flags))
    if n == 0:
        return {"n": 0, "nCensored": n_cens, "shareCensored": None, "mean": None, "median": None,
                "geometricMean": None, "q1": None, "q3": None, "min": None, "max": None}
    v = np.asarray(values, dtype=float)
    return {
        "n": n, "nCensored": n_cens, "shareCensored": n_cens / n,
        "mean": float(np.mean(v)), "median": float(np.median(v)),
        "geometricMean": float(stats.gmean(v)) if np.all(v > 0) else None,
        "q1": float(np.percentile(v, 25)), "q3": float(np.percentile(v, 75)),
        "min": float(np.min(v)), "max": float(np.max(v)),
    }


# A bootstrap interval is itself random. Each case records SciPy's interval with 10 000
# resamples (what a reviewer would run) and a converged one with 200 000 resamples, so the tests
# can tell the module's error from SciPy's own Monte Carlo error.
CONVERGED_RESAMPLES = 200_000


def _bootstrap(data, statistic, seed, n_resamples, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = stats.bootstrap(tuple(np.asarray(d, dtype=float) for d in data), statistic, method="percentile",
                              confidence_level=0.95, n_resamples=n_resamples, batch=20_000,
                              rng=np.random.default_rng(seed), **kw)
    return [num(res.confidence_interval.low), num(res.confidence_interval.high)]


def bootstrap_mean(values, seed, n_resamples=10000):
    if len(values) < 2:
        return None  # SciPy needs two observations; the module defines n = 1 as [v, v]
    return _bootstrap((values,), np.mean, seed, n_resamples)


def _ratio(c, b, axis=-1):
    return np.mean(c, axis=axis) / np.mean(b, axis=axis)


def bootstrap_ratio(current, baseline, seed, n_resamples=10000):
    if len(current) < 2 or len(baseline) < 2:
        return None
    return _bootstrap((current, baseline), _ratio, seed, n_resamples, paired=False, vectorized=True)


def weekday_profile(points, weekdays):
    wd = [v for d, v in points if dt.date.fromisoformat(d).isoweekday() in weekdays]
    we = [v for d, v in points if dt.date.fromisoformat(d).isoweekday() not in weekdays]
    wd_mean = float(np.mean(wd)) if wd else None
    we_mean = float(np.mean(we)) if we else None
    ratio = we_mean / wd_mean if (wd_mean is not None and we_mean is not None and wd_mean != 0) else None
    return {"weekdayMean": wd_mean, "weekendMean": we_mean, "weekendRatio": ratio}


def by_weekday(points):
    out = []
    for day in range(1, 8):
        vs = [v for d, v in points if dt.date.fromisoformat(d).isoweekday() == day]
        out.append({"weekday": day, "n": len(vs), "mean": float(np.mean(vs)) if vs else None})
    return out


def theil(values, years):
    if len(values) < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = stats.theilslopes(np.asarray(values, dtype=float), np.asarray(years, dtype=float), alpha=0.95)
    if not math.isfinite(r.slope):
        return None
    low, high = num(r.low_slope), num(r.high_slope)
    return {"slope": float(r.slope), "intercept": float(r.intercept),
            "ci95": None if low is None or high is None else [low, high]}


def detectable_ratio(baseline, n1, n2):
    pos = [v for v in baseline if v > 0]
    df = n1 + n2 - 2
    if len(pos) < 2 or df < 1:
        return None
    s = float(np.std(np.log(pos), ddof=1))
    return float(math.exp((stats.t.ppf(0.975, df) + stats.t.ppf(0.80, df)) * s * math.sqrt(1 / n1 + 1 / n2)))


def mwu(x, y):
    r = stats.mannwhitneyu(np.asarray(x, dtype=float), np.asarray(y, dtype=float),
                           alternative="two-sided", method="auto")
    ties = len(np.unique(np.concatenate([x, y]))) < len(x) + len(y)
    method = "exact" if (min(len(x), len(y)) <= 8 and not ties) else "asymptotic"
    return {"u": float(r.statistic), "p": float(r.pvalue), "method": method}


# ---------------------------------------------------------------- input generators

def random_dates(n, start=None, consecutive=True, allow_dupes=False):
    start = start or dt.date(2011, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365 * 13)))
    if consecutive:
        days = list(range(n))
    else:
        days = sorted(rng.choice(np.arange(0, max(n * 6, 10)), size=n, replace=allow_dupes).tolist())
    return [(start + dt.timedelta(days=int(d))).isoformat() for d in days]


def sample_sets():
    """(name, values, censoredFlags) sets shared by describe and the bootstrap."""
    sets = [("empty", [], [])]
    for n in range(1, 6):
        sets.append((f"lognormal n={n}", floats(lognormal(n)), [False] * n))
    sets.append(("all censored (LOQ/2 = 2.5) n=7", [2.5] * 7, [True] * 7))
    sets.append(("all censored n=2", [5.0, 5.0], [True, True]))
    z = floats(lognormal(10, 1.0, 1.0))
    sets.append(("zeros (censored as 0) n=10", [0.0 if v < 2 else v for v in z], [v < 2 for v in z]))
    sets.append(("integer ties n=15", floats(rng.integers(1, 5, 15)), [False] * 15))
    sets.append(("negative value n=6", [3.0, -1.5, 2.0, 8.0, 4.5, 1.0], [False] * 6))
    sets.append(("lognormal sigma 0.5 n=50", floats(lognormal(50, 0.5)), [False] * 50))
    sets.append(("lognormal sigma 1.0 n=200", floats(lognormal(200, 1.0)), [False] * 200))
    v, f = censor(lognormal(40, 0.8, 2.0), 5.0)
    sets.append(("30 % censored n=40", v, f))
    sets.append(("two values", [10.0, 30.0], [False, False]))
    sets.append(("one week, 2 decimals", floats(lognormal(7, 0.2, 5.0, 2)), [False] * 7))
    for k in range(22):
        n = int(rng.integers(2, 150))
        sigma = float(rng.uniform(0.1, 1.5))
        vals = lognormal(n, sigma, float(rng.uniform(-1, 6)), decimals=int(rng.integers(0, 4)) if k % 3 == 0 else None)
        if k % 4 == 1:
            loq = float(np.percentile(vals, rng.uniform(5, 60)))
            vals, flags = censor(vals, loq)
        else:
            vals, flags = floats(vals), [False] * n
        sets.append((f"random #{k} n={n} sigma={sigma:.2f}", vals, flags))
    return sets


def main():
    out = {
        "generator": "scripts/scipy/make_stats_fixtures.py",
        "scipyVersion": scipy.__version__,
        "numpyVersion": np.__version__,
        "pythonVersion": sys.version.split()[0],
        "seed": SEED,
    }

    xs = [0.0, 1e-17, 0.3, -0.3, 0.6744, 0.675, -1.2, 1.96, 2.5, -3.7, 5.6, 5.66, -7.5, 10.0, 20.0, -30.0, 37.0, -38.0]
    out["normalCdf"] = [{"x": x, "cdf": float(special.ndtr(x)), "sf": float(stats.norm.sf(x))} for x in xs]
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.025000000000000022, 0.07, 0.075, 0.2, 0.3, 0.5, 0.6, 0.8,
          0.925, 0.93, 0.975, 0.999, 1 - 1e-10]
    out["normalQuantile"] = [{"p": p, "x": float(special.ndtri(p))} for p in ps]
    out["studentT"] = [{"p": p, "df": df, "q": float(stats.t.ppf(p, df)), "cdfAtQ": float(stats.t.cdf(1.3, df))}
                       for df in [1, 2, 3, 4, 5, 7, 10, 12, 20, 30, 50, 100, 278, 560, 5000]
                       for p in [0.975, 0.8, 0.2, 0.999, 0.6]]

    sets = sample_sets()
    out["describe"] = [{"name": nm, "values": v, "censoredFlags": f, "expected": describe(v, f)} for nm, v, f in sets]
    out["bootstrapMean"] = [{"name": nm, "values": v, "scipy": bootstrap_mean(v, 1000 + i),
                             "scipyConverged": bootstrap_mean(v, 5000 + i, CONVERGED_RESAMPLES)}
                            for i, (nm, v, _) in enumerate(sets) if len(v) >= 1]

    ratio_cases = []
    for k in range(32):
        n1, n2 = int(rng.integers(2, 60)), int(rng.integers(2, 60))
        sigma = float(rng.uniform(0.1, 1.0))
        base = floats(lognormal(n2, sigma, 3.0))
        cur = floats(lognormal(n1, sigma, 3.0 + float(rng.uniform(-0.7, 0.7))))
        ratio_cases.append((f"ratio #{k} n={n1}+{n2}", cur, base))
    ratio_cases.append(("ratio one each", [12.0], [8.0]))
    out["bootstrapRatio"] = [{"name": nm, "current": c, "baseline": b, "scipy": bootstrap_ratio(c, b, 2000 + i),
                              "scipyConverged": bootstrap_ratio(c, b, 6000 + i, CONVERGED_RESAMPLES)}
                             for i, (nm, c, b) in enumerate(ratio_cases)]

    weekday_cases = [
        ("single Tuesday", [("2024-01-02", 5.0)]),
        ("single Saturday", [("2023-12-30", 7.0)]),
        ("leap days and year ends", [("2020-02-29", 3.0), ("2024-02-29", 4.0), ("2019-12-31", 5.0),
                                     ("2021-01-01", 6.0), ("2000-02-29", 2.0), ("1999-12-31", 8.0)]),
        ("weekday mean 0", [("2024-01-02", 0.0), ("2024-01-03", 0.0), ("2024-01-05", 4.0)]),
        ("empty", []),
    ]
    for k in range(30):
        n = int(rng.integers(1, 60))
        dates = random_dates(n, consecutive=(k % 2 == 0))
        vals = floats(lognormal(n, 0.4, 4.0))
        weekday_cases.append((f"random #{k} n={n}", list(zip(dates, vals))))
    out["weekday"] = [{"name": nm, "points": [{"date": d, "value": v} for d, v in pts],
                       "euda": weekday_profile(pts, {2, 3, 4}), "euda2021": weekday_profile(pts, {2, 3, 4, 5}),
                       "byWeekday": by_weekday(pts), "isoWeekdays": [dt.date.fromisoformat(d).isoweekday() for d, _ in pts]}
                      for nm, pts in weekday_cases]

    mw_cases = [("1 vs 1", [3.0], [5.0]), ("all equal 3+3", [2.5] * 3, [2.5] * 3), ("1 vs 3", [10.0], [1.0, 2.0, 3.0]),
                ("ties 4+4", [1.0, 2.0, 2.0, 3.0], [2.0, 3.0, 4.0, 4.0]), ("zeros with ties", [0.0, 0.0, 1.0, 5.0], [0.0, 3.0, 7.0])]
    for n1, n2 in [(2, 2), (3, 3), (3, 4), (2, 7), (4, 4), (5, 5), (7, 7), (8, 8), (8, 9), (9, 8), (9, 9), (8, 30),
                   (3, 200), (9, 10), (20, 25), (50, 50), (200, 180), (1, 12), (6, 60), (14, 7)]:
        shift = float(rng.uniform(-1, 1))
        mw_cases.append((f"continuous {n1}+{n2}", floats(lognormal(n1, 0.5, 3 + shift)), floats(lognormal(n2, 0.5, 3))))
    for n1, n2 in [(5, 5), (7, 7), (8, 12), (10, 10), (30, 40), (6, 3)]:
        mw_cases.append((f"rounded (ties) {n1}+{n2}", floats(lognormal(n1, 0.5, 1.5, 0)), floats(lognormal(n2, 0.5, 1.5, 0))))
    mw_cases.append(("separated 7+7", floats(np.arange(1, 8) * 1.0), floats(np.arange(8, 15) * 1.0)))
    mw_cases.append(("separated 20+20 (asymptotic tail)", floats(np.arange(1, 21) * 1.0), floats(np.arange(21, 41) * 1.0)))
    out["mannWhitney"] = [{"name": nm, "x": x, "y": y, **mwu(x, y)} for nm, x, y in mw_cases]

    mk_cases = [("empty", []), ("one", [4.0]), ("two up", [1.0, 2.0]), ("two equal", [3.0, 3.0]),
                ("1..5", [1.0, 2.0, 3.0, 4.0, 5.0]), ("5..1", [5.0, 4.0, 3.0, 2.0, 1.0]), ("n=3", [2.0, 1.0, 4.0]),
                ("n=4", [1.0, 3.0, 2.0, 4.0]), ("all equal n=9", [2.5] * 9), ("ties", [1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 1.0, 4.0]),
                ("zeros", [0.0, 0.0, 1.2, 0.0, 3.4, 2.2, 0.0, 5.0])]
    for k in range(22):
        n = int(rng.integers(5, 120)) if k < 18 else [200, 500, 1000, 3650][k - 18]
        trend = float(rng.uniform(-0.02, 0.02))
        vals = lognormal(n, 0.5, 3.0) * np.exp(trend * np.arange(n))
        if k % 3 == 0:
            vals = np.round(vals, 0)
        mk_cases.append((f"random #{k} n={n}", floats(vals)))
    out["mannKendall"] = [{"name": nm, "values": v, "expected": mann_kendall(v)} for nm, v in mk_cases]

    ts_cases = [("one point", [0.0], [3.0]), ("two points", [0.0, 0.5], [3.0, 4.0]),
                ("all x equal", [1.0, 1.0, 1.0], [1.0, 2.0, 3.0]), ("all y equal", [0.0, 1.0, 2.0, 3.0], [2.5] * 4),
                ("x and y ties (no interval)", [1.0, 1.0, 2.0, 2.0], [1.0, 1.0, 1.0, 1.0]),
                ("n=3", [0.0, 1.0, 2.5], [2.0, 1.0, 4.0]), ("n=4", [0.0, 0.25, 0.5, 0.75], [1.0, 3.0, 2.0, 4.0]),
                ("n=5 unsorted x", [2.0, 0.0, 4.0, 1.0, 3.0], [5.0, 1.0, 9.0, 2.0, 6.0])]
    for k in range(26):
        n = int(rng.integers(5, 150)) if k < 22 else [200, 400, 1000, 3650][k - 22]
        dates = random_dates(n, consecutive=(k % 3 == 0), allow_dupes=(k % 4 == 1))
        d0 = dt.date.fromisoformat(dates[0])
        years = [(dt.date.fromisoformat(d) - d0).days / 365.25 for d in dates]
        vals = lognormal(n, 0.5, 3.0) * np.exp(float(rng.uniform(-0.5, 0.5)) * np.asarray(years))
        if k % 3 == 2:
            vals = np.round(vals, 0)
        ts_cases.append((f"random #{k} n={n}", years, floats(vals)))
    out["theilSlopes"] = [{"name": nm, "years": x, "values": y, "expected": theil(y, x)} for nm, x, y in ts_cases]

    bh_cases = [("empty", []), ("single", [0.03]), ("single null", [None]), ("docs example", [0.5, 0.6, 0.1, 0.001]),
                ("ties", [0.01, 0.01, 0.04, 0.04, 0.5]), ("zeros and ones", [0.0, 1.0, 0.0, 0.5, 1.0]),
                ("with nulls", [0.02, None, 0.001, None, 0.3, 0.04])]
    for k in range(26):
        m = int(rng.integers(2, 300))
        p = rng.uniform(0, 1, m) ** float(rng.uniform(1, 6))
        ps_ = [None if (k % 3 == 0 and rng.uniform() < 0.2) else float(v) for v in p]
        bh_cases.append((f"random #{k} m={m}", ps_))
    bh_out = []
    for nm, ps_ in bh_cases:
        real = [v for v in ps_ if v is not None]
        q = list(stats.false_discovery_control(np.asarray(real, dtype=float), method="bh")) if real else []
        it = iter(q)
        bh_out.append({"name": nm, "p": ps_, "q": [None if v is None else float(next(it)) for v in ps_]})
    out["benjaminiHochberg"] = bh_out

    dr_cases = [("CV 20 % 7+7 from API.md", None, 7, 7), ("one positive", [0.0, 0.0, 4.0], 3, 5),
                ("df 0", [3.0, 4.0], 1, 1), ("two values", [3.0, 4.0], 2, 1), ("zeros ignored", [0.0, 3.0, 5.0, 0.0, 4.0], 5, 6)]
    for k in range(30):
        nb = int(rng.integers(2, 60))
        base = floats(lognormal(nb, float(rng.uniform(0.05, 1.2))))
        n2 = int(rng.integers(1, 60))
        dr_cases.append((f"random #{k}", base, nb, n2))
    dr_out = []
    for nm, base, n1, n2 in dr_cases:
        if base is None:  # baseline with sample sd of the logs exactly 0.198
            base = floats(np.exp(np.array([-1, 1, 0, 0, 0, 0, 0]) * 0.198 * math.sqrt(6 / 2)))
        dr_out.append({"name": nm, "baseline": base, "n1": n1, "n2": n2, "expected": detectable_ratio(base, n1, n2)})
    out["detectableRatio"] = dr_out

    out["baselineSummary"], out["changeSummary"], out["trendSummary"] = summaries()

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(out, fh, allow_nan=False, separators=(",", ":"))
        fh.write("\n")
    counts = {k: len(v) for k, v in out.items() if isinstance(v, list)}
    print(f"wrote {os.path.normpath(OUT)} (SciPy {scipy.__version__}): {counts}")


def campaign(n, sigma, mu, loq):
    dates = random_dates(n, consecutive=True)
    raw = lognormal(n, sigma, mu, 2)
    vals, flags = censor(raw, loq)
    return [{"date": d, "value": v, "censored": f} for d, v, f in zip(dates, vals, flags)]


def summaries():
    base_out, change_out, trend_out = [], [], []
    for k in range(12):
        pts = campaign([1, 3, 7, 7, 14, 28, 56, 7, 10, 30, 2, 90][k], float(rng.uniform(0.1, 0.9)), 3.0, 12.0)
        v = [p["value"] for p in pts]
        base_out.append({"name": f"baseline #{k} n={len(pts)}", "points": pts,
                         "expected": {**describe(v, [p["censored"] for p in pts]),
                                      **weekday_profile([(p["date"], p["value"]) for p in pts], {2, 3, 4})},
                         "scipyCi95": bootstrap_mean(v, 3000 + k),
                         "scipyCi95Converged": bootstrap_mean(v, 7000 + k, CONVERGED_RESAMPLES)})
    for k in range(14):
        n_b, n_c = [(7, 7), (3, 3), (3, 4), (2, 7), (1, 7), (14, 14), (7, 14), (28, 28), (5, 9), (10, 12), (4, 5),
                    (7, 7), (60, 60), (0, 5)][k]
        sigma = float(rng.uniform(0.1, 0.6))
        base = campaign(n_b, sigma, 3.0, 10.0)
        cur = campaign(n_c, sigma, 3.0 + [0.0, 0.6, -0.6][k % 3], 10.0)
        bv, cv = [p["value"] for p in base], [p["value"] for p in cur]
        bm = float(np.mean(bv)) if bv else None
        cm = float(np.mean(cv)) if cv else None
        ratio = cm / bm if (bm and cm is not None) else None
        mw = mwu(cv, bv) if (bv and cv) else None
        change_out.append({"name": f"change #{k} {n_b}+{n_c}", "baselinePoints": base, "currentPoints": cur,
                           "expected": {"baseline": {"n": len(bv), "mean": bm}, "current": {"n": len(cv), "mean": cm},
                                        "ratio": ratio, "mannWhitney": mw and {"u": mw["u"], "p": mw["p"]},
                                        "detectableRatio": detectable_ratio(bv, len(bv), len(cv)),
                                        "verdict": change_verdict(len(cv), len(bv), mw and mw["p"], ratio)},
                           "scipyCi95": bootstrap_ratio(cv, bv, 4000 + k) if ratio is not None else None,
                           "scipyCi95Converged": bootstrap_ratio(cv, bv, 8000 + k, CONVERGED_RESAMPLES)
                           if ratio is not None else None})
    for k in range(12):
        n = [1, 3, 4, 5, 8, 20, 40, 60, 120, 280, 12, 30][k]
        dates = random_dates(n, consecutive=False)
        d0 = dt.date.fromisoformat(dates[0])
        years = [(dt.date.fromisoformat(d) - d0).days / 365.25 for d in dates]
        vals = floats(np.round(lognormal(n, 0.3, 3.0) * np.exp(float(rng.uniform(-0.8, 0.8)) * np.asarray(years)), 2))
        if k == 10:
            vals = [2.5] * n  # all censored: flat
        mk = mann_kendall(vals)
        ts = theil(vals, years)
        med = float(np.median(vals))
        trend_out.append({"name": f"trend #{k} n={n}",
                          "points": [{"date": d, "value": v, "censored": False} for d, v in zip(dates, vals)],
                          "expected": {"n": n, "mannKendall": mk,
                                       "sen": ts and {"slopePerYear": ts["slope"], "ci95": ts["ci95"],
                                                      "percentPerYear": 100 * ts["slope"] / med if med != 0 else None},
                                       "verdict": trend_verdict(n, mk and mk["p"], ts and ts["slope"])}})
    return base_out, change_out, trend_out


def change_verdict(n1, n2, p, ratio):
    if n1 < 2 or n2 < 2 or 2 / math.comb(n1 + n2, n1) >= 0.05:
        return "too_few_data"
    if p is None or ratio is None or not p < 0.05:
        return "no_clear_change"
    return "increase" if ratio > 1 else "decrease" if ratio < 1 else "no_clear_change"


def trend_verdict(n, p, slope):
    if n < 5:
        return "too_few_data"
    if p is None or slope is None or not p < 0.05:
        return "no_clear_change"
    return "increase" if slope > 0 else "decrease" if slope < 0 else "no_clear_change"


if __name__ == "__main__":
    main()
