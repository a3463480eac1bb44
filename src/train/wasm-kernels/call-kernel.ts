import { getKernel, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Runs a registered wasm kernel directly, outside the engine (no tape, no tidy). */
export function callKernel(
  backend: BackendWasm,
  name: string,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (kernel === undefined) {
    throw new Error(`the wasm kernel ${name} is not registered; import @tensorflow/tfjs-backend-wasm first`);
  }
  const out = kernel.kernelFunc({ inputs, attrs, backend });
  return Array.isArray(out) ? (out[0] as TensorInfo) : out;
}

export type Run = (name: string, inputs: NamedTensorInfoMap, attrs?: NamedAttrMap) => TensorInfo;

/**
 * Runs `body` with a `run` that calls wasm kernels and remembers their outputs, and an `own` that
 * remembers tensors made otherwise; all but the one `body` returns are released afterwards, also
 * when `body` throws.
 */
export function withScratch(
  backend: BackendWasm,
  body: (run: Run, own: (t: TensorInfo) => TensorInfo) => TensorInfo,
): TensorInfo {
  const made: TensorInfo[] = [];
  const own = (t: TensorInfo): TensorInfo => {
    made.push(t);
    return t;
  };
  const run: Run = (name, inputs, attrs) => own(callKernel(backend, name, inputs, attrs));
  let result: TensorInfo | undefined;
  try {
    result = body(run, own);
    return result;
  } finally {
    for (const t of made) if (t !== result) backend.disposeData(t.dataId);
  }
}

/**
 * Pads (positive) or crops (negative) the two spatial axes of an NHWC tensor: crops now with a
 * Slice, and returns the padding that is left for a convolution to apply.
 */
export function cropForPadding(
  run: Run,
  x: TensorInfo,
  pads: readonly [top: number, bottom: number, left: number, right: number],
): { x: TensorInfo; pad: [[0, 0], [number, number], [number, number], [0, 0]] } {
  const [top, bottom, left, right] = pads;
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const cropTop = Math.max(0, -top);
  const cropBottom = Math.max(0, -bottom);
  const cropLeft = Math.max(0, -left);
  const cropRight = Math.max(0, -right);
  const cropped =
    cropTop + cropBottom + cropLeft + cropRight === 0
      ? x
      : run('Slice', { x }, {
          begin: [0, cropTop, cropLeft, 0],
          size: [n, h - cropTop - cropBottom, w - cropLeft - cropRight, c],
        });
  return {
    x: cropped,
    pad: [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]],
  };
}

/** The backend's wasm memory (the threaded build names it; the plain build exports it). */
export function backendMemory(backend: BackendWasm): WebAssembly.Memory {
  const module = backend.wasm as unknown as { wasmMemory?: WebAssembly.Memory; asm: { memory: WebAssembly.Memory } };
  return module.wasmMemory ?? module.asm.memory;
}

/** Byte offset of a tensor's data in the backend's wasm memory. */
export function heapOffset(backend: BackendWasm, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId)!.memoryOffset;
}

/**
 * A tensor aliasing items [start, start + count) along axis 0 of `t`, without copying. Release it
 * with `releaseView`: `disposeData` would free the memory it shares with `t`.
 */
export function batchView(backend: BackendWasm, t: TensorInfo, start: number, count: number): TensorInfo {
  const perItem = t.shape.slice(1).reduce((a, b) => a * b, 1);
  return backend.makeOutput([count, ...t.shape.slice(1)], t.dtype, heapOffset(backend, t) + start * perItem * 4);
}

export function releaseView(backend: BackendWasm, view: TensorInfo): void {
  const data = backend.dataIdMap.get(view.dataId);
  if (data === undefined) return;
  backend.wasm.tfjs.disposeData(data.id);
  backend.dataIdMap.delete(view.dataId);
}
