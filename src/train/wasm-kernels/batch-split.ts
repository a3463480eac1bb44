import {
  backend_util,
  Conv2D,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  getKernel,
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
import type { HelperTask, WasmHelpers } from '../wasm-helpers.js';
import { batchView, heapOffset, releaseView } from './call-kernel.js';
import { maxPoolGradRange, poolGeometry } from './max-pool-grad.js';

/** How a kernel divides along the batch axis. */
interface Split {
  /** Inputs cut along axis 0; the others go whole to every share. */
  batched: readonly string[];
  /** Shares write their slice of the output (`concat`) or a whole output to be added (`sum`). */
  combine: 'concat' | 'sum';
  outShape(inputs: Record<string, TensorInfo>, attrs: NamedAttrMap): number[];
  /** Multiply-adds (or element visits) of the whole batch: below a threshold, not worth a thread. */
  work(inputs: Record<string, TensorInfo>, attrs: NamedAttrMap, outShape: number[]): number;
  attrsFor?(attrs: NamedAttrMap, count: number): NamedAttrMap;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
/** Below this much work, posting a task costs more than it saves. */
const MIN_WORK = 2e6;

const conv2d: Split = {
  batched: ['x'],
  combine: 'concat',
  outShape: ({ x, filter }, a) =>
    backend_util.computeConv2DInfo(x!.shape as never, filter!.shape as never, a['strides'] as never, a['dilations'] as never, a['pad'] as never, a['dimRoundingMode'] as never, false, backend_util.convertConv2DDataFormat(a['dataFormat'] as never)).outShape,
  work: ({ filter }, _, out) => size(out) * size(filter!.shape.slice(0, 3)),
};

const conv2DBackpropInput: Split = {
  batched: ['dy'],
  combine: 'concat',
  outShape: (_, a) => [...(a['inputShape'] as number[])],
  work: ({ dy, filter }) => size(dy!.shape) * size(filter!.shape.slice(0, 3)),
  attrsFor: (a, count) => ({ ...a, inputShape: [count, ...(a['inputShape'] as number[]).slice(1)] }),
};

const conv2DBackpropFilter: Split = {
  batched: ['x', 'dy'],
  combine: 'sum',
  outShape: (_, a) => [...(a['filterShape'] as number[])],
  work: ({ dy }, a) => size(dy!.shape) * size((a['filterShape'] as number[]).slice(0, 3)),
};

const splits: Record<string, Split> = {
  [Conv2D]: conv2d,
  [Conv2DBackpropInput]: conv2DBackpropInput,
  [Conv2DBackpropFilter]: conv2DBackpropFilter,
};

/**
 * Wraps the heavy wasm kernels so that a batch is cut into one share per thread: the helpers
 * take theirs as tasks, the main thread runs the first share with the kernel it wraps.
 */
export function registerBatchSplit(helpers: WasmHelpers): void {
  for (const [name, split] of Object.entries(splits)) {
    // A backend made again (after tf.removeBackend) brings new helpers: wrap the kernel, not the wrapper.
    const original = wrapped.get(name) ?? getKernel(name, 'wasm');
    if (original === undefined) continue;
    wrapped.set(name, original);
    unregisterKernel(name, 'wasm');
    registerKernel({ ...original, kernelFunc: splitKernel(name, original, split, helpers) });
  }
  const pool = wrapped.get(MaxPoolGrad) ?? getKernel(MaxPoolGrad, 'wasm');
  if (pool !== undefined) {
    wrapped.set(MaxPoolGrad, pool);
    unregisterKernel(MaxPoolGrad, 'wasm');
    registerKernel({ ...pool, kernelFunc: splitMaxPoolGrad(pool, helpers) });
  }
}

/** Near-equal shares of a batch: [start, count] for the main thread first, then each helper. */
function shares(batch: number, parts: number): [start: number, count: number][] {
  return Array.from({ length: parts }, (_, i) => {
    const start = Math.floor((batch * i) / parts);
    return [start, Math.floor((batch * (i + 1)) / parts) - start];
  });
}

/** Runs each share in place on the shared memory: no copies, as the kernel is a JS loop. */
function splitMaxPoolGrad(original: KernelConfig, helpers: WasmHelpers): KernelFunc {
  return (args) => {
    const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
    const parts = Math.min(helpers.size + 1, input.shape[0]!);
    if (splitting || parts < 2 || input.dtype !== 'float32' || 8 * size(input.shape) < MIN_WORK) return original.kernelFunc(args);
    const backend = args.backend as BackendWasm;
    const g = poolGeometry(input.shape, args.attrs as unknown as MaxPoolGradAttrs);
    const out = backend.makeOutput(input.shape, 'float32');
    const array = (t: TensorInfo) => ({ offset: heapOffset(backend, t), length: size(t.shape) });
    const ranges = shares(g.batchSize, parts);
    const posted: number[] = [];
    let failure: unknown;
    try {
      ranges.slice(1).forEach(([start, count], i) => {
        helpers.post(i, { kind: 'maxPoolGrad', dx: array(out), x: array(input), dy: array(dy), geometry: g, from: start, to: start + count });
        posted.push(i);
      });
      const view = (t: TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
      maxPoolGradRange(view(out), view(input), view(dy), g, 0, ranges[0]![1]);
    } catch (error) {
      failure = error;
    }
    for (const i of posted) {
      try {
        helpers.wait(i);
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) {
      backend.disposeData(out.dataId);
      throw failure;
    }
    return out;
  };
}

const wrapped = new Map<string, KernelConfig>();

/** Set while a split kernel runs: kernels it calls (synth's run others) must not split again. */
let splitting = false;

function splitKernel(name: string, original: KernelConfig, split: Split, helpers: WasmHelpers): KernelFunc {
  return (args) => {
    if (splitting) return original.kernelFunc(args);
    const inputs = args.inputs as Record<string, TensorInfo>;
    const attrs = args.attrs ?? {};
    const batch = inputs[split.batched[0]!]!.shape[0]!;
    const float = Object.values(inputs).every((t) => t.dtype === 'float32');
    const parts = Math.min(helpers.size + 1, batch);
    const outShape = split.outShape(inputs, attrs);
    if (!float || parts < 2 || split.work(inputs, attrs, outShape) < MIN_WORK) return original.kernelFunc(args);

    const backend = args.backend as BackendWasm;
    const counts = shares(batch, parts).map(([, count]) => count);
    const starts = shares(batch, parts).map(([start]) => start);
    const out = backend.makeOutput(outShape, 'float32');
    const outPerItem = size(outShape.slice(1)) * 4;
    const partials = split.combine === 'sum' ? counts.slice(1).map(() => backend.makeOutput(outShape, 'float32')) : [];
    const posted: number[] = [];
    splitting = true;
    try {
      for (let i = 1; i < parts; i++) {
        const task: HelperTask = {
          kind: 'kernel',
          kernel: name,
          inputs: {},
          attrs: split.attrsFor?.(attrs, counts[i]!) ?? attrs,
          output: split.combine === 'concat' ? heapOffset(backend, out) + starts[i]! * outPerItem : heapOffset(backend, partials[i - 1]!),
        };
        for (const [key, t] of Object.entries(inputs)) {
          const cut = split.batched.includes(key);
          const perItem = size(t.shape.slice(1)) * 4;
          task.inputs[key] = {
            offset: heapOffset(backend, t) + (cut ? starts[i]! * perItem : 0),
            shape: cut ? [counts[i]!, ...t.shape.slice(1)] : [...t.shape],
          };
        }
        helpers.post(i - 1, task);
        posted.push(i - 1);
      }
      const views = Object.fromEntries(
        Object.entries(inputs).map(([key, t]) => [key, split.batched.includes(key) ? batchView(backend, t, 0, counts[0]!) : t]),
      );
      try {
        const mine = original.kernelFunc({ ...args, inputs: views, attrs: split.attrsFor?.(attrs, counts[0]!) ?? attrs }) as TensorInfo;
        (backend.typedArrayFromHeap(out) as Float32Array).set(backend.typedArrayFromHeap(mine) as Float32Array);
        backend.disposeData(mine.dataId);
      } finally {
        for (const key of split.batched) releaseView(backend, views[key]!);
      }
    } finally {
      splitting = false;
      // Always collect every posted task: a helper must not write into memory freed here.
      let failure: unknown;
      for (const i of posted) {
        try {
          helpers.wait(i);
        } catch (error) {
          failure ??= error;
        }
      }
      if (failure !== undefined) {
        for (const p of partials) backend.disposeData(p.dataId);
        backend.disposeData(out.dataId);
        throw failure;
      }
    }
    if (partials.length > 0) {
      const total = backend.typedArrayFromHeap(out) as Float32Array;
      for (const p of partials) {
        const values = backend.typedArrayFromHeap(p) as Float32Array;
        for (let i = 0; i < total.length; i++) total[i] = total[i]! + values[i]!;
        backend.disposeData(p.dataId);
      }
    }
    return out;
  };
}

