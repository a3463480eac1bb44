import type { Box } from '../label/index.js';

/** A rectangle of a frame in whole pixels. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The part of a frame that output.fit reads: the objects' box plus padding, in whole pixels and
 * clipped to the frame, or the whole frame when no object is visible. Node's fit and the page, which
 * sends only these pixels, both use it.
 */
export function fitCrop(objectBox: Box | null, padding: number, width: number, height: number): PixelRect {
  if (!objectBox) return { x: 0, y: 0, width, height };
  const [bx, by, bw, bh] = objectBox;
  const x0 = Math.max(0, Math.floor(bx - padding));
  const y0 = Math.max(0, Math.floor(by - padding));
  const x1 = Math.min(width, Math.ceil(bx + bw + padding));
  const y1 = Math.min(height, Math.ceil(by + bh + padding));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The pixels of `rect` out of interleaved pixels `width` wide, as a new packed buffer. */
export function cropPixels(pixels: Uint8Array, width: number, channels: number, rect: PixelRect): Uint8Array {
  const row = rect.width * channels;
  const out = new Uint8Array(row * rect.height);
  for (let y = 0; y < rect.height; y++) {
    const from = ((rect.y + y) * width + rect.x) * channels;
    out.set(pixels.subarray(from, from + row), y * row);
  }
  return out;
}
