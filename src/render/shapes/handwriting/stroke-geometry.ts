import * as THREE from 'three';
import type { Stroke } from './handwriting-strokes.js';

/** Segments of the discs that round stroke ends and sharp turns. */
const DISC_SEGMENTS = 12;
/** Turns sharper than this (radians) get a round join; gentler ones are mitred. */
const JOIN_ANGLE = Math.PI / 6;
/** Longest mitre, as a multiple of the half width (sharper turns rely on the round join). */
const MITRE_LIMIT = 2;

/**
 * Ink ribbons for strokes: flat geometry on the z = 0 plane, facing +z (normals (0, 0, 1), triangles
 * counter-clockwise seen from +z, so FrontSide materials draw them all), y up, in the strokes' units (handwritingStrokes makes them about
 * one unit high). Each polyline becomes a strip as wide as its pen width at each point, with round
 * discs at its ends and at sharp turns. Indexed, non-empty for any stroke with at least one point.
 */
export function strokeGeometry(strokes: readonly Stroke[]): THREE.BufferGeometry {
  const positions: number[] = [];
  const indices: number[] = [];
  const vertex = (x: number, y: number) => {
    positions.push(x, y, 0);
    return positions.length / 3 - 1;
  };
  // Where a curve is tighter than the half width, the inner edge of the strip folds back; those
  // triangles still lie inside the ink, and are wound to face +z like the rest.
  const triangle = (a: number, b: number, c: number) => {
    const [ax, ay, bx, by, cx, cy] = [positions[3 * a]!, positions[3 * a + 1]!, positions[3 * b]!, positions[3 * b + 1]!, positions[3 * c]!, positions[3 * c + 1]!];
    if ((bx - ax) * (cy - ay) - (by - ay) * (cx - ax) >= 0) indices.push(a, b, c);
    else indices.push(a, c, b);
  };
  const disc = (x: number, y: number, r: number) => {
    const c = vertex(x, y);
    const first = positions.length / 3;
    for (let k = 0; k < DISC_SEGMENTS; k++) {
      const a = (2 * Math.PI * k) / DISC_SEGMENTS;
      vertex(x + r * Math.cos(a), y + r * Math.sin(a));
    }
    for (let k = 0; k < DISC_SEGMENTS; k++) indices.push(c, first + k, first + ((k + 1) % DISC_SEGMENTS));
  };

  for (const stroke of strokes) {
    const pts = dedupe(stroke);
    const n = pts.length;
    if (n === 0) continue;
    if (n === 1) { disc(pts[0]!.x, pts[0]!.y, pts[0]!.w / 2); continue; }
    const dirs = pts.slice(1).map((p, i) => unit(p.x - pts[i]!.x, p.y - pts[i]!.y));
    let previous: [number, number] | undefined;
    pts.forEach((p, i) => {
      const before = dirs[Math.max(0, i - 1)]!, after = dirs[Math.min(dirs.length - 1, i)]!;
      const tangent = unit(before[0] + after[0], before[1] + after[1]);
      const [tx, ty] = tangent[0] === 0 && tangent[1] === 0 ? after : tangent;
      // The mitre: the offset that keeps both neighbouring edges at half width.
      const cosHalf = Math.max(1 / MITRE_LIMIT, tx * after[0] + ty * after[1]);
      const h = p.w / 2 / cosHalf;
      const l = vertex(p.x - ty * h, p.y + tx * h);
      const r = vertex(p.x + ty * h, p.y - tx * h);
      if (previous) { triangle(previous[0], previous[1], l); triangle(previous[1], r, l); }
      previous = [l, r];
      const turn = Math.acos(Math.max(-1, Math.min(1, before[0] * after[0] + before[1] * after[1])));
      if (i === 0 || i === n - 1 || turn > JOIN_ANGLE) disc(p.x, p.y, p.w / 2);
    });
  }
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  const normals = new Float32Array(positions.length);
  for (let i = 2; i < normals.length; i += 3) normals[i] = 1;
  geometry.setAttribute('normal', new THREE.BufferAttribute(normals, 3));
  geometry.setIndex(indices);
  geometry.computeBoundingBox();
  return geometry;
}

/** The stroke's points with consecutive duplicates removed (they have no direction). */
function dedupe(stroke: Stroke): { x: number; y: number; w: number }[] {
  const out: { x: number; y: number; w: number }[] = [];
  for (let i = 0; i < stroke.points.length / 2; i++) {
    const p = { x: stroke.points[2 * i]!, y: stroke.points[2 * i + 1]!, w: stroke.widths[i]! };
    const last = out[out.length - 1];
    if (!last || Math.hypot(p.x - last.x, p.y - last.y) > 1e-9) out.push(p);
  }
  return out;
}

function unit(x: number, y: number): [number, number] {
  const len = Math.hypot(x, y);
  return len > 0 ? [x / len, y / len] : [0, 0];
}
