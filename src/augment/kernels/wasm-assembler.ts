/**
 * Just enough of a WebAssembly assembler for synth's augmentation kernels: this machine has no
 * C-to-wasm compiler, so kernels are written as opcode lists here. Opcode numbers follow the
 * WebAssembly core and SIMD (v128) binary encodings.
 */
import { sleb, uleb } from '../../wasm-leb128.js';

export { I32, V128, sleb, uleb } from '../../wasm-leb128.js';
export type Code = number[];

const simd = (op: number, ...immediates: number[]): Code => [0xfd, ...uleb(op), ...immediates];
const memarg = (align: number, offset: number) => [...uleb(align), ...uleb(offset)];

/** Instructions, named as in the text format. */
export const op = {
  get: (i: number): Code => [0x20, ...uleb(i)],
  set: (i: number): Code => [0x21, ...uleb(i)],
  i32: (value: number): Code => [0x41, ...sleb(value | 0)],
  call: (f: number): Code => [0x10, ...uleb(f)],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  br: (depth: number): Code => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Code => [0x0d, ...uleb(depth)],
  select: [0x1b],
  eq: [0x46],
  ltS: [0x48],
  gtS: [0x4a],
  add: [0x6a],
  sub: [0x6b],
  mul: [0x6c],
  and: [0x71],
  or: [0x72],
  xor: [0x73],
  shl: [0x74],
  shrS: [0x75],
  shrU: [0x76],
  load8u: (offset = 0): Code => [0x2d, ...memarg(0, offset)],
  load16s: (offset = 0): Code => [0x2e, ...memarg(1, offset)],
  load16u: (offset = 0): Code => [0x2f, ...memarg(1, offset)],
  store8: (offset = 0): Code => [0x3a, ...memarg(0, offset)],
  store16: (offset = 0): Code => [0x3b, ...memarg(1, offset)],
  v128Load: (offset = 0): Code => simd(0x00, ...memarg(0, offset)),
  /** Eight bytes, zero-extended to i16x8. */
  load8x8u: (offset = 0): Code => simd(0x02, ...memarg(0, offset)),
  v128Store: (offset = 0): Code => simd(0x0b, ...memarg(0, offset)),
  /** Stores the low eight bytes of a v128. */
  store64Lane0: (offset = 0): Code => simd(0x5b, ...memarg(0, offset), 0),
  i16x8Splat: simd(0x10),
  i32x4Splat: simd(0x11),
  i8x16NarrowI16x8U: simd(0x66),
  i16x8NarrowI32x4U: simd(0x86),
  i16x8Add: simd(0x8e),
  i16x8AddSatS: simd(0x8f),
  i16x8Mul: simd(0x95),
  i32x4ShrU: simd(0xad),
  i32x4Add: simd(0xae),
  i32x4ExtmulLowI16x8U: simd(0xbe),
  i32x4Mul: simd(0xb5),
  i32x4DotI16x8S: simd(0xba),
  i32x4ExtractLane: (lane: number): Code => simd(0x1b, lane),
  /** Bytes of the result from the 32 bytes of the two operands. */
  i8x16Shuffle: (lanes: number[]): Code => simd(0x0d, ...lanes),
  i32x4ExtmulHighI16x8U: simd(0xbf),
};

export interface WasmFunction {
  name?: string;
  params: number[];
  results: number[];
  /** Types of the locals after the parameters. */
  locals: number[];
  body: Code;
}

const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];
const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];

/** A module with its own memory (exported as "memory") and the given functions (exported by name). */
export function assemble(functions: WasmFunction[], memoryPages: number): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((t) => [t])), ...vector(f.results.map((t) => [t]))]);
  const exports = functions.flatMap((f, i) => (f.name === undefined ? [] : [[...vector([...new TextEncoder().encode(f.name)].map((b) => [b])), 0x00, ...uleb(i)]]));
  exports.push([...vector([...new TextEncoder().encode('memory')].map((b) => [b])), 0x02, 0]);
  const bodies = functions.map((f) => {
    const locals = f.locals.map((t) => [1, t]);
    const code = [...vector(locals), ...f.body, 0x0b];
    return [...uleb(code.length), ...code];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(5, vector([[0x00, ...uleb(memoryPages)]])),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ]);
}
