import { Mean, Sum, util, type KernelConfig, type KernelFunc, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { withScratch } from './call-kernel.js';

/**
 * Sums over leading axes (a bias gradient: dy summed over batch, rows and columns) as an average
 * pool over the whole [rows, 1] window on XNNPACK, scaled back up. The package's kernel first
 * transposes the reduced axes to the end, a full copy, and was ~20× slower here. Other
 * reductions go to the package's kernel.
 */
export function sumConfig(original: KernelConfig): KernelConfig {
  return { ...original, kernelName: Sum, kernelFunc: leadingAxesReduction(original, true) };
}

/** Means over leading axes (batch norm's statistics over batch, rows and columns), as sumConfig. */
export function meanConfig(original: KernelConfig): KernelConfig {
  return { ...original, kernelName: Mean, kernelFunc: leadingAxesReduction(original, false) };
}

function leadingAxesReduction(original: KernelConfig, sum: boolean): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as SumAttrs;
    const axes = [...new Set(util.parseAxisParam(axis, x.shape))].sort((a, b) => a - b);
    const leading = axes.every((a, i) => a === i);
    const rows = util.sizeFromShape(x.shape.slice(0, axes.length));
    const cols = util.sizeFromShape(x.shape.slice(axes.length));
    if (x.dtype !== 'float32' || !leading || axes.length === 0 || axes.length === x.shape.length || rows < 2 || cols === 0) {
      return original.kernelFunc(args);
    }
    const wasm = args.backend as BackendWasm;
    const shape = keepDims ? x.shape.map((d, i) => (i < axes.length ? 1 : d)) : x.shape.slice(axes.length);
    return withScratch(wasm, (run) => {
      const image = run('Reshape', { x }, { shape: [1, rows, 1, cols] });
      const mean = run('AvgPool', { x: image }, { filterSize: [rows, 1], strides: 1, pad: 'valid' });
      const out = run('Reshape', { x: mean }, { shape });
      if (sum) {
        const values = wasm.typedArrayFromHeap(out) as Float32Array;
        for (let i = 0; i < values.length; i++) values[i] = values[i]! * rows;
      }
      return out;
    });
  };
}
