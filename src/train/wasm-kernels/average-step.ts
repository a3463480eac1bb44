import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, heapOffset } from './call-kernel.js';
import { simdKernels } from './simd-kernels.js';

/** A kernel of synth's own: one step of WeightAverage for one weight. */
export const AVERAGE_STEP = 'SynthAverageStep';

/** The step's constants, rounded to float32 as TF.js rounds the scalars it makes of them. */
export interface AverageStepAttrs {
  decay: number;
  oneMinusDecay: number;
}

/**
 * average·decay + weight·(1 − decay) in one pass, where TF.js ran three element-wise kernels per
 * weight (0.7 ms a batch for the reference model); each product and the sum rounded to float32 as
 * TF.js rounds them, so the average is the same bits.
 */
const averageStep: KernelFunc = ({ inputs, attrs, backend }) => {
  const wasm = backend as BackendWasm;
  const { average, weight } = inputs as Record<'average' | 'weight', TensorInfo>;
  const { decay, oneMinusDecay } = attrs as unknown as AverageStepAttrs;
  const out = wasm.makeOutput(average.shape, 'float32');
  const count = average.shape.reduce((x, y) => x * y, 1);
  const simd = simdKernels(backendMemory(wasm));
  const vectors = simd === null ? 0 : count - (count % 4);
  if (vectors > 0) {
    const constants = wasm.makeOutput([2], 'float32');
    (wasm.typedArrayFromHeap(constants) as Float32Array).set([decay, oneMinusDecay]);
    simd!.averageStep(heapOffset(wasm, out), heapOffset(wasm, average), heapOffset(wasm, weight), heapOffset(wasm, constants), vectors);
    wasm.disposeData(constants.dataId);
  }
  // Views only after every allocation: allocating may grow (and move) the heap.
  const [a, w, o] = [average, weight, out].map((t) => wasm.typedArrayFromHeap(t) as Float32Array) as [Float32Array, Float32Array, Float32Array];
  const [d, e, f] = [Math.fround(decay), Math.fround(oneMinusDecay), Math.fround];
  for (let i = vectors; i < count; i++) o[i] = f(a[i]! * d) + f(w[i]! * e);
  return out;
};

export const averageStepConfig: KernelConfig = {
  kernelName: AVERAGE_STEP,
  backendName: 'wasm',
  kernelFunc: averageStep,
};
