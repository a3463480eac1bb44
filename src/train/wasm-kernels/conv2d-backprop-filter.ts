import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, cropForPadding, withScratch, type Run } from './call-kernel.js';
import { im2colTransposed } from './im2col-transposed.js';
import { simdKernels } from './simd-kernels.js';

type Conv2DInfo = ReturnType<typeof backend_util.computeConv2DInfo>;

/**
 * The filter gradient dW[kh,kw,ci,co] = Σ_{n,oh,ow} x[n, oh·sh+kh−top, ow·sw+kw−left, ci] ·
 * dy[n,oh,ow,co], on XNNPACK one of two ways:
 * - a matrix product patchesᵀ·dy, the patches copied from x (im2col-transposed.ts); for stride 1
 *   synth's SIMD kernel copies them, and this was 30 % faster than the other way on the reference
 *   model's second layer;
 * - a convolution of x with its batch and channel axes swapped (batch ci, channels n) by dy as a
 *   filter (taps oh,ow; in n; out co) dilated by the stride, for strides > 1, unless dy is larger
 *   than the patches: XNNPACK repacks the filter on every call.
 */
const conv2DBackpropFilter: KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  const wasm = backend as BackendWasm;
  return withScratch(wasm, (run, own) => {
    const nchw = dataFormat === 'NCHW';
    const xs: TensorInfo = nchw ? run('Transpose', { x }, { perm: [0, 2, 3, 1] }) : x;
    const dys: TensorInfo = nchw ? run('Transpose', { x: dy }, { perm: [0, 2, 3, 1] }) : dy;
    const info = backend_util.computeConv2DInfo(xs.shape as never, filterShape, strides, 1, pad, dimRoundingMode);
    const [kh, kw, ci, co] = filterShape;
    const fastPatches = info.strideHeight === 1 && info.strideWidth === 1 && simdKernels(backendMemory(wasm)) !== null;
    return fastPatches || co > kh * kw * ci
      ? viaPatches(wasm, run, own, xs, dys, info, filterShape)
      : viaConvolution(run, xs, dys, info);
  });
};

function viaConvolution(run: Run, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  const { inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  // Rows past the last one the strided filter reaches are cropped (negative padding).
  const bottom = (outHeight - 1) * strideHeight + filterHeight - inHeight - top;
  const right = (outWidth - 1) * strideWidth + filterWidth - inWidth - left;
  const padded = cropForPadding(run, x, [top, bottom, left, right]);
  const xT = run('Transpose', { x: padded.x }, { perm: [3, 1, 2, 0] });
  const dyT = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
  const dW = run(
    'Conv2D',
    { x: xT, filter: dyT },
    { strides: 1, pad: padded.pad, dataFormat: 'NHWC', dilations: [strideHeight, strideWidth] },
  );
  return run('Transpose', { x: dW }, { perm: [1, 2, 0, 3] });
}

function viaPatches(
  backend: BackendWasm,
  run: Run,
  own: (t: TensorInfo) => TensorInfo,
  x: TensorInfo,
  dy: TensorInfo,
  info: Conv2DInfo,
  filterShape: [number, number, number, number],
): TensorInfo {
  const [kh, kw, ci, co] = filterShape;
  const pixels = info.batchSize * info.outHeight * info.outWidth;
  const xT = run('Transpose', { x }, { perm: [3, 0, 1, 2] });
  const patches = own(im2colTransposed(backend, xT, info));
  const rows = run('Reshape', { x: dy }, { shape: [1, pixels, co] });
  const cols = run('Reshape', { x: patches }, { shape: [1, kh * kw * ci, pixels] });
  const product = run('BatchMatMul', { a: cols, b: rows }, { transposeA: false, transposeB: false });
  return run('Reshape', { x: product }, { shape: filterShape });
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter,
};
