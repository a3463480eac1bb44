/**
 * A helper thread of the wasm backend (see wasm-helpers.ts). It runs its own TF.js engine on the
 * package's single-threaded wasm build with synth's kernels, and works on data in the main
 * thread's shared wasm memory: it runs one kernel on its share of a batch, or the filter gradient
 * of some chunks of a batch (copying the inputs in and the results back), or synth's max-pool
 * gradient, some rows of the filter gradient or of a matrix product, some images of a
 * convolution or of an input gradient in place. It signals completion through a shared flag the main thread waits on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { FINISHED_AT, type HeapArray, type HeapTensor, type HelperData, type HelperTask, sharedClockMs, TEXT_AT } from './wasm-helpers.js';
import { filterGradientOfChunk, filterGradientUnits } from './wasm-kernels/conv2d-backprop-filter.js';
import { inputGradientImages } from './wasm-kernels/conv2d-backprop-input.js';
import { convolveImages } from './wasm-kernels/conv2d.js';
import { registerWasmKernels } from './wasm-kernels/index.js';
import { maxPoolGradRange } from './wasm-kernels/max-pool-grad.js';
import { simdKernels } from './wasm-kernels/simd-kernels.js';

const { memory, signal } = workerData as HelperData;
const state = new Int32Array(signal, 0, 1);
const finishedAt = new Float64Array(signal, FINISHED_AT, 1);
const text = new Uint8Array(signal, TEXT_AT);

registerWasmKernels();
if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start in a helper thread');
const backend = tf.backend() as BackendWasm;

const floats = (offset: number, length: number) => new Float32Array(memory.buffer, offset, length);
const tensor = (t: HeapTensor) => tf.tensor(floats(t.offset, t.shape.reduce((a, b) => a * b, 1)), t.shape, 'float32');
const write = (offset: number, t: tf.Tensor) => floats(offset, t.size).set(backend.typedArrayFromHeap(t) as Float32Array);

function run(task: HelperTask): void {
  switch (task.kind) {
    case 'maxPoolGrad': {
      const view = (a: HeapArray) => floats(a.offset, a.length);
      maxPoolGradRange(view(task.dx), view(task.x), view(task.dy), task.geometry, task.from, task.to, simdKernels(memory));
      return;
    }
    case 'matMul':
      simdKernels(memory)!.matMul(task.c, task.a, task.b, task.m, task.k, task.n);
      return;
    case 'inputGradient':
      inputGradientImages(simdKernels(memory)!, task.work, task.geometry, task.from, task.to);
      return;
    case 'convolve':
      convolveImages(simdKernels(memory)!, task.y, task.x, task.filter, task.geometry, task.from, task.to);
      return;
    case 'filterGradientTaps':
      filterGradientUnits(simdKernels(memory)!, task.dw, task.x, task.dy, task.geometry, task.from, task.to);
      return;
    case 'filterGradient':
      tf.tidy(() => {
        const inputs = { x: tensor(task.x), dy: tensor(task.dy) };
        for (const { start, count, output } of task.chunks) {
          const gradient = filterGradientOfChunk({ inputs, attrs: task.attrs as tf.NamedAttrMap, backend }, start, count);
          const values = backend.typedArrayFromHeap(gradient) as Float32Array;
          floats(output, values.length).set(values);
          backend.disposeData(gradient.dataId);
        }
      });
      return;
    case 'kernel':
      tf.tidy(() => {
        const inputs = Object.fromEntries(Object.entries(task.inputs).map(([name, t]) => [name, tensor(t)]));
        write(task.output, tf.engine().runKernel(task.kernel, inputs, task.attrs as tf.NamedAttrMap) as tf.Tensor);
      });
      return;
  }
}

parentPort!.on('message', (task: HelperTask) => {
  try {
    run(task);
    finish(1);
  } catch (error) {
    const bytes = new TextEncoder().encode(String((error as Error).stack ?? error));
    const length = Math.min(bytes.length, text.length - 1);
    text.set(bytes.subarray(0, length));
    text[length] = 0;
    finish(2);
  }
});
parentPort!.postMessage('ready');

/** The flag first: the main thread goes by the flag, and a notify may reach it late (WasmHelpers.wait). */
function finish(outcome: number): void {
  finishedAt[0] = sharedClockMs();
  Atomics.store(state, 0, outcome);
  Atomics.notify(state, 0);
}
