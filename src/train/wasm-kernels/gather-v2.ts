import {
  backend_util,
  GatherV2,
  util,
  type GatherV2Attrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Copies whole slices. The package's kernel computes every element's address separately and took
 * ~2 ms to gather one batch of 64 images, which `model.fit` does for every batch.
 */
export function gatherV2Config(original: KernelConfig): KernelConfig {
  const gatherV2: KernelFunc = (args) => {
    const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
    const { axis, batchDims } = args.attrs as unknown as GatherV2Attrs;
    if (x.dtype === 'string' || indices.dtype !== 'int32') return original.kernelFunc(args);
    const wasm = args.backend as BackendWasm;
    const parsedAxis = util.parseAxisParam(axis, x.shape)[0]!;
    const info = backend_util.segment_util.collectGatherOpShapeInfo(x as never, indices as never, parsedAxis, batchDims);
    const { batchSize, outerSize, dimSize, sliceSize, outputShape } = info;
    const out = wasm.makeOutput(outputShape, x.dtype);
    const ids = wasm.typedArrayFromHeap(indices) as Int32Array;
    const src = wasm.typedArrayFromHeap(x);
    const dst = wasm.typedArrayFromHeap(out);
    const perBatch = ids.length / batchSize;
    for (const id of ids) {
      if (id < 0 || id >= dimSize) {
        wasm.disposeData(out.dataId);
        throw new Error(`GatherV2: the index value ${id} is not in [0, ${dimSize - 1}]`);
      }
    }
    let at = 0;
    for (let b = 0; b < batchSize; b++) {
      for (let o = 0; o < outerSize; o++) {
        const base = (b * outerSize + o) * dimSize;
        for (let i = 0; i < perBatch; i++, at += sliceSize) {
          const from = (base + ids[b * perBatch + i]!) * sliceSize;
          dst.set(src.subarray(from, from + sliceSize), at);
        }
      }
    }
    return out;
  };
  return { ...original, kernelName: GatherV2, kernelFunc: gatherV2 };
}
