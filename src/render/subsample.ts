import type { PixelRect } from './fit-crop.js';

/**
 * For each of `outSize` output pixels, the source pixel (of `size`) under its centre: shrinking by
 * subsampling, where whole rows and columns are skipped and nothing is averaged.
 */
export function pickIndices(size: number, outSize: number): number[] {
  return Array.from({ length: outSize }, (_, i) => Math.min(size - 1, Math.floor(((i + 0.5) * size) / outSize)));
}

/** The pixels at columns `xs` × rows `ys` of interleaved pixels `width` wide, as a packed buffer. */
export function pickPixels(pixels: Uint8Array, width: number, channels: number, xs: readonly number[], ys: readonly number[]): Buffer {
  const out = Buffer.alloc(xs.length * ys.length * channels);
  let o = 0;
  for (const y of ys) {
    for (const x of xs) {
      const from = (y * width + x) * channels;
      for (let c = 0; c < channels; c++) out[o++] = pixels[from + c]!;
    }
  }
  return out;
}

/** The smallest rectangle holding every pixel with a nonzero channel, or null when all are black. */
export function nonzeroRect(pixels: Uint8Array, width: number, height: number, channels: number): PixelRect | null {
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let lit = false;
      for (let c = 0; c < channels && !lit; c++) lit = pixels[(y * width + x) * channels + c]! > 0;
      if (lit) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}
