#!/usr/bin/env python3
"""Reference values for the campaign statistics (issues 10-13), computed with NumPy/SciPy.

Writes test/fixtures/campaigns/campaign-fixtures.json. Deterministic (fixed NumPy seed):

    python3 scripts/scipy/make_campaign_fixtures.py

Everything here is written from DOMAIN.md / API.md, not from the TypeScript:
- campaigns: datetime arithmetic; summaries with numpy;
- campaign trend: Mann-Kendall on scipy.stats.norm (textbook), scipy.stats.kendalltau(method='exact'),
  scipy.stats.theilslopes;
- change: np.var(ddof=1) pooled by df, np.polyfit residuals, scipy.stats.norm.sf;
- Kaplan-Meier mean: flip, scipy.stats.ecdf(CensoredData(right=...)).sf, area under the curve;
  interval by a NumPy percentile bootstrap (its own RNG: compared within 5 % of the width);
- advisor: scipy.stats.norm.ppf and brute-force searches;
- intervention: scipy.stats.ttest_ind(equal_var=False) with its df and confidence_interval;
- rounds: plain dictionaries;
- a hand check on /work/shared/samples (Centrum PS benzoylecgonine, 6 campaign means), if present.
"""
import csv
import datetime as dt
import io
import json
import math
import os
import warnings

import numpy as np
import scipy
from scipy import stats

SEED = 20261201
rng = np.random.default_rng(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "test", "fixtures", "campaigns", "campaign-fixtures.json")
SAMPLES = os.environ.get("SAMPLES_DIR", "/work/shared/samples")
EPOCH = dt.date(1970, 1, 1)


def num(x):
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def iso(day):
    return (EPOCH + dt.timedelta(days=int(day))).isoformat()


def eday(s):
    return (dt.date.fromisoformat(s) - EPOCH).days


# ------------------------------------------------------------------ campaigns

def detect(dates, max_gap=2):
    ds = sorted(set(dt.date.fromisoformat(d) for d in dates))
    runs, cur = [], []
    for d in ds:
        if cur and (d - cur[-1]).days - 1 > max_gap:
            runs.append(cur)
            cur = []
        cur.append(d)
    if cur:
        runs.append(cur)
    return [{"from": r[0].isoformat(), "to": r[-1].isoformat(), "dates": [x.isoformat() for x in r]} for r in runs]


def random_dates(n_runs):
    start = eday("2021-01-04") + int(rng.integers(0, 300))
    dates = []
    for _ in range(n_runs):
        length = int(rng.integers(1, 9))
        day = start
        for _ in range(length):
            dates.append(iso(day))
            day += int(rng.choice([1, 1, 1, 2, 3]))
        start = day + int(rng.integers(3, 120))
    perm = rng.permutation(len(dates))
    return [dates[i] for i in perm]


detect_cases = [
    {"name": "empty", "dates": []},
    {"name": "one day", "dates": ["2021-03-01"]},
    {"name": "gap of exactly 2 missing days stays one campaign", "dates": ["2021-03-05", "2021-03-06", "2021-03-07", "2021-03-10"]},
    {"name": "gap of 3 missing days splits", "dates": ["2021-03-05", "2021-03-06", "2021-03-07", "2021-03-11"]},
    {"name": "duplicates and disorder", "dates": ["2021-03-03", "2021-03-01", "2021-03-02", "2021-03-01", "2020-12-31", "2021-01-01"]},
    {"name": "over a leap day", "dates": ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01", "2024-03-04"]},
]
for i in range(18):
    detect_cases.append({"name": f"random {i}", "dates": random_dates(int(rng.integers(1, 6)))})
for c in detect_cases:
    c["expected"] = detect(c["dates"])


def summary(days):
    e = [eday(d["date"]) for d in days]
    first, last = min(e), max(e)
    mid = (first + last) / 2
    vals = np.array([d["value"] for d in days], dtype=float)
    cens = np.array([d["censored"] for d in days], dtype=bool)
    loqs = [d["loq"] for d in days]
    upper = None
    if all(l is not None for l, c in zip(loqs, cens) if c):
        upper = float(np.mean([l if c else v for v, c, l in zip(vals, cens, loqs)]))
    return {
        "from": iso(first), "to": iso(last), "mid": iso(math.floor(mid)), "midEpochDay": mid,
        "n": len(days), "nCensored": int(cens.sum()), "shareBelowLoq": float(cens.mean()),
        "mean": float(vals.mean()), "mostlyBelowLoq": bool(cens.sum() > len(days) / 2), "upperBound": upper,
    }


def random_campaign_days(n, share_censored, loq=5.0, start=None, mu=3.0, sigma=0.4):
    start = start if start is not None else eday("2022-03-07") + int(rng.integers(0, 400))
    days = []
    for k in range(n):
        value = float(rng.lognormal(mu, sigma))
        censored = bool(rng.random() < share_censored)
        days.append({"date": iso(start + k), "value": loq / 2 if censored else round(value, 3), "censored": censored, "loq": loq})
    return days


summary_cases = [
    {"name": "one day", "days": [{"date": "2021-05-03", "value": 12.5, "censored": False, "loq": 1.0}]},
    {"name": "two days: mid rounds down", "days": [{"date": "2021-05-03", "value": 1.0, "censored": False, "loq": 1.0}, {"date": "2021-05-04", "value": 3.0, "censored": False, "loq": 1.0}]},
    {"name": "exactly half censored is not mostly", "days": [{"date": f"2021-05-0{k+1}", "value": 0.5 if k % 2 else 4.0, "censored": bool(k % 2), "loq": 1.0} for k in range(4)]},
    {"name": "all censored", "days": [{"date": f"2021-05-0{k+1}", "value": 0.25, "censored": True, "loq": 0.5} for k in range(7)]},
    {"name": "censored without LOQ: no upper bound", "days": [{"date": "2021-05-01", "value": 0.0, "censored": True, "loq": None}, {"date": "2021-05-02", "value": 2.0, "censored": False, "loq": None}]},
    {"name": "changing LOQ inside", "days": [{"date": "2021-05-01", "value": 1.0, "censored": True, "loq": 2.0}, {"date": "2021-05-02", "value": 0.25, "censored": True, "loq": 0.5}, {"date": "2021-05-03", "value": 9.0, "censored": False, "loq": 0.5}]},
]
for i in range(18):
    summary_cases.append({"name": f"random {i}", "days": random_campaign_days(int(rng.integers(1, 10)), float(rng.choice([0, 0.2, 0.5, 0.8])))})
for c in summary_cases:
    c["expected"] = summary(c["days"])


# ------------------------------------------------------------------ campaign trend

def mann_kendall(x):
    x = np.asarray(x, dtype=float)
    n = len(x)
    s = int(sum(np.sign(x[j] - x[i]) for i in range(n - 1) for j in range(i + 1, n)))
    _, counts = np.unique(x, return_counts=True)
    var = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in counts)) / 18.0
    z = (s - 1) / math.sqrt(var) if s > 0 else (s + 1) / math.sqrt(var) if s < 0 else 0.0
    return {"s": s, "varS": var, "z": z, "p": float(min(1.0, 2 * stats.norm.sf(abs(z)))), "tau": s / (n * (n - 1) / 2)}


def trend(points):
    pts = sorted(points, key=lambda p: p["midEpochDay"])
    n = len(pts)
    nm = sum(p["mostlyBelowLoq"] for p in pts)
    base = {"nCampaigns": n, "nMostlyBelowLoq": nm, "mannKendall": None, "pExact": None, "sen": None}
    if nm > n / 2:
        return {**base, "verdict": "mostly_below_loq"}
    if n < 5:
        return {**base, "verdict": "too_few_data"}
    y = np.array([p["mean"] for p in pts])
    t = np.array([(p["midEpochDay"] - pts[0]["midEpochDay"]) / 365.25 for p in pts])
    mk = mann_kendall(y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ts = stats.theilslopes(y, t, alpha=0.95)
    lo, hi = num(ts.low_slope), num(ts.high_slope)
    med = float(np.median(y))
    sen = {"slopePerYear": float(ts.slope), "intercept": float(ts.intercept), "ci95": [lo, hi] if lo is not None and hi is not None else None,
           "percentPerYear": 100 * float(ts.slope) / med if med != 0 else None}
    p_exact = None
    if len(np.unique(y)) == n:
        p_exact = float(stats.kendalltau(np.arange(n), y, method="exact").pvalue)
    verdict = "no_clear_change"
    if mk["p"] < 0.05:
        verdict = "increase" if ts.slope > 0 else "decrease" if ts.slope < 0 else "no_clear_change"
    return {**base, "mannKendall": mk, "pExact": p_exact, "sen": sen, "verdict": verdict}


def random_points(n, trend_per_year=0.0, below=0.0, decimals=None):
    start = eday("2020-09-17")
    pts = []
    for k in range(n):
        mid = start + k * 182 + int(rng.integers(-20, 21)) + (0.5 if rng.random() < 0.3 else 0)
        mean = float(100 * math.exp(trend_per_year * k / 2 + rng.normal(0, 0.2)))
        if decimals is not None:
            mean = round(mean, decimals)
        pts.append({"midEpochDay": mid, "mean": mean, "mostlyBelowLoq": bool(rng.random() < below)})
    return pts


trend_cases = [
    {"name": "no campaigns", "points": []},
    {"name": "one campaign (one week of data)", "points": random_points(1)},
    {"name": "four campaigns: too few", "points": random_points(4, 0.3)},
    {"name": "five rising campaigns", "points": [{"midEpochDay": 18500 + 180 * k, "mean": 10.0 + k, "mostlyBelowLoq": False} for k in range(5)]},
    {"name": "constant means", "points": [{"midEpochDay": 18500 + 180 * k, "mean": 7.0, "mostlyBelowLoq": False} for k in range(6)]},
    {"name": "ties in the means", "points": random_points(8, 0.1, decimals=-1)},
    {"name": "4 of 7 mostly below LOQ", "points": [{**p, "mostlyBelowLoq": k < 4} for k, p in enumerate(random_points(7))]},
    {"name": "3 of 6 mostly below LOQ is not more than half", "points": [{**p, "mostlyBelowLoq": k < 3} for k, p in enumerate(random_points(6, 0.4))]},
    {"name": "out of order input", "points": random_points(7, -0.3)[::-1]},
]
for i in range(16):
    trend_cases.append({"name": f"random {i}", "points": random_points(int(rng.integers(5, 13)), float(rng.choice([-0.3, 0, 0.25])), float(rng.choice([0, 0.2])))})
for c in trend_cases:
    c["expected"] = trend(c["points"])


# ------------------------------------------------------------------ variance components and change

def components(groups, min_campaigns=4):
    ss, dfw = 0.0, 0
    for g in groups:
        for c in g:
            l = np.asarray(c["logs"], dtype=float)
            if len(l) >= 2:
                ss += np.var(l, ddof=1) * (len(l) - 1)
                dfw += len(l) - 1
    sw2 = ss / dfw if dfw > 0 else None
    rss, dfb, share, k = 0.0, 0, 0.0, 0
    for g in groups:
        used = [c for c in g if len(c["logs"]) > 0]
        if len(used) < 3:
            continue
        t = np.array([(c["midEpochDay"] - used[0]["midEpochDay"]) / 365.25 for c in used])
        y = np.array([np.mean(c["logs"]) for c in used])
        coef = np.polyfit(t, y, 1)
        rss += float(np.sum((y - np.polyval(coef, t)) ** 2))
        dfb += len(used) - 2
        k += len(used)
        if sw2 is not None:
            share += sum(sw2 / len(c["logs"]) for c in used)
    sb2 = max(0.0, rss / dfb - share / k) if sw2 is not None and dfb > 0 and k >= min_campaigns else None
    return {"sWithin2": sw2, "dfWithin": dfw, "sBetween2": sb2, "nCampaigns": k}


def random_area(k, days=7, s_w=0.3, s_b=0.2, slope=0.1, start=None):
    start = start if start is not None else eday("2020-09-14") + int(rng.integers(0, 100))
    out = []
    for j in range(k):
        mid = start + 180 * j + int(rng.integers(-15, 16)) + (0.5 if rng.random() < 0.5 else 0)
        level = 3.0 + slope * j / 2 + rng.normal(0, s_b)
        n = days if days is not None else int(rng.integers(1, 9))
        out.append({"midEpochDay": mid, "logs": [float(x) for x in level + rng.normal(0, s_w, n)]})
    return out


component_cases = [
    {"name": "no campaigns", "groups": [[]]},
    {"name": "three campaigns: too few for s_b", "groups": [random_area(3)]},
    {"name": "four campaigns", "groups": [random_area(4)]},
    {"name": "one-day campaigns: no s_w", "groups": [random_area(5, days=1)]},
    {"name": "zero variance everywhere", "groups": [[{"midEpochDay": 19000 + 100 * j, "logs": [1.0, 1.0, 1.0]} for j in range(5)]]},
    {"name": "perfect line: s_b clamps to 0", "groups": [[{"midEpochDay": 19000 + 100 * j, "logs": [0.1 * j - 0.2, 0.1 * j, 0.1 * j + 0.2]} for j in range(5)]]},
    {"name": "pooled: two areas of 2 + 3 campaigns (only one area has a line)", "groups": [random_area(2), random_area(3)]},
    {"name": "pooled: three areas", "groups": [random_area(3), random_area(4), random_area(6, days=None)]},
]
for i in range(14):
    component_cases.append({"name": f"random {i}", "groups": [random_area(int(rng.integers(3, 9)), days=None, s_b=float(rng.choice([0, 0.1, 0.4]))) for _ in range(int(rng.integers(1, 4)))]})
for c in component_cases:
    c["expected"] = components(c["groups"])


def season(day):
    m = dt.date.fromisoformat(iso(math.floor(day))).month
    return "winter" if m in (12, 1, 2) else "spring" if m <= 5 else "summer" if m <= 8 else "autumn"


def change(case):
    b, l = case["baseline"], case["later"]
    logs1 = [math.log(d["value"]) for d in b["days"] if d["value"] > 0]
    logs2 = [math.log(d["value"]) for d in l["days"] if d["value"] > 0]
    own = components([case["areaCampaigns"]])
    sw2 = own["sWithin2"]
    if sw2 is None:
        sw2 = components([[{"midEpochDay": 0, "logs": logs1}, {"midEpochDay": 1, "logs": logs2}]])["sWithin2"]
    sb2, src = own["sBetween2"], "own" if own["sBetween2"] is not None else None
    if sb2 is None and case.get("pooledSBetweenLog") is not None:
        sb2, src = case["pooledSBetweenLog"] ** 2, "pooled"
    out = {"scope": "campaigns" if sb2 is not None else "days", "sWithinLog": math.sqrt(sw2) if sw2 is not None else None,
           "sBetweenLog": math.sqrt(sb2) if sb2 is not None else None, "sBetweenSource": src, "n1": len(logs1), "n2": len(logs2),
           "seasonDiffers": season(b["midEpochDay"]) != season(l["midEpochDay"]),
           "d": None, "se": None, "test": None, "ratio": None, "ci95": None}
    mostly = lambda s: sum(d["censored"] for d in s["days"]) > len(s["days"]) / 2
    if mostly(b) or mostly(l):
        return {**out, "verdict": "mostly_below_loq"}
    loqs = lambda s: sorted(set(d["loq"] for d in s["days"] if d["loq"] is not None))
    if any(d["censored"] for d in b["days"] + l["days"]) and loqs(b) != loqs(l):
        return {**out, "verdict": "loq_changed"}
    if len(logs1) < 2 or len(logs2) < 2 or sw2 is None:
        return {**out, "verdict": "too_few_data"}
    d = float(np.mean(logs2) - np.mean(logs1))
    se = math.sqrt(sw2 * (1 / len(logs1) + 1 / len(logs2)) + 2 * (sb2 or 0.0))
    if se == 0:
        return {**out, "verdict": "too_few_data"}
    z = d / se
    p = float(min(1.0, 2 * stats.norm.sf(abs(z))))
    verdict = ("increase" if d > 0 else "decrease") if p < 0.05 else "no_clear_change"
    return {**out, "d": d, "se": se, "test": {"z": z, "p": p}, "ratio": math.exp(d),
            "ci95": [math.exp(d - 1.96 * se), math.exp(d + 1.96 * se)], "verdict": verdict}


def side_of(campaign, loq=None, censor_below=None):
    days = []
    for k, lg in enumerate(campaign["logs"]):
        v = math.exp(lg)
        cens = censor_below is not None and v < censor_below
        days.append({"value": (censor_below / 2) if cens else v, "censored": bool(cens), "loq": loq})
    return {"midEpochDay": campaign["midEpochDay"], "days": days}


change_cases = []
for i in range(16):
    k = int(rng.integers(1, 8))
    area = random_area(k, days=None if i % 3 == 0 else 7, s_b=float(rng.choice([0.05, 0.2, 0.5])), slope=float(rng.choice([0, 0.6])))
    later = area[-1] if k > 1 else random_area(1)[0]
    case = {"name": f"random {i} ({k} campaigns)", "baseline": side_of(area[0], 1.0), "later": side_of(later, 1.0), "areaCampaigns": area}
    if i % 4 == 1:
        case["pooledSBetweenLog"] = 0.15
    change_cases.append(case)
area = random_area(6)
change_cases += [
    {"name": "own s_b, 6 campaigns, shifted later", "baseline": side_of(area[0], 1.0), "later": side_of({**area[5], "logs": [x + 0.8 for x in area[5]["logs"]]}, 1.0), "areaCampaigns": area},
    {"name": "two campaigns only, pooled s_b", "baseline": side_of(area[0], 1.0), "later": side_of(area[1], 1.0), "areaCampaigns": area[:2], "pooledSBetweenLog": 0.3},
    {"name": "two campaigns, no s_b: days scope", "baseline": side_of(area[0], 1.0), "later": side_of(area[1], 1.0), "areaCampaigns": area[:2]},
    {"name": "no area campaigns given: s_w from the two sides", "baseline": side_of(area[0], 1.0), "later": side_of(area[3], 1.0), "areaCampaigns": []},
    {"name": "mostly below LOQ on the later side", "baseline": side_of(area[0], 20.0, censor_below=1.0), "later": side_of(area[2], 20.0, censor_below=30.0), "areaCampaigns": area},
    {"name": "LOQ lowered with a censored day: refused", "baseline": side_of(area[0], 20.0, censor_below=sorted(math.exp(x) for x in area[0]["logs"])[1] + 1e-9), "later": side_of(area[2], 5.0), "areaCampaigns": area},
    {"name": "LOQ changed without censored days: allowed", "baseline": side_of(area[0], 2.0), "later": side_of(area[2], 1.0), "areaCampaigns": area},
    {"name": "one day on a side: too few", "baseline": side_of({**area[0], "logs": area[0]["logs"][:1]}, 1.0), "later": side_of(area[4], 1.0), "areaCampaigns": area},
    {"name": "zero variance, no s_b: SE 0, too few data", "baseline": side_of({"midEpochDay": 19000, "logs": [1.0, 1.0]}, 1.0), "later": side_of({"midEpochDay": 19200, "logs": [2.0, 2.0, 2.0]}, 1.0), "areaCampaigns": []},
    {"name": "zero variance, no change: SE 0", "baseline": side_of({"midEpochDay": 19000, "logs": [1.0, 1.0]}, 1.0), "later": side_of({"midEpochDay": 19100, "logs": [1.0, 1.0]}, 1.0), "areaCampaigns": []},
    {"name": "same season (Sep vs Nov)", "baseline": side_of({"midEpochDay": eday("2021-09-03"), "logs": [1.0, 1.3, 0.9]}, 1.0), "later": side_of({"midEpochDay": eday("2022-11-20"), "logs": [1.6, 1.8, 1.5]}, 1.0), "areaCampaigns": []},
]
for c in change_cases:
    c["expected"] = change(c)


# ------------------------------------------------------------------ Kaplan-Meier mean

def km_mean(values, censored):
    values = np.asarray(values, dtype=float)
    censored = np.asarray(censored, dtype=bool)
    if len(values) == 0 or censored.all():
        return None
    M = values.max() + 1.0
    flipped = M - values
    res = stats.ecdf(stats.CensoredData(uncensored=flipped[~censored], right=flipped[censored]))
    times = np.unique(flipped)
    # Area under S from 0 to the largest flipped time (the lowest original value).
    edges = np.concatenate([[0.0], times])
    s_left = np.concatenate([[1.0], res.sf.evaluate(times[:-1])])
    area = float(np.sum(s_left * np.diff(edges)))
    return float(M - area)


def km_bootstrap(values, censored, resamples=20000, seed=0):
    r = np.random.default_rng(seed)
    values = np.asarray(values, dtype=float)
    censored = np.asarray(censored, dtype=bool)
    n = len(values)
    means = []
    for _ in range(resamples):
        idx = r.integers(0, n, n)
        m = km_mean(values[idx], censored[idx])
        if m is not None:
            means.append(m)
    return [float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))]


def km_case(name, values, censored, boot=False):
    c = {"name": name, "values": [float(v) for v in values], "censored": [bool(x) for x in censored]}
    c["expected"] = km_mean(values, censored)
    if boot:
        c["bootstrap"] = km_bootstrap(values, censored, seed=len(km_cases))
    return c


km_cases = []
km_cases.append(km_case("no censoring = arithmetic mean", [3.0, 7.0, 1.5, 9.0, 4.0], [False] * 5))
km_cases.append(km_case("Helsel-style: one <1 among detects", [1.0, 2.0, 3.0, 4.0], [True, False, False, False]))
km_cases.append(km_case("censored in the middle", [1.0, 2.0, 3.0, 4.0, 5.0], [False, True, False, True, False]))
km_cases.append(km_case("lowest value censored (Efron: mass at that LOQ)", [0.5, 0.5, 2.0, 3.0, 8.0], [True, True, False, False, False]))
km_cases.append(km_case("detect and <LOQ at the same number", [5.0, 5.0, 5.0, 7.0, 9.0, 2.0], [True, False, True, False, False, False]))
km_cases.append(km_case("all censored: no estimate", [1.0, 2.0, 2.0], [True, True, True]))
km_cases.append(km_case("one value", [4.2], [False]))
km_cases.append(km_case("two values, one censored", [4.2, 1.0], [False, True]))
km_cases.append(km_case("three values, highest censored", [1.0, 2.0, 6.0], [False, False, True]))
km_cases.append(km_case("ties among detects", [2.0, 2.0, 2.0, 3.0, 3.0, 1.0], [False, False, False, False, True, True]))
km_cases.append(km_case("zero variance", [3.0] * 6, [False] * 6))
km_cases.append(km_case("multiple LOQs", [0.5, 1.0, 2.0, 0.7, 3.1, 4.4, 1.2, 0.9], [True, True, True, False, False, False, False, False]))
for i in range(14):
    n = int(rng.integers(4, 30))
    true = rng.lognormal(1.0, 0.8, n)
    loqs = rng.choice([1.0, 2.0, 2.5], n) if i % 2 else np.full(n, float(rng.choice([1.5, 2.5])))
    cens = true < loqs
    vals = np.where(cens, loqs, np.round(true, 2))
    km_cases.append(km_case(f"random {i} (n {n}, {int(cens.sum())} censored)", vals, cens, boot=(n >= 8 and 0 < cens.sum() <= n / 2)))
km_cases.append(km_case("bootstrap: 10 values, 3 censored", [0.8, 1.1, 1.9, 2.2, 3.0, 4.5, 1.0, 1.0, 6.1, 2.6], [False, False, False, False, False, False, True, True, False, True], boot=True))


# ------------------------------------------------------------------ advisor

def z_sum(alpha, power):
    return float(stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power))


def det_ratio(sw, sb, d, alpha=0.05, power=0.8):
    return math.exp(z_sum(alpha, power) * math.sqrt(sw ** 2 * 2 / d + 2 * sb ** 2))


advisor_cases = []
lit_sw = math.sqrt(math.log(1 + 0.25 ** 2))
lit_sb = math.sqrt(math.log(1 + 0.2 ** 2))
settings = [(lit_sw, lit_sb, 7, 0.05, 0.8, 1.5, 1.2, 0.5), (0.3, 0.0, 3, 0.05, 0.8, 1.3, 1.1, 0.25), (0.5, 0.4, 7, 0.05, 0.8, 1.3, 1.05, 1.0),
            (0.198, 0.0, 7, 0.05, 0.8, 1.38, 1.2, 0.5), (0.1, 0.05, 14, 0.01, 0.9, 1.2, 1.1, 0.5), (0.0, 0.1, 7, 0.05, 0.8, 1.5, 1.02, 0.25)]
for i in range(16):
    settings.append((float(rng.uniform(0.05, 0.8)), float(rng.choice([0, rng.uniform(0.02, 0.4)])), int(rng.integers(1, 15)), float(rng.choice([0.05, 0.1])),
                     float(rng.choice([0.8, 0.9])), float(rng.uniform(1.05, 2.5)), float(rng.uniform(1.01, 1.5)), float(rng.choice([0.25, 0.5, 1.0]))))
for sw, sb, d, alpha, power, target, target_year, spacing in settings:
    k_times = np.arange(6) * spacing
    sigma = math.sqrt(sb ** 2 + sw ** 2 / d)
    trend6 = math.exp(z_sum(alpha, power) * sigma / math.sqrt(np.sum((k_times - k_times.mean()) ** 2)))
    days_needed = next((dd for dd in range(1, 366) if det_ratio(sw, sb, dd, alpha, power) <= target), None)
    camp_needed = None
    for k in range(5, 201):
        t = np.arange(k) * spacing
        if math.exp(z_sum(alpha, power) * sigma / math.sqrt(np.sum((t - t.mean()) ** 2))) <= target_year:
            camp_needed = k
            break
    advisor_cases.append({"sWithinLog": sw, "sBetweenLog": sb, "days": d, "alpha": alpha, "power": power, "targetRatio": target,
                          "targetRatioPerYear": target_year, "spacingYears": spacing, "times": [float(x) for x in k_times],
                          "expected": {"detectableRatio": det_ratio(sw, sb, d, alpha, power), "trendRatioPerYear": trend6,
                                       "daysNeeded": days_needed, "campaignsNeeded": camp_needed}})
advisor_literature = {"sWithinLog": lit_sw, "sBetweenLog": lit_sb}


# ------------------------------------------------------------------ intervention

def daily_series(campaign_starts, days, level, effect_from=None, effect=1.0, trend=0.0, noise=0.25, common=None):
    out = {}
    for s in campaign_starts:
        for k in range(days):
            day = s + k
            lv = level * math.exp(trend * (day - campaign_starts[0]) / 365.25)
            if common is not None:
                lv *= common[day]
            if effect_from is not None and day > effect_from:
                lv *= effect
            out[iso(day)] = float(round(lv * math.exp(rng.normal(0, noise)), 4))
    return out


def intervention(treated, control, frm, to):
    fd, td = eday(frm), eday(to or frm)
    t = {d: math.log(v) for d, v in treated.items() if v > 0}
    c = {d: math.log(v) for d, v in control.items() if v > 0} if control is not None else None
    units = sorted((d, lt - c[d]) if c is not None else (d, lt) for d, lt in t.items() if c is None or d in c)
    before = [(d, x) for d, x in units if eday(d) < fd]
    after = [(d, x) for d, x in units if eday(d) > td]

    def camp_means(us):
        return [float(np.mean([x for d, x in us if d in set(r["dates"])])) for r in detect([d for d, _ in us])]

    bc, ac = camp_means(before), camp_means(after)
    by_c = len(bc) >= 3 and len(ac) >= 3
    a = ac if by_c else [x for _, x in after]
    b = bc if by_c else [x for _, x in before]
    span = lambda us: {"n": len(us), "from": us[0][0] if us else None, "to": us[-1][0] if us else None}
    out = {"before": span(before), "after": span(after), "unit": "campaigns" if by_c else "days"}
    ok = len(a) >= 2 and len(b) >= 2 and (np.var(a, ddof=1) / len(a) + np.var(b, ddof=1) / len(b)) > 0
    if not ok:
        return {**out, "effectLog": None, "ratio": None, "ci95": None, "welch": None, "verdict": "too_few_data"}
    r = stats.ttest_ind(a, b, equal_var=False)
    ci = r.confidence_interval(0.95)
    effect = float(np.mean(a) - np.mean(b))
    verdict = ("consistent_with_decrease" if effect < 0 else "consistent_with_increase") if r.pvalue < 0.05 else "no_measurable_effect"
    return {**out, "effectLog": effect, "ratio": math.exp(effect), "ci95": [math.exp(ci.low), math.exp(ci.high)],
            "welch": {"t": float(r.statistic), "df": float(r.df), "p": float(r.pvalue)}, "verdict": verdict}


intervention_cases = []
welch_cases = []
for i in range(22):
    n_before = int(rng.integers(1, 5))
    n_after = int(rng.integers(1, 5))
    days = int(rng.choice([1, 3, 7]))
    start = eday("2020-09-14")
    starts = [start + 120 * j for j in range(n_before + n_after)]
    event = starts[n_before - 1] + days + 30
    common = {d: math.exp(rng.normal(0, 0.3)) for d in range(start, starts[-1] + days + 1)}
    effect = float(rng.choice([1.0, 0.7, 1.4]))
    with_control = i % 4 != 3
    treated = daily_series(starts, days, 50.0, event, effect, 0.1, common=common)
    control = daily_series(starts, days, 30.0, None, 1.0, 0.1, common=common) if with_control else None
    if with_control and i % 5 == 0:
        for d in list(control)[::4]:
            del control[d]
    to = iso(event + int(rng.integers(0, 20))) if i % 3 == 0 else None
    case = {"name": f"random {i}: {n_before}+{n_after} campaigns of {days} days, effect {effect}{'' if with_control else ', no control'}",
            "treated": [{"date": d, "value": v} for d, v in treated.items()],
            "control": [{"date": d, "value": v} for d, v in control.items()] if control is not None else None,
            "controlArea": "CTRL" if with_control else None, "from": iso(event), "to": to}
    case["expected"] = intervention(treated, control, iso(event), to)
    intervention_cases.append(case)
# Edge: zero variance of d on both sides (treated = 2 x control every day, then 1 x).
flat_t = {iso(19000 + k): 2.0 for k in range(4)} | {iso(19100 + k): 1.0 for k in range(4)}
flat_c = {iso(19000 + k): 1.0 for k in range(4)} | {iso(19100 + k): 1.0 for k in range(4)}
intervention_cases.append({"name": "zero variance of d: too few data (SciPy: inf/NaN)", "treated": [{"date": d, "value": v} for d, v in flat_t.items()],
                           "control": [{"date": d, "value": v} for d, v in flat_c.items()], "controlArea": "C", "from": iso(19050), "to": None,
                           "expected": intervention(flat_t, flat_c, iso(19050), None)})
for i in range(20):
    a = rng.normal(0.2, float(rng.uniform(0.05, 1)), int(rng.integers(2, 15)))
    b = rng.normal(0.0, float(rng.uniform(0.05, 1)), int(rng.integers(2, 15)))
    if i == 0:
        a, b = np.array([1.0, 2.0]), np.array([1.0, 2.0])
    if i == 1:
        a, b = np.array([1.0, 1.0, 1.0]), np.array([0.0, 2.0])
    r = stats.ttest_ind(a, b, equal_var=False)
    welch_cases.append({"a": [float(x) for x in a], "b": [float(x) for x in b], "t": float(r.statistic), "df": float(r.df), "p": float(r.pvalue)})


# ------------------------------------------------------------------ rounds

def quarter(d):
    return f"{d[:4]}-Q{(int(d[5:7]) - 1) // 3 + 1}"


def rounds(campaigns, areas):
    pop = {a["area"]: a["population"] for a in areas}
    total = sum(pop.values())
    by_round = {}
    for c in campaigns:
        if c["area"] not in pop:
            continue
        name = c.get("round") or quarter(c["mid"])
        r = by_round.setdefault(name, {"first": c["mid"], "areas": {}})
        r["first"] = min(r["first"], c["mid"])
        r["areas"].setdefault(c["area"], []).append(c["mean"])
    out = []
    for name, r in sorted(by_round.items(), key=lambda kv: (kv[1]["first"], kv[0])):
        rows = []
        for a in areas:
            if a["area"] in r["areas"]:
                means = [m for m in r["areas"][a["area"]] if m is not None]
                rows.append({"area": a["area"], "campaigns": len(r["areas"][a["area"]]), "value": float(np.mean(means)) if means else None})
        with_value = [x for x in rows if x["value"] is not None]
        w = sum(pop[x["area"]] for x in with_value)
        value = float(np.average([x["value"] for x in with_value], weights=[pop[x["area"]] for x in with_value])) if w > 0 else None
        out.append({"round": name, "areas": rows, "county": {"value": value, "coverage": sum(pop[x["area"]] for x in rows) / total if total > 0 else 0}})
    return out


def week_monday(year, week):
    return dt.date.fromisocalendar(year, week, 1).isoformat()


round_cases = [
    {"name": "three municipalities in weeks 14, 16, 20: one round, full coverage",
     "areas": [{"area": "A", "population": 24000}, {"area": "B", "population": 11000}, {"area": "C", "population": 52000}],
     "campaigns": [{"area": "A", "mid": week_monday(2021, 14), "mean": 110.0}, {"area": "B", "mid": week_monday(2021, 16), "mean": 80.0},
                   {"area": "C", "mid": week_monday(2021, 20), "mean": 150.0}]},
    {"name": "one did not sample: coverage says so",
     "areas": [{"area": "A", "population": 24000}, {"area": "B", "population": 11000}, {"area": "C", "population": 52000}],
     "campaigns": [{"area": "A", "mid": "2021-04-08", "mean": 110.0}, {"area": "C", "mid": "2021-05-20", "mean": 150.0}]},
    {"name": "two campaigns of one area in a round, a null mean, named rounds",
     "areas": [{"area": "A", "population": 1000}, {"area": "B", "population": 3000}],
     "campaigns": [{"area": "A", "mid": "2021-01-10", "mean": 1.0, "round": "vinter"}, {"area": "A", "mid": "2021-02-20", "mean": 3.0, "round": "vinter"},
                   {"area": "B", "mid": "2021-02-01", "mean": None, "round": "vinter"}, {"area": "B", "mid": "2020-12-01", "mean": 5.0}]},
    {"name": "an area outside the county list is ignored", "areas": [{"area": "A", "population": 10}],
     "campaigns": [{"area": "A", "mid": "2022-07-01", "mean": 2.0}, {"area": "X", "mid": "2022-07-02", "mean": 99.0}]},
]
for i in range(18):
    n_areas = int(rng.integers(1, 7))
    areas = [{"area": f"M{j}", "population": int(rng.integers(2000, 150000))} for j in range(n_areas)]
    camps = []
    for a in areas:
        for _ in range(int(rng.integers(0, 6))):
            mid = iso(eday("2021-01-01") + int(rng.integers(0, 730)))
            camps.append({"area": a["area"], "mid": mid, "mean": float(round(rng.lognormal(4, 0.5), 3)) if rng.random() > 0.1 else None})
    round_cases.append({"name": f"random {i}", "areas": areas, "campaigns": camps})
for c in round_cases:
    c["expected"] = rounds(c["campaigns"], c["areas"])


# ------------------------------------------------------------------ hand check on the sample data

def sample_hand_check():
    lab = os.path.join(SAMPLES, "lab-long-sv.csv")
    if not os.path.exists(lab):
        return None
    rows = list(csv.reader(io.open(lab, encoding="cp1252"), delimiter=";"))[1:]
    flow = {(r[0], r[1]): float(r[2].replace(",", ".")) for r in list(csv.reader(io.open(os.path.join(SAMPLES, "flow-sv.csv"), encoding="utf-8"), delimiter=";"))[1:]}
    pop = {r["code"]: float(r["population"]) for r in csv.DictReader(io.open(os.path.join(SAMPLES, "areas.csv"), encoding="utf-8"))}
    days = []
    for r in rows:
        if r[0] == "EXS-CEN" and r[4].startswith("Bensoylekgonin") and not r[5].startswith("<"):
            date = r[1][:10]
            conc = float(r[5].replace(",", "."))  # µg/m³
            days.append({"date": date, "value": conc * flow[("EXS-CEN", date)] / 1000 * 1000 / pop["EXS-CEN"], "censored": False, "loq": None})
    runs = detect([d["date"] for d in days])
    points = []
    for r in runs:
        ds = [d for d in days if d["date"] in set(r["dates"])]
        s = summary(ds)
        points.append({"midEpochDay": s["midEpochDay"], "mean": s["mean"], "mostlyBelowLoq": s["mostlyBelowLoq"]})
    return {"name": "Centrum PS (EXS-CEN) benzoylecgonine, mg/day/1000 inh.", "days": days,
            "campaignMeans": [p["mean"] for p in points], "expected": trend(points)}


fixtures = {
    "scipyVersion": scipy.__version__,
    "numpyVersion": np.__version__,
    "detectCampaigns": detect_cases,
    "campaignSummary": summary_cases,
    "campaignTrend": trend_cases,
    "varianceComponents": component_cases,
    "campaignChange": change_cases,
    "kaplanMeier": km_cases,
    "advisor": advisor_cases,
    "advisorLiterature": advisor_literature,
    "welch": welch_cases,
    "intervention": intervention_cases,
    "rounds": round_cases,
    "sampleHandCheck": sample_hand_check(),
}

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(fixtures, f, indent=1, ensure_ascii=False, allow_nan=False)
    f.write("\n")
print(f"wrote {os.path.relpath(OUT)}: " + ", ".join(f"{k} {len(v)}" for k, v in fixtures.items() if isinstance(v, list)))
