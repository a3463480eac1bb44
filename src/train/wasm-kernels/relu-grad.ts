import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, heapOffset } from './call-kernel.js';
import { simdKernels } from './simd-kernels.js';

/** A kernel of synth's own: ReLU's gradient dy · step(x) in one pass. */
export const RELU_GRAD = 'SynthReluGrad';

/**
 * TF.js takes ReLU's gradient as mul(dy, step(x)): two passes over the activations and a buffer
 * between them, about 1.1 ms of a batch at the reference model's first layer. This is the same
 * product in one pass, the same bits (dy · 1 or dy · 0, as TF.js computes it).
 */
const reluGrad: tf.KernelFunc = ({ inputs, backend }) => {
  const wasm = backend as BackendWasm;
  const { dy, x } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
  const out = wasm.makeOutput(x.shape, 'float32');
  const count = x.shape.reduce((a, b) => a * b, 1);
  const simd = simdKernels(backendMemory(wasm));
  const vectors = simd === null ? 0 : count - (count % 4);
  if (vectors > 0) simd!.reluGrad(heapOffset(wasm, out), heapOffset(wasm, dy), heapOffset(wasm, x), vectors);
  const [dx, dys, xs] = [out, dy, x].map((t) => wasm.typedArrayFromHeap(t) as Float32Array) as [Float32Array, Float32Array, Float32Array];
  for (let i = vectors; i < count; i++) dx[i] = dys[i]! * (xs[i]! > 0 ? 1 : 0);
  return out;
};

export const reluGradConfig: tf.KernelConfig = { kernelName: RELU_GRAD, backendName: 'wasm', kernelFunc: reluGrad };

/**
 * ReLU's gradient through RELU_GRAD on wasm (float32); elsewhere TF.js's own formula. Gradients
 * are registered for every backend at once, hence the check when the gradient is taken.
 */
export const reluGradient: tf.GradConfig = {
  kernelName: tf.Relu,
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved as [tf.Tensor];
    const grad = dy as tf.Tensor;
    const fused = tf.getBackend() === 'wasm' && x.dtype === 'float32' && grad.dtype === 'float32' && tf.getKernel(RELU_GRAD, 'wasm') !== undefined;
    return { x: () => (fused ? tf.engine().runKernel(RELU_GRAD, { dy: grad, x }) as tf.Tensor : tf.mul(grad, tf.cast(tf.step(x), 'float32'))) };
  },
};
