/**
 * A small WebAssembly assembler: just the instructions synth's SIMD kernels use (simd-kernels.ts).
 * Code is built as arrays of bytes; `assembleModule` wraps functions into a module that imports one
 * memory. Opcodes follow the WebAssembly core and SIMD specifications.
 */
import { I32, V128, sleb, uleb } from '../../wasm-leb128.js';

export { I32, V128 };

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

export const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  add: [0x6a],
  sub: [0x6b],
  mul: [0x6c],
  /** i32.and (op.and is v128.and). */
  and32: [0x71],
  or: [0x72],
  shl: [0x74],
  eqz: [0x45],
  addF32: [0x92],
  ltS: [0x48],
  geS: [0x4e],
  /** if (top of stack ≠ 0) { then } else { otherwise } */
  ifElse: (then: number[], otherwise: number[] = []) => [0x04, 0x40, ...then, ...(otherwise.length > 0 ? [0x05, ...otherwise] : []), 0x0b],
  /** f32.load / f32.store at address on the stack. */
  loadF32: [0x2a, 0x02, 0x00],
  storeF32: [0x38, 0x02, 0x00],
  zeroF32: [0x43, 0x00, 0x00, 0x00, 0x00],
  zeroV128: [0xfd, 0x0c, ...Array<number>(16).fill(0)],
  f32x4Add: [0xfd, 0xe4, 0x01],
  f32x4Mul: [0xfd, 0xe6, 0x01],
  f32x4Div: [0xfd, 0xe7, 0x01],
  f32x4Sqrt: [0xfd, 0xe3, 0x01],
  /** v128.load32_splat: the f32 at the address on the stack, in all four lanes. */
  loadSplat: [0xfd, 0x09, 0x02, 0x00],
  /** v128.load / v128.store at address on the stack + offset. */
  load: (offset = 0) => [0xfd, 0x00, 0x00, ...uleb(offset)],
  store: (offset = 0) => [0xfd, 0x0b, 0x00, ...uleb(offset)],
  splatF32: (v: number): number[] => {
    const bytes = new Uint8Array(new Float32Array([v, v, v, v]).buffer);
    return [0xfd, 0x0c, ...bytes];
  },
  ones: [0xfd, 0x0c, ...Array<number>(16).fill(0xff)],
  f32x4Eq: [0xfd, 0x41],
  f32x4Gt: [0xfd, 0x44],
  and: [0xfd, 0x4e],
  andNot: [0xfd, 0x4f],
  bitselect: [0xfd, 0x52],
};

/** for (i = from; i < limit; i += step) body; i is a local. */
export function loop(i: number, from: number[], limit: number[], body: number[], step = 1): number[] {
  return [
    ...from, ...op.set(i),
    0x02, 0x40, 0x03, 0x40,
    ...op.get(i), ...limit, ...op.geS, 0x0d, 0x01,
    ...body,
    ...op.get(i), ...op.i32(step), ...op.add, ...op.set(i),
    0x0c, 0x00, 0x0b, 0x0b,
  ];
}

export function copyRun(dst: number[], src: number[], count: number[], i: number): number[] {
  const at = (base: number[]) => [...base, ...op.get(i), ...op.i32(2), ...op.shl, ...op.add]; // base + i·4
  return [
    ...loop(i, op.i32(0), [...count, ...op.i32(3), ...op.sub], [...at(dst), ...at(src), ...op.load(), ...op.store()], 4),
    ...loop(i, op.get(i), count, [...at(dst), ...at(src), ...op.loadF32, ...op.storeF32]),
  ];
}

/** count zeros at dst, the same way. */
export function zeroRun(dst: number[], count: number[], i: number): number[] {
  const at = [...dst, ...op.get(i), ...op.i32(2), ...op.shl, ...op.add];
  return [
    ...loop(i, op.i32(0), [...count, ...op.i32(3), ...op.sub], [...at, ...op.zeroV128, ...op.store()], 4),
    ...loop(i, op.get(i), count, [...at, ...op.zeroF32, ...op.storeF32]),
  ];
}

export interface Fn {
  params: number;
  locals: [number, number][];
  body: number[];
}

/**
 * A module of `functions` (each with only i32 parameters and no result), exported under their
 * names, importing env.memory: shared (then it must declare the 4 GiB maximum the backend's has) or not.
 */
export function assembleModule(functions: readonly [string, Fn][], sharedMemory: boolean): Uint8Array<ArrayBuffer> {
  const fns = functions.map(([, fn]) => fn);
  const types = fns.map((fn) => [0x60, ...uleb(fn.params), ...Array<number>(fn.params).fill(I32), 0x00]);
  const limits = sharedMemory ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)];
  const codes = fns.map((fn) => {
    const code = [...vector(fn.locals.map(([count, t]) => [...uleb(count), t])), ...fn.body, 0x0b];
    return [...uleb(code.length), ...code];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, ...limits]])),
    ...section(3, vector(fns.map((_, i) => uleb(i)))),
    ...section(7, vector(functions.map(([exported], i) => [...name(exported), 0x00, ...uleb(i)]))),
    ...section(10, vector(codes)),
  ]);
}
