import {
  backend_util,
  DepthwiseConv2dNativeBackpropFilter,
  type DepthwiseConv2dNativeBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { cropForPadding, withScratch } from './call-kernel.js';

/**
 * df[kh,kw,c,m] = Σ_{n,oh,ow} x[n, oh·sh+kh−top, ow·sw+kw−left, c] · dy[n,oh,ow,c·M+m]: a
 * depthwise correlation of x (one image whose channels are (n, c, m)) by dy used as a filter
 * dilated by the stride, on the backend's XNNPACK kernel, then a sum over n.
 */
const depthwiseConv2dNativeBackpropFilter: KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, filterShape } =
    attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
  return withScratch(backend as BackendWasm, (run) => {
    const [kh, kw, c, m] = filterShape;
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filterShape,
      strides,
      dilations,
      pad,
      dimRoundingMode,
      true,
    );
    if (info.dilationHeight !== 1 || info.dilationWidth !== 1) {
      throw new Error(`synth's wasm DepthwiseConv2dNativeBackpropFilter supports dilation 1 only, got ${String(dilations)}`);
    }
    const { inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth, batchSize: n } = info;
    const { top, left } = info.padInfo;
    const bottom = (outHeight - 1) * strideHeight + kh - inHeight - top;
    const right = (outWidth - 1) * strideWidth + kw - inWidth - left;
    const padded = cropForPadding(run, x, [top, bottom, left, right]);
    const [, hc, wc] = padded.x.shape as [number, number, number, number];
    let xm: TensorInfo = padded.x;
    if (m > 1) {
      const view = run('Reshape', { x: xm }, { shape: [n, hc, wc, c, 1] });
      const tiled = run('Tile', { x: view }, { reps: [1, 1, 1, 1, m] });
      xm = run('Reshape', { x: tiled }, { shape: [n, hc, wc, c * m] });
    }
    const xT = run('Transpose', { x: xm }, { perm: [1, 2, 0, 3] });
    const image = run('Reshape', { x: xT }, { shape: [1, hc, wc, n * c * m] });
    const dyT = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
    const taps = run('Reshape', { x: dyT }, { shape: [outHeight, outWidth, n * c * m, 1] });
    const perImage = run('DepthwiseConv2dNative', { x: image, filter: taps }, {
      strides: 1,
      pad: padded.pad,
      dilations: [strideHeight, strideWidth],
    });
    const split = run('Reshape', { x: perImage }, { shape: [kh * kw, n, c * m] });
    const summed = run('Sum', { x: split }, { axis: 1, keepDims: false });
    return run('Reshape', { x: summed }, { shape: [kh, kw, c, m] });
  });
};

export const depthwiseConv2dNativeBackpropFilterConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropFilter,
};
