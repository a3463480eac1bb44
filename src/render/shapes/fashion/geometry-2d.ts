/** Small 2D helpers for outlines in the product's plane (x right, y up). */

export type Vec2 = readonly [number, number];

export const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;
export const lerp2 = (a: Vec2, b: Vec2, t: number): Vec2 => [lerp(a[0], b[0], t), lerp(a[1], b[1], t)];
export const add2 = (a: Vec2, b: Vec2): Vec2 => [a[0] + b[0], a[1] + b[1]];
export const sub2 = (a: Vec2, b: Vec2): Vec2 => [a[0] - b[0], a[1] - b[1]];
export const scale2 = (a: Vec2, s: number): Vec2 => [a[0] * s, a[1] * s];
export const length2 = (a: Vec2): number => Math.hypot(a[0], a[1]);
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
export const DEG = Math.PI / 180;

/** The unit vector at `degrees` from straight down (0) towards +x (90). */
export const fromDown = (degrees: number): Vec2 => [Math.sin(degrees * DEG), -Math.cos(degrees * DEG)];

/** A quadratic Bézier from p0 to p2 pulled towards p1, as n segments (n + 1 points). */
export function quadratic(p0: Vec2, p1: Vec2, p2: Vec2, n: number): Vec2[] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const t = i / n;
    return lerp2(lerp2(p0, p1, t), lerp2(p1, p2, t), t);
  });
}

/** A cubic Bézier from p0 to p3 with controls p1, p2, as n segments (n + 1 points). */
export function cubic(p0: Vec2, p1: Vec2, p2: Vec2, p3: Vec2, n: number): Vec2[] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const t = i / n, u = 1 - t;
    const a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
    return [a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]];
  });
}

/** A smooth curve through the points (uniform Catmull-Rom), `perSpan` segments between neighbours. */
export function smoothThrough(points: readonly Vec2[], perSpan: number): Vec2[] {
  if (points.length < 3) return [...points];
  const out: Vec2[] = [points[0]!];
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)]!, p1 = points[i]!, p2 = points[i + 1]!, p3 = points[Math.min(points.length - 1, i + 2)]!;
    for (let k = 1; k <= perSpan; k++) {
      const t = k / perSpan, t2 = t * t, t3 = t2 * t;
      const f = (a: number, b: number, c: number, d: number) =>
        0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
      out.push([f(p0[0], p1[0], p2[0], p3[0]), f(p0[1], p1[1], p2[1], p3[1])]);
    }
  }
  return out;
}

/** Joins polylines end to start, dropping a point that repeats the previous one. */
export function chain(...parts: readonly (readonly Vec2[])[]): Vec2[] {
  const out: Vec2[] = [];
  for (const part of parts) {
    for (const p of part) {
      const last = out[out.length - 1];
      if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) > 1e-9) out.push(p);
    }
  }
  return out;
}

/**
 * A left-right symmetric closed outline from its right half, given from the bottom of the
 * centre line up to the top of it (counter-clockwise).
 */
export function mirrorClosed(rightHalf: readonly Vec2[]): Vec2[] {
  const left = rightHalf.filter((p) => p[0] > 1e-9).map((p): Vec2 => [-p[0], p[1]]).reverse();
  return chain(rightHalf, left);
}

export function mirrorX(points: readonly Vec2[]): Vec2[] {
  return points.map((p): Vec2 => [-p[0], p[1]]);
}

export function signedArea(polygon: readonly Vec2[]): number {
  let a = 0;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    a += (polygon[j]![0] - polygon[i]![0]) * (polygon[j]![1] + polygon[i]![1]);
  }
  return a / 2;
}

export function insidePolygon(p: Vec2, polygon: readonly Vec2[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!, b = polygon[j]!;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

export function distanceToSegment(p: Vec2, a: Vec2, b: Vec2): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : clamp(((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2, 0, 1);
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Distance to an open polyline, or to a closed loop's edges when `closed`. */
export function distanceToPolyline(p: Vec2, line: readonly Vec2[], closed = false): number {
  let d = Infinity;
  for (let i = 0; i + 1 < line.length; i++) d = Math.min(d, distanceToSegment(p, line[i]!, line[i + 1]!));
  if (closed && line.length > 2) d = Math.min(d, distanceToSegment(p, line[line.length - 1]!, line[0]!));
  if (line.length === 1) d = length2(sub2(p, line[0]!));
  return d;
}

export interface Box2 {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function bounds2(points: readonly Vec2[]): Box2 {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const [x, y] of points) {
    box.minX = Math.min(box.minX, x); box.maxX = Math.max(box.maxX, x);
    box.minY = Math.min(box.minY, y); box.maxY = Math.max(box.maxY, y);
  }
  return box;
}

/** Points along a polyline at arc-length fractions 0..1 (n + 1 of them). */
export function resample(line: readonly Vec2[], n: number): Vec2[] {
  const lengths = [0];
  for (let i = 1; i < line.length; i++) lengths.push(lengths[i - 1]! + length2(sub2(line[i]!, line[i - 1]!)));
  const total = lengths[lengths.length - 1]!;
  const out: Vec2[] = [];
  let seg = 0;
  for (let k = 0; k <= n; k++) {
    const at = (total * k) / n;
    while (seg < line.length - 2 && lengths[seg + 1]! < at) seg++;
    const span = lengths[seg + 1]! - lengths[seg]!;
    out.push(lerp2(line[seg]!, line[seg + 1] ?? line[seg]!, span > 0 ? (at - lengths[seg]!) / span : 0));
  }
  return out;
}
