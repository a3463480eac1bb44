import type * as THREE from 'three';
import { type FashionKind, type ProductParams, type ProductSpecInput, ProductSpec, buildProduct, sampleProduct } from '../../../../src/render/shapes/fashion/index.js';
import { rasteriseSilhouette } from '../../../../src/render/shapes/fashion/rasterise-silhouette.js';
import { createRng } from '../../../../src/rng.js';

/** `n` products of a kind sampled from a spec (default: the kind's defaults), reproducibly. */
export function samples(kind: FashionKind, n: number, overrides: Partial<Record<string, unknown>> = {}, seed = 5): ProductParams[] {
  const spec = ProductSpec.parse({ product: kind, ...overrides } as ProductSpecInput);
  const rng = createRng(seed).fork(kind);
  return Array.from({ length: n }, (_, i) => sampleProduct(spec, rng.fork(i)));
}

/** A boolean mask of the product seen from above, fitted like Fashion-MNIST (longest side = size). */
export function mask(geometry: THREE.BufferGeometry, size = 112): { size: number; at(x: number, y: number): boolean } {
  const image = rasteriseSilhouette(geometry, { size, supersample: 2 });
  return { size, at: (x, y) => x >= 0 && y >= 0 && x < size && y < size && image.data[y * size + x]! >= 128 };
}

export const build = (params: ProductParams) => buildProduct(params);

/** Runs of covered pixels along a row or column. */
export function runs(cells: boolean[]): number {
  let count = 0;
  cells.forEach((c, i) => {
    if (c && !cells[i - 1]) count++;
  });
  return count;
}

/** The rows and columns the mask covers. */
export function extent(m: ReturnType<typeof mask>): { top: number; bottom: number; left: number; right: number } {
  let top = m.size, bottom = -1, left = m.size, right = -1;
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) {
      if (!m.at(x, y)) continue;
      top = Math.min(top, y); bottom = Math.max(bottom, y); left = Math.min(left, x); right = Math.max(right, x);
    }
  }
  return { top, bottom, left, right };
}

export const row = (m: ReturnType<typeof mask>, y: number) => Array.from({ length: m.size }, (_, x) => m.at(x, y));
export const column = (m: ReturnType<typeof mask>, x: number) => Array.from({ length: m.size }, (_, y) => m.at(x, y));

/** Covered width of a row (leftmost to rightmost covered pixel), 0 if empty. */
export function rowWidth(m: ReturnType<typeof mask>, y: number): number {
  const cells = row(m, y);
  const first = cells.indexOf(true), last = cells.lastIndexOf(true);
  return first < 0 ? 0 : last - first + 1;
}

/**
 * For each pixel, the triangle nearest the viewer above; returns the fraction of covered pixels whose
 * triangle faces up (its winding gives a normal with z >= 0), which fails if parts are wound inwards.
 */
export function upFacingShare(geometry: THREE.BufferGeometry, size = 96): number {
  const pos = geometry.getAttribute('position');
  const index = geometry.getIndex()!;
  const depth = new Float32Array(size * size).fill(-Infinity);
  const up = new Uint8Array(size * size);
  const covered = new Uint8Array(size * size);
  const px = (i: number) => (pos.getX(i) + 0.5) * size, py = (i: number) => (0.5 - pos.getY(i)) * size;
  for (let t = 0; t < index.count; t += 3) {
    const a = index.getX(t), b = index.getX(t + 1), c = index.getX(t + 2);
    const [ax, ay, bx, by, cx, cy] = [px(a), py(a), px(b), py(b), px(c), py(c)];
    const area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    if (Math.abs(area) < 1e-9) continue;
    // In image coordinates y points down, so a triangle facing +z has negative area here.
    const facesUp = area < 0;
    for (let y = Math.max(0, Math.floor(Math.min(ay, by, cy))); y <= Math.min(size - 1, Math.ceil(Math.max(ay, by, cy))); y++) {
      for (let x = Math.max(0, Math.floor(Math.min(ax, bx, cx))); x <= Math.min(size - 1, Math.ceil(Math.max(ax, bx, cx))); x++) {
        const sx = x + 0.5, sy = y + 0.5;
        const w0 = ((bx - sx) * (cy - sy) - (by - sy) * (cx - sx)) / area;
        const w1 = ((cx - sx) * (ay - sy) - (cy - sy) * (ax - sx)) / area;
        const w2 = 1 - w0 - w1;
        if (w0 < 0 || w1 < 0 || w2 < 0) continue;
        const z = w0 * pos.getZ(a) + w1 * pos.getZ(b) + w2 * pos.getZ(c);
        const k = y * size + x;
        if (z <= depth[k]!) continue;
        depth[k] = z;
        covered[k] = 1;
        up[k] = facesUp ? 1 : 0;
      }
    }
  }
  let n = 0, u = 0;
  for (let k = 0; k < covered.length; k++) {
    if (covered[k]) {
      n++;
      u += up[k]!;
    }
  }
  return u / n;
}
