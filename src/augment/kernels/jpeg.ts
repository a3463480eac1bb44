import type { JpegParams } from '../augment-params.js';
import { type Raster, clamped } from './raster.js';

/**
 * JPEG compression artefacts without the entropy coding (which is lossless): baseline JPEG's
 * colour conversion, 4:2:0 chroma subsampling, 8×8 DCT quantised with the standard tables scaled
 * by the IJG quality formula, and a decoder's 8-bit planes and triangle ("fancy") chroma
 * upsampling. Synchronous and independent of the libjpeg version, so bytes never drift; a real
 * encode/decode with sharp at the same quality differs by about one grey level (tested).
 */
export function jpegArtefacts(image: Raster, params: JpegParams): void {
  const { width: W, height: H, channels: C } = image;
  const px = image.pixels;
  const out = clamped(px);
  const [lumaQ, chromaQ] = quantTables(params.quality);
  if (C === 1) {
    const y = Float32Array.from(px);
    codePlane(y, W, H, lumaQ);
    for (let i = 0; i < y.length; i++) out[i] = y[i]!;
    return;
  }
  const n = W * H;
  const Y = new Float32Array(n), Cb = new Float32Array(n), Cr = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = px[i * 3]!, g = px[i * 3 + 1]!, b = px[i * 3 + 2]!;
    Y[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    Cb[i] = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
    Cr[i] = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
  }
  codePlane(Y, W, H, lumaQ);
  const cw = Math.ceil(W / 2), ch = Math.ceil(H / 2);
  const cb = downsample(Cb, W, H), cr = downsample(Cr, W, H);
  codePlane(cb, cw, ch, chromaQ);
  codePlane(cr, cw, ch, chromaQ);
  upsample(cb, cw, ch, Cb, W, H);
  upsample(cr, cw, ch, Cr, W, H);
  for (let i = 0; i < n; i++) {
    const y = Y[i]!, u = Cb[i]! - 128, v = Cr[i]! - 128;
    out[i * 3] = y + 1.402 * v;
    out[i * 3 + 1] = y - 0.344136 * u - 0.714136 * v;
    out[i * 3 + 2] = y + 1.772 * u;
  }
}

const LUMA = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
  14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
  49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
  47, 66, 99, 99, 99, 99, 99, 99, ...new Array<number>(32).fill(99),
];

/** The standard tables (ITU T.81 Annex K) scaled as libjpeg's jpeg_set_quality does. */
function quantTables(quality: number): [Float64Array, Float64Array] {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? 5000 / q : 200 - 2 * q;
  const make = (base: number[]) => Float64Array.from(base, (b) => Math.min(255, Math.max(1, Math.floor((b * scale + 50) / 100))));
  return [make(LUMA), make(CHROMA)];
}

/** DCT basis: A[u·8 + x] = α(u)/2 · cos((2x + 1)uπ/16), so F = A·f·Aᵀ and f = Aᵀ·F·A. */
const BASIS = (() => {
  const a = new Float64Array(64);
  for (let u = 0; u < 8; u++) {
    for (let x = 0; x < 8; x++) a[u * 8 + x] = (u === 0 ? Math.SQRT1_2 : 1) / 2 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  }
  return a;
})();
const BASIS_T = Float64Array.from({ length: 64 }, (_, k) => BASIS[(k % 8) * 8 + Math.floor(k / 8)]!);

/** Quantises every 8×8 block of a plane in place (edges padded by repetition), leaving 8-bit values as a decoder would. */
function codePlane(plane: Float32Array, w: number, h: number, q: Float64Array): void {
  const block = new Float64Array(64), tmp = new Float64Array(64);
  for (let by = 0; by < h; by += 8) {
    for (let bx = 0; bx < w; bx += 8) {
      for (let y = 0; y < 8; y++) {
        const sy = Math.min(h - 1, by + y);
        for (let x = 0; x < 8; x++) block[y * 8 + x] = plane[sy * w + Math.min(w - 1, bx + x)]! - 128;
      }
      transform(block, tmp, false);
      for (let k = 0; k < 64; k++) block[k] = Math.round(block[k]! / q[k]!) * q[k]!;
      transform(block, tmp, true);
      for (let y = 0; y < 8 && by + y < h; y++) {
        for (let x = 0; x < 8 && bx + x < w; x++) plane[(by + y) * w + bx + x] = Math.min(255, Math.max(0, Math.round(block[y * 8 + x]! + 128)));
      }
    }
  }
}

/** In place: b = M·b·Mᵀ with M = A (forward) or Aᵀ (inverse), through tmp. */
function transform(b: Float64Array, tmp: Float64Array, inverse: boolean): void {
  const M = inverse ? BASIS_T : BASIS;
  for (let i = 0; i < 64; i += 8) {
    for (let j = 0; j < 8; j++) {
      tmp[i + j] = M[i]! * b[j]! + M[i + 1]! * b[8 + j]! + M[i + 2]! * b[16 + j]! + M[i + 3]! * b[24 + j]! +
        M[i + 4]! * b[32 + j]! + M[i + 5]! * b[40 + j]! + M[i + 6]! * b[48 + j]! + M[i + 7]! * b[56 + j]!;
    }
  }
  for (let i = 0; i < 64; i += 8) {
    for (let j = 0; j < 64; j += 8) {
      b[i + j / 8] = tmp[i]! * M[j]! + tmp[i + 1]! * M[j + 1]! + tmp[i + 2]! * M[j + 2]! + tmp[i + 3]! * M[j + 3]! +
        tmp[i + 4]! * M[j + 4]! + tmp[i + 5]! * M[j + 5]! + tmp[i + 6]! * M[j + 6]! + tmp[i + 7]! * M[j + 7]!;
    }
  }
}

/** 2×2 box average (edges repeat), as encoders subsample chroma. */
function downsample(plane: Float32Array, w: number, h: number): Float32Array {
  const cw = Math.ceil(w / 2), ch = Math.ceil(h / 2);
  const out = new Float32Array(cw * ch);
  for (let y = 0; y < ch; y++) {
    const y0 = 2 * y, y1 = Math.min(h - 1, 2 * y + 1);
    for (let x = 0; x < cw; x++) {
      const x0 = 2 * x, x1 = Math.min(w - 1, 2 * x + 1);
      out[y * cw + x] = (plane[y0 * w + x0]! + plane[y0 * w + x1]! + plane[y1 * w + x0]! + plane[y1 * w + x1]!) / 4;
    }
  }
  return out;
}

/** Bilinear upsampling with chroma samples centred on their 2×2 blocks (libjpeg's 3/4–1/4 triangle filter). */
function upsample(small: Float32Array, cw: number, ch: number, out: Float32Array, w: number, h: number): void {
  for (let y = 0; y < h; y++) {
    const v = Math.min(ch - 1, Math.max(0, (y - 0.5) / 2));
    const y0 = Math.floor(v), y1 = Math.min(ch - 1, y0 + 1), fy = v - y0;
    for (let x = 0; x < w; x++) {
      const u = Math.min(cw - 1, Math.max(0, (x - 0.5) / 2));
      const x0 = Math.floor(u), x1 = Math.min(cw - 1, x0 + 1), fx = u - x0;
      const top = small[y0 * cw + x0]! * (1 - fx) + small[y0 * cw + x1]! * fx;
      const bottom = small[y1 * cw + x0]! * (1 - fx) + small[y1 * cw + x1]! * fx;
      out[y * w + x] = top * (1 - fy) + bottom * fy;
    }
  }
}
