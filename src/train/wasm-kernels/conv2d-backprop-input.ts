import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { withScratch } from './call-kernel.js';
import { dilateForTranspose } from './dilate-for-transpose.js';

/**
 * dx = (dy with zeros between pixels for strides > 1) correlated with the filter rotated 180° and
 * its in/out channels swapped, on the backend's XNNPACK Conv2D. Replaces the package's kernel,
 * a scalar loop that was the slowest step of training.
 */
const conv2DBackpropInput: KernelFunc = ({ inputs, attrs, backend }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as Conv2DBackpropInputAttrs;
  return withScratch(backend as BackendWasm, (run) => {
    const nchw = dataFormat === 'NCHW';
    const [n, a, b, c] = inputShape;
    const shape: [number, number, number, number] = nchw ? [n, b, c, a] : [n, a, b, c];
    const dys: TensorInfo = nchw ? run('Transpose', { x: dy }, { perm: [0, 2, 3, 1] }) : dy;
    const info = backend_util.computeConv2DInfo(shape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode);
    const prepared = dilateForTranspose(run, dys, info);
    const flipped = run('Reverse', { x: filter }, { dims: [0, 1] });
    const swapped = run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] });
    const dx = run('Conv2D', { x: prepared.x, filter: swapped }, { strides: 1, pad: prepared.pad, dataFormat: 'NHWC', dilations: 1 });
    return nchw ? run('Transpose', { x: dx }, { perm: [0, 3, 1, 2] }) : dx;
  });
};

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput,
};
