import { backend_util, type Conv2DAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, heapOffset } from './call-kernel.js';
import { simdKernels, type SimdKernels } from './simd-kernels.js';

/** What synth's convolution kernel needs to know (NHWC, no padding, stride 1). */
export interface ConvGeometry {
  n: number; h: number; w: number; ci: number; oh: number; ow: number; co: number; kh: number; kw: number;
}

/**
 * synth's path for a convolution, when it applies: float32 NHWC, no padding, stride and dilation
 * 1, output channels a multiple of 16, SIMD available (the reference model's layers). Offsets are
 * into the backend's memory.
 */
export function convPlan(args: Parameters<KernelFunc>[0]): { simd: SimdKernels; x: number; filter: number; geometry: ConvGeometry; outShape: number[] } | undefined {
  const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = args.attrs as unknown as Conv2DAttrs;
  if (dataFormat === 'NCHW' || x.dtype !== 'float32' || filter.dtype !== 'float32' || filter.shape[3]! % 16 !== 0) return undefined;
  const info = backend_util.computeConv2DInfo(x.shape as never, filter.shape as never, strides, dilations, pad, dimRoundingMode);
  const { top, bottom, left, right } = info.padInfo;
  if (info.strideHeight !== 1 || info.strideWidth !== 1 || info.dilationHeight !== 1 || info.dilationWidth !== 1 || top + bottom + left + right !== 0) return undefined;
  const simd = simdKernels(backendMemory(args.backend as BackendWasm));
  if (simd === null) return undefined;
  const geometry: ConvGeometry = {
    n: info.batchSize, h: info.inHeight, w: info.inWidth, ci: info.inChannels, oh: info.outHeight, ow: info.outWidth, co: info.outChannels,
    kh: info.filterHeight, kw: info.filterWidth,
  };
  const backend = args.backend as BackendWasm;
  return { simd, x: heapOffset(backend, x), filter: heapOffset(backend, filter), geometry, outShape: info.outShape };
}

/** Writes images [from, to) of the convolution's output y, in place; each image's values do not depend on the others. */
export function convolveImages(simd: SimdKernels, y: number, x: number, filter: number, g: ConvGeometry, from: number, to: number): void {
  simd.convolve(y, x, filter, from, to, g.h, g.w, g.ci, g.oh, g.ow, g.co, g.kh, g.kw);
}

/**
 * Conv2D by synth's SIMD kernel where convPlan applies: it ran the reference model's layers 1.5
 * times as fast as XNNPACK on one thread (second layer 6.9 against 10 ms a batch of 64), and it
 * works in place, so threads share images without copies (batch-split.ts). Other convolutions go
 * to the package's kernel.
 */
export function conv2DConfig(original: KernelConfig): KernelConfig {
  return {
    ...original,
    kernelFunc: (args) => {
      const plan = convPlan(args);
      if (plan === undefined) return original.kernelFunc(args);
      const backend = args.backend as BackendWasm;
      const out = backend.makeOutput(plan.outShape, 'float32');
      convolveImages(plan.simd, heapOffset(backend, out), plan.x, plan.filter, plan.geometry, 0, plan.geometry.n);
      return out;
    },
  };
}
