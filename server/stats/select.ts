// Order statistics by selection instead of a full sort: Sen's slope needs the median and two
// interval ends of 39 060 pairwise slopes (280 days), the bootstrap two pairs of neighbours
// among 4 000 resampled statistics. Selection is O(n) on average where a sort is O(n log n).
//
// The algorithm is Floyd & Rivest's SELECT (Comm. ACM 18(3), 1975), as in mourner/quickselect:
// a quickselect whose pivot comes from a small recursive selection on a sample around k.
// An order statistic is a value of the multiset, so the result is what a full ascending sort
// would put at the same position (test/unit/stats/senSlope.test.ts compares with one).

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Reorders a[left..right] so that a[k] is its k-th smallest value (0-based index into a),
 * everything in a[left..k−1] is ≤ a[k] and everything in a[k+1..right] is ≥ a[k].
 */
export function selectInPlace(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      // Narrow [left, right] to a sample window expected to hold the k-th value.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectInPlace(a, k, newLeft, newRight);
    }
    // Partition around t = a[k] (Hoare).
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
 * The values at 0-based `ranks` of `a` in ascending order (`a` may be reordered). The lowest
 * and the highest rank are selected first; every other rank then lies between those two
 * positions, and each selection leaves the larger values to its right, so the next one looks
 * only there. Long arrays whose ranks lie close together (Sen's median and interval) first go
 * through narrowToBand.
 */
export function orderStatistics(a: Float64Array, ranks: readonly number[]): number[] {
  const ascending = [...new Set(ranks)].sort((x, y) => x - y);
  for (const rank of ascending) {
    if (!(Number.isInteger(rank) && rank >= 0 && rank < a.length)) throw new RangeError(`rank ${rank} outside 0…${a.length - 1}`);
  }
  if (ascending.length === 0) return [];
  const band = narrowToBand(a, ascending);
  if (band) {
    const found = selectByBuckets(band.values, ascending.map((rank) => rank - band.below), band.lo, band.hi);
    if (found) return ranks.map((rank) => found.get(rank - band.below)!);
  }
  const lowest = ascending[0];
  const highest = ascending[ascending.length - 1];
  selectInPlace(a, lowest, 0, a.length - 1);
  if (highest !== lowest) selectInPlace(a, highest, lowest + 1, a.length - 1);
  let left = lowest + 1;
  for (const rank of ascending.slice(1, -1)) {
    selectInPlace(a, rank, left, highest - 1);
    left = rank + 1;
  }
  return ranks.map((rank) => a[rank]);
}

/**
 * Selection by buckets, for values that all lie within [lo, hi] (finite): about 8 values per
 * bucket of equal width; a value's bucket ⌊(v − lo)·K/(hi − lo)⌋ never decreases as v grows
 * (also in floating point), so the buckets hold ordered groups. Their counts tell which bucket
 * holds each wanted rank; only those buckets are gathered and sorted. Null when the width is
 * not a usable number (the caller selects as usual).
 */
function selectByBuckets(x: Float64Array, ascending: readonly number[], lo: number, hi: number): Map<number, number> | null {
  const n = x.length;
  const buckets = Math.max(1, n >> 3);
  const scale = buckets / (hi - lo);
  if (!(scale > 0 && scale < Infinity)) return null;
  const last = buckets - 1;
  const counts = new Int32Array(buckets);
  for (let i = 0; i < n; i++) {
    const b = ((x[i] - lo) * scale) | 0; // 0 ≤ (v − lo)·scale ≤ buckets: truncation is floor
    counts[b < last ? b : last]++;
  }
  // For each rank: its bucket, and the number of values in the buckets before it.
  const bucketOfRank: number[] = [];
  const startOfRank: number[] = [];
  let start = 0;
  let b = 0;
  for (const rank of ascending) {
    while (start + counts[b] <= rank) start += counts[b++];
    bucketOfRank.push(b);
    startOfRank.push(start);
  }
  // Gather the values of those buckets (group g for the g-th distinct bucket), then sort each.
  const distinct = [...new Set(bucketOfRank)];
  const groupOf = new Int32Array(buckets).fill(-1);
  distinct.forEach((bucket, g) => (groupOf[bucket] = g));
  const groups: number[][] = distinct.map(() => []);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const k = ((v - lo) * scale) | 0;
    const g = groupOf[k < last ? k : last];
    if (g >= 0) groups[g].push(v);
  }
  for (const group of groups) group.sort((p, q) => p - q);
  const found = new Map<number, number>();
  ascending.forEach((rank, k) => found.set(rank, groups[groupOf[bucketOfRank[k]]][rank - startOfRank[k]]));
  return found;
}

/** Arrays at least this long, with all wanted ranks within this share of them, are narrowed. */
const NARROW_MIN_LENGTH = 4096;
const NARROW_MAX_SPREAD = 0.2;
const SAMPLE_SIZE = 1024;

/** The band's buffer, kept for the next call up to this many values (16 MB). */
const KEEP_SCRATCH = 1 << 21;
let bandScratch = new Float64Array(0);

/**
 * Floyd & Rivest's sampling step, applied once: pivot values lo ≤ hi that should enclose the
 * wanted ranks are read off a sorted sample (the sample ranks ± 3 standard deviations), then
 * ONE pass over `a` counts the values below lo and copies those within [lo, hi]. The ranks are
 * then selected among the few copied values (`below` values precede them). Null when this
 * does not apply, when the sample missed (a wanted rank is not among the copied values) or `a`
 * holds a NaN: the caller selects on the whole array, with the same result, only slower.
 * lo and hi are ±Infinity when the band is open on that side.
 */
function narrowToBand(a: Float64Array, ascending: readonly number[]): { values: Float64Array; below: number; lo: number; hi: number } | null {
  const n = a.length;
  const lowRank = ascending[0];
  const highRank = ascending[ascending.length - 1];
  if (n < NARROW_MIN_LENGTH || highRank - lowRank > NARROW_MAX_SPREAD * n) return null;
  const m = SAMPLE_SIZE;
  const sample = new Float64Array(m);
  for (let k = 0; k < m; k++) sample[k] = a[Math.floor(((k + 0.5) * n) / m)]; // evenly spaced
  const sampleIndex = (rank: number, side: -1 | 1): number => {
    const p = (rank + 0.5) / n;
    return Math.round(p * m) + side * Math.ceil(3 * Math.sqrt(m * p * (1 - p)) + 1);
  };
  const loIndex = sampleIndex(lowRank, -1);
  const hiIndex = sampleIndex(highRank, 1);
  if (loIndex >= 0) selectInPlace(sample, loIndex);
  if (hiIndex < m) selectInPlace(sample, hiIndex, Math.max(loIndex + 1, 0));
  const lo = loIndex < 0 ? -Infinity : sample[loIndex];
  const hi = hiIndex >= m ? Infinity : sample[hiIndex];
  if (n <= KEEP_SCRATCH && bandScratch.length < n) bandScratch = new Float64Array(n);
  const kept = n <= KEEP_SCRATCH ? bandScratch : new Float64Array(n);
  // Written without branches: whether a value lies below the band is close to a coin toss,
  // which a branch would mispredict half of the time. Every value is stored; the count moves on
  // only when it lies within [lo, hi], so the next value overwrites the others. A NaN is in no
  // count.
  let below = 0;
  let count = 0;
  let above = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    const isAbove = +(v > hi);
    below += +(v < lo);
    above += isAbove;
    kept[count] = v;
    count += +(v >= lo) - isAbove;
  }
  if (below + count + above !== n) return null; // NaN
  if (lowRank < below || highRank >= below + count) return null;
  return { values: kept.subarray(0, count), below, lo, hi };
}
