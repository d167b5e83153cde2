// A very small WebAssembly assembler: the statistics' two hot loops (resampleWasm.ts,
// senKernelWasm.ts) are written as instruction lists here in TypeScript and assembled at load
// time into a one-function module with its own memory — no binary blob, no toolchain. Only the
// instructions those loops use are defined (opcodes from the WebAssembly core and SIMD specs).

export type ValType = 'i32' | 'i64' | 'f64' | 'v128';
const TYPE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f64: 0x7c, v128: 0x7b };

export function uleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>>= 7;
    if (n === 0) return [...out, b];
    out.push(b | 0x80);
  }
}

export function sleb(n: number): number[] {
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
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
/** Memory argument: log2 alignment hint, offset. */
const mem = (align: number, offset = 0): number[] => [align, ...uleb(offset)];

/** Instructions (each a byte list); `i32`/`i64`/`f64` constants take their value. */
export const I = {
  block: [0x02, 0x40], loop: [0x03, 0x40], if: [0x04, 0x40], end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  i32: (v: number) => [0x41, ...sleb(v)],
  i64: (v: number) => [0x42, ...sleb(v)],
  f64: (v: number) => {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, v, true);
    return [0x44, ...bytes];
  },
  i32Load: (offset = 0) => [0x28, ...mem(2, offset)],
  f64Load: (offset = 0) => [0x2b, ...mem(3, offset)],
  i32Store: (offset = 0) => [0x36, ...mem(2, offset)],
  i64Store: (offset = 0) => [0x37, ...mem(3, offset)],
  f64Store: (offset = 0) => [0x39, ...mem(3, offset)],
  i32LtS: [0x48], i32GeS: [0x4e], i32GeU: [0x4f],
  f64Lt: [0x63], f64Gt: [0x64], f64Le: [0x65], f64Ge: [0x66],
  i32Add: [0x6a], i32Sub: [0x6b], i32Mul: [0x6c], i32And: [0x71], i32Xor: [0x73], i32Shl: [0x74], i32Rotl: [0x77],
  i64Add: [0x7c], i64Sub: [0x7d], i64Mul: [0x7e], i64ShrU: [0x88],
  f64Add: [0xa0], f64Sub: [0xa1], f64Div: [0xa3],
  i32WrapI64: [0xa7], i64ExtendI32U: [0xad], f64ConvertI32U: [0xb8],
  // SIMD (0xfd prefix).
  v128Load: (offset = 0) => [...simd(0x00), ...mem(3, offset)],
  f64x2Splat: simd(0x14),
  i64x2ExtractLane: (lane: number) => [...simd(0x1d), lane],
  f64x2ExtractLane: (lane: number) => [...simd(0x21), lane],
  f64x2Lt: simd(0x49), f64x2Gt: simd(0x4a), f64x2Le: simd(0x4b), f64x2Ge: simd(0x4c),
  v128And: simd(0x4e),
  i64x2Add: simd(0xce), i64x2Sub: simd(0xd1),
  f64x2Sub: simd(0xf1), f64x2Div: simd(0xf3),
};

export interface FunctionSpec {
  params: Record<string, ValType>;
  locals: Record<string, ValType>;
  /** The body, given accessors for the named parameters and locals. */
  body: (get: (n: string) => number[], set: (n: string) => number[]) => number[][];
}

/** A module with one exported memory ('memory', 1 page to start) and one function ('run'). */
export function assemble(spec: FunctionSpec): Uint8Array<ArrayBuffer> {
  const index = new Map<string, number>();
  for (const n of [...Object.keys(spec.params), ...Object.keys(spec.locals)]) index.set(n, index.size);
  const slot = (n: string): number[] => {
    const i = index.get(n);
    if (i === undefined) throw new Error(`wasm: unknown local ${n}`);
    return uleb(i);
  };
  const get = (n: string) => [0x20, ...slot(n)];
  const set = (n: string) => [0x21, ...slot(n)];
  const code = [...spec.body(get, set).flat(), ...I.end];
  const locals = vec(Object.values(spec.locals).map((t) => [1, TYPE[t]]));
  const body = [...locals, ...code];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec(Object.values(spec.params).map((t) => [TYPE[t]])), ...vec([])]])),
    ...section(3, vec([uleb(0)])),
    ...section(5, vec([[0x00, ...uleb(1)]])),
    ...section(7, vec([[...name('memory'), 0x02, ...uleb(0)], [...name('run'), 0x00, ...uleb(0)]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

export interface WasmFunction<F> {
  memory: WebAssembly.Memory;
  run: F;
}

/** Compiles and instantiates; null where WebAssembly (or SIMD) is not available. */
export function instantiate<F>(bytes: Uint8Array<ArrayBuffer>): WasmFunction<F> | null {
  try {
    if (typeof WebAssembly !== 'object') return null;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    return { memory: instance.exports.memory as WebAssembly.Memory, run: instance.exports.run as F };
  } catch {
    return null;
  }
}

/** Grows `memory` to at least `bytes`; false beyond 256 MB. */
export function ensureMemory(memory: WebAssembly.Memory, bytes: number): boolean {
  if (bytes > 256 * 1024 * 1024) return false;
  const have = memory.buffer.byteLength;
  if (have < bytes) memory.grow(Math.ceil((bytes - have) / 65536));
  return true;
}
