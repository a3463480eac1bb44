import type { ThicknessParams } from '../augment-params.js';
import type { Raster } from './raster.js';

/**
 * Grey dilation (radius > 0) or erosion (radius < 0) by a disc of fractional radius, in place: each
 * value becomes the maximum of its neighbours' values, each weighted by how far inside the disc the
 * neighbour lies (1 up to `radius`, falling linearly to 0 one pixel further out). A radius of 0.5
 * thickens bright strokes by about one pixel, 1 by about two; erosion is dilation of the inverted
 * image. Pixels outside the image take no part.
 */
export function thickness(image: Raster, params: ThicknessParams): void {
  const r = Math.abs(params.radius);
  if (r === 0) return;
  const { width: W, height: H, channels: C } = image;
  const px = image.pixels;
  const src = px.slice();
  const erode = params.radius < 0;
  if (erode) for (let i = 0; i < src.length; i++) src[i] = 255 - src[i]!;
  const reach = Math.ceil(r);
  const offsets: { dx: number; dy: number; w: number }[] = [];
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      const w = Math.min(1, Math.max(0, r + 1 - Math.hypot(dx, dy)));
      if (w > 0 && (dx !== 0 || dy !== 0)) offsets.push({ dx, dy, w });
    }
  }
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      for (let c = 0; c < C; c++) {
        let best = src[(y * W + x) * C + c]!;
        for (const { dx, dy, w } of offsets) {
          const xx = x + dx, yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= W || yy >= H) continue;
          const v = src[(yy * W + xx) * C + c]! * w;
          if (v > best) best = v;
        }
        const v = Math.round(best);
        px[(y * W + x) * C + c] = erode ? 255 - v : v;
      }
    }
  }
}
