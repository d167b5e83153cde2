// Benjamini–Hochberg adjusted p-values (q-values), as
// scipy.stats.false_discovery_control(p, method='bh'): q_(i) = min_{j ≥ i} p_(j) · (m / j), ≤ 1.

/** Nulls stay null and are not part of the family (m counts only the real p-values). */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const present: number[] = [];
  pValues.forEach((p, i) => {
    if (p === null) return;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value outside [0, 1]: ${p}`);
    present.push(i);
  });
  const result: (number | null)[] = pValues.map(() => null);
  const m = present.length;
  if (m === 1) result[present[0]] = pValues[present[0]];
  if (m <= 1) return result;
  const order = present.slice().sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  let running = Infinity;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1];
    running = Math.min(running, (pValues[index] as number) * (m / rank));
    result[index] = Math.min(1, running);
  }
  return result;
}
