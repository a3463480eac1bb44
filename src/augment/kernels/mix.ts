import type { Rect } from '../augment-params.js';
import { type Raster, clamped } from './raster.js';

/** out = weight · a + (1 − weight) · b, per value. `out` may be a or b. */
export function blend(a: Raster, b: Raster, weight: number, out: Raster): void {
  const pa = a.pixels, pb = b.pixels;
  const o = clamped(out.pixels);
  const wb = 1 - weight;
  for (let i = 0; i < pa.length; i++) o[i] = weight * pa[i]! + wb * pb[i]!;
}

/** Copies a rectangle (whole pixels) of `src` into the same place of `dst`; both the same size. */
export function pasteRect(dst: Raster, src: Raster, rect: Rect): void {
  const [x, y, w, h] = rect;
  const C = dst.channels;
  const row = dst.width * C;
  for (let j = y; j < y + h; j++) dst.pixels.set(src.pixels.subarray(j * row + x * C, j * row + (x + w) * C), j * row + x * C);
}

/** Fills rectangles (whole pixels, clipped to the image) with a grey level. */
export function fillRects(image: Raster, holes: readonly { rect: Rect; fill: number }[]): void {
  const { width: W, height: H, channels: C } = image;
  for (const { rect, fill } of holes) {
    const x0 = Math.max(0, Math.round(rect[0])), y0 = Math.max(0, Math.round(rect[1]));
    const x1 = Math.min(W, Math.round(rect[0] + rect[2])), y1 = Math.min(H, Math.round(rect[1] + rect[3]));
    for (let y = y0; y < y1; y++) image.pixels.fill(fill, (y * W + x0) * C, (y * W + x1) * C);
  }
}
