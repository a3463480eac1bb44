import {
  backend_util,
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { withScratch } from './call-kernel.js';
import { dilateForTranspose } from './dilate-for-transpose.js';

/**
 * dx[..,c] = Σ_m (dilated dy[..,c·M+m]) ⋆ rot180(f[..,c,m]): one depthwise correlation over the
 * c·M channels of dy on the backend's XNNPACK kernel, then a sum over the multiplier m.
 */
const depthwiseConv2dNativeBackpropInput: KernelFunc = ({ inputs, attrs, backend }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, inputShape } =
    attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
  return withScratch(backend as BackendWasm, (run) => {
    const [kh, kw, c, m] = filter.shape as [number, number, number, number];
    const info = backend_util.computeConv2DInfo(inputShape, [kh, kw, c, m], strides, dilations, pad, dimRoundingMode, true);
    if (info.dilationHeight !== 1 || info.dilationWidth !== 1) {
      throw new Error(`synth's wasm DepthwiseConv2dNativeBackpropInput supports dilation 1 only, got ${String(dilations)}`);
    }
    const prepared = dilateForTranspose(run, dy, info);
    const flipped = run('Reverse', { x: filter }, { dims: [0, 1] });
    const perChannel = run('Reshape', { x: flipped }, { shape: [kh, kw, c * m, 1] });
    const dxM = run('DepthwiseConv2dNative', { x: prepared.x, filter: perChannel }, {
      strides: 1,
      pad: prepared.pad,
      dilations: 1,
    });
    if (m === 1) return dxM;
    const [n, h, w] = inputShape;
    const split = run('Reshape', { x: dxM }, { shape: [n, h, w, c, m] });
    return run('Sum', { x: split }, { axis: 4, keepDims: false });
  });
};

export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropInput,
};
