// The bootstrap's resampling loop (random.ts resampledMeans) as WebAssembly, assembled at load
// time (wasmAssembler.ts). Same xoshiro128** steps, same index ⌊u·n/2³²⌋ (as an exact 64-bit
// product instead of a double product, which is exact too for n < 2²¹), the same left-to-right
// sum and the same division: bit-identical means, about a third faster than the JavaScript loop,
// which stays the definition and the fallback.
import { assemble, ensureMemory, I, instantiate } from './wasmAssembler.ts';

const bytes = assemble({
  params: { values: 'i32', n: 'i32', state: 'i32', out: 'i32', count: 'i32' },
  locals: { s0: 'i32', s1: 'i32', s2: 'i32', s3: 'i32', r: 'i32', i: 'i32', u: 'i32', t: 'i32', sum: 'f64', nd: 'f64', n64: 'i64' },
  body: (get, set) => {
    const xorInto = (a: string, b: string) => [...get(a), ...get(b), ...I.i32Xor, ...set(a)];
    return [
      get('state'), I.i32Load(0), set('s0'),
      get('state'), I.i32Load(4), set('s1'),
      get('state'), I.i32Load(8), set('s2'),
      get('state'), I.i32Load(12), set('s3'),
      get('n'), I.i64ExtendI32U, set('n64'),
      get('n'), I.f64ConvertI32U, set('nd'),
      I.block, I.loop, // for r in 0..count
      get('r'), get('count'), I.i32GeU, I.brIf(1),
      I.f64(0), set('sum'),
      I.i32(0), set('i'),
      I.block, I.loop, // for i in 0..n
      get('i'), get('n'), I.i32GeU, I.brIf(1),
      // u = rotl(s1·5, 7)·9; t = s1 << 9
      get('s1'), I.i32(5), I.i32Mul, I.i32(7), I.i32Rotl, I.i32(9), I.i32Mul, set('u'),
      get('s1'), I.i32(9), I.i32Shl, set('t'),
      xorInto('s2', 's0'), xorInto('s3', 's1'), xorInto('s1', 's2'), xorInto('s0', 's3'), xorInto('s2', 't'),
      get('s3'), I.i32(11), I.i32Rotl, set('s3'),
      // sum += values[(u64(u)·n) >> 32]
      get('sum'),
      get('values'), get('u'), I.i64ExtendI32U, get('n64'), I.i64Mul, I.i64(32), I.i64ShrU, I.i32WrapI64, I.i32(3), I.i32Shl, I.i32Add, I.f64Load(),
      I.f64Add, set('sum'),
      get('i'), I.i32(1), I.i32Add, set('i'),
      I.br(0), I.end, I.end,
      // out[r] = sum / n
      get('out'), get('r'), I.i32(3), I.i32Shl, I.i32Add, get('sum'), get('nd'), I.f64Div, I.f64Store(),
      get('r'), I.i32(1), I.i32Add, set('r'),
      I.br(0), I.end, I.end,
      get('state'), get('s0'), I.i32Store(0),
      get('state'), get('s1'), I.i32Store(4),
      get('state'), get('s2'), I.i32Store(8),
      get('state'), get('s3'), I.i32Store(12),
    ];
  },
});

const resampler = instantiate<(values: number, n: number, state: number, out: number, count: number) => void>(bytes);

/**
 * resampledMeans in WebAssembly; false when it cannot run (no WebAssembly, n ≥ 2²¹ where the
 * JavaScript index is the definition, more than 2²¹ resamples), and the caller loops in JS.
 */
export function resampledMeansWasm(values: Float64Array, state: Int32Array, out: Float64Array): boolean {
  const n = values.length;
  // Its memory never shrinks: at most 2²¹ values in and 2²¹ means out (32 MB).
  if (!resampler || n === 0 || n >= 1 << 21 || out.length > 1 << 21) return false;
  const outOffset = 16 + n * 8;
  if (!ensureMemory(resampler.memory, outOffset + out.length * 8)) return false;
  const buffer = resampler.memory.buffer;
  new Int32Array(buffer, 0, 4).set(state);
  new Float64Array(buffer, 16, n).set(values);
  resampler.run(16, n, 0, outOffset, out.length);
  out.set(new Float64Array(buffer, outOffset, out.length));
  state.set(new Int32Array(buffer, 0, 4));
  return true;
}
