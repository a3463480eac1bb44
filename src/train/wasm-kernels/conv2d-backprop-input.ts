import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, withScratch, type Run } from './call-kernel.js';
import { dilateForTranspose } from './dilate-for-transpose.js';
import { simdKernels, type SimdKernels } from './simd-kernels.js';

/**
 * The input gradient of a convolution, replacing the package's kernel, a scalar loop that was the
 * slowest step of training. For stride 1: patch gradients dy·wᵀ on XNNPACK (the backend's
 * BatchMatMul), added back into the image by synth's SIMD col2im; the alternative, a convolution
 * of dy padded by the filter size, also multiplies the padding (40 % more work on the reference
 * model) and was 20 % slower. Otherwise: dy with zeros between pixels, correlated with the filter
 * rotated 180° and its in/out channels swapped, on the backend's XNNPACK Conv2D.
 */
const conv2DBackpropInput: KernelFunc = ({ inputs, attrs, backend }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as Conv2DBackpropInputAttrs;
  const wasm = backend as BackendWasm;
  return withScratch(wasm, (run, own) => {
    const nchw = dataFormat === 'NCHW';
    const [n, a, b, c] = inputShape;
    const shape: [number, number, number, number] = nchw ? [n, b, c, a] : [n, a, b, c];
    const dys: TensorInfo = nchw ? run('Transpose', { x: dy }, { perm: [0, 2, 3, 1] }) : dy;
    const info = backend_util.computeConv2DInfo(shape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode);
    const simd = simdKernels(backendMemory(wasm));
    if (simd !== null && info.strideHeight === 1 && info.strideWidth === 1) {
      const dx = own(viaColumns(wasm, run, simd, dys, filter, info));
      return nchw ? run('Transpose', { x: dx }, { perm: [0, 3, 1, 2] }) : dx;
    }
    const prepared = dilateForTranspose(run, dys, info);
    const dx = run('Conv2D', { x: prepared.x, filter: own(rotatedFilter(wasm, filter)) }, { strides: 1, pad: prepared.pad, dataFormat: 'NHWC', dilations: 1 });
    return nchw ? run('Transpose', { x: dx }, { perm: [0, 3, 1, 2] }) : dx;
  });
};

function viaColumns(
  backend: BackendWasm,
  run: Run,
  simd: SimdKernels,
  dy: TensorInfo,
  filter: TensorInfo,
  info: ReturnType<typeof backend_util.computeConv2DInfo>,
): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { filterHeight: kh, filterWidth: kw, outChannels: co } = info;
  const rows = run('Reshape', { x: dy }, { shape: [n * oh * ow, co] });
  const weights = run('Reshape', { x: filter }, { shape: [kh * kw * c, co] });
  const columns = run('BatchMatMul', { a: rows, b: weights }, { transposeA: false, transposeB: true });
  const dx = backend.makeOutput([n, h, w, c], 'float32');
  const out = backend.typedArrayFromHeap(dx) as Float32Array;
  out.fill(0);
  const cols = backend.typedArrayFromHeap(columns) as Float32Array;
  simd.col2im(out.byteOffset, cols.byteOffset, n, h, w, c, oh, ow, kh, kw, info.padInfo.top, info.padInfo.left);
  return dx;
}

/** w'[kh, kw, co, ci] = w[KH−1−kh, KW−1−kw, ci, co]: the package's Reverse took ~1 ms on a 3×3×32×64 filter. */
function rotatedFilter(backend: BackendWasm, filter: TensorInfo): TensorInfo {
  const [kh, kw, ci, co] = filter.shape as [number, number, number, number];
  const out = backend.makeOutput([kh, kw, co, ci], 'float32');
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  const src = backend.typedArrayFromHeap(filter) as Float32Array;
  let at = 0;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const tap = ((kh - 1 - i) * kw + (kw - 1 - j)) * ci * co;
      for (let o = 0; o < co; o++) {
        for (let c = 0; c < ci; c++) dst[at++] = src[tap + c * co + o]!;
      }
    }
  }
  return out;
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput,
};
