/**
 * Normalises a name for matching: case-, accent- and spacing-insensitive.
 * "Bensoylekgonin (BzE)" and "bensoylekgonin  (bze)" compare equal; å/ä/ö fold to a/a/o.
 */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/µ|μ/g, 'u')
    .replace(/[^a-z0-9<>]+/g, ' ')
    .trim();
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest candidates to `name` (by normalised edit distance), best first. */
export function closestNames(name: string, candidates: string[], max = 3): string[] {
  const n = normalizeName(name);
  return [...new Set(candidates)]
    .map((c) => {
      const cn = normalizeName(c);
      const d = cn.includes(n) || n.includes(cn) ? 0.5 : editDistance(n, cn);
      return { c, d: d / Math.max(n.length, cn.length, 1) };
    })
    .sort((x, y) => x.d - y.d)
    .slice(0, max)
    .map((x) => x.c);
}
