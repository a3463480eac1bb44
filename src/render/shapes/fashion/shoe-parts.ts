import { type Vec2, clamp, lerp } from './geometry-2d.js';
import type { MeshBuilder } from './mesh-builder.js';
import { numberParam, choiceParam } from './product-params.js';
import { type TubeStation, addTube } from './tube.js';

/**
 * Footwear is built from its side profile with the toe to the left: the toe at x = -0.5, the back of
 * the heel at x = 0.5, the ground at y = 0, y up; z is across the shoe. Lengths are in shoe lengths.
 */

export const toeParam = choiceParam(['left', 'right'], 'left', 'which way the toe points (Fashion-MNIST: nearly always left)');
export const depthParam = numberParam(0.05, 0.3, { min: 0.13, max: 0.18 }, 'half the width of the shoe (its depth in z when lying on its side)');

const smoothstep = (t: number) => {
  const u = clamp(t, 0, 1);
  return u * u * (3 - 2 * u);
};

/**
 * The underside of the foot from toe to heel: on the ground at the toe, rising through the arch to
 * the heel seat at `heelHeight`, with the toe tip lifted by `toeSpring`.
 */
export function footLine(heelHeight: number, toeSpring: number): (x: number) => number {
  const ball = -0.18 + 0.1 * clamp(heelHeight / 0.4, 0, 1), seat = 0.22;
  return (x) => heelHeight * smoothstep((x - ball) / (seat - ball)) + toeSpring * Math.max(0, (-0.3 - x) / 0.2) ** 2;
}

/** The outsole: a slab `thickness` thick under the foot line, rounded at the toe and squared at the heel. */
export function addSole(mesh: MeshBuilder, foot: (x: number) => number, thickness: (x: number) => number, depth: number, base = 0): void {
  const n = 36;
  const stations: TubeStation[] = [];
  for (let i = 0; i <= n; i++) {
    const x = lerp(-0.5, 0.5, i / n);
    const round = 0.55 + 0.45 * Math.sqrt(smoothstep((x + 0.5) / 0.06));
    const t = thickness(x);
    stations.push({ x, y: foot(x) - t / 2 + t * (1 - round) * 0.5, halfWidth: (t / 2) * round, halfDepth: depth, base });
  }
  addTube(mesh, stations, { segments: 14, roundness: 3.5, across: [0, 1] });
}

export const heelStyles = ['block', 'stiletto', 'wedge'] as const;
export type HeelStyle = (typeof heelStyles)[number];

/** A heel under the heel seat, from the sole down to the ground: a block, a stiletto or a wedge. */
export function addHeel(mesh: MeshBuilder, style: HeelStyle, top: number, depth: number, base = 0): void {
  if (top < 0.02) return;
  if (style === 'wedge') {
    // A wedge fills the arch: columns from the ground to the sole, from the ball to the back.
    const n = 24, stations: TubeStation[] = [];
    for (let i = 0; i <= n; i++) {
      const x = lerp(-0.2, 0.48, i / n), h = wedgeTop(x, top);
      stations.push({ x, y: h / 2, halfWidth: Math.max(0.004, h / 2), halfDepth: depth * 0.95, base });
    }
    addTube(mesh, stations, { segments: 12, roundness: 4, across: [0, 1] });
    return;
  }
  const stiletto = style === 'stiletto';
  const xTop = stiletto ? 0.4 : 0.38, xBottom = stiletto ? 0.43 : 0.4;
  const wTop = stiletto ? 0.045 : 0.09, wBottom = stiletto ? 0.012 : 0.07;
  const stations: TubeStation[] = [];
  for (let i = 0; i <= 8; i++) {
    const f = i / 8;
    stations.push({ x: lerp(xTop, xBottom, f), y: lerp(top, 0, f), halfWidth: lerp(wTop, wBottom, f), halfDepth: depth * (stiletto ? 0.35 : 0.8), base });
  }
  addTube(mesh, stations, { segments: 10, roundness: 3 });
}

function wedgeTop(x: number, top: number): number {
  return top * smoothstep((x + 0.22) / 0.5);
}

/** Samples y = f(x) from x0 to x1 as a polyline. */
export function plot(f: (x: number) => number, x0: number, x1: number, n: number): Vec2[] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const x = lerp(x0, x1, i / n);
    return [x, f(x)];
  });
}
