import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, heapOffset, withScratch } from './call-kernel.js';
import { dilateForTranspose } from './dilate-for-transpose.js';
import { simdKernels, type SimdKernels } from './simd-kernels.js';

/**
 * The input gradient of a convolution, replacing the package's kernel, a scalar loop that was the
 * slowest step of training. For stride 1, the columns path (inputGradientImages); otherwise dy
 * with zeros between pixels, correlated with the filter rotated 180° and its in/out channels
 * swapped, on the backend's XNNPACK Conv2D.
 */
const conv2DBackpropInput: KernelFunc = (args) => {
  const wasm = args.backend as BackendWasm;
  const plan = columnsPlan(args);
  if (plan) return withColumns(wasm, plan, (work) => inputGradientImages(plan.simd, work, plan.geometry, 0, plan.geometry.n));
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as unknown as Conv2DBackpropInputAttrs;
  return withScratch(wasm, (run, own) => {
    const nchw = dataFormat === 'NCHW';
    const [n, a, b, c] = inputShape;
    const shape: [number, number, number, number] = nchw ? [n, b, c, a] : [n, a, b, c];
    const dys: TensorInfo = nchw ? run('Transpose', { x: dy }, { perm: [0, 2, 3, 1] }) : dy;
    const info = backend_util.computeConv2DInfo(shape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode);
    const prepared = dilateForTranspose(run, dys, info);
    const dx = run('Conv2D', { x: prepared.x, filter: own(rotatedFilter(wasm, filter)) }, { strides: 1, pad: prepared.pad, dataFormat: 'NHWC', dilations: 1 });
    return nchw ? run('Transpose', { x: dx }, { perm: [0, 3, 1, 2] }) : dx;
  });
};

/** What the columns path needs to know of an input gradient (NHWC, stride 1). */
export interface ColumnsGeometry {
  n: number; h: number; w: number; ci: number; oh: number; ow: number; co: number; kh: number; kw: number; top: number; left: number;
}

/** Byte offsets, in the backend's memory, of the columns path's operands. */
export interface ColumnsWork {
  dx: number;
  dy: number;
  /** The filter as [co, kh·kw·ci]. */
  filterT: number;
  /** Scratch for the patch gradients, [n·oh·ow, kh·kw·ci]. */
  columns: number;
}

/**
 * The columns path, when it applies: float32 NHWC, stride and dilation 1, kh·kw·ci a multiple of
 * 4 (synth's matMul), SIMD available.
 */
export function columnsPlan(args: Parameters<KernelFunc>[0]): { simd: SimdKernels; geometry: ColumnsGeometry; dy: TensorInfo; filter: TensorInfo } | undefined {
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as unknown as Conv2DBackpropInputAttrs;
  if (dataFormat === 'NCHW' || dy.dtype !== 'float32' || filter.dtype !== 'float32') return undefined;
  const info = backend_util.computeConv2DInfo([...inputShape] as never, filter.shape as never, strides, 1, pad, dimRoundingMode);
  if (info.strideHeight !== 1 || info.strideWidth !== 1 || (info.filterHeight * info.filterWidth * info.inChannels) % 4 !== 0) return undefined;
  const simd = simdKernels(backendMemory(args.backend as BackendWasm));
  if (simd === null) return undefined;
  const geometry: ColumnsGeometry = {
    n: info.batchSize, h: info.inHeight, w: info.inWidth, ci: info.inChannels, oh: info.outHeight, ow: info.outWidth, co: info.outChannels,
    kh: info.filterHeight, kw: info.filterWidth, top: info.padInfo.top, left: info.padInfo.left,
  };
  return { simd, geometry, dy, filter };
}

/**
 * Allocates dx and the scratch `work` needs (the transposed filter, the columns), runs `body`,
 * frees the scratch, and returns dx (also freed if `body` throws).
 */
export function withColumns(backend: BackendWasm, plan: NonNullable<ReturnType<typeof columnsPlan>>, body: (work: ColumnsWork) => void): TensorInfo {
  const { n, h, w, ci, oh, ow, co, kh, kw } = plan.geometry;
  return withScratch(backend, (run, own) => {
    const filterT = run('Transpose', { x: run('Reshape', { x: plan.filter }, { shape: [kh * kw * ci, co] }) }, { perm: [1, 0] });
    const columns = own(backend.makeOutput([n * oh * ow, kh * kw * ci], 'float32'));
    const dx = own(backend.makeOutput([n, h, w, ci], 'float32'));
    body({ dx: heapOffset(backend, dx), dy: heapOffset(backend, plan.dy), filterT: heapOffset(backend, filterT), columns: heapOffset(backend, columns) });
    return dx;
  });
}

/**
 * dx of images [from, to), in place: their patch gradients dy·wᵀ by synth's matMul, added back
 * into the images by synth's col2im. The alternative, a convolution of dy padded by the filter
 * size, also multiplies the padding (40 % more work on the reference model) and was 20 % slower.
 * Each image's dx depends on its own dy alone, so threads can share images.
 */
export function inputGradientImages(simd: SimdKernels, work: ColumnsWork, g: ColumnsGeometry, from: number, to: number): void {
  const [pixels, rowLength] = [g.oh * g.ow, g.kh * g.kw * g.ci];
  const columns = work.columns + from * pixels * rowLength * 4;
  const dx = work.dx + from * g.h * g.w * g.ci * 4;
  simd.matMul(columns, work.dy + from * pixels * g.co * 4, work.filterT, (to - from) * pixels, g.co, rowLength);
  simd.zero(dx, (to - from) * g.h * g.w * g.ci);
  simd.col2im(dx, columns, to - from, g.h, g.w, g.ci, g.oh, g.ow, g.kh, g.kw, g.top, g.left);
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
