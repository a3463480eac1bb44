import { Cast, type CastAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * A cast to the dtype a tensor already has shares its memory (like Identity). The relu gradient
 * casts step(x) to float32 on every layer, and the package's kernel copied it each time.
 */
export function castConfig(original: KernelConfig): KernelConfig {
  const cast: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { dtype } = args.attrs as unknown as CastAttrs;
    if (x.dtype !== dtype || x.dtype === 'string') return original.kernelFunc(args);
    (args.backend as BackendWasm).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype };
  };
  return { ...original, kernelName: Cast, kernelFunc: cast };
}
