import {
  type Vec2, add2, chain, clamp, fromDown, lerp, lerp2, mirrorClosed, mirrorX, quadratic, scale2, smoothThrough, sub2,
} from './geometry-2d.js';
import type { MeshBuilder } from './mesh-builder.js';
import { addPanel } from './panel.js';
import { groove } from './relief.js';
import { addTube } from './tube.js';

/**
 * The front outline of an upper-body garment lying flat, and its sleeves. The neck point (where the
 * shoulder seam meets the neckline) is at y = 0, the hem at y = -length; lengths are in body lengths.
 */
export interface TorsoShape {
  length: number;
  neckHalf: number;
  /** How far the back neckline (the outline) dips below the neck points. */
  backNeckDrop: number;
  /** How far the front neckline dips (a line on the garment, not the outline). */
  frontNeckDepth: number;
  vNeck: boolean;
  shoulderHalf: number;
  shoulderDrop: number;
  /** Vertical distance from the shoulder point down to the armpit. */
  armholeDepth: number;
  /** 0: straight armhole seam; 1: scooped out (sleeveless tops). */
  armholeScoop: number;
  chestHalf: number;
  waistHalf: number;
  /** Height of the waist as a fraction of the length from the neck. */
  waistAt: number;
  hemHalf: number;
  /** The sides of the hem sit this much higher than its centre (shirt tails). */
  hemCurve: number;
  /** An open front: half width of the gap at the hem, and its height. */
  frontGapHalf: number;
  frontGapHeight: number;
  /** Cut the outline down to the front neckline (the inside of the back is built apart, see addNeck). */
  openNeck: boolean;
}

export const shoulderPoint = (t: TorsoShape): Vec2 => [t.shoulderHalf, -t.shoulderDrop];
export const armpit = (t: TorsoShape): Vec2 => [t.chestHalf, -(t.shoulderDrop + t.armholeDepth)];

export function torsoOutline(t: TorsoShape): Vec2[] {
  const hemY = -t.length;
  const corner: Vec2 = [t.hemHalf, hemY + t.hemCurve];
  const gapHalf = Math.min(t.frontGapHalf, 0.8 * t.hemHalf);
  const hem = gapHalf > 1e-6 && t.frontGapHeight > 1e-6
    ? chain([[0, hemY + t.frontGapHeight]], quadratic([gapHalf, hemY], [lerp(gapHalf, t.hemHalf, 0.6), hemY], corner, 6))
    : quadratic([0, hemY], [0.7 * t.hemHalf, hemY], corner, 8);
  const a = armpit(t), s = shoulderPoint(t);
  const waistY = clamp(-t.length * t.waistAt, corner[1] + 0.05, a[1] - 0.05);
  const side = waistY < a[1] - 0.06 && waistY > corner[1] + 0.06
    ? smoothThrough([corner, [t.waistHalf, waistY], a], 6)
    : [corner, a];
  const scoopTo: Vec2 = [Math.min(s[0], a[0]), a[1]];
  const armhole = quadratic(a, lerp2(lerp2(a, s, 0.5), scoopTo, t.armholeScoop), s, 8);
  const neck: Vec2 = [t.neckHalf, 0];
  const top = t.openNeck ? frontNeckline(t).filter((p) => p[0] >= 0) : backNeckline(t);
  return mirrorClosed(chain(hem, side, armhole, [neck], top));
}

/** The front neckline from the right neck point through the centre to the left one. */
export function frontNeckline(t: TorsoShape): Vec2[] {
  const neck: Vec2 = [t.neckHalf, 0];
  const bottom: Vec2 = [0, -t.frontNeckDepth];
  const right = t.vNeck ? [neck, bottom] : quadratic(neck, [t.neckHalf * 0.95, -t.frontNeckDepth], bottom, 8);
  return chain(right, mirrorX(right).reverse());
}

/** The back neckline's right half, from the right neck point to the centre. */
function backNeckline(t: TorsoShape): Vec2[] {
  return quadratic([t.neckHalf, 0], [0.35 * t.neckHalf, -t.backNeckDrop], [0, -t.backNeckDrop], 6);
}

/** The opening between the front and back necklines, where the inside of the back shows. */
export function neckOpening(t: TorsoShape): Vec2[] {
  const back = backNeckline(t);
  return chain(frontNeckline(t), mirrorX(back), back.slice().reverse().slice(1));
}

/**
 * For an open neck: the band of the back neckline, and (by `insideBack`, 0-1) the inside of the back
 * below it, tilted so it shades unlike the front.
 */
export function addNeck(mesh: MeshBuilder, t: TorsoShape, thickness: number, insideBack: number, cell: number): void {
  const back = backNeckline(t);
  const band = chain(mirrorX(back).reverse(), back.slice(1).reverse()).map((p): Vec2 => [p[0], p[1] - 0.012]);
  addTube(mesh, band.map(([x, y]) => ({ x, y, halfWidth: 0.014, halfDepth: 0.45 * thickness })), { segments: 10 });
  if (insideBack <= 0.05) return;
  const top = -t.backNeckDrop, bottom = -t.frontNeckDepth;
  addPanel(mesh, {
    outline: neckOpening(t), thickness: 0.3 * thickness * insideBack, rim: 0.02, cell: Math.min(cell, 0.015),
    relief: (_x, y) => 0.9 * thickness * insideBack * clamp((y - bottom) / (top - bottom || 1), 0, 1),
  });
}

export interface SleeveShape {
  /** Length of the underarm seam. */
  length: number;
  /** Degrees from hanging straight down (0) towards horizontal (90). */
  angle: number;
  /** How much the sleeve bends along its length, in degrees (positive: the cuff turns down towards the body). */
  bend: number;
  cuffHalf: number;
}

export interface Sleeve {
  outline: Vec2[];
  /** Points along the underarm and outer edges, root to cuff, for placing cuffs. */
  inner: Vec2[];
  outer: Vec2[];
}

/** The sleeve on the right (+x) side; mirror it for the left. It tucks a little under the body. */
export function sleeve(t: TorsoShape, s: SleeveShape, tuck = 0.04): Sleeve {
  const a = armpit(t), top = shoulderPoint(t);
  const d0 = fromDown(s.angle), d1 = fromDown(s.angle - s.bend);
  const half = s.length / 2;
  const mid = add2(a, scale2(d0, half));
  const inner = quadratic(a, mid, add2(mid, scale2(d1, half)), 10);
  const n1: Vec2 = [-d1[1], d1[0]];
  const cuffSpan = scale2(n1, 2 * s.cuffHalf);
  const rootSpan = sub2(top, a);
  const outer = inner.map((p, i) => add2(p, lerp2(rootSpan, cuffSpan, i / (inner.length - 1))));
  const rootLen = Math.hypot(rootSpan[0], rootSpan[1]);
  const inward: Vec2 = [(-rootSpan[1] / rootLen) * tuck, (rootSpan[0] / rootLen) * tuck];
  return { outline: chain(inner, outer.slice().reverse(), [add2(top, inward), add2(a, inward)]), inner, outer };
}

/** A line across the sleeve at fraction `at` of its length (cuff seams). */
export function acrossSleeve(sl: Sleeve, at: number): Vec2[] {
  const i = Math.round(at * (sl.inner.length - 1));
  return [sl.inner[i]!, sl.outer[i]!];
}

export function mirrorSleeve(sl: Sleeve): Sleeve {
  return { outline: mirrorX(sl.outline).reverse(), inner: mirrorX(sl.inner), outer: mirrorX(sl.outer) };
}

/** A hood lying behind the neck: a rounded shape rising `height` above the neck points. */
export function hoodOutline(t: TorsoShape, halfWidth: number, height: number): Vec2[] {
  const bottom = -Math.max(t.frontNeckDepth, 0.1);
  const right = chain(
    [[0, bottom], [halfWidth * 0.9, bottom]],
    quadratic([halfWidth, 0], [halfWidth * 1.05, height * 0.9], [halfWidth * 0.3, height], 8),
    [[0, height]],
  );
  return mirrorClosed(right);
}

/** Both sleeves, lying over the body's edge; `cuffAt` (fraction of the length) draws a cuff seam. */
export function addSleeves(
  mesh: MeshBuilder, t: TorsoShape, shape: SleeveShape, asymmetry: number, thickness: number, cell: number, cuffAt: number,
): Sleeve[] {
  const right = sleeve(t, { ...shape, angle: shape.angle + asymmetry });
  const left = mirrorSleeve(sleeve(t, { ...shape, angle: shape.angle - asymmetry }));
  for (const sl of [right, left]) {
    addPanel(mesh, {
      outline: sl.outline, thickness: 0.9 * thickness, base: 0.35 * thickness, rim: Math.min(0.035, shape.cuffHalf * 0.8), cell,
      relief: groove(acrossSleeve(sl, cuffAt), 0.01, 0.25 * thickness),
    });
  }
  return [right, left];
}
