import { Tile, type KernelConfig, type KernelFunc, type TensorInfo, type TileAttrs } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Tiles by block copies when the repeated axes are all of size 1 and next to each other: the
 * output is then each outer slice's inner block repeated, which batch norm's gradient needs (a
 * [1, 1, 1, C] tensor tiled to [N, H, W, 1]). The package's kernel computes every element's
 * source separately and took most of a small ResNet's training step. Other tilings are deferred.
 */
export function tileConfig(original: KernelConfig): KernelConfig {
  const tile: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { reps } = args.attrs as unknown as TileAttrs;
    const repeated = reps.flatMap((r, i) => (r === 1 ? [] : [i]));
    const first = repeated[0] ?? 0;
    const last = repeated.at(-1) ?? -1;
    const contiguous = x.shape.slice(first, last + 1).every((d) => d === 1);
    if (x.dtype === 'string' || repeated.length === 0 || !contiguous) return original.kernelFunc(args);
    const wasm = args.backend as BackendWasm;
    const product = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
    const outer = product(x.shape.slice(0, first));
    const block = product(x.shape.slice(last + 1));
    const times = product(reps.slice(first, last + 1));
    const out = wasm.makeOutput(x.shape.map((d, i) => d * reps[i]!), x.dtype);
    const src = wasm.typedArrayFromHeap(x);
    const dst = wasm.typedArrayFromHeap(out);
    const span = block * times;
    for (let o = 0; o < outer; o++) {
      const start = o * span;
      dst.set(src.subarray(o * block, (o + 1) * block), start);
      // Doubling copies: log2(times) calls instead of `times`.
      for (let filled = block; filled < span; filled *= 2) dst.copyWithin(start + filled, start, start + Math.min(filled, span - filled));
    }
    return out;
  };
  return { ...original, kernelName: Tile, kernelFunc: tile };
}
