import {
  backend_util,
  MaxPoolGrad,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type MaxPoolGradAttrs,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory } from './call-kernel.js';
import { simdKernels, type SimdKernels } from './simd-kernels.js';

/** −∞ as a key; NaN gets a key below it, so neither is ever a window's maximum. */
const NEG_INF_KEY = -0x7f800000;
const NAN_KEY = NEG_INF_KEY - 1;

/**
 * An integer that orders like the float32 whose bits it is given (sign and magnitude become
 * two's complement, so −0 and +0 tie as they compare). NaN maps below −∞: the cpu backend never
 * picks NaN as a maximum.
 */
function key(bits: number): number {
  const magnitude = bits & 0x7fffffff;
  const sign = bits >> 31;
  return magnitude > 0x7f800000 ? NAN_KEY : (magnitude ^ sign) - sign;
}

export interface PoolGeometry {
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  strideHeight: number;
  strideWidth: number;
  filterHeight: number;
  filterWidth: number;
  padInfo: { top: number; left: number };
}

/**
 * Writes dx for the images [from, to) of a batch. `dx`, `x` and `dy` are whole-batch NHWC arrays;
 * only the range's part of dx is written (zeroed first). Helper threads run it on other ranges of
 * the same shared memory.
 */
export function maxPoolGradRange(
  dx: Float32Array,
  xs: Float32Array,
  dys: Float32Array,
  g: PoolGeometry,
  from: number,
  to: number,
  simd: SimdKernels | null,
): void {
  const { inHeight, inWidth, inChannels: c, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = g;
  const { top, left } = g.padInfo;
  const tiled = filterHeight === 2 && filterWidth === 2 && strideHeight === 2 && strideWidth === 2 && top === 0 && left === 0;
  if (simd !== null && tiled && c % 4 === 0 && 2 * outHeight <= inHeight && 2 * outWidth <= inWidth) {
    // The SIMD kernel writes every cell of every window; only an odd last row or column is left.
    if (2 * outHeight < inHeight || 2 * outWidth < inWidth) dx.fill(0, from * inHeight * inWidth * c, to * inHeight * inWidth * c);
    simd.maxPoolGrad2x2(dx.byteOffset, xs.byteOffset, dys.byteOffset, from, to, inHeight, inWidth, c, outHeight, outWidth);
    return;
  }
  const bits = new Int32Array(xs.buffer, xs.byteOffset, xs.length);
  dx.fill(0, from * inHeight * inWidth * c, to * inHeight * inWidth * c);
  const taps = new Int32Array(filterHeight * filterWidth);
  const row = inWidth * c;
  let dyAt = from * outHeight * outWidth * c;
  for (let n = from; n < to; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - top;
      const hStart = Math.max(0, h0);
      const hEnd = Math.min(inHeight, h0 + filterHeight);
      for (let ow = 0; ow < outWidth; ow++, dyAt += c) {
        const w0 = ow * strideWidth - left;
        const wStart = Math.max(0, w0);
        const wEnd = Math.min(inWidth, w0 + filterWidth);
        if (hEnd - hStart === 2 && wEnd - wStart === 2) {
          const p0 = ((n * inHeight + hStart) * inWidth + wStart) * c;
          const p2 = p0 + row;
          for (let k = 0; k < c; k++) {
            // Branch-free on the data: the winner depends on random values, and mispredicted
            // branches made this loop twice as slow. Keys order like the floats; see `key`.
            const a = key(bits[p0 + k]!);
            const b = key(bits[p0 + c + k]!);
            const d = key(bits[p2 + k]!);
            const e = key(bits[p2 + c + k]!);
            const s1 = +(b > a);
            const s2 = +(e > d);
            const m1 = a + s1 * (b - a);
            const m2 = d + s2 * (e - d);
            const s = +(m2 > m1);
            const i1 = p0 + s1 * c;
            const i2 = p2 + s2 * c;
            if (m1 + s * (m2 - m1) > NEG_INF_KEY) {
              const at = i1 + s * (i2 - i1) + k;
              dx[at] = dx[at]! + dys[dyAt + k]!;
            }
          }
          continue;
        }
        let count = 0;
        for (let h = hStart; h < hEnd; h++) {
          for (let w = wStart; w < wEnd; w++) taps[count++] = ((n * inHeight + h) * inWidth + w) * c;
        }
        for (let k = 0; k < c; k++) {
          let best = -Infinity;
          let at = -1;
          for (let t = 0; t < count; t++) {
            const i = taps[t]! + k;
            const v = xs[i]!;
            if (v > best) {
              best = v;
              at = i;
            }
          }
          if (at >= 0) dx[at] = dx[at]! + dys[dyAt + k]!;
        }
      }
    }
  }
}

/** The geometry of a MaxPoolGrad call. */
export function poolGeometry(inputShape: readonly number[], attrs: MaxPoolGradAttrs): PoolGeometry & { batchSize: number } {
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  return backend_util.computePool2DInfo(inputShape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
}

/**
 * Routes each dy value to the first maximum of its window (row-major, strict >, as the cpu
 * backend does; a window of only NaN or −∞ passes nothing). Replaces the package's kernel, which
 * was several times slower: 2×2 windows with stride 2 run in synth's SIMD kernel, others in a
 * JS loop over the heap whose inner loop walks the channels.
 */
const maxPoolGrad: KernelFunc = ({ inputs, attrs, backend }) => {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const wasm = backend as BackendWasm;
  const g = poolGeometry(input.shape, attrs as unknown as MaxPoolGradAttrs);
  // Allocate first: growing the heap would detach views taken before.
  const out = wasm.makeOutput(input.shape, 'float32');
  const dx = wasm.typedArrayFromHeap(out) as Float32Array;
  const xs = wasm.typedArrayFromHeap(input) as Float32Array;
  const simd = simdKernels(backendMemory(wasm));
  maxPoolGradRange(dx, xs, wasm.typedArrayFromHeap(dy) as Float32Array, g, 0, g.batchSize, simd);
  return out;
};

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad,
};
