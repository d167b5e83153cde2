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

/**
 * A suggestion must be this close: edit distance at most 40 % of the longer normalised name
 * ("Kokain" → "Cocaine" is 0.43 and is not offered; "EXS ARV" → "EXS-ARV" is 0). A wrong guess files
 * data under the wrong area, so no suggestion beats a loose one.
 */
export const SUGGESTION_MAX_DISTANCE = 0.4;

/** The candidates close enough to `name` (by normalised edit distance), best first; often none. */
export function closestNames(name: string, candidates: string[], max = 3): string[] {
  const n = normalizeName(name);
  return [...new Set(candidates)]
    .map((c) => {
      const cn = normalizeName(c);
      // One name inside the other ("Norrby" in "Norrby ARV") counts as close, unless the shorter is tiny ("ps").
      const contained = Math.min(n.length, cn.length) >= 4 && (cn.includes(n) || n.includes(cn));
      const d = contained ? 0.5 : editDistance(n, cn);
      return { c, d: d / Math.max(n.length, cn.length, 1) };
    })
    .filter((x) => x.d <= SUGGESTION_MAX_DISTANCE)
    .sort((x, y) => x.d - y.d)
    .slice(0, max)
    .map((x) => x.c);
}
