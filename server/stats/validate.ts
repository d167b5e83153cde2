/** Statistics take finite numbers only; NaN would silently corrupt ranks, signs and sums. */
export function assertFinite(values: readonly number[], what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${what}[${i}] is not a finite number: ${values[i]}`);
  }
}
