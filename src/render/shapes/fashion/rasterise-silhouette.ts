import type * as THREE from 'three';

/** A square grey image, row 0 at the top (+y). */
export interface GreyImage {
  size: number;
  data: Uint8Array;
}

export interface RasteriseOptions {
  /** Side of the output image in pixels. */
  size?: number;
  /** Samples per pixel along each axis (antialiasing). */
  supersample?: number;
  /** The geometry's longest side in x or y covers this fraction of the image, centred (Fashion-MNIST: 1). */
  fill?: number;
  /**
   * 'coverage': white where any triangle covers the pixel (the silhouette). 'lambert': the nearest
   * surface seen from +z, lit from above-left, a stand-in for a render in previews.
   */
  mode?: 'coverage' | 'lambert';
}

const LIGHT = (() => {
  const [x, y, z] = [-0.35, 0.45, 1];
  const n = Math.hypot(x, y, z);
  return [x / n, y / n, z / n] as const;
})();

/**
 * Orthographic view from +z of a geometry's triangles onto the xy plane, fitted to the image like
 * Fashion-MNIST fits its products. Runs in Node (tests, previews); the real renderer is the page.
 */
export function rasteriseSilhouette(geometry: THREE.BufferGeometry, options: RasteriseOptions = {}): GreyImage {
  const size = options.size ?? 28, ss = options.supersample ?? 4, fill = options.fill ?? 1;
  const mode = options.mode ?? 'coverage';
  const pos = geometry.getAttribute('position');
  const nor = geometry.getAttribute('normal');
  const index = geometry.getIndex();
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < pos.count; i++) {
    minX = Math.min(minX, pos.getX(i)); maxX = Math.max(maxX, pos.getX(i));
    minY = Math.min(minY, pos.getY(i)); maxY = Math.max(maxY, pos.getY(i));
  }
  const big = size * ss;
  const scale = (big * fill) / Math.max(maxX - minX, maxY - minY, 1e-12);
  const ox = big / 2 - ((minX + maxX) / 2) * scale, oy = big / 2 + ((minY + maxY) / 2) * scale;
  const px = (i: number) => ox + pos.getX(i) * scale;
  const py = (i: number) => oy - pos.getY(i) * scale;

  const depth = new Float32Array(big * big).fill(-Infinity);
  const value = new Float32Array(big * big);
  const count = index ? index.count : pos.count;
  for (let t = 0; t < count; t += 3) {
    const a = index ? index.getX(t) : t, b = index ? index.getX(t + 1) : t + 1, c = index ? index.getX(t + 2) : t + 2;
    const ax = px(a), ay = py(a), bx = px(b), by = py(b), cx = px(c), cy = py(c);
    const area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    if (Math.abs(area) < 1e-12) continue;
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx, cx))), x1 = Math.min(big - 1, Math.ceil(Math.max(ax, bx, cx)));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by, cy))), y1 = Math.min(big - 1, Math.ceil(Math.max(ay, by, cy)));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const sx = x + 0.5, sy = y + 0.5;
        const w0 = ((bx - sx) * (cy - sy) - (by - sy) * (cx - sx)) / area;
        const w1 = ((cx - sx) * (ay - sy) - (cy - sy) * (ax - sx)) / area;
        const w2 = 1 - w0 - w1;
        if (w0 < 0 || w1 < 0 || w2 < 0) continue;
        const k = y * big + x;
        const z = w0 * pos.getZ(a) + w1 * pos.getZ(b) + w2 * pos.getZ(c);
        if (z <= depth[k]!) continue;
        depth[k] = z;
        if (mode === 'coverage') {
          value[k] = 1;
        } else {
          const nx = w0 * nor.getX(a) + w1 * nor.getX(b) + w2 * nor.getX(c);
          const ny = w0 * nor.getY(a) + w1 * nor.getY(b) + w2 * nor.getY(c);
          const nz = w0 * nor.getZ(a) + w1 * nor.getZ(b) + w2 * nor.getZ(c);
          const len = Math.hypot(nx, ny, nz) || 1;
          const lit = Math.max(0, (nx * LIGHT[0] + ny * LIGHT[1] + nz * LIGHT[2]) / len);
          value[k] = 0.15 + 0.85 * lit;
        }
      }
    }
  }
  const data = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let sum = 0;
      for (let j = 0; j < ss; j++) for (let i = 0; i < ss; i++) sum += value[(y * ss + j) * big + x * ss + i]!;
      data[y * size + x] = Math.round((255 * sum) / (ss * ss));
    }
  }
  return { size, data };
}
