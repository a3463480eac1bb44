import { BatchMatMul, type BatchMatMulAttrs, type KernelConfig, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory, heapOffset, withScratch } from './call-kernel.js';
import { simdKernels } from './simd-kernels.js';

/**
 * Computes left·right (both 2-d, untransposed) some other way, or returns undefined to leave it
 * to `plain`: how batch-split.ts spreads large products over helper threads.
 */
export type ProductSplitter = (
  backend: BackendWasm,
  left: TensorInfo,
  right: TensorInfo,
  plain: (left: TensorInfo, right: TensorInfo) => TensorInfo,
) => TensorInfo | undefined;

let splitter: ProductSplitter | undefined;

export function setProductSplitter(next: ProductSplitter | undefined): void {
  splitter = next;
}

/**
 * Relative costs per element, measured on the package's build: XNNPACK packs (copies into its
 * own layout) the right-hand operand on every call, since training changes it every step, and
 * that is about five times as slow as a transpose. synth's matMul packs nothing.
 */
const PACK = 5;
const TRANSPOSE = 1;

/**
 * left·right of two 2-d float32 matrices: by synth's SIMD matMul when the width of the result
 * is a multiple of 4 (faster than XNNPACK on this machine, and summed in a fixed order, so a cut
 * of left's rows between threads gives the same bits), otherwise by the package's kernel.
 */
function productKernel(backend: BackendWasm, original: KernelConfig, attrs: NamedAttrMap): (left: TensorInfo, right: TensorInfo) => TensorInfo {
  const simd = simdKernels(backendMemory(backend));
  return (left, right) => {
    const [m, k] = left.shape as [number, number];
    const n = right.shape[1]!;
    if (simd === null || n % 4 !== 0) {
      return original.kernelFunc({ backend, inputs: { a: left, b: right }, attrs: { ...attrs, transposeA: false, transposeB: false } }) as TensorInfo;
    }
    const out = backend.makeOutput([m, n], 'float32');
    simd.matMul(heapOffset(backend, out), heapOffset(backend, left), heapOffset(backend, right), m, k, n);
    return out;
  };
}

/**
 * The package's BatchMatMul runs on XNNPACK only for untransposed operands with a batch of 1, and
 * otherwise falls back to a scalar loop. For a batch of 1, this wrapper materialises transposes
 * and picks whichever of A·B and (Bᵀ·Aᵀ)ᵀ moves fewer bytes: on XNNPACK the first packs B, the
 * second Aᵀ; on synth's matMul only the transposes count. Gradients are lopsided products
 * (dy·Wᵀ, patchesᵀ·dy), so the choice matters.
 */
export function batchMatMulConfig(original: KernelConfig): KernelConfig {
  return {
    ...original,
    kernelName: BatchMatMul,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
      const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
      const batch = (t: TensorInfo) => t.shape.slice(0, -2).reduce((p, d) => p * d, 1);
      if (batch(a) !== 1 || batch(b) !== 1 || a.dtype !== 'float32' || b.dtype !== 'float32') {
        return original.kernelFunc(args);
      }
      const backend = args.backend as BackendWasm;
      const ra = a.shape.length;
      const [m, k] = transposeA ? [a.shape[ra - 1]!, a.shape[ra - 2]!] : [a.shape[ra - 2]!, a.shape[ra - 1]!];
      const n = transposeB ? b.shape[b.shape.length - 2]! : b.shape[b.shape.length - 1]!;
      const simd = simdKernels(backendMemory(backend)) !== null;
      const pack = (width: number, inner: number) => (simd && width % 4 === 0 ? 0 : PACK * inner * width);
      const direct = (transposeA ? m * k : 0) * TRANSPOSE + (transposeB ? k * n : 0) * TRANSPOSE + pack(n, k);
      const swapped = ((transposeA ? 0 : m * k) + (transposeB ? 0 : k * n) + m * n) * TRANSPOSE + pack(m, k);
      if (!transposeA && !transposeB && direct <= swapped && splitter === undefined && pack(n, k) > 0) return original.kernelFunc(args);
      const outShape = [...(ra > b.shape.length ? a.shape : b.shape).slice(0, -2), m, n];
      const plain = productKernel(backend, original, args.attrs ?? {});
      const product = (left: TensorInfo, right: TensorInfo): TensorInfo => splitter?.(backend, left, right, plain) ?? plain(left, right);
      return withScratch(backend, (run, own) => {
        const matrix = (t: TensorInfo, rows: number, cols: number, transposed: boolean): TensorInfo =>
          transposed
            ? run('Transpose', { x: run('Reshape', { x: t }, { shape: [cols, rows] }) }, { perm: [1, 0] })
            : run('Reshape', { x: t }, { shape: [rows, cols] });
        if (direct <= swapped) {
          const c = own(product(matrix(a, m, k, transposeA), matrix(b, k, n, transposeB)));
          return run('Reshape', { x: c }, { shape: outShape });
        }
        const cT = own(product(matrix(b, n, k, !transposeB), matrix(a, k, m, !transposeA)));
        const c = run('Transpose', { x: cT }, { perm: [1, 0] });
        return run('Reshape', { x: c }, { shape: outShape });
      });
    },
  };
}
