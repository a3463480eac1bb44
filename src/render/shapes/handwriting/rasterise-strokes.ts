import type { Stroke } from './handwriting-strokes.js';

export interface RasteriseOptions {
  /** The strokes (with their width) are scaled to fit in box × box pixels, keeping their aspect. */
  box?: number;
  /** Side of the square output. */
  canvas?: number;
  /** Sub-pixels per pixel side: the ink is drawn binary at this resolution and averaged down. */
  supersample?: number;
  /** Place the centre of mass (MNIST) or the box centre at the canvas centre. */
  centre?: 'mass' | 'box';
}

export interface Raster {
  pixels: Uint8Array;
  width: number;
  height: number;
}

/**
 * Draws strokes as white ink on black the way MNIST digits were made: binary ink at a high
 * resolution, averaged down to fit a 20×20 box (anti-aliased edges, saturated cores), then placed
 * in a 28×28 canvas with the centre of mass at the centre. A Node 2D rasteriser for experiments;
 * the renderer draws the same strokes as geometry (strokeGeometry).
 */
export function rasteriseStrokes(strokes: readonly Stroke[], options: RasteriseOptions = {}): Raster {
  const { box = 20, canvas = 28, supersample: ss = 4, centre = 'mass' } = options;
  if (!(box >= 1 && box <= canvas)) throw new RangeError(`box must be in [1, canvas], received ${box}`);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const s of strokes) {
    for (let i = 0; i < s.points.length; i += 2) {
      const r = s.widths[i / 2]! / 2;
      minX = Math.min(minX, s.points[i]! - r); maxX = Math.max(maxX, s.points[i]! + r);
      minY = Math.min(minY, s.points[i + 1]! - r); maxY = Math.max(maxY, s.points[i + 1]! + r);
    }
  }
  const empty = { pixels: new Uint8Array(canvas * canvas), width: canvas, height: canvas };
  if (!(maxX > minX) || !(maxY > minY)) return empty;

  const side = Math.max(maxX - minX, maxY - minY);
  const fw = Math.max(1, Math.min(box, Math.round(((maxX - minX) / side) * box)));
  const fh = Math.max(1, Math.min(box, Math.round(((maxY - minY) / side) * box)));
  const [W, H] = [fw * ss, fh * ss];
  const [sx, sy] = [W / (maxX - minX), H / (maxY - minY)];
  const ink = new Uint8Array(W * H);
  // Sub-pixel (u, v) has its centre at unit coordinates (minX + (u + 0.5) / sx, maxY - (v + 0.5) / sy).
  for (const s of strokes) {
    const n = s.points.length / 2;
    for (let k = 0; k < Math.max(1, n - 1); k++) {
      const j = Math.min(k + 1, n - 1);
      const [ax, ay, bx, by] = [(s.points[2 * k]! - minX) * sx, (maxY - s.points[2 * k + 1]!) * sy, (s.points[2 * j]! - minX) * sx, (maxY - s.points[2 * j + 1]!) * sy];
      // Radii in sub-pixels; x and y scales differ only by rounding of fw and fh.
      const scale = (sx + sy) / 2;
      const [ra, rb] = [(s.widths[k]! / 2) * scale, (s.widths[j]! / 2) * scale];
      capsule(ink, W, H, ax, ay, ra, bx, by, rb);
    }
  }
  const fitted = new Float64Array(fw * fh);
  for (let v = 0; v < H; v++) for (let u = 0; u < W; u++) if (ink[v * W + u]) fitted[Math.floor(v / ss) * fw + Math.floor(u / ss)]! += 1;
  const level = 255 / (ss * ss);

  let [mass, mx, my] = [0, 0, 0];
  for (let y = 0; y < fh; y++) {
    for (let x = 0; x < fw; x++) {
      const m = fitted[y * fw + x]!;
      mass += m; mx += m * (x + 0.5); my += m * (y + 0.5);
    }
  }
  const [cx, cy] = centre === 'mass' && mass > 0 ? [mx / mass, my / mass] : [fw / 2, fh / 2];
  const left = clamp(Math.round(canvas / 2 - cx), 0, canvas - fw);
  const top = clamp(Math.round(canvas / 2 - cy), 0, canvas - fh);
  for (let y = 0; y < fh; y++) {
    for (let x = 0; x < fw; x++) empty.pixels[(top + y) * canvas + left + x] = Math.round(fitted[y * fw + x]! * level);
  }
  return empty;
}

/** Marks the sub-pixels within the round-capped segment whose radius goes linearly from ra to rb. */
function capsule(ink: Uint8Array, W: number, H: number, ax: number, ay: number, ra: number, bx: number, by: number, rb: number): void {
  const r = Math.max(ra, rb);
  const u0 = Math.max(0, Math.floor(Math.min(ax, bx) - r)), u1 = Math.min(W - 1, Math.ceil(Math.max(ax, bx) + r));
  const v0 = Math.max(0, Math.floor(Math.min(ay, by) - r)), v1 = Math.min(H - 1, Math.ceil(Math.max(ay, by) + r));
  const [dx, dy] = [bx - ax, by - ay];
  const len2 = dx * dx + dy * dy;
  for (let v = v0; v <= v1; v++) {
    for (let u = u0; u <= u1; u++) {
      const [px, py] = [u + 0.5 - ax, v + 0.5 - ay];
      const t = len2 > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / len2)) : 0;
      const [qx, qy] = [px - t * dx, py - t * dy];
      const rad = ra + (rb - ra) * t;
      if (qx * qx + qy * qy <= rad * rad) ink[v * W + u] = 1;
    }
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
