/**
 * Text on a coloured cell must reach WCAG AA (4.5:1): the label takes black or white, whichever
 * contrasts more with the cell's actual colour. Pure; no vega at run time.
 */

/** Vega's 'blueorange' scheme sampled at t = 0, 0.05, …, 1 (from vega's scheme('blueorange'); test/unit/charts/contrast.test.ts checks them against vega). */
export const BLUEORANGE_STOPS: [number, number, number][] = [
  [19, 75, 133], [33, 98, 156], [47, 120, 179], [70, 141, 191], [93, 162, 203], [125, 182, 214], [157, 202, 225],
  [184, 216, 232], [210, 229, 239], [226, 235, 237], [242, 240, 235], [247, 232, 211], [252, 224, 186], [252, 208, 151],
  [251, 191, 116], [242, 169, 82], [232, 147, 47], [215, 126, 30], [197, 105, 13], [175, 90, 10], [153, 74, 7],
];

/** The scheme's colour at t ∈ [0, 1], linearly between the stops. */
export function blueOrangeAt(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (BLUEORANGE_STOPS.length - 1);
  const i = Math.min(BLUEORANGE_STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [BLUEORANGE_STOPS[i], BLUEORANGE_STOPS[i + 1]];
  return [0, 1, 2].map((k) => a[k] + (b[k] - a[k]) * f) as [number, number, number];
}

/** WCAG 2 relative luminance of an sRGB colour (0–255 channels). */
export function relativeLuminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(l1: number, l2: number): number {
  const [hi, lo] = l1 > l2 ? [l1, l2] : [l2, l1];
  return (hi + 0.05) / (lo + 0.05);
}

/** '#000000' or '#ffffff', whichever has the higher contrast on `background`. */
export function labelColourOn(background: [number, number, number]): '#000000' | '#ffffff' {
  const l = relativeLuminance(background);
  return contrastRatio(l, 0) >= contrastRatio(l, 1) ? '#000000' : '#ffffff';
}

/**
 * Where a ratio falls in the heatmap's diverging log scale with its midpoint at 1:
 * [dMin, 1] → [0, 0.5] and [1, dMax] → [0.5, 1], as vega-lite's `domainMid` maps it.
 */
export function divergingLogT(ratio: number, dMin: number, dMax: number): number {
  const r = Math.min(dMax, Math.max(dMin, ratio));
  if (r >= 1) return dMax === 1 ? 0.5 : 0.5 + 0.5 * Math.log(r) / Math.log(dMax);
  return dMin === 1 ? 0.5 : 0.5 - 0.5 * Math.log(r) / Math.log(dMin);
}
