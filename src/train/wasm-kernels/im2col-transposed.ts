import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory } from './call-kernel.js';
import { simdKernels } from './simd-kernels.js';

export interface PatchGeometry {
  outHeight: number;
  outWidth: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padInfo: { top: number; left: number };
}

/**
 * Patches of a convolution's input as one matrix with a row per filter tap (kh, kw, ci) and a
 * column per output pixel (n, oh, ow); taps falling in the padding read 0. `xT` is the input
 * transposed to [ci, n, h, w], so each row is assembled from runs along w — contiguous for
 * stride 1, where synth's SIMD kernel copies them — and is written once, in order.
 */
export function im2colTransposed(backend: BackendWasm, xT: TensorInfo, g: PatchGeometry): TensorInfo {
  const [c, n, h, w] = xT.shape as [number, number, number, number];
  const { outHeight: oh, outWidth: ow, filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = g;
  const { top, left } = g.padInfo;
  const out = backend.makeOutput([kh * kw * c, n * oh * ow], 'float32');
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  const src = backend.typedArrayFromHeap(xT) as Float32Array;
  const simd = sh === 1 && sw === 1 ? simdKernels(backendMemory(backend)) : null;
  let o = 0;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      // Output columns whose tap (i, j) lands inside the image: x in [x0, x1).
      const x0 = Math.min(ow, Math.max(0, Math.ceil((left - j) / sw)));
      const x1 = Math.max(x0, Math.min(ow, Math.ceil((w + left - j) / sw)));
      if (simd !== null) {
        simd.im2colTap(dst.byteOffset + o * 4, src.byteOffset, c * n, h, w, oh, ow, i - top, j - left, x0, x1);
        o += c * n * oh * ow;
        continue;
      }
      for (let ch = 0; ch < c; ch++) {
        for (let b = 0; b < n; b++) {
          const plane = (ch * n + b) * h;
          for (let y = 0; y < oh; y++) {
            const row = y * sh + i - top;
            if (row < 0 || row >= h) {
              dst.fill(0, o, o + ow);
              o += ow;
              continue;
            }
            if (x0 > 0) dst.fill(0, o, o + x0);
            let at = (plane + row) * w + x0 * sw + j - left;
            const end = o + x1;
            for (let k = o + x0; k < end; k++, at += sw) dst[k] = src[at]!;
            if (x1 < ow) dst.fill(0, o + x1, o + ow);
            o += ow;
          }
        }
      }
    }
  }
  return out;
}
