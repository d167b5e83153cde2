// The bootstrap's resampling loop (random.ts resampledMeans) as a tiny WebAssembly function,
// assembled here from the instructions below (no binary blob, no toolchain). Same xoshiro128**
// steps, same index ⌊u·n/2³²⌋ (as an exact 64-bit product instead of a double product, which is
// exact too for n < 2²¹), the same left-to-right sum and the same division: bit-identical means,
// about a third faster than the JavaScript loop, which stays the reference and the fallback.
//
//   (func $resample (param $values i32) (param $n i32) (param $state i32) (param $out i32) (param $count i32)
//     s0..s3 ← state[0..3]
//     for r in 0..count: sum ← 0.0
//       for i in 0..n:
//         u ← rotl(s1·5, 7)·9;  t ← s1 << 9
//         s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 ← rotl(s3, 11)
//         sum ← sum + values[(u64(u)·u64(n)) >> 32]
//       out[r] ← sum / f64(n)
//     state[0..3] ← s0..s3)

function uleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>>= 7;
    if (n === 0) return [...out, b];
    out.push(b | 0x80);
  }
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

const I32 = 0x7f;
const I64 = 0x7e;
const F64 = 0x7c;
// Parameters, then locals (8 × i32, 2 × f64, 1 × i64).
const L = { values: 0, n: 1, state: 2, out: 3, count: 4, s0: 5, s1: 6, s2: 7, s3: 8, r: 9, i: 10, u: 11, t: 12, sum: 13, nd: 14, n64: 15 };
type Local = keyof typeof L;
const get = (x: Local) => [0x20, ...uleb(L[x])];
const set = (x: Local) => [0x21, ...uleb(L[x])];
const i32 = (v: number) => [0x41, ...sleb(v)];
const i64 = (v: number) => [0x42, ...sleb(v)];
const f64zero = [0x44, 0, 0, 0, 0, 0, 0, 0, 0];
const load32 = (offset: number) => [0x28, 2, ...uleb(offset)];
const store32 = (offset: number) => [0x36, 2, ...uleb(offset)];
const loadF64 = [0x2b, 3, 0];
const storeF64 = [0x39, 3, 0];
const op = {
  i32Add: 0x6a, i32Mul: 0x6c, i32Xor: 0x73, i32Shl: 0x74, i32Rotl: 0x77, i32GeU: 0x4f,
  i64Mul: 0x7e, i64ShrU: 0x88, i64ExtendI32U: 0xad, i32WrapI64: 0xa7,
  f64Add: 0xa0, f64Div: 0xa3, f64ConvertI32U: 0xb8,
  block: [0x02, 0x40], loop: [0x03, 0x40], end: 0x0b, br: 0x0c, brIf: 0x0d,
};
const xorInto = (target: Local, other: Local) => [...get(target), ...get(other), op.i32Xor, ...set(target)];

const code: number[] = [
  ...get('state'), ...load32(0), ...set('s0'),
  ...get('state'), ...load32(4), ...set('s1'),
  ...get('state'), ...load32(8), ...set('s2'),
  ...get('state'), ...load32(12), ...set('s3'),
  ...get('n'), op.i64ExtendI32U, ...set('n64'),
  ...get('n'), op.f64ConvertI32U, ...set('nd'),
  ...op.block, ...op.loop,
  ...get('r'), ...get('count'), op.i32GeU, op.brIf, 1,
  ...f64zero, ...set('sum'),
  ...i32(0), ...set('i'),
  ...op.block, ...op.loop,
  ...get('i'), ...get('n'), op.i32GeU, op.brIf, 1,
  ...get('s1'), ...i32(5), op.i32Mul, ...i32(7), op.i32Rotl, ...i32(9), op.i32Mul, ...set('u'),
  ...get('s1'), ...i32(9), op.i32Shl, ...set('t'),
  ...xorInto('s2', 's0'),
  ...xorInto('s3', 's1'),
  ...xorInto('s1', 's2'),
  ...xorInto('s0', 's3'),
  ...xorInto('s2', 't'),
  ...get('s3'), ...i32(11), op.i32Rotl, ...set('s3'),
  ...get('sum'),
  ...get('values'),
  ...get('u'), op.i64ExtendI32U, ...get('n64'), op.i64Mul, ...i64(32), op.i64ShrU, op.i32WrapI64,
  ...i32(3), op.i32Shl, op.i32Add, ...loadF64,
  op.f64Add, ...set('sum'),
  ...get('i'), ...i32(1), op.i32Add, ...set('i'),
  op.br, 0,
  op.end, op.end,
  ...get('out'), ...get('r'), ...i32(3), op.i32Shl, op.i32Add,
  ...get('sum'), ...get('nd'), op.f64Div, ...storeF64,
  ...get('r'), ...i32(1), op.i32Add, ...set('r'),
  op.br, 0,
  op.end, op.end,
  ...get('state'), ...get('s0'), ...store32(0),
  ...get('state'), ...get('s1'), ...store32(4),
  ...get('state'), ...get('s2'), ...store32(8),
  ...get('state'), ...get('s3'), ...store32(12),
  op.end,
];

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const body = [...vec([[...uleb(8), I32], [...uleb(2), F64], [...uleb(1), I64]]), ...code];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), ...vec([])]])),
    ...section(3, vec([uleb(0)])),
    ...section(5, vec([[0x00, ...uleb(1)]])),
    ...section(7, vec([[...name('memory'), 0x02, ...uleb(0)], [...name('resample'), 0x00, ...uleb(0)]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

interface Resampler {
  memory: WebAssembly.Memory;
  resample: (values: number, n: number, state: number, out: number, count: number) => void;
}

function instantiate(): Resampler | null {
  try {
    if (typeof WebAssembly !== 'object') return null;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()), {});
    return { memory: instance.exports.memory as WebAssembly.Memory, resample: instance.exports.resample as Resampler['resample'] };
  } catch {
    return null;
  }
}

const resampler = instantiate();
const PAGE = 65536;

/**
 * resampledMeans in WebAssembly; false when it cannot run (no WebAssembly, n ≥ 2²¹ where the
 * JavaScript index is the definition, or more memory than 256 MB), and the caller loops in JS.
 */
export function resampledMeansWasm(values: Float64Array, state: Int32Array, out: Float64Array): boolean {
  const n = values.length;
  if (!resampler || n === 0 || n >= 1 << 21) return false;
  const outOffset = 16 + n * 8;
  const bytes = outOffset + out.length * 8;
  if (bytes > 256 * 1024 * 1024) return false;
  const { memory } = resampler;
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
  const buffer = memory.buffer;
  new Int32Array(buffer, 0, 4).set(state);
  new Float64Array(buffer, 16, n).set(values);
  resampler.resample(16, n, 0, outOffset, out.length);
  out.set(new Float64Array(buffer, outOffset, out.length));
  state.set(new Int32Array(buffer, 0, 4));
  return true;
}
