/**
 * A helper thread of the wasm backend (see wasm-helpers.ts). It runs its own TF.js engine on the
 * package's single-threaded wasm build with synth's kernels, reads a task's inputs straight from
 * the main thread's shared wasm memory, runs one kernel on its share of a batch, writes the result
 * back into that memory, and signals completion through a shared flag the main thread waits on.
 * synth's JS kernels (max-pool gradient) run in place on the shared memory, without copies.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { HeapArray, HelperData, HelperTask } from './wasm-helpers.js';
import { registerWasmKernels } from './wasm-kernels/index.js';
import { maxPoolGradRange } from './wasm-kernels/max-pool-grad.js';

const { memory, signal } = workerData as HelperData;
const state = new Int32Array(signal, 0, 1);
const text = new Uint8Array(signal, 4);

registerWasmKernels();
if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start in a helper thread');
const backend = tf.backend() as BackendWasm;

parentPort!.on('message', (task: HelperTask) => {
  let outcome = 1;
  try {
    if (task.kind === 'maxPoolGrad') {
      const view = (a: HeapArray) => new Float32Array(memory.buffer, a.offset, a.length);
      maxPoolGradRange(view(task.dx), view(task.x), view(task.dy), task.geometry, task.from, task.to);
    } else tf.tidy(() => {
      const inputs: Record<string, tf.Tensor> = {};
      for (const [name, t] of Object.entries(task.inputs)) {
        const size = t.shape.reduce((a, b) => a * b, 1);
        inputs[name] = tf.tensor(new Float32Array(memory.buffer, t.offset, size), t.shape, 'float32');
      }
      const out = tf.engine().runKernel(task.kernel, inputs, task.attrs as tf.NamedAttrMap) as tf.Tensor;
      new Float32Array(memory.buffer, task.output, out.size).set(backend.typedArrayFromHeap(out) as Float32Array);
    });
  } catch (error) {
    outcome = 2;
    const bytes = new TextEncoder().encode(String((error as Error).stack ?? error));
    text.set(bytes.subarray(0, text.length - 1));
    text[Math.min(bytes.length, text.length - 1)] = 0;
  }
  Atomics.store(state, 0, outcome);
  Atomics.notify(state, 0);
});
parentPort!.postMessage('ready');
