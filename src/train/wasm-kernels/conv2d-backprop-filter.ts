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

/** Up to this many filter rows (kh·kw·ci), viaTaps; above, the matrix product. */
const MAX_DIRECT_TAPS = 27;

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
 * dy[n,oh,ow,co]: for stride 1 and few filter rows, by synth's SIMD kernel (viaTaps); otherwise on
 * XNNPACK one of two ways:
 * - a matrix product patchesᵀ·dy, the patches copied from x (im2col-transposed.ts); for stride 1
 *   synth's SIMD kernel copies them, and this was 30 % faster than the other way on the reference
 *   model's second layer;
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
    const [kh, kw, ci, co] = filterShape;
    const simd = simdKernels(backendMemory(wasm));
    const strideOne = info.strideHeight === 1 && info.strideWidth === 1 && info.dilationHeight === 1 && info.dilationWidth === 1;
    if (strideOne && simd !== null && co % 16 === 0 && kh * kw * ci <= MAX_DIRECT_TAPS) return own(viaTaps(wasm, simd, xs, dys, info, filterShape));
    return (strideOne && simd !== null) || co > kh * kw * ci
      ? viaPatches(wasm, run, own, xs, dys, info, filterShape)
      : viaConvolution(run, xs, dys, info);
  });
};

/**
 * Each tap's gradient summed directly by synth's SIMD kernel, 16 output channels at a time, for
 * stride 1. For a first layer (few input channels) this is about three times faster than the
 * matrix product, whose left operand has only kh·kw·ci rows; with many input channels XNNPACK's
 * product is faster. Both add the pixels in the same order, so the sums are the same bits.
 */
function viaTaps(backend: BackendWasm, simd: SimdKernels, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo, filterShape: [number, number, number, number]): TensorInfo {
  const [kh, kw, ci, co] = filterShape;
  const [n, h, w] = x.shape as [number, number, number];
  const { outHeight: oh, outWidth: ow } = info;
  const { top, left } = info.padInfo;
  const out = backend.makeOutput([...filterShape], 'float32');
  const [dw, xAt, dyAt] = [out, x, dy].map((t) => heapOffset(backend, t)) as [number, number, number];
  // Output pixels whose tap lands inside x: y in [y0, y1), x in [x0, x1).
  const inside = (shift: number, size: number, outSize: number) => {
    const from = Math.min(outSize, Math.max(0, -shift));
    return [from, Math.max(from, Math.min(outSize, size - shift))] as const;
  };
  for (let i = 0; i < kh; i++) {
    const [y0, y1] = inside(i - top, h, oh);
    for (let j = 0; j < kw; j++) {
      const [x0, x1] = inside(j - left, w, ow);
      for (let c = 0; c < ci; c++) {
        for (let co0 = 0; co0 < co; co0 += 16) {
          const at = dw + (((i * kw + j) * ci + c) * co + co0) * 4;
          simd.filterGradientTap(at, xAt, dyAt, n, h, w, ci, oh, ow, co, c, co0, i - top, j - left, y0, y1, x0, x1);
        }
      }
    }
  }
  return out;
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
