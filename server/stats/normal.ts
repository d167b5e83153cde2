// Standard normal distribution to double precision.
//
// CDF: W. J. Cody's rational Chebyshev approximations (ACM TOMS 715, the algorithm behind R's
// pnorm), relative error ~1e-16 in both tails; the exp(-x²/2) factor is split so that rounding
// in x² does not cost accuracy far out in the tail.
// Quantile: M. J. Wichura, Algorithm AS 241 (PPND16), relative error ~1e-16.

const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const SQRT_32 = 5.656854249492380195206754896838;

/** exp(-y²/2) · factor, with y² split into an exactly representable part and a small rest. */
function gaussianTail(y: number, factor: number): number {
  const ySq = Math.trunc(y * 16) / 16;
  const rest = (y - ySq) * (y + ySq);
  return Math.exp(-ySq * ySq * 0.5) * Math.exp(-rest * 0.5) * factor;
}

/** Both tails at once: lower = P(X ≤ x), upper = P(X > x). */
function normalTails(x: number): { lower: number; upper: number } {
  if (Number.isNaN(x)) return { lower: NaN, upper: NaN };
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let num = 0;
    let den = 0;
    if (y > 1.1102230246251565e-16) {
      const xSq = x * x;
      num = A[4] * xSq;
      den = xSq;
      for (let i = 0; i < 3; i++) {
        num = (num + A[i]) * xSq;
        den = (den + B[i]) * xSq;
      }
    }
    const temp = (x * (num + A[3])) / (den + B[3]);
    return { lower: 0.5 + temp, upper: 0.5 - temp };
  }
  let small: number; // the tail beyond |x|
  if (y <= SQRT_32) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    small = gaussianTail(y, (num + C[7]) / (den + D[7]));
  } else if (y < 37.5193) {
    const xSq = 1 / (x * x);
    let num = P[5] * xSq;
    let den = xSq;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]) * xSq;
      den = (den + Q[i]) * xSq;
    }
    const temp = (xSq * (num + P[4])) / (den + Q[4]);
    small = gaussianTail(y, (ONE_OVER_SQRT_2PI - temp) / y);
  } else {
    small = 0;
  }
  return x > 0 ? { lower: 1 - small, upper: small } : { lower: small, upper: 1 - small };
}

/** Φ(x) = P(X ≤ x) for X ~ N(0, 1); as scipy.special.ndtr. */
export function normalCdf(x: number): number {
  return normalTails(x).lower;
}

/** 1 − Φ(x), accurate in the upper tail; as scipy.stats.norm.sf. */
export function normalSf(x: number): number {
  return normalTails(x).upper;
}

/** Two-sided p-value of a standard normal statistic: 2 · P(X > |z|). */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}

const Q_CENTRAL_NUM = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const Q_CENTRAL_DEN = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
const Q_MID_NUM = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const Q_MID_DEN = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const Q_TAIL_NUM = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const Q_TAIL_DEN = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

function horner(coefficients: readonly number[], x: number): number {
  let value = coefficients[coefficients.length - 1];
  for (let i = coefficients.length - 2; i >= 0; i--) value = value * x + coefficients[i];
  return value;
}

/** Φ⁻¹(p); as scipy.special.ndtri / scipy.stats.norm.ppf. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(Q_CENTRAL_NUM, r)) / horner(Q_CENTRAL_DEN, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = horner(Q_MID_NUM, r) / horner(Q_MID_DEN, r);
  } else {
    r -= 5;
    value = horner(Q_TAIL_NUM, r) / horner(Q_TAIL_DEN, r);
  }
  return q < 0 ? -value : value;
}
