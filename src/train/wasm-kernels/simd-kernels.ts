import { assembleModule, copyRun, I32, loop, op, V128, zeroRun, type Fn } from './wasm-assembler.js';

/**
 * Kernels written directly in WebAssembly SIMD, for the steps that were JavaScript loops: the
 * package's binary has no such kernels and this machine has no C-to-wasm compiler, so the module
 * is assembled here from opcodes. It imports the backend's own memory and works on tensors in
 * place. Each function documents its arguments (byte offsets into that memory).
 */

/** Exported functions of the module. */
export interface SimdKernels {
  /**
   * MaxPoolGrad for 2×2 windows, stride 2, no padding, channels a multiple of 4, images
   * [n0, n1): (dx, x, dy, n0, n1, height, width, channels, outHeight, outWidth). Writes every
   * cell of the windows; cells outside any window (an odd last row or column) are left as they
   * are. First strict maximum wins; NaN never does; a window of −∞/NaN passes nothing.
   */
  maxPoolGrad2x2(dx: number, x: number, dy: number, n0: number, n1: number, h: number, w: number, c: number, oh: number, ow: number): void;
  /**
   * One filter tap (i, j) of im2col-transposed.ts for stride 1: for each of `planes` planes of
   * h×w floats at `src`, writes oh×ow floats to `dst`: src row y + rowShift, column x + colShift,
   * 0 where that is outside the plane; columns [x0, x1) are the ones inside.
   * (dst, src, planes, h, w, oh, ow, rowShift, colShift, x0, x1).
   */
  im2colTap(dst: number, src: number, planes: number, h: number, w: number, oh: number, ow: number, rowShift: number, colShift: number, x0: number, x1: number): void;
  /**
   * Adds patch rows back into an image for stride 1 (the inverse of im2col): for every output
   * pixel (b, y, x) and tap (i, j), dx[b, y+i−top, x+j−left, :] += cols[(b, y, x), (i, j, :)]
   * where that pixel is inside; dx must hold zeros first. (dx, cols, n, h, w, c, oh, ow, kh, kw, top, left).
   */
  col2im(dx: number, cols: number, n: number, h: number, w: number, c: number, oh: number, ow: number, kh: number, kw: number, top: number, left: number): void;
  /**
   * One Adam step over `count` floats (a multiple of 4) of a weight, in adam-update.ts's order of
   * operations, each rounded to float32: reads w0, m0, v0 and the gradient g, writes w1, m1, v1.
   * `constants` holds 8 floats: beta1, 1 − beta1, beta2, 1 − beta2, 1 − beta1^t, 1 − beta2^t,
   * epsilon, −learning rate. (w0, m0, v0, g, w1, m1, v1, constants, count).
   */
  adamStep(w0: number, m0: number, v0: number, g: number, w1: number, m1: number, v1: number, constants: number, count: number): void;
  /**
   * One tap's filter gradient for stride 1, co a multiple of 16: writes to rows [c0, c1) of dw
   * [ci, co] the sums Σ x[b, y + rowShift, x + colShift, c] · dy[b, y, x, o] over b < n, y in
   * [y0, y1), x in [x0, x1) (the pixels whose tap lands inside x), summed in that order, starting
   * from 0, or with `accumulate` from the values in dw (so that summing the batch in blocks gives
   * the same bits as at once). x is NHWC [n, h, w, ci], dy [n, oh, ow, co].
   * (dw, x, dy, n, h, w, ci, oh, ow, co, rowShift, colShift, y0, y1, x0, x1, c0, c1, accumulate).
   */
  filterGradientTap(dw: number, x: number, dy: number, n: number, h: number, w: number, ci: number, oh: number, ow: number, co: number,
    rowShift: number, colShift: number, y0: number, y1: number, x0: number, x1: number, c0: number, c1: number, accumulate: number): void;
  /** ReLU's gradient over `count` floats (a multiple of 4): dx = dy · (x > 0 ? 1 : 0), as TF.js's mul(dy, step(x)). (dx, dy, x, count). */
  reluGrad(dx: number, dy: number, x: number, count: number): void;
  /** A bias added to every row: out[r, c] = x[r, c] + bias[c], `channels` a multiple of 4. (out, x, bias, rows, channels). */
  biasAdd(out: number, x: number, bias: number, rows: number, channels: number): void;
  /**
   * The matrix product c = a·b of row-major a [m, k] and b [k, n], n a multiple of 4: each
   * c[i, j] = (((0 + a[i,0]·b[0,j]) + a[i,1]·b[1,j]) + …), every product and sum rounded to
   * float32, whatever the tiling, so any cut of a's rows gives the same bits. (c, a, b, m, k, n).
   */
  matMul(c: number, a: number, b: number, m: number, k: number, n: number): void;
  /** out = a·c[0] + w·c[1] over `count` floats (a multiple of 4), each operation rounded to float32. (out, a, w, constants, count). */
  averageStep(out: number, a: number, w: number, constants: number, count: number): void;
  /** `count` zero floats from dst. (dst, count). */
  zero(dst: number, count: number): void;
  /**
   * A convolution without padding, stride 1, co a multiple of 16, of images [n0, n1): y[b, oy, ox, o]
   * = Σ x[b, oy + i, ox + j, c] · w[i, j, c, o] summed in order of i, j, c (im2col's order), each
   * product and sum rounded to float32. x is NHWC [n, h, wi, ci], w [kh, kw, ci, co], y [n, oh, ow, co].
   * (y, x, w, n0, n1, h, wi, ci, oh, ow, co, kh, kw).
   */
  convolve(y: number, x: number, w: number, n0: number, n1: number, h: number, wi: number, ci: number, oh: number, ow: number, co: number, kh: number, kw: number): void;
}

const cache = new WeakMap<WebAssembly.Memory, SimdKernels | null>();

/** The kernels bound to `memory`, or null if this runtime cannot run them. */
export function simdKernels(memory: WebAssembly.Memory): SimdKernels | null {
  let kernels = cache.get(memory);
  if (kernels === undefined) {
    try {
      const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
      const module = new WebAssembly.Module(assembleModule(FUNCTIONS.map(([exported, make]) => [exported, make()]), shared));
      kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SimdKernels;
    } catch {
      kernels = null;
    }
    cache.set(memory, kernels);
  }
  return kernels;
}

function maxPoolGrad2x2(): Fn {
  // Parameters.
  const [DX, X, DY, N0, N1, H, W, C, OH, OW] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  // i32 locals.
  const [n, oh, ow, cc, P, D, Q, ROW, CB, CB4] = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
  // v128 locals.
  const [a, b, e, f, m, t, s0, s1, s2, s3, g] = [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30];
  const negInf = op.splatF32(-Infinity);
  /** v = NaN ? −∞ : v, so NaN is never a maximum. */
  const noNaN = (v: number) => [...op.get(v), ...negInf, ...op.get(v), ...op.get(v), ...op.f32x4Eq, ...op.bitselect, ...op.set(v)];
  /** A later window cell takes over where it is strictly greater. */
  const challenge = (v: number, earlier: number[]) => [
    ...op.get(v), ...op.get(m), ...op.f32x4Gt, ...op.set(t),
    ...op.get(v), ...op.get(m), ...op.get(t), ...op.bitselect, ...op.set(m),
    ...earlier.flatMap((s) => [...op.get(s), ...op.get(t), ...op.andNot, ...op.set(s)]),
  ];
  const at = (base: number, extra: number[]) => [...op.get(base), ...extra, ...op.add, ...op.get(cc), ...op.add];
  const cellB = [...op.get(CB)];
  const cellE = [...op.get(ROW)];
  const cellF = [...op.get(ROW), ...op.get(CB), ...op.add];
  // cc: the channel's byte offset, 4 channels (16 bytes) at a time.
  const inner = loop(cc, op.i32(0), op.get(CB), [
    ...at(P, op.i32(0)), ...op.load(), ...op.set(a),
    ...at(P, cellB), ...op.load(), ...op.set(b),
    ...at(P, cellE), ...op.load(), ...op.set(e),
    ...at(P, cellF), ...op.load(), ...op.set(f),
    ...op.get(Q), ...op.get(cc), ...op.add, ...op.load(), ...op.set(g),
    ...noNaN(a), ...noNaN(b), ...noNaN(e), ...noNaN(f),
    ...op.get(a), ...op.set(m),
    ...op.ones, ...op.set(s0),
    ...challenge(b, [s0]), ...op.get(t), ...op.set(s1),
    ...challenge(e, [s0, s1]), ...op.get(t), ...op.set(s2),
    ...challenge(f, [s0, s1, s2]), ...op.get(t), ...op.set(s3),
    // g where the maximum is above −∞, else 0.
    ...op.get(g), ...op.get(m), ...negInf, ...op.f32x4Gt, ...op.and, ...op.set(g),
    ...at(D, op.i32(0)), ...op.get(g), ...op.get(s0), ...op.and, ...op.store(),
    ...at(D, cellB), ...op.get(g), ...op.get(s1), ...op.and, ...op.store(),
    ...at(D, cellE), ...op.get(g), ...op.get(s2), ...op.and, ...op.store(),
    ...at(D, cellF), ...op.get(g), ...op.get(s3), ...op.and, ...op.store(),
  ], 16);
  const windows = loop(ow, op.i32(0), op.get(OW), [
    ...inner,
    ...op.get(P), ...op.get(CB4), ...op.add, ...op.set(P),
    ...op.get(D), ...op.get(CB4), ...op.add, ...op.set(D),
    ...op.get(Q), ...op.get(CB), ...op.add, ...op.set(Q),
  ]);
  const rows = loop(oh, op.i32(0), op.get(OH), [
    // P = X + ((n·H + 2·oh)·W)·C·4; D likewise; Q = DY + ((n·OH + oh)·OW)·C·4.
    ...op.get(n), ...op.get(H), ...op.mul, ...op.get(oh), ...op.i32(2), ...op.mul, ...op.add, ...op.get(ROW), ...op.mul, ...op.set(P),
    ...op.get(P), ...op.get(DX), ...op.add, ...op.set(D),
    ...op.get(P), ...op.get(X), ...op.add, ...op.set(P),
    ...op.get(n), ...op.get(OH), ...op.mul, ...op.get(oh), ...op.add, ...op.get(OW), ...op.mul, ...op.get(CB), ...op.mul, ...op.get(DY), ...op.add, ...op.set(Q),
    ...windows,
  ]);
  const body = [
    ...op.get(C), ...op.i32(4), ...op.mul, ...op.set(CB),
    ...op.get(CB), ...op.i32(2), ...op.mul, ...op.set(CB4),
    ...op.get(W), ...op.get(CB), ...op.mul, ...op.set(ROW),
    ...loop(n, op.get(N0), op.get(N1), rows),
  ];
  return { params: 10, locals: [[10, I32], [11, V128]], body };
}

/** count floats from src to dst: 4 at a time, then one at a time; reads and writes nothing else. */
function im2colTap(): Fn {
  const [DST, SRC, PLANES, H, W, OH, OW, ROW_SHIFT, COL_SHIFT, X0, X1] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [p, y, row, o, i] = [11, 12, 13, 14, 15];
  const runAt = (x: number) => [...op.get(o), ...op.get(x), ...op.i32(2), ...op.shl, ...op.add];
  const body = loop(p, op.i32(0), op.get(PLANES),
    loop(y, op.i32(0), op.get(OH), [
      // o = dst + ((p·oh + y)·ow)·4; row = y + rowShift
      ...op.get(p), ...op.get(OH), ...op.mul, ...op.get(y), ...op.add, ...op.get(OW), ...op.mul, ...op.i32(2), ...op.shl, ...op.get(DST), ...op.add, ...op.set(o),
      ...op.get(y), ...op.get(ROW_SHIFT), ...op.add, ...op.set(row),
      ...op.get(row), ...op.i32(0), ...op.ltS, ...op.get(row), ...op.get(H), ...op.geS, ...op.or,
      ...op.ifElse(zeroRun(op.get(o), op.get(OW), i), [
        ...zeroRun(op.get(o), op.get(X0), i),
        // src run = src + ((p·h + row)·w + x0 + colShift)·4
        ...copyRun(runAt(X0), [
          ...op.get(p), ...op.get(H), ...op.mul, ...op.get(row), ...op.add, ...op.get(W), ...op.mul,
          ...op.get(X0), ...op.add, ...op.get(COL_SHIFT), ...op.add, ...op.i32(2), ...op.shl, ...op.get(SRC), ...op.add,
        ], [...op.get(X1), ...op.get(X0), ...op.sub], i),
        ...zeroRun(runAt(X1), [...op.get(OW), ...op.get(X1), ...op.sub], i),
      ]),
    ]));
  return { params: 11, locals: [[5, I32]], body };
}

function col2im(): Fn {
  const [DX, COLS, N, H, W, C, OH, OW, KH, KW, TOP, LEFT] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const [b, y, x, i, j, iy, ix, src, dst, k] = [12, 13, 14, 15, 16, 17, 18, 19, 20, 21];
  const outside = (v: number, limit: number) => [...op.get(v), ...op.i32(0), ...op.ltS, ...op.get(v), ...op.get(limit), ...op.geS, ...op.or];
  const at = (base: number) => [...op.get(base), ...op.get(k), ...op.i32(2), ...op.shl, ...op.add];
  const addRun = [
    ...loop(k, op.i32(0), [...op.get(C), ...op.i32(3), ...op.sub], [...at(dst), ...at(dst), ...op.load(), ...at(src), ...op.load(), ...op.f32x4Add, ...op.store()], 4),
    ...loop(k, op.get(k), op.get(C), [...at(dst), ...at(dst), ...op.loadF32, ...at(src), ...op.loadF32, ...op.addF32, ...op.storeF32]),
  ];
  const taps = loop(i, op.i32(0), op.get(KH), [
    ...op.get(y), ...op.get(i), ...op.add, ...op.get(TOP), ...op.sub, ...op.set(iy),
    ...outside(iy, H), ...op.eqz, // inside
    ...op.ifElse(loop(j, op.i32(0), op.get(KW), [
      ...op.get(x), ...op.get(j), ...op.add, ...op.get(LEFT), ...op.sub, ...op.set(ix),
      ...outside(ix, W), ...op.eqz,
      ...op.ifElse([
        // dst = dx + ((b·h + iy)·w + ix)·c·4; src advances one tap (c floats) per j, see below.
        ...op.get(b), ...op.get(H), ...op.mul, ...op.get(iy), ...op.add, ...op.get(W), ...op.mul, ...op.get(ix), ...op.add,
        ...op.get(C), ...op.mul, ...op.i32(2), ...op.shl, ...op.get(DX), ...op.add, ...op.set(dst),
        ...addRun,
      ]),
      ...op.get(src), ...op.get(C), ...op.i32(2), ...op.shl, ...op.add, ...op.set(src),
    ])),
    ...outside(iy, H),
    // A row of taps skipped whole still moves src past its kw·c floats.
    ...op.ifElse([...op.get(src), ...op.get(KW), ...op.get(C), ...op.mul, ...op.i32(2), ...op.shl, ...op.add, ...op.set(src)]),
  ]);
  const body = [
    ...op.get(COLS), ...op.set(src),
    ...loop(b, op.i32(0), op.get(N), loop(y, op.i32(0), op.get(OH), loop(x, op.i32(0), op.get(OW), taps))),
  ];
  return { params: 12, locals: [[10, I32]], body };
}

function adamStep(): Fn {
  const [W0, M0, V0, G, W1, M1, V1, CONSTANTS, COUNT] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [i, end] = [9, 10];
  // v128 locals: the constants in every lane, then the gradient and the new moments.
  const [beta1, oneMinusBeta1, beta2, oneMinusBeta2, oneMinusAccBeta1, oneMinusAccBeta2, epsilon, negativeRate] = [11, 12, 13, 14, 15, 16, 17, 18];
  const [g, m, v] = [19, 20, 21];
  const at = (base: number) => [...op.get(base), ...op.get(i), ...op.add];
  const splats = [beta1, oneMinusBeta1, beta2, oneMinusBeta2, oneMinusAccBeta1, oneMinusAccBeta2, epsilon, negativeRate]
    .flatMap((local, k) => [...op.get(CONSTANTS), ...op.i32(4 * k), ...op.add, ...op.loadSplat, ...op.set(local)]);
  const step = [
    ...at(G), ...op.load(), ...op.set(g),
    // m = m0·beta1 + g·(1 − beta1); v = v0·beta2 + (g·g)·(1 − beta2)
    ...at(M0), ...op.load(), ...op.get(beta1), ...op.f32x4Mul, ...op.get(g), ...op.get(oneMinusBeta1), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(m),
    ...at(V0), ...op.load(), ...op.get(beta2), ...op.f32x4Mul,
    ...op.get(g), ...op.get(g), ...op.f32x4Mul, ...op.get(oneMinusBeta2), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(v),
    ...at(M1), ...op.get(m), ...op.store(),
    ...at(V1), ...op.get(v), ...op.store(),
    // w1 = ((m / (1 − beta1^t)) / (sqrt(v / (1 − beta2^t)) + epsilon))·(−rate) + w0
    ...at(W1),
    ...op.get(m), ...op.get(oneMinusAccBeta1), ...op.f32x4Div,
    ...op.get(v), ...op.get(oneMinusAccBeta2), ...op.f32x4Div, ...op.f32x4Sqrt, ...op.get(epsilon), ...op.f32x4Add,
    ...op.f32x4Div, ...op.get(negativeRate), ...op.f32x4Mul,
    ...at(W0), ...op.load(), ...op.f32x4Add,
    ...op.store(),
  ];
  const body = [
    ...splats,
    ...op.get(COUNT), ...op.i32(2), ...op.shl, ...op.set(end),
    ...loop(i, op.i32(0), op.get(end), step, 16),
  ];
  return { params: 9, locals: [[2, I32], [11, V128]], body };
}

/**
 * One tap's filter gradient for every input channel: sums for two input channels and 16 output
 * channels at a time held in registers over all the pixels (8 sums, two splats and four loads of
 * dy per pixel), then an odd last channel alone.
 */
function filterGradientTap(): Fn {
  const [DW, X, DY, N, H, W, CI, OH, OW, CO, ROW_SHIFT, COL_SHIFT, Y0, Y1, X0, X1, C0, C1, ACCUMULATE] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
  const [b, y, xx, P, Q, XSTEP, DSTEP, c, co0, PAIRS] = [19, 20, 21, 22, 23, 24, 25, 26, 27, 28];
  const V = 29;
  const acc = (r: number, v: number) => V + r * 4 + v;
  const [d0, s0, s1] = [V + 8, V + 12, V + 13];
  /** Sums of `channels` (1 or 2) input channels from c on, output channels co0 .. co0 + 15. */
  const sums = (channels: number) => {
    const pixels = loop(xx, op.get(X0), op.get(X1), [
      ...Array.from({ length: 4 }, (_, v) => [...op.get(Q), ...op.load(16 * v), ...op.set(d0 + v)]).flat(),
      ...Array.from({ length: channels }, (_, r) => [
        ...op.get(P), ...(r > 0 ? [...op.i32(4 * r), ...op.add] : []), ...op.loadSplat, ...op.set(r === 0 ? s0 : s1),
        ...Array.from({ length: 4 }, (_, v) => [
          ...op.get(acc(r, v)), ...op.get(r === 0 ? s0 : s1), ...op.get(d0 + v), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(acc(r, v)),
        ]).flat(),
      ]).flat(),
      ...op.get(P), ...op.get(XSTEP), ...op.add, ...op.set(P),
      ...op.get(Q), ...op.get(DSTEP), ...op.add, ...op.set(Q),
    ]);
    const rows = loop(y, op.get(Y0), op.get(Y1), [
      // P = x + (((b·h + y + rowShift)·w + x0 + colShift)·ci + c)·4
      ...op.get(b), ...op.get(H), ...op.mul, ...op.get(y), ...op.add, ...op.get(ROW_SHIFT), ...op.add, ...op.get(W), ...op.mul,
      ...op.get(X0), ...op.add, ...op.get(COL_SHIFT), ...op.add, ...op.get(CI), ...op.mul, ...op.get(c), ...op.add,
      ...op.i32(2), ...op.shl, ...op.get(X), ...op.add, ...op.set(P),
      // Q = dy + (((b·oh + y)·ow + x0)·co + co0)·4
      ...op.get(b), ...op.get(OH), ...op.mul, ...op.get(y), ...op.add, ...op.get(OW), ...op.mul, ...op.get(X0), ...op.add,
      ...op.get(CO), ...op.mul, ...op.get(co0), ...op.add, ...op.i32(2), ...op.shl, ...op.get(DY), ...op.add, ...op.set(Q),
      ...pixels,
    ]);
    // dw + ((c + r)·co + co0)·4
    const row = (r: number) => [...op.get(c), ...op.i32(r), ...op.add, ...op.get(CO), ...op.mul, ...op.get(co0), ...op.add, ...op.i32(2), ...op.shl, ...op.get(DW), ...op.add];
    const sumsAt = Array.from({ length: 4 * channels }, (_, t) => t);
    return loop(co0, op.i32(0), op.get(CO), [
      ...op.get(ACCUMULATE),
      ...op.ifElse(
        sumsAt.flatMap((t) => [...row(Math.floor(t / 4)), ...op.load(16 * (t % 4)), ...op.set(V + t)]),
        sumsAt.flatMap((t) => [...op.zeroV128, ...op.set(V + t)]),
      ),
      ...loop(b, op.i32(0), op.get(N), rows),
      ...sumsAt.flatMap((t) => [...row(Math.floor(t / 4)), ...op.get(V + t), ...op.store(16 * (t % 4))]),
    ], 16);
  };
  const body = [
    ...op.get(CI), ...op.i32(2), ...op.shl, ...op.set(XSTEP),
    ...op.get(CO), ...op.i32(2), ...op.shl, ...op.set(DSTEP),
    // PAIRS: c below it starts a pair of channels.
    ...op.get(C1), ...op.i32(1), ...op.sub, ...op.set(PAIRS),
    ...loop(c, op.get(C0), op.get(PAIRS), sums(2), 2),
    ...op.get(c), ...op.get(C1), ...op.ltS, ...op.ifElse(sums(1)),
  ];
  return { params: 19, locals: [[10, I32], [14, V128]], body };
}

function reluGrad(): Fn {
  const [DX, DY, X, COUNT] = [0, 1, 2, 3];
  const [i, end] = [4, 5];
  const at = (base: number) => [...op.get(base), ...op.get(i), ...op.add];
  const body = [
    ...op.get(COUNT), ...op.i32(2), ...op.shl, ...op.set(end),
    ...loop(i, op.i32(0), op.get(end), [
      ...at(DX),
      ...at(DY), ...op.load(),
      ...op.splatF32(1), ...op.zeroV128, ...at(X), ...op.load(), ...op.zeroV128, ...op.f32x4Gt, ...op.bitselect,
      ...op.f32x4Mul, ...op.store(),
    ], 16),
  ];
  return { params: 4, locals: [[2, I32]], body };
}

function biasAdd(): Fn {
  const [OUT, X, BIAS, ROWS, C] = [0, 1, 2, 3, 4];
  const [p, end, c, rowBytes] = [5, 6, 7, 8];
  const at = (base: number, index: number) => [...op.get(base), ...op.get(index), ...op.add];
  const body = [
    ...op.get(C), ...op.i32(2), ...op.shl, ...op.set(rowBytes),
    ...op.get(ROWS), ...op.get(rowBytes), ...op.mul, ...op.set(end),
    ...op.i32(0), ...op.set(c),
    ...loop(p, op.i32(0), op.get(end), [
      ...at(OUT, p),
      ...at(X, p), ...op.load(), ...at(BIAS, c), ...op.load(), ...op.f32x4Add,
      ...op.store(),
      // c steps through one row of the bias and starts again.
      ...op.get(c), ...op.i32(16), ...op.add, ...op.set(c),
      ...op.get(c), ...op.get(rowBytes), ...op.sub, ...op.eqz, ...op.ifElse([...op.i32(0), ...op.set(c)]),
    ], 16),
  ];
  return { params: 5, locals: [[4, I32]], body };
}

/**
 * matMul in tiles of `rows` rows of a by 4·`vectors` columns of b, the tile's sums held in
 * registers over the whole of k; b is read in place (XNNPACK first packs it into its own layout,
 * which took longer than the product for the gradients' tall operands). Tiles of 2 × 16 ran at
 * 23 multiply-adds per ns on this machine's cores, against 12-16 for 4 × 16 (too many registers
 * for V8 on x64) and for the package's XNNPACK.
 */
function matMul(): Fn {
  const [C, A, B, M, K, N] = [0, 1, 2, 3, 4, 5];
  const [i, j, kk, KB, NB, WIDE, LAST, bp, a0, a1] = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
  const rowsOf = [a0, a1];
  const V0 = 16;
  const acc = (r: number, v: number) => V0 + r * 4 + v;
  const [bv0, splat] = [V0 + 8, V0 + 12];
  /** Columns [from, to) in bytes of rows i .. i + rows − 1, 4·vectors at a time. */
  const tiles = (rows: number, vectors: number, from: number[], to: number[]) => loop(j, from, to, [
    ...Array.from({ length: rows * vectors }, (_, t) => [...op.zeroV128, ...op.set(acc(Math.floor(t / vectors), t % vectors))]).flat(),
    ...op.get(B), ...op.get(j), ...op.add, ...op.set(bp),
    ...loop(kk, op.i32(0), op.get(KB), [
      ...Array.from({ length: vectors }, (_, v) => [...op.get(bp), ...op.load(16 * v), ...op.set(bv0 + v)]).flat(),
      ...Array.from({ length: rows }, (_, r) => [
        ...op.get(rowsOf[r]!), ...op.get(kk), ...op.add, ...op.loadSplat, ...op.set(splat),
        ...Array.from({ length: vectors }, (_, v) => [
          ...op.get(acc(r, v)), ...op.get(splat), ...op.get(bv0 + v), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(acc(r, v)),
        ]).flat(),
      ]).flat(),
      ...op.get(bp), ...op.get(NB), ...op.add, ...op.set(bp),
    ], 4),
    ...Array.from({ length: rows * vectors }, (_, t) => {
      const [r, v] = [Math.floor(t / vectors), t % vectors];
      // c + (i + r)·n·4 + j
      return [...op.get(i), ...op.i32(r), ...op.add, ...op.get(NB), ...op.mul, ...op.get(C), ...op.add, ...op.get(j), ...op.add, ...op.get(acc(r, v)), ...op.store(16 * v)];
    }).flat(),
  ], 16 * vectors);
  const rowsAt = (rows: number) => Array.from({ length: rows }, (_, r) => [
    ...op.get(i), ...op.i32(r), ...op.add, ...op.get(KB), ...op.mul, ...op.get(A), ...op.add, ...op.set(rowsOf[r]!),
  ]).flat();
  const strip = (rows: number) => [...rowsAt(rows), ...tiles(rows, 4, op.i32(0), op.get(WIDE)), ...tiles(rows, 1, op.get(WIDE), op.get(NB))];
  const body = [
    ...op.get(K), ...op.i32(2), ...op.shl, ...op.set(KB),
    ...op.get(N), ...op.i32(2), ...op.shl, ...op.set(NB),
    // WIDE: the bytes of the columns in whole tiles of 16.
    ...op.get(NB), ...op.get(NB), ...op.i32(63), ...op.and32, ...op.sub, ...op.set(WIDE),
    ...op.get(M), ...op.i32(1), ...op.sub, ...op.set(LAST),
    ...loop(i, op.i32(0), op.get(LAST), strip(2), 2),
    // An odd last row.
    ...op.get(i), ...op.get(M), ...op.ltS, ...op.ifElse(strip(1)),
  ];
  return { params: 6, locals: [[10, I32], [14, V128]], body };
}

/**
 * convolve in tiles of two neighbouring output pixels by 16 output channels: for each filter row,
 * the taps' inputs of a pixel are one run of kw·ci floats of x (NHWC), and the filter's rows for
 * them one run of w, so the inner loop reads both in order, as matMul does a and b.
 */
function convolve(): Fn {
  const [Y, X, WT, N0, N1, H, WI, CI, OH, OW, CO, KH, KW] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const [b, oy, ox, co0, i, kk, RUN, P, Q, XROW, WROW, WSTEP, CSTEP, PAIRS, OUT] = [13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27];
  const V = 28;
  const acc = (r: number, v: number) => V + r * 4 + v;
  const [d0, s0, s1] = [V + 8, V + 12, V + 13];
  /** `pixels` (1 or 2) output pixels from ox on, all output channels. */
  const tile = (pixels: number) => loop(co0, op.i32(0), op.get(CO), [
    ...Array.from({ length: 4 * pixels }, (_, t) => [...op.zeroV128, ...op.set(V + t)]).flat(),
    ...loop(i, op.i32(0), op.get(KH), [
      // P = x + (((b·h + oy + i)·wi + ox)·ci)·4; Q = w + (i·kw·ci·co + co0)·4
      ...op.get(b), ...op.get(H), ...op.mul, ...op.get(oy), ...op.add, ...op.get(i), ...op.add, ...op.get(WI), ...op.mul, ...op.get(ox), ...op.add,
      ...op.get(CI), ...op.mul, ...op.i32(2), ...op.shl, ...op.get(X), ...op.add, ...op.set(P),
      ...op.get(i), ...op.get(WROW), ...op.mul, ...op.get(co0), ...op.add, ...op.i32(2), ...op.shl, ...op.get(WT), ...op.add, ...op.set(Q),
      ...loop(kk, op.i32(0), op.get(RUN), [
        ...Array.from({ length: 4 }, (_, v) => [...op.get(Q), ...op.load(16 * v), ...op.set(d0 + v)]).flat(),
        ...Array.from({ length: pixels }, (_, r) => [
          ...op.get(P), ...op.get(kk), ...op.add, ...(r > 0 ? [...op.get(CSTEP), ...op.add] : []), ...op.loadSplat, ...op.set(r === 0 ? s0 : s1),
          ...Array.from({ length: 4 }, (_, v) => [
            ...op.get(acc(r, v)), ...op.get(r === 0 ? s0 : s1), ...op.get(d0 + v), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(acc(r, v)),
          ]).flat(),
        ]).flat(),
        ...op.get(Q), ...op.get(WSTEP), ...op.add, ...op.set(Q),
      ], 4),
    ]),
    // y + (((b·oh + oy)·ow + ox + r)·co + co0)·4
    ...Array.from({ length: 4 * pixels }, (_, t) => [
      ...op.get(OUT), ...op.get(ox), ...op.i32(Math.floor(t / 4)), ...op.add, ...op.get(CO), ...op.mul, ...op.get(co0), ...op.add, ...op.i32(2), ...op.shl, ...op.add,
      ...op.get(V + t), ...op.store(16 * (t % 4)),
    ]).flat(),
  ], 16);
  const row = [
    // OUT = y + ((b·oh + oy)·ow·co)·4, then ox·co·4 + co0·4 is added per tile.
    ...op.get(b), ...op.get(OH), ...op.mul, ...op.get(oy), ...op.add, ...op.get(OW), ...op.mul, ...op.get(CO), ...op.mul, ...op.i32(2), ...op.shl, ...op.get(Y), ...op.add, ...op.set(OUT),
    ...loop(ox, op.i32(0), op.get(PAIRS), tile(2), 2),
    ...op.get(ox), ...op.get(OW), ...op.ltS, ...op.ifElse(tile(1)),
  ];
  const body = [
    // RUN: bytes of x in one filter row's taps; WROW: floats of w per filter row; WSTEP: bytes of w per tap input; CSTEP: bytes per pixel of x.
    ...op.get(KW), ...op.get(CI), ...op.mul, ...op.i32(2), ...op.shl, ...op.set(RUN),
    ...op.get(KW), ...op.get(CI), ...op.mul, ...op.get(CO), ...op.mul, ...op.set(WROW),
    ...op.get(CO), ...op.i32(2), ...op.shl, ...op.set(WSTEP),
    ...op.get(CI), ...op.i32(2), ...op.shl, ...op.set(CSTEP),
    ...op.get(OW), ...op.i32(1), ...op.sub, ...op.set(PAIRS),
    ...loop(b, op.get(N0), op.get(N1), loop(oy, op.i32(0), op.get(OH), row)),
  ];
  return { params: 13, locals: [[15, I32], [14, V128]], body };
}

function averageStep(): Fn {
  const [OUT, A, W, CONSTANTS, COUNT] = [0, 1, 2, 3, 4];
  const [i, end] = [5, 6];
  const [decay, rest] = [7, 8];
  const at = (base: number) => [...op.get(base), ...op.get(i), ...op.add];
  const body = [
    ...op.get(CONSTANTS), ...op.loadSplat, ...op.set(decay),
    ...op.get(CONSTANTS), ...op.i32(4), ...op.add, ...op.loadSplat, ...op.set(rest),
    ...op.get(COUNT), ...op.i32(2), ...op.shl, ...op.set(end),
    ...loop(i, op.i32(0), op.get(end), [
      ...at(OUT),
      ...at(A), ...op.load(), ...op.get(decay), ...op.f32x4Mul,
      ...at(W), ...op.load(), ...op.get(rest), ...op.f32x4Mul,
      ...op.f32x4Add, ...op.store(),
    ], 16),
  ];
  return { params: 5, locals: [[2, I32], [2, V128]], body };
}

function zero(): Fn {
  const [DST, COUNT, i] = [0, 1, 2];
  return { params: 2, locals: [[1, I32]], body: zeroRun(op.get(DST), op.get(COUNT), i) };
}

const FUNCTIONS: readonly [string, () => Fn][] = [
  ['maxPoolGrad2x2', maxPoolGrad2x2],
  ['im2colTap', im2colTap],
  ['col2im', col2im],
  ['adamStep', adamStep],
  ['filterGradientTap', filterGradientTap],
  ['reluGrad', reluGrad],
  ['biasAdd', biasAdd],
  ['matMul', matMul],
  ['convolve', convolve],
  ['zero', zero],
  ['averageStep', averageStep],
];
