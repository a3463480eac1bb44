import {
  backend_util,
  BatchMatMul,
  Conv2D,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  getKernel,
  MaxPool,
  MaxPoolGrad,
  registerKernel,
  unregisterKernel,
  type KernelConfig,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { HeapTensor, HelperTask, PartTimes, WasmHelpers } from '../wasm-helpers.js';
import { setProductSplitter, type ProductSplitter } from './batch-mat-mul.js';
import { backendMemory, batchView, heapOffset, releaseView } from './call-kernel.js';
import { addChunks, filterGradientChunks, filterGradientOfChunk, filterGradientUnits, type TapGeometry, tapPlan, tapUnits } from './conv2d-backprop-filter.js';
import { type ColumnsGeometry, columnsPlan, inputGradientImages, withColumns } from './conv2d-backprop-input.js';
import { type ConvGeometry, convolveImages, convPlan } from './conv2d.js';
import { maxPoolGradRange, poolGeometry } from './max-pool-grad.js';
import { ShareBalance } from './share-balance.js';
import { simdKernels } from './simd-kernels.js';

/** Below this much work (multiply-adds, or element visits), a task costs more than it saves. */
const MIN_WORK = 2e6;

/** Set while split work runs: the kernels it calls must not split again (the helpers are busy). */
let splitting = false;

/** The kernels as they were before wrapping: a backend made again wraps these, not the wrappers. */
const unwrapped = new Map<string, KernelConfig>();

/** How split work is cut between threads; exported for tests, which skew it to check the result does not move. */
export const balance = new ShareBalance();

/** Runs `body` with batch splitting off, e.g. while the helpers are busy with other work. */
export function withoutSplitting<T>(body: () => T): T {
  const before = splitting;
  splitting = true;
  try {
    return body();
  } finally {
    splitting = before;
  }
}

/** How a kernel divides along the batch axis. */
interface Split {
  /** Inputs cut along axis 0; the others go whole to every share. Shares write their slice of the output. */
  batched: readonly string[];
  outShape(inputs: Record<string, TensorInfo>, attrs: NamedAttrMap): number[];
  work(inputs: Record<string, TensorInfo>, attrs: NamedAttrMap, outShape: number[]): number;
  attrsFor?(attrs: NamedAttrMap, count: number): NamedAttrMap;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const pooling = (shape: readonly number[], a: NamedAttrMap) =>
  backend_util.computePool2DInfo(shape as never, a['filterSize'] as never, a['strides'] as never, 1, a['pad'] as never, a['dimRoundingMode'] as never);

const splits: Record<string, Split> = {
  [Conv2D]: {
    batched: ['x'],
    outShape: ({ x, filter }, a) =>
      backend_util.computeConv2DInfo(
        x!.shape as never,
        filter!.shape as never,
        a['strides'] as never,
        a['dilations'] as never,
        a['pad'] as never,
        a['dimRoundingMode'] as never,
        false,
        backend_util.convertConv2DDataFormat(a['dataFormat'] as never),
      ).outShape,
    work: ({ filter }, _, out) => size(out) * size(filter!.shape.slice(0, 3)),
  },
  [Conv2DBackpropInput]: {
    batched: ['dy'],
    outShape: (_, a) => [...(a['inputShape'] as number[])],
    work: ({ dy, filter }) => size(dy!.shape) * size(filter!.shape.slice(0, 3)),
    attrsFor: (a, count) => ({ ...a, inputShape: [count, ...(a['inputShape'] as number[]).slice(1)] }),
  },
  [MaxPool]: {
    batched: ['x'],
    outShape: ({ x }, a) => pooling(x!.shape, a).outShape,
    work: ({ x }, a) => size(x!.shape) * pooling(x!.shape, a).filterHeight * pooling(x!.shape, a).filterWidth,
  },
};

/**
 * Wraps the heavy wasm kernels so that a batch is cut into one share per thread: helpers take
 * theirs as tasks while the main thread runs the first share with the kernel it wraps. Large
 * matrix products (dense layers) are cut by rows the same way. Every share writes its own part
 * of the output, which does not depend on the other parts, so neither the thread count nor the
 * cut (share-balance.ts) changes the result; the filter gradient, a sum over the batch, goes by
 * fixed chunks instead.
 */
export function registerBatchSplit(helpers: WasmHelpers): void {
  const wrap = (name: string, make: (original: KernelConfig) => KernelFunc) => {
    const original = unwrapped.get(name) ?? getKernel(name, 'wasm');
    if (original === undefined) return;
    unwrapped.set(name, original);
    unregisterKernel(name, 'wasm');
    registerKernel({ ...original, kernelFunc: make(original) });
  };
  // Kernels whose common cases synth's SIMD kernels run in place; the rest go by copies.
  const inPlace: Record<string, (copying: KernelFunc, helpers: WasmHelpers) => KernelFunc> = {
    [Conv2D]: splitConvolution,
    [Conv2DBackpropInput]: splitInputGradient,
  };
  for (const [name, split] of Object.entries(splits)) {
    wrap(name, (original) => {
      const copying = splitKernel(name, original, split, helpers);
      return inPlace[name]?.(copying, helpers) ?? copying;
    });
  }
  wrap(MaxPoolGrad, (original) => splitMaxPoolGrad(original, helpers));
  wrap(Conv2DBackpropFilter, (original) => splitFilterGradient(original, helpers));
  setProductSplitter(splitRows(helpers));
}

/** Identifies a kind of split work for `balance`: the kernel and its inputs' shapes. */
export const workKey = (name: string, inputs: readonly TensorInfo[]) => `${name} ${inputs.map((t) => t.shape.join('x')).join(' ')}`;

/**
 * Runs split work cut into `shares` (the main thread's first): tasks on the helpers, `mine` here;
 * frees `out` if anything fails, and tells `balance` how long the parts took.
 */
function fanOut(
  backend: BackendWasm, helpers: WasmHelpers, out: TensorInfo[], tasks: HelperTask[], mine: () => void, key: string, shares: [number, number][],
): void {
  const times: PartTimes = [];
  try {
    withoutSplitting(() => helpers.together(tasks, mine, times));
  } catch (error) {
    for (const t of out) backend.disposeData(t.dataId);
    throw error;
  }
  balance.record(key, shares, times);
}

/** Copies `from` into the start of `to`, then frees it. */
function moveInto(backend: BackendWasm, from: TensorInfo, to: TensorInfo): void {
  (backend.typedArrayFromHeap(to) as Float32Array).set(backend.typedArrayFromHeap(from) as Float32Array);
  backend.disposeData(from.dataId);
}

function splitKernel(name: string, original: KernelConfig, split: Split, helpers: WasmHelpers): KernelFunc {
  return (args) => {
    const inputs = args.inputs as Record<string, TensorInfo>;
    const attrs = args.attrs ?? {};
    const batch = inputs[split.batched[0]!]!.shape[0]!;
    const parts = Math.min(helpers.size + 1, batch);
    const float = Object.values(inputs).every((t) => t.dtype === 'float32');
    if (splitting || !float || parts < 2) return original.kernelFunc(args);
    const outShape = split.outShape(inputs, attrs);
    if (split.work(inputs, attrs, outShape) < MIN_WORK) return original.kernelFunc(args);

    const backend = args.backend as BackendWasm;
    const key = workKey(name, Object.values(inputs));
    const ranges = balance.shares(key, batch, parts);
    const out = backend.makeOutput(outShape, 'float32');
    const cut = (t: TensorInfo, key: string, start: number, count: number): HeapTensor =>
      split.batched.includes(key)
        ? { offset: heapOffset(backend, t) + start * size(t.shape.slice(1)) * 4, shape: [count, ...t.shape.slice(1)] }
        : { offset: heapOffset(backend, t), shape: [...t.shape] };
    const tasks = ranges.slice(1).map(([start, count]): HelperTask => ({
      kind: 'kernel',
      kernel: name,
      inputs: Object.fromEntries(Object.entries(inputs).map(([key, t]) => [key, cut(t, key, start, count)])),
      attrs: split.attrsFor?.(attrs, count) ?? attrs,
      output: heapOffset(backend, out) + start * size(outShape.slice(1)) * 4,
    }));
    fanOut(backend, helpers, [out], tasks, () => {
      const count = ranges[0]![1];
      const views = Object.fromEntries(
        Object.entries(inputs).map(([key, t]) => [key, split.batched.includes(key) ? batchView(backend, t, 0, count) : t]),
      );
      try {
        moveInto(backend, original.kernelFunc({ ...args, inputs: views, attrs: split.attrsFor?.(attrs, count) ?? attrs }) as TensorInfo, out);
      } finally {
        for (const key of split.batched) releaseView(backend, views[key]!);
      }
    }, key, ranges);
    return out;
  };
}

/**
 * The filter gradient's fixed chunks (conv2d-backprop-filter.ts), consecutive runs of them per
 * thread, each chunk's gradient into its own output; these are then added in chunk order, as on
 * one thread, so the result is the same bytes whatever the thread count.
 */
function splitFilterGradient(original: KernelConfig, helpers: WasmHelpers): KernelFunc {
  return (args) => {
    const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
    const filterShape = (args.attrs as unknown as { filterShape: number[] }).filterShape;
    const taps = splitting || helpers.size === 0 ? undefined : tapPlan(args);
    if (taps) return splitTaps(args.backend as BackendWasm, taps, helpers);
    const chunks = filterGradientChunks(dy, filterShape);
    if (splitting || helpers.size === 0 || chunks.length < 2 || x.dtype !== 'float32' || dy.dtype !== 'float32') {
      return original.kernelFunc(args);
    }
    const backend = args.backend as BackendWasm;
    const partials = chunks.map(() => backend.makeOutput([...filterShape], 'float32'));
    const cut = (t: TensorInfo, start: number, count: number): HeapTensor => ({
      offset: heapOffset(backend, t) + start * size(t.shape.slice(1)) * 4,
      shape: [count, ...t.shape.slice(1)],
    });
    const key = workKey(Conv2DBackpropFilter, [x, dy]);
    const runs = balance.shares(key, chunks.length, Math.min(helpers.size + 1, chunks.length));
    const tasks = runs.slice(1).map(([first, n]): HelperTask => {
      const from = chunks[first]![0];
      const items = chunks.slice(first, first + n).reduce((total, [, count]) => total + count, 0);
      return {
        kind: 'filterGradient',
        x: cut(x, from, items),
        dy: cut(dy, from, items),
        attrs: args.attrs ?? {},
        chunks: chunks.slice(first, first + n).map(([start, count], i) => ({
          start: start - from,
          count,
          output: heapOffset(backend, partials[first + i]!),
        })),
      };
    });
    fanOut(backend, helpers, partials, tasks, () => {
      for (let i = 0; i < runs[0]![1]; i++) moveInto(backend, filterGradientOfChunk(args, ...chunks[i]!), partials[i]!);
    }, key, runs);
    return addChunks(backend, partials);
  };
}

/** Threads to share a convolution's images between in place; 0 when there are too few, or too little work to be worth it. */
function imageShares(g: Pick<ConvGeometry, 'n' | 'oh' | 'ow' | 'co' | 'kh' | 'kw' | 'ci'>, helpers: WasmHelpers): number {
  const parts = Math.min(helpers.size + 1, g.n);
  return parts >= 2 && g.n * g.oh * g.ow * g.co * g.kh * g.kw * g.ci >= MIN_WORK ? parts : 0;
}

/** Identifies in-place convolutions for `balance`. */
export const convKey = (g: ConvGeometry) => `${Conv2D} in place ${JSON.stringify(g)}`;

/** Convolutions synth's kernel takes (convPlan) shared out by images in place; others as `copying` does. */
function splitConvolution(copying: KernelFunc, helpers: WasmHelpers): KernelFunc {
  return (args) => {
    const plan = splitting ? undefined : convPlan(args);
    const parts = plan ? imageShares(plan.geometry, helpers) : 0;
    if (!plan || parts === 0) return copying(args);
    const g = plan.geometry;
    const backend = args.backend as BackendWasm;
    const out = backend.makeOutput(plan.outShape, 'float32');
    const y = heapOffset(backend, out);
    const key = convKey(g);
    const ranges = balance.shares(key, g.n, parts);
    const tasks = ranges.slice(1).map(([start, count]): HelperTask => ({
      kind: 'convolve', y, x: plan.x, filter: plan.filter, geometry: g, from: start, to: start + count,
    }));
    fanOut(backend, helpers, [out], tasks, () => convolveImages(plan.simd, y, plan.x, plan.filter, g, 0, ranges[0]![1]), key, ranges);
    return out;
  };
}

/** Identifies in-place input gradients for `balance`. */
export const columnsKey = (g: ColumnsGeometry) => `${Conv2DBackpropInput} in place ${JSON.stringify(g)}`;

/** Input gradients of the columns path (columnsPlan) shared out by images in place; others as `copying` does. */
function splitInputGradient(copying: KernelFunc, helpers: WasmHelpers): KernelFunc {
  return (args) => {
    const plan = splitting ? undefined : columnsPlan(args);
    const parts = plan ? imageShares(plan.geometry, helpers) : 0;
    if (!plan || parts === 0) return copying(args);
    const g = plan.geometry;
    const backend = args.backend as BackendWasm;
    return withColumns(backend, plan, (work) => {
      const key = columnsKey(g);
      const ranges = balance.shares(key, g.n, parts);
      const tasks = ranges.slice(1).map(([start, count]): HelperTask => ({ kind: 'inputGradient', work, geometry: g, from: start, to: start + count }));
      fanOut(backend, helpers, [], tasks, () => inputGradientImages(plan.simd, work, g, 0, ranges[0]![1]), key, ranges);
    });
  };
}

/** Identifies the tap path's work for `balance`. */
export const tapsKey = (g: TapGeometry) => `${Conv2DBackpropFilter} taps ${JSON.stringify(g)}`;

/** The tap path's units (rows of dW) shared out in place: every thread sums its rows over the whole batch. */
function splitTaps(backend: BackendWasm, taps: NonNullable<ReturnType<typeof tapPlan>>, helpers: WasmHelpers): TensorInfo {
  const units = tapUnits(taps.geometry);
  const out = backend.makeOutput([...taps.filterShape], 'float32');
  const dw = heapOffset(backend, out);
  const parts = Math.min(helpers.size + 1, units);
  if (parts < 2) {
    filterGradientUnits(taps.simd, dw, taps.x, taps.dy, taps.geometry, 0, units);
    return out;
  }
  const key = tapsKey(taps.geometry);
  const ranges = balance.shares(key, units, parts);
  const tasks = ranges.slice(1).map(([start, count]): HelperTask => ({
    kind: 'filterGradientTaps', dw, x: taps.x, dy: taps.dy, geometry: taps.geometry, from: start, to: start + count,
  }));
  fanOut(backend, helpers, [out], tasks, () => filterGradientUnits(taps.simd, dw, taps.x, taps.dy, taps.geometry, 0, ranges[0]![1]), key, ranges);
  return out;
}

/** Runs each share in place on the shared memory: no copies, as synth's kernel reads it directly. */
function splitMaxPoolGrad(original: KernelConfig, helpers: WasmHelpers): KernelFunc {
  return (args) => {
    const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
    const parts = Math.min(helpers.size + 1, input.shape[0]!);
    if (splitting || parts < 2 || input.dtype !== 'float32' || 8 * size(input.shape) < MIN_WORK) return original.kernelFunc(args);
    const backend = args.backend as BackendWasm;
    const g = poolGeometry(input.shape, args.attrs as unknown as MaxPoolGradAttrs);
    const out = backend.makeOutput(input.shape, 'float32');
    const array = (t: TensorInfo) => ({ offset: heapOffset(backend, t), length: size(t.shape) });
    const key = workKey(MaxPoolGrad, [input]);
    const ranges = balance.shares(key, g.batchSize, parts);
    const tasks = ranges.slice(1).map(([start, count]): HelperTask => ({
      kind: 'maxPoolGrad',
      dx: array(out),
      x: array(input),
      dy: array(dy),
      geometry: g,
      from: start,
      to: start + count,
    }));
    fanOut(backend, helpers, [out], tasks, () => {
      const view = (t: TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
      maxPoolGradRange(view(out), view(input), view(dy), g, 0, ranges[0]![1], simdKernels(backendMemory(backend)));
    }, key, ranges);
    return out;
  };
}

/** left·right cut by rows of `left`, when it has rows to spare: in place on synth's matMul, else by copies (every share packs `right` again). */
function splitRows(helpers: WasmHelpers): ProductSplitter {
  return (backend, left, right, plain) => {
    const [m, k] = left.shape as [number, number];
    const n = right.shape[1]!;
    const parts = Math.min(helpers.size + 1, Math.floor(m / 32));
    if (splitting || parts < 2 || m * k * n < MIN_WORK) return undefined;
    const out = backend.makeOutput([m, n], 'float32');
    const key = workKey(BatchMatMul, [left, right]);
    const ranges = balance.shares(key, m, parts);
    const simd = n % 4 === 0 ? simdKernels(backendMemory(backend)) : null;
    if (simd) {
      // synth's matMul, as `plain` would run it, straight on the shared memory: no copy of right.
      const [c, a, b] = [out, left, right].map((t) => heapOffset(backend, t)) as [number, number, number];
      const tasks = ranges.slice(1).map(([start, count]): HelperTask => ({ kind: 'matMul', c: c + start * n * 4, a: a + start * k * 4, b, m: count, k, n }));
      fanOut(backend, helpers, [out], tasks, () => simd.matMul(c, a, b, ranges[0]![1], k, n), key, ranges);
      return out;
    }
    const tasks = ranges.slice(1).map(([start, count]): HelperTask => ({
      kind: 'kernel',
      kernel: BatchMatMul,
      inputs: {
        a: { offset: heapOffset(backend, left) + start * k * 4, shape: [count, k] },
        b: { offset: heapOffset(backend, right), shape: [k, n] },
      },
      attrs: { transposeA: false, transposeB: false },
      output: heapOffset(backend, out) + start * n * 4,
    }));
    fanOut(backend, helpers, [out], tasks, () => {
      const rows = batchView(backend, left, 0, ranges[0]![1]);
      try {
        moveInto(backend, plain(rows, right), out);
      } finally {
        releaseView(backend, rows);
      }
    }, key, ranges);
    return out;
  };
}
