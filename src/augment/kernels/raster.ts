/** One image as the kernels see it: interleaved 8-bit channels, rows top-down (one image of an NHWC batch). */
export interface Raster {
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

export type Border = 'constant' | 'reflect' | 'replicate';

/**
 * A view that rounds to nearest and clamps to [0, 255] on every store (the typed array does it),
 * which is both the fastest and the most exact way to write float results back to 8 bits.
 */
export function clamped(pixels: Uint8Array): Uint8ClampedArray {
  return new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length);
}

/** An index outside [0, n) mapped inside: reflect101 (…2 1 | 0 1 2 … n-1 | n-2 …, OpenCV's default) or replicate. */
export function borderIndex(i: number, n: number, border: Border): number {
  if (i >= 0 && i < n) return i;
  if (border === 'replicate' || n === 1) return i < 0 ? 0 : n - 1;
  const period = 2 * n - 2;
  let k = i % period;
  if (k < 0) k += period;
  return k < n ? k : period - k;
}

const scratch: Float32Array[] = [];

/**
 * A shared float buffer for a kernel's intermediate results, one per `slot` (kernels that are
 * live at the same time use different slots). Kernels are synchronous, so one set per thread is
 * enough; the contents are only valid until the next kernel using that slot runs.
 */
export function scratchFloats(slot: number, n: number): Float32Array {
  const current = scratch[slot];
  if (current !== undefined && current.length >= n) return current;
  const fresh = new Float32Array(Math.max(n, 2 * (current?.length ?? 0)));
  scratch[slot] = fresh;
  return fresh;
}
