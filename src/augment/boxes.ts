import type { Box } from '../label/index.js';
import type { Point, Rect } from './augment-params.js';
import { type Mat3, apply } from './matrix.js';
import type { DisplacementField } from './kernels/warp.js';

/** A labelled box as augmentation takes it: [x, y, w, h] in pixels and a class index; other fields are carried along. */
export interface BoxLabel {
  box: Box;
  label: number;
  /** Fraction of the object still visible; starts at 1 and shrinks with clipping, pasting and erasing. */
  visibility?: number;
}

/**
 * The box through the map `m`: its corners transformed into a quadrilateral (exact for affine and
 * perspective maps), clipped to `clip`, and boxed. `visible` is the clipped area over the whole
 * quadrilateral's area. Undefined when nothing is left.
 */
export function transformBox(box: Box, m: Mat3, clip: Rect): { box: Box; visible: number } | undefined {
  const [x, y, w, h] = box;
  const quad = ([[x, y], [x + w, y], [x + w, y + h], [x, y + h]] as Point[]).map(([px, py]) => apply(m, px, py));
  const whole = Math.abs(polygonArea(quad));
  const clipped = clipPolygon(quad, clip);
  if (clipped.length < 3) return undefined;
  const area = Math.abs(polygonArea(clipped));
  if (!(area > 0) || !(whole > 0)) return undefined;
  return { box: boundingBox(clipped), visible: Math.min(1, area / whole) };
}

/** The part of a box inside a rectangle, and the fraction of its area that is. */
export function clipBox(box: Box, clip: Rect): { box: Box; visible: number } | undefined {
  const [x, y, w, h] = box;
  const x0 = Math.max(x, clip[0]), y0 = Math.max(y, clip[1]);
  const x1 = Math.min(x + w, clip[0] + clip[2]), y1 = Math.min(y + h, clip[1] + clip[3]);
  if (!(x1 > x0 && y1 > y0) || !(w > 0 && h > 0)) return undefined;
  return { box: [x0, y0, x1 - x0, y1 - y0], visible: ((x1 - x0) * (y1 - y0)) / (w * h) };
}

/** Fraction of the box's area covered by the rectangles (overlaps between rectangles counted twice, capped at 1). */
export function coveredFraction(box: Box, rects: readonly Rect[]): number {
  const [, , w, h] = box;
  if (!(w > 0 && h > 0)) return 1;
  let covered = 0;
  for (const r of rects) {
    const part = clipBox(box, r);
    if (part) covered += part.visible;
  }
  return Math.min(1, covered);
}

/**
 * Boxes under a warp with an elastic field, which has no closed-form forward map: each output
 * pixel whose centre maps inside a source box belongs to it (the pixels a nearest-neighbour warp
 * of the filled box would set), and the box is their bounding box. `visible` compares their count
 * with the box's area under the smooth part of the map (`forward`).
 */
export function transformBoxesByMap(
  boxes: readonly Box[], inverse: Mat3, forward: Mat3, field: DisplacementField, width: number, height: number,
): ({ box: Box; visible: number } | undefined)[] {
  const n = boxes.length;
  const count = new Float64Array(n);
  const minX = new Float64Array(n).fill(Infinity), minY = new Float64Array(n).fill(Infinity);
  const maxX = new Float64Array(n).fill(-Infinity), maxY = new Float64Array(n).fill(-Infinity);
  const [a, b, c, d, e, f, g, h, k] = inverse;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const px = x + 0.5 + field.dx[i]!, py = y + 0.5 + field.dy[i]!;
      const w = 1 / (g * px + h * py + k);
      const u = (a * px + b * py + c) * w, v = (d * px + e * py + f) * w;
      for (let j = 0; j < n; j++) {
        const [bx, by, bw, bh] = boxes[j]!;
        if (u < bx || v < by || u >= bx + bw || v >= by + bh) continue;
        count[j]!++;
        if (x < minX[j]!) minX[j] = x;
        if (x > maxX[j]!) maxX[j] = x;
        if (y < minY[j]!) minY[j] = y;
        if (y > maxY[j]!) maxY[j] = y;
      }
    }
  }
  return boxes.map((box, j) => {
    if (count[j] === 0) return undefined;
    const expected = areaUnder(box, forward);
    return {
      box: [minX[j]!, minY[j]!, maxX[j]! - minX[j]! + 1, maxY[j]! - minY[j]! + 1] as Box,
      visible: Math.min(1, count[j]! / Math.max(1, expected)),
    };
  });
}

function areaUnder(box: Box, m: Mat3): number {
  const [x, y, w, h] = box;
  return Math.abs(polygonArea(([[x, y], [x + w, y], [x + w, y + h], [x, y + h]] as Point[]).map(([px, py]) => apply(m, px, py))));
}

/** Sutherland–Hodgman against the four sides of an axis-aligned rectangle. */
function clipPolygon(points: Point[], rect: Rect): Point[] {
  const [rx, ry, rw, rh] = rect;
  const edges: [(p: Point) => number][] = [
    [(p) => p[0] - rx], [(p) => rx + rw - p[0]], [(p) => p[1] - ry], [(p) => ry + rh - p[1]],
  ];
  let poly = points;
  for (const [inside] of edges) {
    if (poly.length === 0) break;
    const next: Point[] = [];
    for (let i = 0; i < poly.length; i++) {
      const p = poly[i]!, q = poly[(i + 1) % poly.length]!;
      const dp = inside(p), dq = inside(q);
      if (dp >= 0) next.push(p);
      if ((dp >= 0) !== (dq >= 0)) {
        const t = dp / (dp - dq);
        next.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    }
    poly = next;
  }
  return poly;
}

function polygonArea(points: readonly Point[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i]!;
    const [x1, y1] = points[(i + 1) % points.length]!;
    sum += x0 * y1 - x1 * y0;
  }
  return sum / 2;
}

function boundingBox(points: readonly Point[]): Box {
  const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
  const x0 = Math.min(...xs), y0 = Math.min(...ys);
  return [x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0];
}
