import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TapGeometry } from './wasm-kernels/conv2d-backprop-filter.js';
import type { ColumnsGeometry, ColumnsWork } from './wasm-kernels/conv2d-backprop-input.js';
import type { ConvGeometry } from './wasm-kernels/conv2d.js';
import type { PoolGeometry } from './wasm-kernels/max-pool-grad.js';

const SCRIPT = fileURLToPath(new URL('./wasm-helper-worker.js', import.meta.url));
const SIGNAL_BYTES = 4096;
/** In each helper's signal buffer: the outcome (Int32 at 0), when it was stored (Float64 at 8), an error's text (from 16). */
export const FINISHED_AT = 8;
export const TEXT_AT = 16;
/** A helper that has not answered in this long is taken to have died. */
const TIMEOUT_MS = 10 * 60 * 1000;

/** A float32 tensor in the main thread's wasm memory. */
export interface HeapTensor {
  offset: number;
  shape: number[];
}

/** Run a TF.js kernel on copies of the inputs; write the float32 result at `output`. */
export interface KernelTask {
  kind: 'kernel';
  kernel: string;
  inputs: Record<string, HeapTensor>;
  attrs: Record<string, unknown>;
  /** Byte offset in the main thread's wasm memory where the float32 result goes. */
  output: number;
}

/** A float32 array in the main thread's wasm memory. */
export interface HeapArray {
  offset: number;
  length: number;
}

/** Run `maxPoolGradRange` in place on the main thread's memory, for images [from, to). */
export interface MaxPoolGradTask {
  kind: 'maxPoolGrad';
  dx: HeapArray;
  x: HeapArray;
  dy: HeapArray;
  geometry: PoolGeometry;
  from: number;
  to: number;
}

/**
 * Compute the filter gradient of each of some consecutive chunks of a batch (see
 * conv2d-backprop-filter.ts), each into its own float32 output; `x` and `dy` hold the chunks' items.
 */
export interface FilterGradientTask {
  kind: 'filterGradient';
  x: HeapTensor;
  dy: HeapTensor;
  attrs: Record<string, unknown>;
  /** Items [start, start + count) of `x` and `dy`; `output` is a byte offset in the main thread's memory. */
  chunks: { start: number; count: number; output: number }[];
}

/** Run `filterGradientUnits` in place on the main thread's memory (offsets into it), for units [from, to). */
export interface FilterGradientTapsTask {
  kind: 'filterGradientTaps';
  dw: number;
  x: number;
  dy: number;
  geometry: TapGeometry;
  from: number;
  to: number;
}

/** Run `convolveImages` in place on the main thread's memory (offsets into it), for images [from, to). */
export interface ConvolveTask {
  kind: 'convolve';
  y: number;
  x: number;
  filter: number;
  geometry: ConvGeometry;
  from: number;
  to: number;
}

/** Run `inputGradientImages` in place on the main thread's memory, for images [from, to). */
export interface InputGradientTask {
  kind: 'inputGradient';
  work: ColumnsWork;
  geometry: ColumnsGeometry;
  from: number;
  to: number;
}

/** Run synth's matMul in place on the main thread's memory: c = a·b, byte offsets into it. */
export interface MatMulTask {
  kind: 'matMul';
  c: number;
  a: number;
  b: number;
  m: number;
  k: number;
  n: number;
}

export type HelperTask = KernelTask | MaxPoolGradTask | FilterGradientTask | FilterGradientTapsTask | ConvolveTask | InputGradientTask | MatMulTask;

export interface HelperData {
  memory: WebAssembly.Memory;
  signal: SharedArrayBuffer;
}

interface Helper {
  worker: Worker;
  state: Int32Array;
  finishedAt: Float64Array;
  text: Uint8Array;
}

/** Milliseconds on a clock all threads share (process.hrtime), unlike performance.now(). */
export function sharedClockMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Milliseconds from posting the tasks until each thread finished its part: this thread's first, then each helper's. */
export type PartTimes = number[];

/**
 * Worker threads that run kernels on shares of a batch while the main thread runs its own share,
 * so that convolutions (which the package's XNNPACK build runs on one thread) and synth's JS
 * kernels use every core. They read and write the main thread's wasm memory, which the threaded
 * build makes a SharedArrayBuffer. Kernels are synchronous, so the main thread blocks on
 * `Atomics.wait` until its helpers are done; the helpers never wait on the main thread.
 */
export class WasmHelpers {
  private constructor(private readonly helpers: readonly Helper[]) {}

  static async start(count: number, memory: WebAssembly.Memory): Promise<WasmHelpers> {
    const helpers = await Promise.all(
      Array.from({ length: count }, async () => {
        const signal = new SharedArrayBuffer(SIGNAL_BYTES);
        const worker = new Worker(SCRIPT, { workerData: { memory, signal } satisfies HelperData });
        const [message] = (await Promise.race([once(worker, 'message'), once(worker, 'error').then(([e]) => Promise.reject(e))])) as [unknown];
        if (message !== 'ready') throw new Error(`a wasm helper thread sent ${String(message)} instead of ready`);
        worker.unref();
        return { worker, state: new Int32Array(signal, 0, 1), finishedAt: new Float64Array(signal, FINISHED_AT, 1), text: new Uint8Array(signal, TEXT_AT) };
      }),
    );
    return new WasmHelpers(helpers);
  }

  get size(): number {
    return this.helpers.length;
  }

  private post(index: number, task: HelperTask): void {
    const helper = this.helpers[index]!;
    Atomics.store(helper.state, 0, 0);
    helper.worker.postMessage(task);
  }

  /**
   * Blocks until helper `index` has finished its task; throws the helper's error if it failed.
   * Only the flag says a task is done, never a wake-up alone: a helper stores its outcome and then
   * notifies, and when it is descheduled between the two (a loaded machine), this thread sees the
   * outcome without sleeping, posts the next task, and the late notify wakes it during that task.
   * Taking that wake-up for the end of the task would read an output before it is written and let
   * the helper write into memory already reused: a run's weights would depend on the load.
   */
  private wait(index: number): void {
    const helper = this.helpers[index]!;
    const deadline = performance.now() + TIMEOUT_MS;
    while (Atomics.load(helper.state, 0) === 0) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`wasm helper thread ${index} did not finish its task in ${TIMEOUT_MS / 1000} s`);
      Atomics.wait(helper.state, 0, 0, left);
    }
    if (Atomics.load(helper.state, 0) === 2) {
      const end = helper.text.indexOf(0);
      throw new Error(`wasm helper thread ${index} failed: ${new TextDecoder().decode(helper.text.slice(0, end < 0 ? undefined : end))}`);
    }
  }

  /**
   * Posts `tasks[i]` to helper i, runs `mine` on this thread meanwhile, then waits for every
   * posted task, also when `mine` throws: a helper must not write into memory freed after an error.
   * Throws the first error of all of them. `times`, when given, receives how long each part took.
   */
  together<T>(tasks: readonly HelperTask[], mine: () => T, times?: PartTimes): T {
    const posted: number[] = [];
    let failure: unknown;
    let result: T | undefined;
    const start = sharedClockMs();
    try {
      tasks.forEach((task, i) => {
        this.post(i, task);
        posted.push(i);
      });
      result = mine();
      times?.push(sharedClockMs() - start);
    } catch (error) {
      failure = error;
    }
    for (const i of posted) {
      try {
        this.wait(i);
        times?.push(this.helpers[i]!.finishedAt[0]! - start);
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
    return result as T;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.helpers.map((h) => h.worker.terminate()));
  }
}
