import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, heapOffset } from './call-kernel.js';
import { simdKernels } from './simd-kernels.js';

/** A kernel of synth's own (no TF.js op has it): one Adam step for one weight. See FusedAdam. */
export const ADAM_UPDATE = 'SynthAdamUpdate';

/**
 * The float32 constants of one step, each already rounded to float32 as TF.js rounds the scalars
 * it makes of them: beta1, 1 − beta1, beta2, 1 − beta2, 1 − beta1^t, 1 − beta2^t, epsilon and
 * −learning rate.
 */
export interface AdamUpdateAttrs {
  beta1: number;
  oneMinusBeta1: number;
  beta2: number;
  oneMinusBeta2: number;
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
  epsilon: number;
  negativeLearningRate: number;
}

/**
 * Outputs [value, m, v] after one step, in one pass over the weight instead of TF.js's thirteen
 * element-wise kernels (each a pass and a buffer). Every operation is TF.js's, in its order, rounded
 * to float32 after each (wasm SIMD's f32x4 operations are IEEE float32; in JavaScript, a float32
 * +, −, ×, ÷ or √ computed in float64 and rounded once by Math.fround is the same), so the weights
 * are bit for bit tf.train.adam's.
 */
const adamUpdate: KernelFunc = ({ inputs, attrs, backend }) => {
  const wasm = backend as BackendWasm;
  const { value, m, v, gradient } = inputs as Record<'value' | 'm' | 'v' | 'gradient', TensorInfo>;
  const a = attrs as unknown as AdamUpdateAttrs;
  const outputs = [value, m, v].map((t) => wasm.makeOutput(t.shape, 'float32'));
  const count = value.shape.reduce((x, y) => x * y, 1);
  const simd = simdKernels(backendMemory(wasm));
  // Four floats at a time in wasm SIMD, the last few here: each is exact-rounded float32 either way.
  const vectors = simd === null ? 0 : count - (count % 4);
  if (vectors > 0) {
    const constants = wasm.makeOutput([8], 'float32');
    (wasm.typedArrayFromHeap(constants) as Float32Array).set([
      a.beta1, a.oneMinusBeta1, a.beta2, a.oneMinusBeta2, a.oneMinusAccBeta1, a.oneMinusAccBeta2, a.epsilon, a.negativeLearningRate,
    ]);
    const at = (t: TensorInfo) => heapOffset(wasm, t);
    simd!.adamStep(at(value), at(m), at(v), at(gradient), at(outputs[0]!), at(outputs[1]!), at(outputs[2]!), at(constants), vectors);
    wasm.disposeData(constants.dataId);
  }
  // Views only after every allocation: allocating may grow (and move) the heap.
  const [w0, m0, v0, g] = [value, m, v, gradient].map((t) => wasm.typedArrayFromHeap(t) as Float32Array) as [Float32Array, Float32Array, Float32Array, Float32Array];
  const [w1, m1, v1] = outputs.map((t) => wasm.typedArrayFromHeap(t) as Float32Array) as [Float32Array, Float32Array, Float32Array];
  const f = Math.fround;
  for (let i = vectors; i < count; i++) {
    const gi = g[i]!;
    const mi = f(f(m0[i]! * a.beta1) + f(gi * a.oneMinusBeta1));
    const vi = f(f(v0[i]! * a.beta2) + f(f(gi * gi) * a.oneMinusBeta2));
    const mHat = f(mi / a.oneMinusAccBeta1);
    const vHat = f(vi / a.oneMinusAccBeta2);
    const step = f(f(mHat / f(f(Math.sqrt(vHat)) + a.epsilon)) * a.negativeLearningRate);
    w1[i] = step + w0[i]!;
    m1[i] = mi;
    v1[i] = vi;
  }
  return outputs;
};

export const adamUpdateConfig: KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'wasm',
  kernelFunc: adamUpdate,
};
