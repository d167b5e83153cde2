// Order statistics without a full sort: Floyd–Rivest selection (as in mourner/quickselect),
// O(n) on average. After select(a, k, left, right): a[k] is the k-th smallest of a[left..right],
// everything left of k is ≤ a[k] and everything right of it ≥ a[k].

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
 * The order statistics at `ranks` (0-based) of `a`, which is reordered. The lowest and highest
 * ranks are selected first over the whole array; the ranks between them then only need the
 * (usually short) part between those two, e.g. a median between the ends of its interval.
 */
export function orderStatistics(a: Float64Array, ranks: readonly number[]): number[] {
  const ascending = [...new Set(ranks)].sort((x, y) => x - y);
  const found = new Map<number, number>();
  if (ascending.length === 0) return [];
  const lo = ascending[0];
  const hi = ascending[ascending.length - 1];
  selectInPlace(a, lo, 0, a.length - 1);
  found.set(lo, a[lo]);
  if (hi !== lo) {
    selectInPlace(a, hi, lo + 1, a.length - 1);
    found.set(hi, a[hi]);
  }
  let left = lo + 1;
  for (const rank of ascending.slice(1, -1)) {
    selectInPlace(a, rank, left, hi - 1);
    found.set(rank, a[rank]);
    left = rank + 1;
  }
  return ranks.map((rank) => found.get(rank)!);
}
