// Student's t distribution: tail probability through the regularized incomplete beta function
// (continued fraction, modified Lentz) and the quantile by a safeguarded Newton iteration.

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.91893853320467274178;

/** ln Γ(z) for z > 0 (Lanczos, g = 7), relative error ~1e-15. */
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
  const zm1 = z - 1;
  let series = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i] / (zm1 + i);
  const t = zm1 + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (zm1 + 0.5) * Math.log(t) - t + Math.log(series);
}

const TINY = 1e-300;
const EPSILON = 1e-16;

/** Continued fraction for I_x(a, b) (Numerical Recipes `betacf`), modified Lentz. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPSILON) break;
  }
  return h;
}

/**
 * Regularized incomplete beta I_x(a, b). `y` = 1 − x may be passed when it is known more
 * precisely than 1 − x would be.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, y: number = 1 - x): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(y);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(y, b, a)) / b;
}

/** P(T > t) for t ≥ 0 and T ~ t(df). */
function upperTail(t: number, df: number): number {
  const tSq = t * t;
  // x = df / (df + t²), 1 − x = t² / (df + t²): both without cancellation.
  return 0.5 * regularizedIncompleteBeta(df / (df + tSq), df / 2, 0.5, tSq / (df + tSq));
}

/** P(T ≤ t) for T ~ t(df); as scipy.stats.t.cdf. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  return t >= 0 ? 1 - upperTail(t, df) : upperTail(-t, df);
}

function studentTDensity(t: number, df: number): number {
  const logDensity =
    logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/** The t ≥ 0 with P(T > t) = tail, 0 < tail ≤ 0.5: bracket, then Newton with bisection fallback. */
function upperTailInverse(tail: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (upperTail(hi, df) > tail) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Infinity;
  }
  let t = (lo + hi) / 2;
  for (let iteration = 0; iteration < 500; iteration++) {
    const excess = upperTail(t, df) - tail; // decreasing in t
    if (excess === 0) return t;
    if (excess > 0) lo = t;
    else hi = t;
    let next = t + excess / studentTDensity(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.abs(next) || hi - lo <= 1e-15 * hi) return next;
    t = next;
  }
  return t;
}

/** Quantile of Student's t; as scipy.stats.t.ppf(p, df). */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  return p > 0.5 ? upperTailInverse(1 - p, df) : -upperTailInverse(p, df);
}
