// The trend's pairwise loop as WebAssembly SIMD (two pairs per step), assembled at load time
// (wasmAssembler.ts). For x ascending and pivots [lo, hi] it computes, in one pass over the
// pairs i < j:
//   - every slope (y[j] − y[i]) / (x[j] − x[i]) over pairs with distinct x (j ≥ groupEnd[i]),
//     counting those below lo and keeping, in pair order, those within [lo, hi];
//   - Kendall's S = Σ sign(y[j] − y[i]) over all pairs (equal x included).
// Subtraction, division and comparisons are IEEE operations in each lane, so the kept slopes,
// the counts and S are exactly those of senSlope.ts's JavaScript loop and of mannKendall.
import { assemble, ensureMemory, I, instantiate } from './wasmAssembler.ts';

const bytes = assemble({
  params: { x: 'i32', y: 'i32', ge: 'i32', out: 'i32', n: 'i32', lo: 'f64', hi: 'f64' },
  locals: {
    i: 'i32', j: 'i32', g: 'i32', c: 'i32',
    xi: 'f64', yi: 'f64', dy: 'f64', v: 'f64',
    sBelow: 'i64', sS: 'i64',
    XI: 'v128', YI: 'v128', LO: 'v128', HI: 'v128', BELOW: 'v128', SACC: 'v128', DY: 'v128', V: 'v128', M: 'v128', ZERO: 'v128',
  },
  body: (get, set) => {
    const at = (base: string, index: string, shift: number) => [...get(base), ...get(index), ...I.i32(shift), ...I.i32Shl, ...I.i32Add];
    // sS += (dy > 0) − (dy < 0)
    const signOfDy = [get('sS'), get('dy'), I.f64(0), I.f64Gt, I.i64ExtendI32U, I.i64Add, get('dy'), I.f64(0), I.f64Lt, I.i64ExtendI32U, I.i64Sub, set('sS')];
    return [
      get('lo'), I.f64x2Splat, set('LO'),
      get('hi'), I.f64x2Splat, set('HI'),
      I.block, I.loop, // for i while i + 1 < n
      get('i'), I.i32(1), I.i32Add, get('n'), I.i32GeS, I.brIf(1),
      at('x', 'i', 3), I.f64Load(), set('xi'),
      at('y', 'i', 3), I.f64Load(), set('yi'),
      get('xi'), I.f64x2Splat, set('XI'),
      get('yi'), I.f64x2Splat, set('YI'),
      at('ge', 'i', 2), I.i32Load(), set('g'),
      get('i'), I.i32(1), I.i32Add, set('j'),
      // Pairs with equal x: only Kendall's S.
      I.block, I.loop,
      get('j'), get('g'), I.i32GeS, I.brIf(1),
      at('y', 'j', 3), I.f64Load(), get('yi'), I.f64Sub, set('dy'),
      ...signOfDy,
      get('j'), I.i32(1), I.i32Add, set('j'),
      I.br(0), I.end, I.end,
      // Two pairs per step.
      I.block, I.loop,
      get('j'), I.i32(1), I.i32Add, get('n'), I.i32GeS, I.brIf(1),
      at('y', 'j', 3), I.v128Load(), get('YI'), I.f64x2Sub, set('DY'),
      get('DY'), at('x', 'j', 3), I.v128Load(), get('XI'), I.f64x2Sub, I.f64x2Div, set('V'),
      get('BELOW'), get('V'), get('LO'), I.f64x2Lt, I.i64x2Sub, set('BELOW'), // a true lane is −1
      get('SACC'), get('DY'), get('ZERO'), I.f64x2Gt, I.i64x2Sub, set('SACC'),
      get('SACC'), get('DY'), get('ZERO'), I.f64x2Lt, I.i64x2Add, set('SACC'),
      get('V'), get('LO'), I.f64x2Ge, get('V'), get('HI'), I.f64x2Le, I.v128And, set('M'),
      at('out', 'c', 3), get('V'), I.f64x2ExtractLane(0), I.f64Store(),
      get('c'), get('M'), I.i64x2ExtractLane(0), I.i32WrapI64, I.i32Sub, set('c'),
      at('out', 'c', 3), get('V'), I.f64x2ExtractLane(1), I.f64Store(),
      get('c'), get('M'), I.i64x2ExtractLane(1), I.i32WrapI64, I.i32Sub, set('c'),
      get('j'), I.i32(2), I.i32Add, set('j'),
      I.br(0), I.end, I.end,
      // The last pair of an odd count.
      get('j'), get('n'), I.i32LtS, I.if,
      at('y', 'j', 3), I.f64Load(), get('yi'), I.f64Sub, set('dy'),
      get('dy'), at('x', 'j', 3), I.f64Load(), get('xi'), I.f64Sub, I.f64Div, set('v'),
      get('sBelow'), get('v'), get('lo'), I.f64Lt, I.i64ExtendI32U, I.i64Add, set('sBelow'),
      ...signOfDy,
      at('out', 'c', 3), get('v'), I.f64Store(),
      get('c'), get('v'), get('lo'), I.f64Ge, get('v'), get('hi'), I.f64Le, I.i32And, I.i32Add, set('c'),
      I.end,
      get('i'), I.i32(1), I.i32Add, set('i'),
      I.br(0), I.end, I.end,
      // Results at 0: below (i64), S (i64), kept (i32).
      I.i32(0), get('sBelow'), get('BELOW'), I.i64x2ExtractLane(0), I.i64Add, get('BELOW'), I.i64x2ExtractLane(1), I.i64Add, I.i64Store(0),
      I.i32(0), get('sS'), get('SACC'), I.i64x2ExtractLane(0), I.i64Add, get('SACC'), I.i64x2ExtractLane(1), I.i64Add, I.i64Store(8),
      I.i32(0), get('c'), I.i32Store(16),
    ];
  },
});

const MAX_PAIRS = 1 << 21;
const kernel = instantiate<(x: number, y: number, ge: number, out: number, n: number, lo: number, hi: number) => void>(bytes);

export interface SenKernelResult {
  /** Slopes below lo. */
  below: number;
  /** The slopes within [lo, hi], in pair order: a view into the kernel's memory, valid until its next call. */
  kept: Float64Array;
  /** Kendall's S over all pairs. */
  s: number;
}

/**
 * The pass described above, or null where WebAssembly SIMD is not available or for more than
 * 2²¹ pairs. groupEnd[i]: the first index after i whose x differs from x[i].
 */
export function senKernel(x: Float64Array, y: Float64Array, groupEnd: Int32Array, lo: number, hi: number, pairs: number): SenKernelResult | null {
  const n = x.length;
  // Up to 2²¹ pairs (16 MB): the kernel's memory never shrinks, so ten years of daily values
  // (6.7 M pairs) take the JavaScript loop, whose buffer is freed after the call.
  if (!kernel || pairs > MAX_PAIRS) return null;
  const xAt = 32;
  const yAt = xAt + 8 * n;
  const geAt = yAt + 8 * n;
  const outAt = geAt + 8 * Math.ceil(n / 2);
  if (!ensureMemory(kernel.memory, outAt + 8 * (pairs + 1))) return null;
  let buffer = kernel.memory.buffer;
  new Float64Array(buffer, xAt, n).set(x);
  new Float64Array(buffer, yAt, n).set(y);
  new Int32Array(buffer, geAt, n).set(groupEnd);
  kernel.run(xAt, yAt, geAt, outAt, n, lo, hi);
  buffer = kernel.memory.buffer;
  const header = new DataView(buffer, 0, 24);
  const count = header.getInt32(16, true);
  return {
    below: Number(header.getBigInt64(0, true)),
    s: Number(header.getBigInt64(8, true)),
    kept: new Float64Array(buffer, outAt, count),
  };
}
