import '@tensorflow/tfjs-backend-wasm';
import { Add, BatchMatMul, Cast, Conv2D, GatherV2, getKernel, Identity, Mean, registerGradient, registerKernel, Sum, Tile, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs';
import { adamUpdateConfig } from './adam-update.js';
import { averageStepConfig } from './average-step.js';
import { batchMatMulConfig } from './batch-mat-mul.js';
import { biasAddConfig } from './bias-add.js';
import { castConfig } from './cast.js';
import { conv2DConfig } from './conv2d.js';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2DBackpropInputConfig } from './conv2d-backprop-input.js';
import { depthwiseConv2dNativeBackpropFilterConfig } from './depthwise-conv2d-native-backprop-filter.js';
import { depthwiseConv2dNativeBackpropInputConfig } from './depthwise-conv2d-native-backprop-input.js';
import { gatherV2Config } from './gather-v2.js';
import { identityConfig } from './identity.js';
import { maxPoolGradConfig } from './max-pool-grad.js';
import { reluGradConfig, reluGradient } from './relu-grad.js';
import { meanConfig, sumConfig } from './sum.js';
import { tileConfig } from './tile.js';

/** Kernels the package does not ship for wasm: gradients it lacks, FusedAdam's step, WeightAverage's, ReLU's gradient in one pass. */
export const addedKernels: readonly KernelConfig[] = [
  adamUpdateConfig,
  averageStepConfig,
  reluGradConfig,
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
];

/** Kernels the package ships for wasm that synth replaces with faster ones. */
export const replacedKernels: readonly KernelConfig[] = [conv2DBackpropInputConfig, maxPoolGradConfig];

/** Package kernels synth wraps: the wrapper takes the fast path it knows and defers otherwise. */
const wrappers: readonly [string, (original: KernelConfig) => KernelConfig][] = [
  [Add, biasAddConfig],
  [BatchMatMul, batchMatMulConfig],
  [Cast, castConfig],
  [Conv2D, conv2DConfig],
  [GatherV2, gatherV2Config],
  [Identity, identityConfig],
  [Mean, meanConfig],
  [Sum, sumConfig],
  [Tile, tileConfig],
];

let registered = false;

/**
 * Registers synth's wasm kernels: the missing gradients, faster replacements, and wrappers with
 * fast paths. Idempotent; call before training on `wasm`.
 */
export function registerWasmKernels(): void {
  if (registered) return;
  registered = true;
  for (const config of [...addedKernels, ...replacedKernels]) put(config);
  registerGradient(reluGradient);
  for (const [name, wrap] of wrappers) {
    const original = getKernel(name, 'wasm');
    if (original !== undefined) put(wrap(original));
  }
}

function put(config: KernelConfig): void {
  if (getKernel(config.kernelName, 'wasm') !== undefined) unregisterKernel(config.kernelName, 'wasm');
  registerKernel(config);
}
