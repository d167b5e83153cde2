/**
 * Property-based fuzzing of imports (see properties.ts for what is generated and checked).
 * A few hundred cases here; `npm run fuzz` (test/fuzz/run.ts) runs ten thousand or more.
 * The seed is fixed, so `npm test` runs the same cases every time and a red CI run is a change of
 * ours, not the draw of a new seed; new cases are explored by `npm run fuzz` (a new seed each run).
 * Set FUZZ_SEED to replay a failure that fast-check printed, or FUZZ_SEED=random for a new draw.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFuzzEnv, fuzzImports, type FuzzEnv } from './properties.ts';

const FIXED_SEED = 20_261_202;
const seed = process.env.FUZZ_SEED === 'random' ? undefined : process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : FIXED_SEED;

describe('fuzzed lab, flow and area files through the import use case and HTTP', () => {
  let env: FuzzEnv;
  beforeAll(async () => {
    env = await createFuzzEnv();
  });
  afterAll(async () => env?.close());

  it('never crash, never write part of a rejected file, report every error where it is, and round-trip what they accept', async () => {
    const s = await fuzzImports(env, { runs: 500, seed, mode: 'assert' });
    expect(s.cases).toBe(500);
    expect(s.failures).toEqual([]);
    // The generator reaches every outcome: dry runs, commits, rejections.
    expect(s.byStatus['200']).toBeGreaterThan(0);
    expect(s.byStatus['422']).toBeGreaterThan(0);
    expect(s.committed).toBeGreaterThan(0);
    expect(s.roundTrippedValues).toBeGreaterThan(0);
  }, 120_000);
});

describe('the same, as a municipality in a county with a sibling whose areas share our names (issue 16)', () => {
  let env: FuzzEnv;
  beforeAll(async () => {
    env = await createFuzzEnv({ tree: true });
  });
  afterAll(async () => env?.close());

  it('every property holds, and no row of the county or the sibling changes (their names and catalogue are not ours)', async () => {
    const s = await fuzzImports(env, { runs: 200, seed, mode: 'assert' });
    expect(s.failures).toEqual([]);
    expect(s.committed).toBeGreaterThan(0);
    expect(s.roundTrippedValues).toBeGreaterThan(0);
  }, 120_000);
});
