import { type Mat3, multiply, translation } from '../matrix.js';
import { type Border, type Raster, borderIndex } from './raster.js';
import { padSource } from './pad-source.js';
import { WasmKernels } from './wasm-kernels.js';

export interface WarpOptions {
  border: Border;
  /** Grey level outside the source with the constant border. */
  fill: number;
  /** Elastic displacement added to each output pixel's position before mapping, in output pixels. */
  field?: DisplacementField | undefined;
  /** Output rectangle to write, [x0, y0, x1, y1) in whole pixels; the rest of dst is left alone. */
  region?: readonly [number, number, number, number] | undefined;
  /** A tone curve (256 entries) applied to every output value, fusing the photometric pass into this one. */
  lut?: Uint8Array | undefined;
}

export interface DisplacementField {
  dx: Float32Array;
  dy: Float32Array;
}

/**
 * Inverse-mapping warp with bilinear sampling: each output pixel's centre goes through `inverse`
 * (output → source, continuous coordinates) and is sampled between its four nearest source
 * pixels. Taps outside the source follow the border mode.
 */
export function warpBilinear(src: Raster, dst: Raster, inverse: Mat3, options: WarpOptions): void {
  const m = toIndexCoordinates(inverse);
  const [x0, y0, x1, y1] = options.region ?? [0, 0, dst.width, dst.height];
  const lut = options.lut ?? IDENTITY_LUT;
  const affine = m[6] === 0 && m[7] === 0 && m[8] === 1;
  if (!affine || options.field) {
    warpByPixel(src, dst, m, options, lut, x0, y0, x1, y1);
    return;
  }
  // Affine: along a row the source point moves linearly, so the pixels whose four taps are all
  // inside form one run that needs no border checks. The source gets a one-pixel frame of its
  // border (the fill, or its edge or reflected pixels), so the run also covers the pixels with
  // taps one pixel outside, and with the constant border everything else is the fill.
  const { width: sw, height: sh, channels: C } = src;
  const pw = sw + 2, ph = sh + 2;
  const m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5];
  // The whole output at once goes through wasm memory (the runs are computed there); a region
  // (a mosaic tile) is written in place.
  const whole = x0 === 0 && y0 === 0 && x1 === dst.width && y1 === dst.height;
  const wasm = whole && (C === 1 || C === 3) ? WasmKernels.get()?.beginWarp(src, dst.pixels.length, lut, options.border, options.fill) : undefined;
  const out = wasm?.out ?? dst.pixels;
  let padded: Uint8Array | undefined;
  if (!wasm) {
    padded = paddedScratch(pw * ph * C);
    padSource(src, options.border, options.fill, padded);
  }
  const rowStride = pw * C;
  const constant = options.border === 'constant';
  const fillOut = lut[Math.round(options.fill)]!;
  const limitX = (pw - 1) * Q, limitY = (ph - 1) * Q;
  for (let y = y0; y < y1; y++) {
    // Padded coordinates: source pixel i is at i + 1. The run steps in 16.16 fixed point,
    // exactly the same in JavaScript and wasm, and is found with those same integers: its pixels
    // have all four taps inside the framed source, and (with the constant border) every other
    // pixel has all four outside the source, so it is the fill.
    const bx = m1 * y + m2 + 1, by = m4 * y + m5 + 1;
    const sxq = Math.round(bx * Q), dxq = Math.round(m0 * Q), syq = Math.round(by * Q), dyq = Math.round(m3 * Q);
    // The interval of each axis from the integers, then checked at its ends (a division can round).
    let inner0 = x0, inner1 = x1;
    [inner0, inner1] = axisRun(sxq, dxq, limitX, inner0, inner1);
    [inner0, inner1] = axisRun(syq, dyq, limitY, inner0, inner1);
    while (inner0 < inner1 && !insideQ(sxq, dxq, syq, dyq, inner0, limitX, limitY)) inner0++;
    while (inner1 > inner0 && !insideQ(sxq, dxq, syq, dyq, inner1 - 1, limitX, limitY)) inner1--;
    if (inner1 <= inner0) inner0 = inner1 = x1;
    const o = y * dst.width * C;
    if (constant) {
      out.fill(fillOut, o + x0 * C, o + inner0 * C);
      out.fill(fillOut, o + inner1 * C, o + x1 * C);
    } else {
      for (let x = x0; x < inner0; x++) samplePixel(src, out, o + x * C, m0 * x + bx - 1, m3 * x + by - 1, options, lut);
      for (let x = inner1; x < x1; x++) samplePixel(src, out, o + x * C, m0 * x + bx - 1, m3 * x + by - 1, options, lut);
    }
    const qx0 = sxq + inner0 * dxq, qy0 = syq + inner0 * dyq;
    if (wasm) wasm.run(o, inner0, inner1, qx0, dxq, qy0, dyq);
    else if (C === 3) runRgb(padded!, out, lut, rowStride, o, inner0, inner1, qx0, dxq, qy0, dyq);
    else if (C === 1) runGrey(padded!, out, lut, rowStride, o, inner0, inner1, qx0, dxq, qy0, dyq);
    else for (let x = inner0; x < inner1; x++) samplePixel(src, out, o + x * C, m0 * x + bx - 1, m3 * x + by - 1, options, lut);
  }
  if (wasm) dst.pixels.set(wasm.out);
}

/**
 * Perspective and elastic warps: each pixel's source position computed on its own, then sampled
 * like an affine run's pixels (16.16 position, 1/256 fractions, integer weights) from the framed
 * source when all its taps are inside it.
 */
function warpByPixel(src: Raster, dst: Raster, m: Mat3, options: WarpOptions, lut: Uint8Array, x0: number, y0: number, x1: number, y1: number): void {
  const { width: sw, height: sh, channels: C } = src;
  const pw = sw + 2, ph = sh + 2;
  const padded = paddedScratch(pw * ph * C);
  padSource(src, options.border, options.fill, padded);
  const rowStride = pw * C;
  const limitX = (pw - 1) * Q, limitY = (ph - 1) * Q;
  const out = dst.pixels;
  const field = options.field;
  const constant = options.border === 'constant';
  const fillOut = lut[Math.round(options.fill)]!;
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = m;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = y * dst.width + x;
      const px = field ? x + field.dx[i]! : x, py = field ? y + field.dy[i]! : y;
      const w = 1 / (m6 * px + m7 * py + m8);
      const sx = (m0 * px + m1 * py + m2) * w, sy = (m3 * px + m4 * py + m5) * w;
      const qx = Math.round((sx + 1) * Q), qy = Math.round((sy + 1) * Q);
      const o = i * C;
      if (qx >= 0 && qy >= 0 && qx < limitX && qy < limitY) {
        const fx = ((qx & 0xffff) + 128) >> 8, fy = ((qy & 0xffff) + 128) >> 8;
        const gx = 256 - fx, gy = 256 - fy;
        const p = (qy >> 16) * rowStride + (qx >> 16) * C, q = p + rowStride;
        for (let c = 0; c < C; c++) {
          out[o + c] = lut[((padded[p + c]! * gx + padded[p + C + c]! * fx) * gy + (padded[q + c]! * gx + padded[q + C + c]! * fx) * fy + 32768) >>> 16]!;
        }
      } else if (constant) {
        for (let c = 0; c < C; c++) out[o + c] = fillOut;
      } else {
        samplePixel(src, out, o, sx, sy, options, lut);
      }
    }
  }
}

let paddedBuffer = new Uint8Array(0);

function paddedScratch(n: number): Uint8Array {
  if (paddedBuffer.length < n) paddedBuffer = new Uint8Array(n);
  return paddedBuffer;
}

/** 16.16 fixed point for source positions along a run. */
const Q = 65536;

/**
 * Bilinear samples of RGB pixels x0..x1 of one output row whose taps are all inside the padded
 * source `s`, the source position starting at (qx, qy) and stepping by (dqx, dqy), in 16.16
 * fixed point. Fractions are rounded to 1/256 and the weights are integers summing to 2^16:
 * WasmKernels' warpRun does the same integer arithmetic, so both give the same bytes.
 */
function runRgb(s: Uint8Array, out: Uint8Array, lut: Uint8Array, rowStride: number, o: number, x0: number, x1: number, qx: number, dqx: number, qy: number, dqy: number): void {
  for (let x = x0; x < x1; x++, qx += dqx, qy += dqy) {
    const fx = ((qx & 0xffff) + 128) >> 8, fy = ((qy & 0xffff) + 128) >> 8;
    const p = (qy >> 16) * rowStride + (qx >> 16) * 3, q = p + rowStride, t = o + x * 3;
    const gx = 256 - fx, gy = 256 - fy;
    out[t] = lut[((s[p]! * gx + s[p + 3]! * fx) * gy + (s[q]! * gx + s[q + 3]! * fx) * fy + 32768) >>> 16]!;
    out[t + 1] = lut[((s[p + 1]! * gx + s[p + 4]! * fx) * gy + (s[q + 1]! * gx + s[q + 4]! * fx) * fy + 32768) >>> 16]!;
    out[t + 2] = lut[((s[p + 2]! * gx + s[p + 5]! * fx) * gy + (s[q + 2]! * gx + s[q + 5]! * fx) * fy + 32768) >>> 16]!;
  }
}

function runGrey(s: Uint8Array, out: Uint8Array, lut: Uint8Array, rowStride: number, o: number, x0: number, x1: number, qx: number, dqx: number, qy: number, dqy: number): void {
  for (let x = x0; x < x1; x++, qx += dqx, qy += dqy) {
    const fx = ((qx & 0xffff) + 128) >> 8, fy = ((qy & 0xffff) + 128) >> 8;
    const p = (qy >> 16) * rowStride + (qx >> 16), q = p + rowStride;
    const gx = 256 - fx, gy = 256 - fy;
    out[o + x] = lut[((s[p]! * gx + s[p + 1]! * fx) * gy + (s[q]! * gx + s[q + 1]! * fx) * fy + 32768) >>> 16]!;
  }
}

const IDENTITY_LUT = Uint8Array.from({ length: 256 }, (_, v) => v);

function insideQ(sxq: number, dxq: number, syq: number, dyq: number, x: number, limitX: number, limitY: number): boolean {
  const qx = sxq + x * dxq, qy = syq + x * dyq;
  return qx >= 0 && qy >= 0 && qx < limitX && qy < limitY;
}

/** [lo, hi) ∩ {x : 0 ≤ q + x·dq < limit}, within a pixel (the caller checks the ends). */
function axisRun(q: number, dq: number, limit: number, lo: number, hi: number): [number, number] {
  if (dq === 0) return q >= 0 && q < limit ? [lo, hi] : [lo, lo];
  const a = -q / dq, b = (limit - q) / dq;
  const start = Math.max(lo, Math.ceil(Math.min(a, b)) - 1);
  const end = Math.min(hi, Math.floor(Math.max(a, b)) + 2);
  return end > start ? [start, end] : [lo, lo];
}

/** One output pixel at source point (sx, sy) in index coordinates, any tap position, following the border mode. */
function samplePixel(src: Raster, out: Uint8Array, o: number, sx: number, sy: number, options: WarpOptions, lut: Uint8Array): void {
  const { width: sw, height: sh, channels: C } = src;
  const s = src.pixels;
  const { border, fill } = options;
  const ix = Math.floor(sx), iy = Math.floor(sy);
  const fx = ((sx - ix) * 256 + 0.5) | 0, fy = ((sy - iy) * 256 + 0.5) | 0;
  const w00 = (256 - fx) * (256 - fy), w01 = fx * (256 - fy), w10 = (256 - fx) * fy, w11 = fx * fy;
  const rowStride = sw * C;
  if (ix >= 0 && iy >= 0 && ix < sw - 1 && iy < sh - 1) {
    const p = iy * rowStride + ix * C;
    for (let c = 0; c < C; c++) {
      const q = p + c;
      out[o + c] = lut[(w00 * s[q]! + w01 * s[q + C]! + w10 * s[q + rowStride]! + w11 * s[q + rowStride + C]! + 32768) >>> 16]!;
    }
    return;
  }
  const constant = border === 'constant';
  if (constant && (ix < -1 || iy < -1 || ix >= sw || iy >= sh)) {
    const v = lut[Math.round(fill)]!;
    for (let c = 0; c < C; c++) out[o + c] = v;
    return;
  }
  const inX0 = ix >= 0 && ix < sw, inX1 = ix + 1 >= 0 && ix + 1 < sw;
  const inY0 = iy >= 0 && iy < sh, inY1 = iy + 1 >= 0 && iy + 1 < sh;
  const bx0 = borderIndex(ix, sw, border) * C, bx1 = borderIndex(ix + 1, sw, border) * C;
  const by0 = borderIndex(iy, sh, border) * rowStride, by1 = borderIndex(iy + 1, sh, border) * rowStride;
  const f = Math.round(fill);
  for (let c = 0; c < C; c++) {
    const t00 = constant && !(inX0 && inY0) ? f : s[by0 + bx0 + c]!;
    const t01 = constant && !(inX1 && inY0) ? f : s[by0 + bx1 + c]!;
    const t10 = constant && !(inX0 && inY1) ? f : s[by1 + bx0 + c]!;
    const t11 = constant && !(inX1 && inY1) ? f : s[by1 + bx1 + c]!;
    out[o + c] = lut[(w00 * t00 + w01 * t01 + w10 * t10 + w11 * t11 + 32768) >>> 16]!;
  }
}

/**
 * The same map with nearest-neighbour sampling, for masks and id maps (values are labels, never
 * blended). Outside the source: 0 with the constant border, else the border mode.
 */
export function warpNearest(src: Raster, dst: Raster, inverse: Mat3, options: Pick<WarpOptions, 'border' | 'field' | 'region'>): void {
  const m = toIndexCoordinates(inverse);
  const { width: sw, height: sh, channels: C } = src;
  const s = src.pixels, out = dst.pixels;
  const { field, border } = options;
  const [x0, y0, x1, y1] = options.region ?? [0, 0, dst.width, dst.height];
  const W = dst.width;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = y * W + x;
      const px = field ? x + field.dx[i]! : x;
      const py = field ? y + field.dy[i]! : y;
      const w = 1 / (m[6] * px + m[7] * py + m[8]);
      let ix = Math.floor((m[0] * px + m[1] * py + m[2]) * w + 0.5);
      let iy = Math.floor((m[3] * px + m[4] * py + m[5]) * w + 0.5);
      const inside = ix >= 0 && iy >= 0 && ix < sw && iy < sh;
      if (!inside && border === 'constant') {
        for (let c = 0; c < C; c++) out[i * C + c] = 0;
        continue;
      }
      ix = borderIndex(ix, sw, border);
      iy = borderIndex(iy, sh, border);
      for (let c = 0; c < C; c++) out[i * C + c] = s[(iy * sw + ix) * C + c]!;
    }
  }
}

/** Folds the half-pixel shifts in: output index (x, y) has its centre at (x + ½, y + ½), and so does the source's. */
function toIndexCoordinates(inverse: Mat3): Mat3 {
  return multiply(translation(-0.5, -0.5), multiply(inverse, translation(0.5, 0.5)));
}
