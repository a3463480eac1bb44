import { Identity, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Shares the input's memory instead of copying it, as the cpu backend and wasm's own Reshape do
 * (tensor memory is never written in place). Training clones every tensor saved for backprop, so
 * the package's copying Identity moved tens of megabytes per batch.
 */
export function identityConfig(original: KernelConfig): KernelConfig {
  const identity: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') return original.kernelFunc(args);
    (args.backend as BackendWasm).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  return { ...original, kernelName: Identity, kernelFunc: identity };
}
