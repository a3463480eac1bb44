import { z } from 'zod';
import { type Vec2, add2, chain, lerp, quadratic, resample, smoothThrough } from './geometry-2d.js';
import { MeshBuilder } from './mesh-builder.js';
import { type Relief, addPanel } from './panel.js';
import { defineProduct, numberParam, type Sampled } from './product-params.js';
import { dent, groove, sumRelief } from './relief.js';
import { addSole, depthParam, footLine, plot, toeParam } from './shoe-parts.js';

/** Sneakers (Fashion-MNIST class 7): low, long, on a thick sole; seen from the side. Lengths in shoe lengths. */
export const SneakerShape = z.strictObject({
  toe: toeParam,
  soleThickness: numberParam(0.02, 0.2, { min: 0.05, max: 0.1 }, 'height of the sole'),
  heelLift: numberParam(0, 0.1, { min: 0, max: 0.03 }, 'how much thicker the sole is at the heel'),
  toeSpring: numberParam(0, 0.08, { min: 0.005, max: 0.035 }, 'how far the toe of the sole curves up'),
  toeHeight: numberParam(0.06, 0.3, { min: 0.15, max: 0.23 }, 'height of the toe box above the ground'),
  collarHeight: numberParam(0.15, 0.75, { mean: 0.44, std: 0.05, min: 0.33, max: 0.64 }, 'height of the ankle collar above the ground (high-tops: 0.5 and more)'),
  collarDip: numberParam(0, 0.12, { min: 0.01, max: 0.06 }, 'how far the collar dips between the ankle and the heel'),
  throat: numberParam(-0.3, 0.2, { min: -0.12, max: 0.06 }, 'where the laces end and the collar begins, along the length'),
  heelTab: numberParam(0, 0.08, { min: 0, max: 0.03 }, 'how far a heel tab rises above the collar'),
  laces: numberParam(0, 9, { choice: [0, 4, 5, 6] }, 'lace crossings along the throat'),
  stripes: numberParam(0, 4, { choice: [0, 0, 1, 2, 3] }, 'slanted stripes on the side'),
  toeCap: numberParam(0, 1, { choice: [0, 1] }, '1: a seam around the toe cap'),
  depth: depthParam,
});
export type SneakerParams = Sampled<z.output<typeof SneakerShape>>;

export function buildSneaker(p: SneakerParams) {
  const foot = footLine(0, p.toeSpring);
  const sole = (x: number) => p.soleThickness + p.heelLift * Math.max(0, (x + 0.1) / 0.6);
  const top = (x: number) => foot(x) + sole(x);
  const c = p.collarHeight, t = p.toeHeight;
  const throatX = p.throat;
  const vamp: Vec2 = [lerp(-0.38, throatX, 0.5), lerp(t, 0.85 * c, 0.5)];
  const upperTop = smoothThrough([
    [-0.5, top(-0.5) + 0.02], [-0.495, lerp(top(-0.5), t, 0.55)], [-0.46, 0.92 * t], [-0.38, t], vamp,
    [throatX, 0.85 * c], [throatX + 0.1, c], [throatX + 0.1 + 0.45 * (0.45 - throatX - 0.1), c - p.collarDip],
    [0.45, c + p.heelTab], [0.5, 0.65 * c], [0.5, top(0.5) + 0.02],
  ], 5);
  const bottom = plot((x) => top(x) - 0.3 * sole(x), 0.5, -0.5, 24);
  const outline = chain(upperTop, bottom);
  const th = 2 * p.depth;
  const relief: Relief[] = [];
  // The collar lining shows as a band along the top from the throat to the heel.
  const collarTop = upperTop.filter(([x]) => x >= throatX - 0.02 && x <= 0.46);
  if (collarTop.length > 1) {
    const lining = chain(collarTop, collarTop.slice().reverse().map(([x, y]): Vec2 => [x + 0.02, y - 0.05]));
    relief.push(dent(lining, 0.35 * th, 0.012));
  }
  const vampLine = smoothThrough([[-0.34, lerp(t, vamp[1], 0.2)], vamp, [throatX, 0.85 * c]], 4);
  relief.push(groove(vampLine.map(([x, y]): Vec2 => [x + 0.015, y - 0.03]), 0.008, 0.15 * th));
  for (const [i, pt] of resample(vampLine, Math.max(1, p.laces)).entries()) {
    if (p.laces === 0 || i === 0) continue;
    relief.push(groove([add2(pt, [-0.02, 0.005]), add2(pt, [0.035, -0.04])], 0.006, -0.1 * th));
  }
  for (let i = 0; i < p.stripes; i++) {
    const x = -0.05 + i * 0.07;
    relief.push(groove([[x, top(x) + 0.02], [x + 0.12, lerp(top(x), c, 0.75)]], 0.012, 0.2 * th));
  }
  if (p.toeCap > 0.5) {
    relief.push(groove(quadratic([-0.3, top(-0.3)], [-0.3, t], [-0.44, t - 0.01], 6), 0.008, 0.15 * th));
  }
  const mesh = new MeshBuilder();
  addPanel(mesh, { outline, thickness: th, rim: 0.1, cell: 0.018, relief: sumRelief(relief), thicknessScale: (x) => 0.8 + 0.2 * Math.min(1, (x + 0.5) / 0.4) });
  addSole(mesh, top, sole, p.depth * 1.05);
  return mesh.finish({ mirror: p.toe === 'right' });
}

export const sneaker = defineProduct('sneaker', SneakerShape, buildSneaker);
