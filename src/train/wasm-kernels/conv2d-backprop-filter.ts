import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { withScratch } from './call-kernel.js';
import { im2colTransposed } from './im2col-transposed.js';

/**
 * dW[(kh,kw,ci), co] = Σ_{(n,oh,ow)} patchesᵀ[(kh,kw,ci), (n,oh,ow)] · dy[(n,oh,ow), co]: one
 * matrix product on XNNPACK (the backend's BatchMatMul), with dy as the packed operand as it
 * already is in memory; only the patches are copied, from x transposed to [ci, n, h, w].
 */
const conv2DBackpropFilter: KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  const wasm = backend as BackendWasm;
  return withScratch(wasm, (run, own) => {
    const nchw = dataFormat === 'NCHW';
    const dys: TensorInfo = nchw ? run('Transpose', { x: dy }, { perm: [0, 2, 3, 1] }) : dy;
    const xT = run('Transpose', { x }, { perm: nchw ? [1, 0, 2, 3] : [3, 0, 1, 2] });
    const [, n, h, w] = xT.shape as [number, number, number, number];
    const info = backend_util.computeConv2DInfo(
      [n, h, w, filterShape[2]],
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const patches = own(im2colTransposed(wasm, xT, info));
    const [kh, kw, ci, co] = filterShape;
    const rows = run('Reshape', { x: dys }, { shape: [1, n * info.outHeight * info.outWidth, co] });
    const cols = run('Reshape', { x: patches }, { shape: [1, kh * kw * ci, n * info.outHeight * info.outWidth] });
    const product = run('BatchMatMul', { a: cols, b: rows }, { transposeA: false, transposeB: false });
    return run('Reshape', { x: product }, { shape: [kh, kw, ci, co] });
  });
};

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter,
};
