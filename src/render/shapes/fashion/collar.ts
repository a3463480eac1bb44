import { type Vec2, chain, mirrorX, quadratic } from './geometry-2d.js';
import type { TorsoShape } from './torso.js';

/**
 * Collars lying over the neck, as outlines of the right (+x) piece; mirror them for the left.
 * They start slightly above the neck points so they cover the neck opening.
 */

/** A shirt collar: a flap from the back of the neck down to a point beside the placket. */
export function pointedCollar(t: TorsoShape, length: number, spread: number): Vec2[] {
  const top: Vec2 = [0, 0.03];
  const outer: Vec2 = [t.neckHalf + 0.045, 0.005];
  const tip: Vec2 = [0.015 + spread, -length];
  const inner: Vec2 = [0.003, -0.45 * length];
  return chain([inner], quadratic(inner, [0.004, 0.02], top, 4).slice(1), quadratic(top, [t.neckHalf * 0.9, 0.04], outer, 5).slice(1), [tip]);
}

/** A coat's lapel: a wide revers folded back from the neck down to where the front closes. */
export function lapel(t: TorsoShape, depth: number, width: number): Vec2[] {
  const neck: Vec2 = [t.neckHalf + 0.03, 0.02];
  const notch: Vec2 = [t.neckHalf + width, -0.35 * depth];
  const bottom: Vec2 = [0.005, -depth];
  const inner: Vec2 = [0.5 * t.neckHalf, -0.25 * depth];
  return [neck, notch, [t.neckHalf + 0.6 * width, -0.5 * depth], bottom, inner, [0.6 * t.neckHalf, 0.01]];
}

/** A stand-up collar around the back of the neck, as one piece. */
export function standCollar(t: TorsoShape, height: number): Vec2[] {
  const right = chain(quadratic([0.02, -t.frontNeckDepth * 0.6], [t.neckHalf * 1.1, -t.frontNeckDepth * 0.5], [t.neckHalf * 1.1, height], 5), [[0.25 * t.neckHalf, height + 0.01]]);
  const back = quadratic([0.25 * t.neckHalf, height - 0.02], [0, height - 0.03], [-0.25 * t.neckHalf, height - 0.02], 2).slice(1, -1);
  return chain(right, back, mirrorX(right).reverse());
}
