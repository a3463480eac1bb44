import type { GaussianBlurParams, GaussianNoiseParams, MotionBlurParams } from '../augment-params.js';
import { NORMAL_MASK, NORMAL_SHIFT } from './field-random.js';
import { type NoiseStream, gaussianNoise, noiseStream } from './noise.js';
import { WasmKernels } from './wasm-kernels.js';
import { type Raster, borderIndex, clamped, scratchFloats } from './raster.js';

/** Normalised 1-D Gaussian weights of an odd width (OpenCV's getGaussianKernel for sigma > 0). */
export function gaussianWeights(kernel: number, sigma: number): Float64Array {
  const w = new Float64Array(kernel);
  const r = (kernel - 1) / 2;
  let sum = 0;
  for (let k = 0; k < kernel; k++) {
    w[k] = sigma > 0 ? Math.exp(-((k - r) ** 2) / (2 * sigma * sigma)) : k === r ? 1 : 0;
    sum += w[k]!;
  }
  for (let k = 0; k < kernel; k++) w[k]! /= sum;
  return w;
}

/**
 * Separable Gaussian blur in place, borders reflected (reflect101, as OpenCV's default), rounded
 * to 8 bits. The 3-tap kernel runs in fixed point with 8 fraction bits (as OpenCV does for 8-bit
 * images), in WebAssembly SIMD where available; wider kernels in floating point. With `noise`
 * (per-channel Gaussian noise) the noise is added before the result is stored: the same bytes as
 * gaussianNoise after gaussianBlur, one pass fewer.
 */
export function gaussianBlur(image: Raster, params: GaussianBlurParams, noise?: GaussianNoiseParams): void {
  const K = params.kernel;
  const { width: W, height: H, channels: C } = image;
  const r = (K - 1) / 2;
  const fused = noise !== undefined && (noise.perChannel || C === 1);
  if (K <= 1 || r >= W || r >= H) {
    if (noise) gaussianNoise(image, noise);
    return;
  }
  const w = gaussianWeights(K, params.sigma);
  if (K === 3) {
    const w0 = Math.round(w[0]! * 256);
    const fusedNoise = fused ? noiseStream(noise) : undefined;
    const wasm = WasmKernels.get();
    if (wasm) wasm.blur3(image, w0, 256 - 2 * w0, fusedNoise);
    else blur3Reference(image, w0, 256 - 2 * w0, fusedNoise);
  } else {
    const px = image.pixels;
    const tmp = scratchFloats(0, px.length);
    horizontalPass(px, tmp, w, W, H, C);
    verticalPass(px, tmp, w, W * C, H, fused ? noise : undefined);
  }
  if (noise && !fused) gaussianNoise(image, noise);
}

/**
 * The 3-tap blur in JavaScript: t = w1·p + w0·(left + right) per row (exact integers), then
 * (w0·(up + down) + w1·t + 2^15) >> 16 per column, plus noise, clamped. WasmKernels.blur3 computes
 * the same values.
 */
export function blur3Reference(image: Raster, w0: number, w1: number, noise?: NoiseStream): void {
  const { width: W, height: H, channels: C } = image;
  const px = image.pixels;
  const n = px.length;
  const rowLen = W * C;
  const tmp = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const x = Math.floor(i / C) % W;
    const left = x === 0 ? i + C : i - C, right = x === W - 1 ? i - C : i + C;
    tmp[i] = w1 * px[i]! + w0 * (px[left]! + px[right]!);
  }
  let state = noise?.state ?? 0;
  for (let i = 0; i < n; i++) {
    const y = Math.floor(i / rowLen);
    const up = y === 0 ? i + rowLen : i - rowLen, down = y === H - 1 ? i - rowLen : i + rowLen;
    let v = (w0 * (tmp[up]! + tmp[down]!) + w1 * tmp[i]! + 32768) >>> 16;
    if (noise) {
      if (i % 2 === 0) {
        state ^= state << 13; state ^= state >>> 17; state ^= state << 5;
        v += (noise.z[state >>> NORMAL_SHIFT]! * noise.scale + 32768) >> 16;
      } else {
        v += (noise.z[state & NORMAL_MASK]! * noise.scale + 32768) >> 16;
      }
    }
    px[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
}

function horizontalPass(px: Uint8Array, tmp: Float32Array, w: Float64Array, W: number, H: number, C: number): void {
  const K = w.length;
  const r = (K - 1) / 2;
  const rowLen = W * C;
  for (let y = 0; y < H; y++) {
    const row = y * rowLen;
    for (let x = 0; x < W; x++) {
      if (x === r && W - r > r) x = W - r;
      for (let c = 0; c < C; c++) {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += w[k]! * px[row + borderIndex(x + k - r, W, 'reflect') * C + c]!;
        tmp[row + x * C + c] = acc;
      }
    }
    rowK(px, tmp, row + r * C, row + (W - r) * C, C, w);
  }
}

function rowK(px: Uint8Array, tmp: Float32Array, begin: number, end: number, C: number, w: Float64Array): void {
  const K = w.length;
  const start = -((K - 1) / 2) * C;
  for (let i = begin; i < end; i++) {
    let acc = 0;
    for (let k = 0, p = i + start; k < K; k++, p += C) acc += w[k]! * px[p]!;
    tmp[i] = acc;
  }
}

/** Vertical pass: tmp (horizontally blurred) → px, rounded (values lie within [0, 255]), optionally plus per-value noise. */
function verticalPass(px: Uint8Array, tmp: Float32Array, w: Float64Array, rowLen: number, H: number, noise: GaussianNoiseParams | undefined): void {
  const K = w.length;
  const r = (K - 1) / 2;
  const stream = noise ? noiseStream(noise) : undefined;
  const line = scratchFloats(2, rowLen);
  for (let y = 0; y < H; y++) {
    line.fill(0, 0, rowLen);
    for (let k = 0; k < K; k++) addRow(line, tmp, borderIndex(y + k - r, H, 'reflect') * rowLen, rowLen, w[k]!);
    if (stream === undefined) for (let i = 0; i < rowLen; i++) px[y * rowLen + i] = (line[i]! + 0.5) | 0;
    else stream.state = storeWithNoise(px, line, y * rowLen, rowLen, stream);
  }
}

function addRow(line: Float32Array, tmp: Float32Array, from: number, n: number, weight: number): void {
  for (let i = 0; i < n; i++) line[i]! += weight * tmp[from + i]!;
}

/**
 * Stores a row, rounded, plus noise values in gaussianNoise's order (value k: top bits of draw
 * ⌊k/2⌋ when k is even, bottom bits when odd). Returns the generator's state.
 */
function storeWithNoise(px: Uint8Array, line: Float32Array, row: number, n: number, noise: NoiseStream): number {
  const { z, scale } = noise;
  let x = noise.state;
  const put = (i: number, index: number) => {
    const v = ((line[i]! + 0.5) | 0) + ((z[index]! * scale + 32768) >> 16);
    px[row + i] = v < 0 ? 0 : v > 255 ? 255 : v;
  };
  let i = 0;
  if (row % 2 === 1) put(i++, x & NORMAL_MASK);
  for (; i + 1 < n; i += 2) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    put(i, x >>> NORMAL_SHIFT);
    put(i + 1, x & NORMAL_MASK);
  }
  if (i < n) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    put(i, x >>> NORMAL_SHIFT);
  }
  return x;
}

/**
 * Motion blur in place: the average along a line of `length` pixels at `angle` degrees through
 * each pixel (the line rasterised with bilinear weights into a sparse kernel), borders reflected.
 * The image is copied into a frame as wide as the kernel, so the taps need no border checks.
 */
export function motionBlur(image: Raster, params: MotionBlurParams): void {
  const taps = motionKernel(params.length, params.angle);
  const { width: W, height: H, channels: C } = image;
  const r = Math.min(Math.max(...taps.map(([dx, dy]) => Math.max(Math.abs(dx), Math.abs(dy)))), Math.max(W, H) - 1);
  const pw = W + 2 * r, ph = H + 2 * r;
  const framed = scratchFloats(0, pw * ph * C);
  const px = image.pixels;
  for (let y = 0; y < ph; y++) {
    const sy = borderIndex(y - r, H, 'reflect');
    for (let x = 0; x < pw; x++) {
      const from = (sy * W + borderIndex(x - r, W, 'reflect')) * C, to = (y * pw + x) * C;
      for (let c = 0; c < C; c++) framed[to + c] = px[from + c]!;
    }
  }
  const offsets = Int32Array.from(taps, ([dx, dy]) => (dy * pw + dx) * C);
  const weights = Float64Array.from(taps, (t) => t[2]);
  const out = clamped(px);
  const K = offsets.length;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const centre = ((y + r) * pw + x + r) * C;
      for (let c = 0; c < C; c++) {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += weights[k]! * framed[centre + c + offsets[k]!]!;
        out[(y * W + x) * C + c] = acc;
      }
    }
  }
}

/** [dx, dy, weight] taps of a centred line segment, weights summing to 1. */
export function motionKernel(length: number, angle: number): [number, number, number][] {
  const t = (angle * Math.PI) / 180;
  const ux = Math.cos(t), uy = -Math.sin(t);
  const steps = Math.max(1, Math.ceil(length * 4));
  const weights = new Map<string, [number, number, number]>();
  const add = (dx: number, dy: number, wt: number) => {
    if (wt <= 0) return;
    const key = `${dx},${dy}`;
    const tap = weights.get(key);
    if (tap) tap[2] += wt;
    else weights.set(key, [dx, dy, wt]);
  };
  for (let s = 0; s <= steps; s++) {
    const d = steps === 0 ? 0 : (s / steps - 0.5) * (length - 1);
    const fx = d * ux, fy = d * uy;
    const ix = Math.floor(fx), iy = Math.floor(fy);
    const ax = fx - ix, ay = fy - iy;
    add(ix, iy, (1 - ax) * (1 - ay));
    add(ix + 1, iy, ax * (1 - ay));
    add(ix, iy + 1, (1 - ax) * ay);
    add(ix + 1, iy + 1, ax * ay);
  }
  const taps = [...weights.values()];
  const total = taps.reduce((sum, tap) => sum + tap[2], 0);
  for (const tap of taps) tap[2] /= total;
  return taps.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}
