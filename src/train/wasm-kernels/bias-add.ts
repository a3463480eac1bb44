import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, heapOffset } from './call-kernel.js';
import { simdKernels } from './simd-kernels.js';

/**
 * Add with a bias: a [..., c] plus b [c], as every layer with a bias adds it while training (TF.js
 * fuses bias and activation into the convolution only when no gradient is taken). The package's
 * broadcasting Add took 0.8 ms of a batch at the reference model's first layer; synth's SIMD
 * kernel adds the same floats in one pass, the same bits. Other shapes go to the package's kernel.
 */
export function biasAddConfig(original: KernelConfig): KernelConfig {
  return {
    ...original,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
      const channels = a.shape[a.shape.length - 1]!;
      const backend = args.backend as BackendWasm;
      const bias = a.dtype === 'float32' && b.dtype === 'float32' && a.shape.length >= 2 && b.shape.length === 1 && b.shape[0] === channels;
      const simd = bias && channels % 4 === 0 ? simdKernels(backendMemory(backend)) : null;
      if (simd === null) return original.kernelFunc(args);
      const out = backend.makeOutput([...a.shape], 'float32');
      const rows = a.shape.slice(0, -1).reduce((p, d) => p * d, 1);
      if (rows > 0) simd.biasAdd(heapOffset(backend, out), heapOffset(backend, a), heapOffset(backend, b), rows, channels);
      return out;
    },
  };
}
