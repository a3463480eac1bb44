import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, batchView, cropForPadding, heapOffset, releaseView, withScratch, type Run } from './call-kernel.js';
import { im2colTransposed } from './im2col-transposed.js';
import { simdKernels, type SimdKernels } from './simd-kernels.js';

type Conv2DInfo = ReturnType<typeof backend_util.computeConv2DInfo>;

/**
 * The filter gradient sums over the batch, and float sums depend on their order. So that a
 * model's weights do not depend on how many threads trained it, the batch is always cut into
 * the same chunks, whatever the thread count, and the chunks' gradients are added in chunk order;
 * threads only decide who computes which chunk (batch-split.ts). Eight keeps up to eight threads
 * busy; below MIN_CHUNKED_WORK multiply-adds the whole batch is one chunk.
 */
const CHUNKS = 8;
const MIN_CHUNKED_WORK = 2e6;

/** [start, count] of each chunk of the batch: a function of the shapes alone. */
export function filterGradientChunks(dy: TensorInfo, filterShape: readonly number[]): [start: number, count: number][] {
  const batch = dy.shape[0]!;
  const work = dy.shape.reduce((a, b) => a * b, 1) * filterShape.slice(0, 3).reduce((a, b) => a * b, 1);
  const parts = work < MIN_CHUNKED_WORK ? 1 : Math.min(CHUNKS, batch);
  return Array.from({ length: parts }, (_, i) => {
    const start = Math.floor((batch * i) / parts);
    return [start, Math.floor((batch * (i + 1)) / parts) - start];
  });
}

/** The filter gradient of items [start, start + count) of the batch. */
export function filterGradientOfChunk(args: Parameters<KernelFunc>[0], start: number, count: number): TensorInfo {
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const backend = args.backend as BackendWasm;
  if (start === 0 && count === x.shape[0]) return oneChunk(args) as TensorInfo;
  const xs = batchView(backend, x, start, count);
  const dys = batchView(backend, dy, start, count);
  try {
    return oneChunk({ ...args, inputs: { x: xs, dy: dys } }) as TensorInfo;
  } finally {
    releaseView(backend, xs);
    releaseView(backend, dys);
  }
}

/** Adds the chunks' gradients into the first, in chunk order, and frees the others. */
export function addChunks(backend: BackendWasm, partials: readonly TensorInfo[]): TensorInfo {
  const total = backend.typedArrayFromHeap(partials[0]!) as Float32Array;
  for (const p of partials.slice(1)) {
    const values = backend.typedArrayFromHeap(p) as Float32Array;
    for (let i = 0; i < total.length; i++) total[i] = total[i]! + values[i]!;
    backend.disposeData(p.dataId);
  }
  return partials[0]!;
}

const conv2DBackpropFilter: KernelFunc = (args) => {
  const { dy } = args.inputs as { dy: TensorInfo };
  const backend = args.backend as BackendWasm;
  const taps = tapPlan(args);
  if (taps) {
    const out = backend.makeOutput([...taps.filterShape], 'float32');
    filterGradientUnits(taps.simd, heapOffset(backend, out), taps.x, taps.dy, taps.geometry, 0, tapUnits(taps.geometry));
    return out;
  }
  const partials: TensorInfo[] = [];
  try {
    for (const [start, count] of filterGradientChunks(dy, (args.attrs as unknown as Conv2DBackpropFilterAttrs).filterShape)) {
      partials.push(filterGradientOfChunk(args, start, count));
    }
  } catch (error) {
    for (const p of partials) backend.disposeData(p.dataId);
    throw error;
  }
  return addChunks(backend, partials);
};

/**
 * The filter gradient dW[kh,kw,ci,co] = Σ_{n,oh,ow} x[n, oh·sh+kh−top, ow·sw+kw−left, ci] ·
 * dy[n,oh,ow,co] of one chunk of the batch, for the cases the tap path (tapPlan) does not take, on
 * XNNPACK one of two ways:
 * - a matrix product patchesᵀ·dy, the patches copied from x (im2col-transposed.ts);
 * - a convolution of x with its batch and channel axes swapped (batch ci, channels n) by dy as a
 *   filter (taps oh,ow; in n; out co) dilated by the stride, for strides > 1, unless dy is larger
 *   than the patches: XNNPACK repacks the filter on every call.
 */
const oneChunk: KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  const wasm = backend as BackendWasm;
  return withScratch(wasm, (run, own) => {
    const nchw = dataFormat === 'NCHW';
    const xs: TensorInfo = nchw ? run('Transpose', { x }, { perm: [0, 2, 3, 1] }) : x;
    const dys: TensorInfo = nchw ? run('Transpose', { x: dy }, { perm: [0, 2, 3, 1] }) : dy;
    const info = backend_util.computeConv2DInfo(xs.shape as never, filterShape, strides, 1, pad, dimRoundingMode);
    const [kh, kw, ci] = filterShape;
    const strideOne = info.strideHeight === 1 && info.strideWidth === 1 && info.dilationHeight === 1 && info.dilationWidth === 1;
    return (strideOne && simdKernels(backendMemory(wasm)) !== null) || filterShape[3] > kh * kw * ci
      ? viaPatches(wasm, run, own, xs, dys, info, filterShape)
      : viaConvolution(run, xs, dys, info);
  });
};

/** What the tap kernel needs to know of a filter gradient (NHWC, stride 1). */
export interface TapGeometry {
  n: number; h: number; w: number; ci: number; oh: number; ow: number; co: number; kh: number; kw: number; top: number; left: number;
}

/**
 * The tap path, when it applies: float32 NHWC, stride and dilation 1, output channels a multiple
 * of 16, SIMD available. Its offsets are into the backend's memory.
 */
export function tapPlan(args: Parameters<KernelFunc>[0]): { simd: SimdKernels; x: number; dy: number; geometry: TapGeometry; filterShape: [number, number, number, number] } | undefined {
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  const backend = args.backend as BackendWasm;
  if (dataFormat === 'NCHW' || x.dtype !== 'float32' || dy.dtype !== 'float32' || filterShape[3] % 16 !== 0) return undefined;
  const info = backend_util.computeConv2DInfo(x.shape as never, filterShape, strides, 1, pad, dimRoundingMode);
  // An empty batch would leave dW unwritten.
  if (info.batchSize === 0 || info.strideHeight !== 1 || info.strideWidth !== 1 || info.dilationHeight !== 1 || info.dilationWidth !== 1) return undefined;
  const simd = simdKernels(backendMemory(backend));
  if (simd === null) return undefined;
  const [kh, kw, ci, co] = filterShape;
  const geometry: TapGeometry = {
    n: info.batchSize, h: info.inHeight, w: info.inWidth, ci, oh: info.outHeight, ow: info.outWidth, co, kh, kw, top: info.padInfo.top, left: info.padInfo.left,
  };
  return { simd, x: heapOffset(backend, x), dy: heapOffset(backend, dy), geometry, filterShape };
}

/** Units of the tap path's work, each one tap and a pair of input channels (rows of dW), tap by tap. */
export function tapUnits(g: TapGeometry): number {
  return g.kh * g.kw * Math.ceil(g.ci / 2);
}

/** Images whose dy, up to this many bytes, stay in a core's cache while every unit sums over them. */
const BLOCK_BYTES = 256 * 1024;

/**
 * Writes the rows of dw of units [from, to) (tapUnits), each summed over the batch by synth's
 * SIMD kernel in order of image, row and column, so the result is the same bits however the units
 * are shared out between threads. The batch goes by blocks of images (the kernel carries the sums
 * on from one block to the next), which keeps the block's dy in cache: summing each unit over the
 * whole batch at once ran at half the speed. This is about three times as fast as the matrix
 * product for a first layer; with many input channels the two are close, and this path lets
 * threads share the work in place, without copies or partial sums.
 */
export function filterGradientUnits(simd: SimdKernels, dw: number, x: number, dy: number, g: TapGeometry, from: number, to: number): void {
  const pairs = Math.ceil(g.ci / 2);
  const block = Math.max(1, Math.floor(BLOCK_BYTES / (g.oh * g.ow * g.co * 4)));
  // Output pixels whose tap lands inside x: [from, to) of each axis.
  const inside = (shift: number, size: number, outSize: number) => {
    const first = Math.min(outSize, Math.max(0, -shift));
    return [first, Math.max(first, Math.min(outSize, size - shift))] as const;
  };
  for (let b0 = 0; b0 < g.n; b0 += block) {
    const count = Math.min(block, g.n - b0);
    const xAt = x + b0 * g.h * g.w * g.ci * 4;
    const dyAt = dy + b0 * g.oh * g.ow * g.co * 4;
    for (let tap = Math.floor(from / pairs); tap * pairs < to; tap++) {
      const c0 = 2 * Math.max(0, from - tap * pairs);
      const c1 = Math.min(g.ci, 2 * (to - tap * pairs));
      const [i, j] = [Math.floor(tap / g.kw), tap % g.kw];
      const [y0, y1] = inside(i - g.top, g.h, g.oh);
      const [x0, x1] = inside(j - g.left, g.w, g.ow);
      simd.filterGradientTap(dw + tap * g.ci * g.co * 4, xAt, dyAt, count, g.h, g.w, g.ci, g.oh, g.ow, g.co, i - g.top, j - g.left, y0, y1, x0, x1, c0, c1, b0 > 0 ? 1 : 0);
    }
  }
}

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
