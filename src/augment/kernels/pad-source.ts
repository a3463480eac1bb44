import { type Border, type Raster, borderIndex } from './raster.js';

/** The source with a one-pixel frame following the border mode, into a (width + 2) × (height + 2) buffer. */
export function padSource(src: Raster, border: Border, fill: number, into: Uint8Array): void {
  const { width: sw, height: sh, channels: C } = src;
  const rowStride = sw * C, pw = sw + 2;
  const f = Math.round(fill);
  for (let y = -1; y <= sh; y++) {
    const at = (y + 1) * pw * C;
    const inside = y >= 0 && y < sh;
    if (!inside && border === 'constant') {
      into.fill(f, at, at + pw * C);
      continue;
    }
    const sy = inside ? y : borderIndex(y, sh, border);
    const row = sy * rowStride;
    into.set(src.pixels.subarray(row, row + rowStride), at + C);
    const left = border === 'constant' ? -1 : borderIndex(-1, sw, border);
    const right = border === 'constant' ? -1 : borderIndex(sw, sw, border);
    for (let c = 0; c < C; c++) {
      into[at + c] = left < 0 ? f : src.pixels[row + left * C + c]!;
      into[at + (pw - 1) * C + c] = right < 0 ? f : src.pixels[row + right * C + c]!;
    }
  }
}
