import { type Code, I32, V128, type WasmFunction, assemble, op } from './wasm-assembler.js';

/**
 * The WebAssembly module of WasmKernels: the 3-tap blur's passes, the noise stream, and the
 * affine warp's inside runs. Every function documents its arguments (byte offsets into the
 * module's own memory, and counts).
 */
export function buildModule(): Uint8Array<ArrayBuffer> {
  return assemble([verticalRun(), blur3(), makeNoise(), addNoise(), warpRun()], 2);
}

// Function indices, in buildModule's order.
const VRUN = 0;

/** Repeats `body` while i + step <= end (body must advance i). */
function whileFits(i: number, step: number, end: number, body: Code): Code {
  return [...op.block, ...op.loop, ...op.get(i), ...op.i32(step), ...op.add, ...op.get(end), ...op.gtS, ...op.brIf(1), ...body, ...op.br(0), ...op.end, ...op.end];
}

const inc = (i: number, by: number): Code => [...op.get(i), ...op.i32(by), ...op.add, ...op.set(i)];
const twice = (i: number): Code => [...op.get(i), ...op.i32(1), ...op.shl];
/** x = clamp(x, 0, 255). */
const clamp255 = (x: number): Code => [
  ...op.get(x), ...op.i32(0), ...op.get(x), ...op.i32(0), ...op.gtS, ...op.select, ...op.set(x),
  ...op.get(x), ...op.i32(255), ...op.get(x), ...op.i32(255), ...op.ltS, ...op.select, ...op.set(x),
];

/**
 * vrun(start, end, offA, offC, w0, w1, image, tmp, noise, withNoise): the vertical pass over
 * values [start, end): (w0·(t[i+offA] + t[i+offC]) + w1·t[i] + 2^15) >> 16, plus noise, clamped.
 */
function verticalRun(): WasmFunction {
  const [start, end, offA, offC, w0, w1, image, tmp, noise, withNoise] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [i, u] = [10, 11];
  const [a, b, c, vw0, vw1, rnd, v] = [12, 13, 14, 15, 16, 17, 18];
  const tmpAt = (off: number | undefined): Code => [...op.get(tmp), ...op.get(i), ...(off === undefined ? [] : [...op.get(off), ...op.add]), ...op.i32(1), ...op.shl, ...op.add];
  const half = (ext: Code): Code => [
    ...op.get(a), ...op.get(vw0), ...ext, ...op.get(c), ...op.get(vw0), ...ext, ...op.i32x4Add,
    ...op.get(b), ...op.get(vw1), ...ext, ...op.i32x4Add, ...op.get(rnd), ...op.i32x4Add, ...op.i32(16), ...op.i32x4ShrU,
  ];
  const body: Code = [
    ...op.get(w0), ...op.i16x8Splat, ...op.set(vw0),
    ...op.get(w1), ...op.i16x8Splat, ...op.set(vw1),
    ...op.i32(32768), ...op.i32x4Splat, ...op.set(rnd),
    ...op.get(start), ...op.set(i),
    ...whileFits(i, 8, end, [
      ...tmpAt(offA), ...op.v128Load(), ...op.set(a),
      ...tmpAt(undefined), ...op.v128Load(), ...op.set(b),
      ...tmpAt(offC), ...op.v128Load(), ...op.set(c),
      ...op.get(image), ...op.get(i), ...op.add,
      ...half(op.i32x4ExtmulLowI16x8U), ...half(op.i32x4ExtmulHighI16x8U), ...op.i16x8NarrowI32x4U, ...op.set(v),
      ...op.get(withNoise), ...op.if,
      ...op.get(v), ...op.get(noise), ...twice(i), ...op.add, ...op.v128Load(), ...op.i16x8AddSatS, ...op.set(v),
      ...op.end,
      ...op.get(v), ...op.get(v), ...op.i8x16NarrowI16x8U, ...op.store64Lane0(),
      ...inc(i, 8),
    ]),
    ...whileFits(i, 1, end, [
      ...tmpAt(offA), ...op.load16u(), ...tmpAt(offC), ...op.load16u(), ...op.add, ...op.get(w0), ...op.mul,
      ...tmpAt(undefined), ...op.load16u(), ...op.get(w1), ...op.mul, ...op.add,
      ...op.i32(32768), ...op.add, ...op.i32(16), ...op.shrU, ...op.set(u),
      ...op.get(withNoise), ...op.if,
      ...op.get(u), ...op.get(noise), ...twice(i), ...op.add, ...op.load16s(), ...op.add, ...op.set(u),
      ...op.end,
      ...clamp255(u),
      ...op.get(image), ...op.get(i), ...op.add, ...op.get(u), ...op.store8(),
      ...inc(i, 1),
    ]),
  ];
  return { params: Array(10).fill(I32), results: [], locals: [I32, I32, V128, V128, V128, V128, V128, V128, V128], body };
}

/**
 * blur3(n, rowLen, C, w0, w1, image, tmp, noise, withNoise): horizontal pass into tmp (one flat
 * run, then each row's first and last pixel redone with the reflected neighbour), then the
 * vertical pass row 0 (reflected), the middle rows, and the last row (reflected).
 */
function blur3(): WasmFunction {
  const [n, rowLen, C, w0, w1, image, tmp, noise, withNoise] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [i, end, row, x] = [9, 10, 11, 12];
  const [vw0, vw1] = [13, 14];
  const px = (index: Code): Code => [...op.get(image), ...index, ...op.add, ...op.load8u()];
  const at = (index: Code): Code => [...op.get(tmp), ...index, ...op.i32(1), ...op.shl, ...op.add];
  const iMinusC = [...op.get(i), ...op.get(C), ...op.sub];
  const iPlusC = [...op.get(i), ...op.get(C), ...op.add];
  const vrun = (start: Code, stop: Code, offA: Code, offC: Code): Code => [
    ...start, ...stop, ...offA, ...offC, ...op.get(w0), ...op.get(w1), ...op.get(image), ...op.get(tmp), ...op.get(noise), ...op.get(withNoise), ...op.call(VRUN),
  ];
  const edge = (index: Code, neighbour: Code): Code => [
    ...at(index), ...px(index), ...op.get(w1), ...op.mul, ...px(neighbour), ...op.get(w0), ...op.i32(1), ...op.shl, ...op.mul, ...op.add, ...op.store16(),
  ];
  const rowX = [...op.get(row), ...op.get(x), ...op.add];
  const rowEndX = [...op.get(row), ...op.get(rowLen), ...op.add, ...op.get(C), ...op.sub, ...op.get(x), ...op.add];
  const body: Code = [
    ...op.get(w0), ...op.i16x8Splat, ...op.set(vw0),
    ...op.get(w1), ...op.i16x8Splat, ...op.set(vw1),
    ...op.get(C), ...op.set(i),
    ...op.get(n), ...op.get(C), ...op.sub, ...op.set(end),
    ...whileFits(i, 8, end, [
      ...at(op.get(i)),
      ...op.get(image), ...op.get(i), ...op.add, ...op.load8x8u(), ...op.get(vw1), ...op.i16x8Mul,
      ...op.get(image), ...iMinusC, ...op.add, ...op.load8x8u(),
      ...op.get(image), ...iPlusC, ...op.add, ...op.load8x8u(),
      ...op.i16x8Add, ...op.get(vw0), ...op.i16x8Mul, ...op.i16x8Add,
      ...op.v128Store(),
      ...inc(i, 8),
    ]),
    ...whileFits(i, 1, end, [
      ...at(op.get(i)), ...px(op.get(i)), ...op.get(w1), ...op.mul,
      ...px(iMinusC), ...px(iPlusC), ...op.add, ...op.get(w0), ...op.mul, ...op.add, ...op.store16(),
      ...inc(i, 1),
    ]),
    ...op.i32(0), ...op.set(row),
    ...op.get(n), ...op.i32(1), ...op.sub, ...op.set(end),
    ...whileFits(row, 1, end, [
      ...op.i32(0), ...op.set(x),
      ...op.get(C), ...op.set(i),
      ...whileFits(x, 1, i, [
        ...edge(rowX, [...rowX, ...op.get(C), ...op.add]),
        ...edge(rowEndX, [...rowEndX, ...op.get(C), ...op.sub]),
        ...inc(x, 1),
      ]),
      ...op.get(row), ...op.get(rowLen), ...op.add, ...op.set(row),
    ]),
    ...vrun(op.i32(0), op.get(rowLen), op.get(rowLen), op.get(rowLen)),
    ...vrun(op.get(rowLen), [...op.get(n), ...op.get(rowLen), ...op.sub], [...op.i32(0), ...op.get(rowLen), ...op.sub], op.get(rowLen)),
    ...vrun([...op.get(n), ...op.get(rowLen), ...op.sub], op.get(n), [...op.i32(0), ...op.get(rowLen), ...op.sub], [...op.i32(0), ...op.get(rowLen), ...op.sub]),
  ];
  return { name: 'blur3', params: Array(9).fill(I32), results: [], locals: [I32, I32, I32, I32, V128, V128], body };
}

/** makeNoise(n, state, scale, table, noise) → state: noise.ts's stream of values, two per xorshift32 draw. */
function makeNoise(): WasmFunction {
  const [n, state, scale, table, noise] = [0, 1, 2, 3, 4];
  const [i, x] = [5, 6];
  const step: Code = [
    ...op.get(x), ...op.get(x), ...op.i32(13), ...op.shl, ...op.xor, ...op.set(x),
    ...op.get(x), ...op.get(x), ...op.i32(17), ...op.shrU, ...op.xor, ...op.set(x),
    ...op.get(x), ...op.get(x), ...op.i32(5), ...op.shl, ...op.xor, ...op.set(x),
  ];
  const entry = (index: Code): Code => [
    ...op.get(table), ...index, ...op.i32(1), ...op.shl, ...op.add, ...op.load16s(),
    ...op.get(scale), ...op.mul, ...op.i32(32768), ...op.add, ...op.i32(16), ...op.shrS,
  ];
  const top = [...op.get(x), ...op.i32(19), ...op.shrU];
  const bottom = [...op.get(x), ...op.i32(8191), ...op.and];
  const slot = [...op.get(noise), ...op.get(i), ...op.i32(1), ...op.shl, ...op.add];
  const body: Code = [
    ...op.get(state), ...op.set(x),
    ...op.i32(0), ...op.set(i),
    ...whileFits(i, 2, n, [
      ...step,
      ...slot, ...entry(top), ...op.store16(),
      ...slot, ...entry(bottom), ...op.store16(2),
      ...inc(i, 2),
    ]),
    ...op.get(i), ...op.get(n), ...op.ltS, ...op.if,
    ...step, ...slot, ...entry(top), ...op.store16(),
    ...op.end,
    ...op.get(x),
  ];
  return { name: 'makeNoise', params: [I32, I32, I32, I32, I32], results: [I32], locals: [I32, I32], body };
}

/** addNoise(n, image, noise): image[i] = clamp(image[i] + noise[i], 0, 255). */
function addNoise(): WasmFunction {
  const [n, image, noise] = [0, 1, 2];
  const [i, u, v] = [3, 4, 5];
  const body: Code = [
    ...op.i32(0), ...op.set(i),
    ...whileFits(i, 8, n, [
      ...op.get(image), ...op.get(i), ...op.add,
      ...op.get(image), ...op.get(i), ...op.add, ...op.load8x8u(),
      ...op.get(noise), ...twice(i), ...op.add, ...op.v128Load(), ...op.i16x8AddSatS, ...op.set(v),
      ...op.get(v), ...op.get(v), ...op.i8x16NarrowI16x8U, ...op.store64Lane0(),
      ...inc(i, 8),
    ]),
    ...whileFits(i, 1, n, [
      ...op.get(image), ...op.get(i), ...op.add, ...op.load8u(),
      ...op.get(noise), ...twice(i), ...op.add, ...op.load16s(), ...op.add, ...op.set(u),
      ...clamp255(u),
      ...op.get(image), ...op.get(i), ...op.add, ...op.get(u), ...op.store8(),
      ...inc(i, 1),
    ]),
  ];
  return { name: 'addNoise', params: [I32, I32, I32], results: [], locals: [I32, I32, V128], body };
}

/**
 * warpRun(C, src, dst, lut, rowStride, o, x0, x1, qx, dqx, qy, dqy): bilinear samples of output
 * pixels x0..x1 of one row (at byte offset o of dst), all four taps inside the (framed) source,
 * the source position in 16.16 fixed point starting at (qx, qy) and stepping by (dqx, dqy);
 * fractions rounded to 1/256, then the tone curve. The integer arithmetic of warp.ts's runRgb
 * and runGrey: RGB pixels take one SIMD dot product per row of taps, grey ones stay scalar.
 */
function warpRun(): WasmFunction {
  const [C, src, dst, lut, rowStride, o, x0, x1, qx, dqx, qy, dqy] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const [x, fx, fy, p, q, t, u] = [12, 13, 14, 15, 16, 17, 18];
  const [v] = [19];
  const frac = (coordinate: number): Code => [...op.get(coordinate), ...op.i32(0xffff), ...op.and, ...op.i32(128), ...op.add, ...op.i32(8), ...op.shrS];
  // i16 lanes [c0 of tap 0, c0 of tap 1, c1 of tap 0, c1 of tap 1, c2 …]: bytes of lanes 0,3,1,4,2,5.
  const interleave = op.i8x16Shuffle([0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11, 12, 13, 14, 15]);
  const horizontal = (address: number): Code => [
    ...op.get(address), ...op.load8x8u(), ...op.get(address), ...op.load8x8u(), ...interleave,
    // Weights (256 − fx, fx) in every pair of i16 lanes.
    ...op.get(fx), ...op.i32(16), ...op.shl, ...op.i32(256), ...op.get(fx), ...op.sub, ...op.or, ...op.i32x4Splat,
    ...op.i32x4DotI16x8S,
  ];
  const lane = (k: number): Code => [
    ...op.get(t), ...op.get(lut), ...op.get(v), ...op.i32x4ExtractLane(k), ...op.add, ...op.load8u(), ...op.store8(k),
  ];
  const greyTap = (address: number): Code => [
    ...op.get(address), ...op.load8u(), ...op.i32(256), ...op.get(fx), ...op.sub, ...op.mul,
    ...op.get(address), ...op.load8u(1), ...op.get(fx), ...op.mul, ...op.add,
  ];
  const body: Code = [
    ...op.get(x0), ...op.set(x),
    ...whileFits(x, 1, x1, [
      ...frac(qx), ...op.set(fx),
      ...frac(qy), ...op.set(fy),
      ...op.get(src), ...op.get(qy), ...op.i32(16), ...op.shrS, ...op.get(rowStride), ...op.mul, ...op.add,
      ...op.get(qx), ...op.i32(16), ...op.shrS, ...op.get(C), ...op.mul, ...op.add, ...op.set(p),
      ...op.get(p), ...op.get(rowStride), ...op.add, ...op.set(q),
      ...op.get(dst), ...op.get(o), ...op.add, ...op.get(x), ...op.get(C), ...op.mul, ...op.add, ...op.set(t),
      ...op.get(C), ...op.i32(3), ...op.eq, ...op.if,
      ...horizontal(p), ...op.i32(256), ...op.get(fy), ...op.sub, ...op.i32x4Splat, ...op.i32x4Mul,
      ...horizontal(q), ...op.get(fy), ...op.i32x4Splat, ...op.i32x4Mul, ...op.i32x4Add,
      ...op.i32(32768), ...op.i32x4Splat, ...op.i32x4Add, ...op.i32(16), ...op.i32x4ShrU, ...op.set(v),
      ...lane(0), ...lane(1), ...lane(2),
      ...op.else,
      ...greyTap(p), ...op.i32(256), ...op.get(fy), ...op.sub, ...op.mul,
      ...greyTap(q), ...op.get(fy), ...op.mul, ...op.add,
      ...op.i32(32768), ...op.add, ...op.i32(16), ...op.shrU, ...op.set(u),
      ...op.get(t), ...op.get(lut), ...op.get(u), ...op.add, ...op.load8u(), ...op.store8(),
      ...op.end,
      ...op.get(qx), ...op.get(dqx), ...op.add, ...op.set(qx),
      ...op.get(qy), ...op.get(dqy), ...op.add, ...op.set(qy),
      ...inc(x, 1),
    ]),
  ];
  return {
    name: 'warpRun', params: Array(12).fill(I32), results: [],
    locals: [I32, I32, I32, I32, I32, I32, I32, V128], body,
  };
}
