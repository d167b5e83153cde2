// Values below the limit of quantification: storage keeps the flag and the LOQ; statistics
// substitute a number by a visible setting (DOMAIN.md "Values below LOQ").

export type CensoredMode = 'half_loq' | 'zero' | 'loq';

/**
 * The number statistics use for one measurement. Uncensored: the value itself. Censored: LOQ/2,
 * 0 or LOQ by `mode`; null when the LOQ needed for that is unknown.
 */
export function substituteCensored(
  value: number | null,
  censored: boolean,
  loq: number | null,
  mode: CensoredMode,
): number | null {
  if (!censored) return value;
  if (mode === 'zero') return 0;
  if (loq === null || !Number.isFinite(loq)) return null;
  return mode === 'half_loq' ? loq / 2 : loq;
}
