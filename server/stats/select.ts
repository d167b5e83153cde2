// Order statistics without a full sort.
//
// Small ranges: Floyd–Rivest selection (as in mourner/quickselect), O(n) on average. After
// selectInPlace(a, k, left, right): a[k] is the k-th smallest of a[left..right], everything left
// of k is ≤ a[k] and everything right of it ≥ a[k].
//
// Large arrays (Sen's slope: 39 060 pairwise slopes for 280 days; the bootstrap's 4 000 resampled
// statistics) — banded selection: the wanted ranks lie in a few narrow bands (a median and the
// two ends of its interval; the two tails of a percentile interval). Pivot values around each
// band come from a small deterministic sample; ONE read-only, branch-free pass counts the values
// below each band and copies the values inside it to a scratch buffer; the same is repeated on
// each buffer until it is small enough for Floyd–Rivest. Partitioning by comparisons mispredicts
// about every other branch on unordered data, which made selection the bulk of the time; the
// branch-free pass does not.
//
// The result never depends on the algorithm: an order statistic is a value of the multiset.
// When the sample was unlucky (a band does not contain its ranks) the plain selection runs on
// that range instead. The one value two algorithms could legitimately disagree on is the sign of
// a zero when −0 and +0 are both present: if a selected value is zero and the band held a −0,
// the caller is told (null) and runs the plain selection on the original array, exactly as before.

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

export function selectInPlace(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectInPlace(a, k, newLeft, newRight);
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/**
 * Ascending distinct ranks of a[from..to] into `found` (key rank + offset): the lowest and
 * highest are selected first over the whole range; the ranks between them then only need the
 * part between those two. The original algorithm, kept as is.
 */
function selectAscending(a: Float64Array, ascending: readonly number[], from: number, to: number, found: Map<number, number>, offset: number): void {
  const lo = ascending[0];
  const hi = ascending[ascending.length - 1];
  selectInPlace(a, lo, from, to);
  found.set(lo + offset, a[lo]);
  if (hi !== lo) {
    selectInPlace(a, hi, lo + 1, to);
    found.set(hi + offset, a[hi]);
  }
  let left = lo + 1;
  for (let r = 1; r < ascending.length - 1; r++) {
    const rank = ascending[r];
    selectInPlace(a, rank, left, hi - 1);
    found.set(rank + offset, a[rank]);
    left = rank + 1;
  }
}

/** Below this length the plain selection is as fast as the banded one. */
export const BANDED_MIN_LENGTH = 1024;
/** At most this many bands per pass (more are merged). */
const MAX_BANDS = 3;
/** Scratch buffers up to this many values are kept for the next call. */
const KEEP_SCRATCH = 1 << 21;

/** A group of wanted ranks and the pivot values [lo, hi] expected to enclose them. */
export interface Band {
  ranks: number[];
  lo: number;
  hi: number;
  /** The share of the sample within [lo, hi]: about the share of all values in the band. */
  share: number;
}

/** Sample size for n values: about n^(2/3) / 2 (smaller than Floyd–Rivest's, the pass is cheap). */
export function sampleSize(n: number): number {
  return Math.min(n, 1024, Math.max(128, Math.ceil(Math.cbrt(n) ** 2 / 2)));
}

let sampleScratch: Float64Array = new Float64Array(1024);

/**
 * Bands for ascending `ranks` of `n` values, from a sample of them (`sample` is reordered):
 * for each rank the sample quantile ± 3 standard deviations of it; overlapping windows share
 * a band; at most MAX_BANDS. Unbounded sides are ±Infinity.
 */
export function planBands(sample: Float64Array, n: number, ranks: readonly number[], maxBands = MAX_BANDS): Band[] {
  const m = sample.length;
  const groups: { ranks: number[]; lo: number; hi: number }[] = [];
  for (const rank of ranks) {
    const p = (rank + 0.5) / n;
    const centre = p * m;
    const guard = Math.ceil(3 * Math.sqrt(m * Math.max(p * (1 - p), 1 / m))) + 1;
    const lo = Math.floor(centre) - guard;
    const hi = Math.ceil(centre) + guard;
    const last = groups[groups.length - 1];
    if (last && lo <= last.hi) {
      last.ranks.push(rank);
      last.hi = Math.max(last.hi, hi);
    } else groups.push({ ranks: [rank], lo, hi });
  }
  while (groups.length > maxBands) {
    let best = 0; // merge the two neighbours with the smallest gap
    for (let g = 1; g < groups.length - 1; g++) if (groups[g + 1].lo - groups[g].hi < groups[best + 1].lo - groups[best].hi) best = g;
    const [x, y] = groups.splice(best, 2);
    groups.splice(best, 0, { ranks: [...x.ranks, ...y.ranks], lo: x.lo, hi: y.hi });
  }
  const wanted: number[] = [];
  for (const g of groups) {
    if (g.lo >= 0 && g.lo < m && wanted[wanted.length - 1] !== g.lo) wanted.push(g.lo);
    if (g.hi >= 0 && g.hi < m && wanted[wanted.length - 1] !== g.hi) wanted.push(g.hi);
  }
  const pivots = new Map<number, number>();
  if (wanted.length > 0) selectAscending(sample, wanted, 0, m - 1, pivots, 0);
  return groups.map((g) => ({
    ranks: g.ranks,
    share: (Math.min(g.hi, m) - Math.max(g.lo, 0)) / m,
    lo: g.lo < 0 ? -Infinity : g.lo >= m ? Infinity : pivots.get(g.lo)!,
    hi: g.hi >= m ? Infinity : g.hi < 0 ? -Infinity : pivots.get(g.hi)!,
  }));
}

/** A deterministic, evenly spread sample of `m` values of a (one per stride, jittered). */
function sampleOf(a: Float64Array, m: number): Float64Array {
  if (sampleScratch.length < m) sampleScratch = new Float64Array(m);
  const sample = sampleScratch.subarray(0, m);
  const n = a.length;
  const stride = n / m;
  const jitter = stride / 4294967296;
  for (let k = 0; k < m; k++) {
    const offset = (Math.imul(k, 0x9e3779b1) >>> 0) * jitter; // Fibonacci hashing, in [0, stride)
    sample[k] = a[Math.min(n - 1, Math.floor(k * stride + offset))];
  }
  return sample;
}

/** Scratch buffers by depth and band; a buffer of a band of n values has room for n. */
const pool: Float64Array[][] = [];

function buffer(depth: number, band: number, length: number): Float64Array {
  if (length > KEEP_SCRATCH) return new Float64Array(length);
  const level = (pool[depth] ??= []);
  const existing = level[band];
  if (existing && existing.length >= length) return existing;
  return (level[band] = new Float64Array(Math.max(length, Math.min(KEEP_SCRATCH, (existing?.length ?? 0) * 2))));
}

/** The scratch buffer of a first band (room for `length` values), for callers that fill it themselves. */
export function bandBuffer(length: number): Float64Array {
  return buffer(0, 0, length);
}

/** Per band of the last pass: values below it, values in it; then the NaN count. */
const passCounts = new Int32Array(2 * MAX_BANDS + 1);

/**
 * One read-only, branch-free pass over `a`: for each band, counts the values below it and
 * copies the values inside it to its output (which has room for a.length values).
 */
function partition(a: Float64Array, bands: readonly Band[], outs: readonly Float64Array[]): void {
  const n = a.length;
  if (bands.length === 1) {
    const lo = bands[0].lo;
    const hi = bands[0].hi;
    const out = outs[0];
    let below = 0;
    let count = 0;
    let nan = 0;
    for (let i = 0; i < n; i++) {
      const v = a[i];
      below += +(v < lo);
      nan += +(v !== v);
      out[count] = v;
      count += +(v >= lo) - +(v > hi);
    }
    passCounts[0] = below;
    passCounts[1] = count;
    passCounts[2 * MAX_BANDS] = nan;
  } else if (bands.length === 2) {
    const [lo0, hi0, lo1, hi1] = [bands[0].lo, bands[0].hi, bands[1].lo, bands[1].hi];
    const out0 = outs[0];
    const out1 = outs[1];
    let below0 = 0;
    let count0 = 0;
    let below1 = 0;
    let count1 = 0;
    let nan = 0;
    for (let i = 0; i < n; i++) {
      const v = a[i];
      nan += +(v !== v);
      below0 += +(v < lo0);
      out0[count0] = v;
      count0 += +(v >= lo0) - +(v > hi0);
      below1 += +(v < lo1);
      out1[count1] = v;
      count1 += +(v >= lo1) - +(v > hi1);
    }
    passCounts[0] = below0;
    passCounts[1] = count0;
    passCounts[2] = below1;
    passCounts[3] = count1;
    passCounts[2 * MAX_BANDS] = nan;
  } else {
    const [lo0, hi0, lo1, hi1, lo2, hi2] = [bands[0].lo, bands[0].hi, bands[1].lo, bands[1].hi, bands[2].lo, bands[2].hi];
    const out0 = outs[0];
    const out1 = outs[1];
    const out2 = outs[2];
    let below0 = 0;
    let count0 = 0;
    let below1 = 0;
    let count1 = 0;
    let below2 = 0;
    let count2 = 0;
    let nan = 0;
    for (let i = 0; i < n; i++) {
      const v = a[i];
      nan += +(v !== v);
      below0 += +(v < lo0);
      out0[count0] = v;
      count0 += +(v >= lo0) - +(v > hi0);
      below1 += +(v < lo1);
      out1[count1] = v;
      count1 += +(v >= lo1) - +(v > hi1);
      below2 += +(v < lo2);
      out2[count2] = v;
      count2 += +(v >= lo2) - +(v > hi2);
    }
    passCounts[0] = below0;
    passCounts[1] = count0;
    passCounts[2] = below1;
    passCounts[3] = count1;
    passCounts[4] = below2;
    passCounts[5] = count2;
    passCounts[2 * MAX_BANDS] = nan;
  }
}

/** Ranges up to this length go straight to Floyd–Rivest inside the banded selection. */
const FLOYD_RIVEST_MAX = 48;

const range = new Float64Array(2);

/**
 * [min, max] of x into `range`; false if x holds a NaN. Two running minima and maxima with
 * well-predicted branches: a single running min(·) would chain every step on the previous one.
 */
function rangeOf(x: Float64Array): boolean {
  const n = x.length;
  let lo0 = Infinity;
  let hi0 = -Infinity;
  let lo1 = Infinity;
  let hi1 = -Infinity;
  let nan = false;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const v = x[i];
    const w = x[i + 1];
    if (v < lo0) lo0 = v;
    else if (v !== v) nan = true;
    if (v > hi0) hi0 = v;
    if (w < lo1) lo1 = w;
    else if (w !== w) nan = true;
    if (w > hi1) hi1 = w;
  }
  if (i < n) {
    const v = x[i];
    if (v < lo0) lo0 = v;
    else if (v !== v) nan = true;
    if (v > hi0) hi0 = v;
  }
  range[0] = lo0 < lo1 ? lo0 : lo1;
  range[1] = hi0 > hi1 ? hi0 : hi1;
  return !nan;
}

/** Histogram counts and bucket → target maps, by depth. */
const histograms: Int32Array[] = [];
const targetMaps: Int32Array[] = [];

function histogramScratch(depth: number, buckets: number): [Int32Array, Int32Array] {
  let h = histograms[depth];
  if (!h || h.length < buckets) {
    h = histograms[depth] = new Int32Array(buckets);
    targetMaps[depth] = new Int32Array(buckets).fill(-1);
  }
  h.fill(0, 0, buckets);
  return [h, targetMaps[depth]];
}

/**
 * The same pass with branches, for one or two narrow bands (the tails of a percentile
 * interval): most values fall outside every band and take the same, well-predicted branch.
 */
function partitionSparse(a: Float64Array, bands: readonly Band[], outs: readonly Float64Array[]): void {
  const n = a.length;
  const lo0 = bands[0].lo;
  const hi0 = bands[0].hi;
  const out0 = outs[0];
  let below0 = 0;
  let count0 = 0;
  let between = 0;
  let count1 = 0;
  let above = 0;
  if (bands.length === 1) {
    for (let i = 0; i < n; i++) {
      const v = a[i];
      if (v < lo0) below0++;
      else if (v <= hi0) out0[count0++] = v;
      else above += +(v === v);
    }
  } else {
    const lo1 = bands[1].lo;
    const hi1 = bands[1].hi;
    const out1 = outs[1];
    for (let i = 0; i < n; i++) {
      const v = a[i];
      if (v <= hi0) {
        if (v < lo0) below0++;
        else out0[count0++] = v;
      } else if (v >= lo1) {
        if (v <= hi1) out1[count1++] = v;
        else above++;
      } else between += +(v === v);
    }
    passCounts[2] = below0 + count0 + between;
    passCounts[3] = count1;
  }
  passCounts[0] = below0;
  passCounts[1] = count0;
  passCounts[2 * MAX_BANDS] = n - below0 - count0 - between - count1 - above;
}

/**
 * Ascending distinct `ranks` of `x` (scratch: reordered freely; every value within [lo, hi],
 * or unbounded sides ±Infinity) into `found` (key rank + offset). Returns true when −0 was
 * among the candidates of a zero result (see the top of the file).
 *
 * Selection by a histogram: K equal-width buckets over [lo, hi]; a value's bucket
 * ⌊(v − lo)·K/(hi − lo)⌋ (clamped) is monotone in v even in floating point, so the buckets
 * split the values into ordered groups; their counts say which bucket holds each wanted rank,
 * and only those buckets' values are gathered and looked at further. Two branch-light passes.
 */
function bandedSelect(x: Float64Array, ranks: number[], found: Map<number, number>, offset: number, depth: number, lo: number, hi: number): boolean {
  const n = x.length;
  if (n > FLOYD_RIVEST_MAX && depth <= 6 && !(lo > -Infinity && hi < Infinity)) {
    if (!rangeOf(x)) return true; // NaN has no order: the caller's plain selection decides, as before
    lo = range[0];
    hi = range[1];
  }
  if (lo === hi) {
    // Every value equals lo (heavily tied data, e.g. slopes between censored days).
    if (lo === 0 && hasNegativeZero(x)) return true;
    for (const r of ranks) found.set(r + offset, lo === 0 ? 0 : lo);
    return false;
  }
  const buckets = Math.min(4096, Math.max(16, n >> 2));
  const scale = buckets / (hi - lo);
  if (n <= FLOYD_RIVEST_MAX || depth > 6 || !(scale > 0 && scale < Infinity)) {
    selectAscending(x, ranks, 0, n - 1, found, offset);
    return zeroSignAmbiguous(x, ranks, found, offset);
  }
  const last = buckets - 1;
  const [hist, target] = histogramScratch(depth, buckets);
  for (let i = 0; i < n; i++) {
    const b = ((x[i] - lo) * scale) | 0;
    hist[b < last ? b : last]++;
  }
  // The bucket of each rank, and the count below it.
  const bucketOf: number[] = [];
  const belowOf: number[] = [];
  let cumulative = 0;
  let b = 0;
  for (const r of ranks) {
    while (cumulative + hist[b] <= r) cumulative += hist[b++];
    bucketOf.push(b);
    belowOf.push(cumulative);
  }
  const distinct = [...new Set(bucketOf)];
  const outs = distinct.map((bucket, t) => {
    target[bucket] = t;
    return buffer(depth, t, hist[bucket]);
  });
  const fill = new Int32Array(distinct.length);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const k = ((v - lo) * scale) | 0;
    const t = target[k < last ? k : last];
    if (t >= 0) outs[t][fill[t]++] = v;
  }
  for (const bucket of distinct) target[bucket] = -1;
  let ambiguous = false;
  for (let t = 0; t < distinct.length; t++) {
    const own: number[] = [];
    let below = 0;
    for (let k = 0; k < ranks.length; k++) {
      if (bucketOf[k] !== distinct[t]) continue;
      below = belowOf[k];
      own.push((ranks[k] - below) | 0);
    }
    const inner = outs[t].subarray(0, fill[t]);
    ambiguous = bandedSelect(inner, own, found, offset + below, depth + 1, -Infinity, Infinity) || ambiguous;
  }
  return ambiguous;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Whether x holds a −0 (by its bit pattern: 1/x would be a division per value). */
function hasNegativeZero(x: Float64Array): boolean {
  if (!LITTLE_ENDIAN) {
    for (let i = 0; i < x.length; i++) if (x[i] === 0 && 1 / x[i] < 0) return true;
    return false;
  }
  const words = new Int32Array(x.buffer, x.byteOffset, x.length * 2);
  for (let i = 0; i < x.length; i++) if (words[2 * i + 1] === -2147483648 && words[2 * i] === 0) return true;
  return false;
}

/** A selected zero whose sign could depend on the algorithm: x holds a −0 (and so the zero's range). */
function zeroSignAmbiguous(x: Float64Array, ranks: readonly number[], found: Map<number, number>, offset: number): boolean {
  return ranks.some((r) => found.get(r + offset) === 0) && hasNegativeZero(x);
}

/**
 * Banded selection of a band already taken out of a larger array: `x` holds every value of
 * that array within [lo, hi] (scratch, reordered freely), `below` values are below lo, and
 * `ranks` (ascending, distinct) are ranks of the whole array. Null when the ranks are not all
 * inside the band or a zero's sign is ambiguous: the caller then selects on the whole array.
 */
export function selectWithinBand(x: Float64Array, below: number, ranks: readonly number[], lo: number, hi: number): Map<number, number> | null {
  if (ranks[0] < below || ranks[ranks.length - 1] >= below + x.length) return null;
  const found = new Map<number, number>();
  if (bandedSelect(x, ranks.map((r) => (r - below) | 0), found, below | 0, 1, lo, hi)) return null;
  return found;
}

/**
 * The order statistics at `ranks` (0-based) of `a`, which may be reordered. Whichever
 * algorithm runs, the values are those of a full ascending sort at those positions.
 */
export function orderStatistics(a: Float64Array, ranks: readonly number[]): number[] {
  const ascending = [...new Set(ranks)].sort((x, y) => x - y);
  if (ascending.length === 0) return [];
  const n = a.length;
  let found: Map<number, number> | null = null;
  if (n >= BANDED_MIN_LENGTH && ascending[0] >= 0 && ascending[ascending.length - 1] < n && ascending.every(Number.isInteger)) {
    // The first pass reads `a` without reordering it, so the fallback sees the original order.
    const bands = planBands(sampleOf(a, sampleSize(n)), n, ascending);
    const outs = bands.map((_, b) => buffer(0, b, n));
    if (bands.length <= 2 && bands.reduce((sum, b) => sum + b.share, 0) < 0.35) partitionSparse(a, bands, outs);
    else partition(a, bands, outs);
    const counts = Array.from(passCounts.subarray(0, 2 * bands.length));
    if (passCounts[2 * MAX_BANDS] === 0) {
      found = new Map<number, number>();
      for (let b = 0; b < bands.length && found; b++) {
        const within = selectWithinBand(outs[b].subarray(0, counts[2 * b + 1]), counts[2 * b], bands[b].ranks, bands[b].lo, bands[b].hi);
        if (within) for (const [rank, value] of within) found.set(rank, value);
        else found = null;
      }
    }
  }
  if (!found) {
    found = new Map<number, number>();
    selectAscending(a, ascending, 0, n - 1, found, 0);
  }
  return ranks.map((rank) => found.get(rank)!);
}
