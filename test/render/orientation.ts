/**
 * Test helper: the dominant orientation of intensity changes in a grey image, rows top-down, in
 * degrees counter-clockwise from +x with y up, in [0, 180). A structure tensor of Sobel gradients
 * after smoothing: unsmoothed differences across sharp edges lean towards the diagonals.
 */
export function gradientOrientation(grey: ArrayLike<number>, width: number, height: number): number {
  const g = smooth(smooth(Float64Array.from(grey), width, height), width, height);
  const at = (x: number, y: number) => g[y * width + x]!;
  let xx = 0, yy = 0, xy = 0;
  for (let y = 5; y < height - 5; y++) {
    for (let x = 5; x < width - 5; x++) {
      const gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
      const gy = at(x - 1, y - 1) + 2 * at(x, y - 1) + at(x + 1, y - 1) - at(x - 1, y + 1) - 2 * at(x, y + 1) - at(x + 1, y + 1);
      xx += gx * gx; yy += gy * gy; xy += gx * gy;
    }
  }
  const degrees = (0.5 * Math.atan2(2 * xy, xx - yy) * 180) / Math.PI;
  return (degrees + 180) % 180;
}

/** A 5 × 5 box blur (edges left as they are). */
function smooth(g: Float64Array, width: number, height: number): Float64Array {
  const out = g.slice();
  for (let y = 2; y < height - 2; y++) {
    for (let x = 2; x < width - 2; x++) {
      let sum = 0;
      for (let j = -2; j <= 2; j++) for (let i = -2; i <= 2; i++) sum += g[(y + j) * width + x + i]!;
      out[y * width + x] = sum / 25;
    }
  }
  return out;
}

/** Distance between two orientations (mod 180°). */
export function orientationError(a: number, b: number): number {
  const d = Math.abs((((a - b) % 180) + 180) % 180);
  return Math.min(d, 180 - d);
}
