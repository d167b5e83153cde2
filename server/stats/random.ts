// Deterministic randomness for the bootstrap: a seed derived from the data itself, so the same
// input always gives the same interval (a printed report can be reproduced), and xoshiro128**
// (Blackman & Vigna, period 2^128 − 1) whose step is written out inline in the hot loop.

/** 32-bit FNV-1a over the IEEE-754 bit patterns of the values, finished with murmur3's fmix32. */
export function hashValues(values: readonly number[], hash = 0x811c9dc5): number {
  const words = new Uint32Array(new Float64Array(values).buffer);
  let h = hash >>> 0;
  for (let i = 0; i < words.length; i++) {
    h ^= words[i];
    h = Math.imul(h, 0x01000193);
  }
  h ^= values.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** xoshiro128** state (four 32-bit words, never all zero) from a 32-bit seed via splitmix32. */
export function xoshiroState(seed: number): Int32Array {
  const state = new Int32Array(4);
  let x = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    state[i] = z ^ (z >>> 16);
  }
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return state;
}

/**
 * Means of out.length resamples (with replacement) of `values`, advancing `state`.
 * Index = ⌊u · n / 2^32⌋ for a uniform 32-bit u (exact in a double for n < 2^21).
 */
export function resampledMeans(values: Float64Array, state: Int32Array, out: Float64Array): Float64Array {
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  const n = values.length;
  const scale = n / 4294967296;
  for (let r = 0; r < out.length; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x5 = Math.imul(s1, 5);
      const u = Math.imul((x5 << 7) | (x5 >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      sum += values[(u * scale) | 0];
    }
    out[r] = sum / n;
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return out;
}
