// test/fixtures/campaigns/campaign-fixtures.json (scripts/scipy/make_campaign_fixtures.py) and the
// agreement rule of API.md: |a − b| ≤ max(1e-9·|b|, 1e-12).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

// The JSON's shape is checked by the comparisons themselves; cases are read loosely typed.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Case = Record<string, any>;
const raw = JSON.parse(readFileSync(new URL('../../fixtures/campaigns/campaign-fixtures.json', import.meta.url), 'utf8')) as Record<string, unknown>;
/** The lists of cases, by statistic. */
export const fixtures = raw as Record<string, Case[]>;
export const sampleHandCheck = raw.sampleHandCheck as Case | null;
export const advisorLiterature = raw.advisorLiterature as Case;

export function expectClose(actual: unknown, expected: number | null, label = ''): void {
  if (expected === null) {
    expect(actual ?? null, `${label}: expected null`).toBeNull();
    return;
  }
  expect(typeof actual, `${label}: expected a number, got ${String(actual)}`).toBe('number');
  const tolerance = Math.max(1e-9 * Math.abs(expected), 1e-12);
  const difference = Math.abs((actual as number) - expected);
  expect(difference <= tolerance, `${label}: ${String(actual)} vs reference ${expected} (|Δ| = ${difference})`).toBe(true);
}

/**
 * Every key of `expected` (recursively): numbers within tolerance, null ⇒ null, other values equal.
 * Keys only in `actual` are not compared.
 */
export function expectMatches(actual: unknown, expected: unknown, label = ''): void {
  if (expected === null) {
    expect(actual ?? null, `${label}: expected null, got ${JSON.stringify(actual)}`).toBeNull();
  } else if (typeof expected === 'number') {
    // Python writes ±inf as null (allow_nan=False); finite numbers compare with tolerance.
    expectClose(actual, expected, label);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${label}: expected an array`).toBe(true);
    expect((actual as unknown[]).length, `${label}: length`).toBe(expected.length);
    expected.forEach((e, i) => expectMatches((actual as unknown[])[i], e, `${label}[${i}]`));
  } else if (typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', `${label}: expected an object, got ${JSON.stringify(actual)}`).toBe(true);
    for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
      expectMatches((actual as Record<string, unknown>)[key], value, label ? `${label}.${key}` : key);
    }
  } else {
    expect(actual, label).toBe(expected);
  }
}
