import { z } from 'zod';
import { clothParams, clothWaves } from './cloth.js';
import { type Vec2, chain, quadratic, smoothThrough } from './geometry-2d.js';
import { MeshBuilder } from './mesh-builder.js';
import { type Relief, addPanel } from './panel.js';
import { defineProduct, numberParam, type Sampled } from './product-params.js';
import { bump, groove, sumRelief } from './relief.js';

/** Trousers and jeans (Fashion-MNIST class 1): a waistband and two legs with a gap between them. Lengths in trouser lengths. */
export const TrouserShape = z.strictObject({
  waistWidth: numberParam(0.06, 0.4, { min: 0.13, max: 0.2 }, 'half the width of the waistband'),
  hips: numberParam(0.8, 1.5, { min: 1, max: 1.14 }, 'hip half-width relative to the waist'),
  hipsAt: numberParam(0.03, 0.3, { min: 0.08, max: 0.16 }, 'how far below the waist the hips are widest'),
  rise: numberParam(0.12, 0.6, { min: 0.25, max: 0.36 }, 'waist to crotch'),
  legLength: numberParam(0.3, 1, { mean: 0.98, std: 0.06, min: 0.5, max: 1 }, 'waist to hem (1: full length; shorter: cropped or shorts)'),
  hemWidth: numberParam(0.02, 0.2, { min: 0.045, max: 0.085 }, 'half the width of each leg at the hem'),
  kneeWidth: numberParam(0.5, 1.6, { min: 0.85, max: 1.15 }, 'leg width at the knee relative to the straight line from hip to hem'),
  legSpread: numberParam(0, 0.2, { min: 0.012, max: 0.06 }, 'distance from the centre line to each leg\'s inner hem corner'),
  spreadAsymmetry: numberParam(-0.1, 0.1, { min: -0.015, max: 0.015 }, 'added to the right leg\'s spread and taken from the left\'s'),
  waistband: numberParam(0, 0.1, { min: 0.02, max: 0.05 }, 'height of the waistband seam below the top'),
  fly: numberParam(0, 1, { choice: [0, 1], weights: [1, 3] }, '1: a fly seam and button'),
  pockets: numberParam(0, 1, { choice: [0, 1], weights: [1, 2] }, '1: curved front pocket seams'),
  creases: numberParam(0, 1, { choice: [0, 1], weights: [2, 1] }, '1: pressed creases down the legs'),
  ...clothParams,
});
export type TrouserParams = Sampled<z.output<typeof TrouserShape>>;

/** One side's outline from the crotch down the inside leg, along the hem, up the outside to the waist centre. */
function half(p: TrouserParams, spread: number): Vec2[] {
  const hip = p.waistWidth * p.hips, bottom = -p.legLength;
  const inner: Vec2 = [spread, bottom], outer: Vec2 = [spread + 2 * p.hemWidth, bottom];
  const crotch: Vec2 = [0, -Math.min(p.rise, 0.9 * p.legLength)];
  const hipPoint: Vec2 = [hip, -p.hipsAt];
  const kneeY = (crotch[1] + bottom) / 2;
  const straightAt = (a: Vec2, b: Vec2, y: number) => a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]);
  const outerKnee: Vec2 = [straightAt(hipPoint, outer, kneeY), kneeY];
  const innerKnee: Vec2 = [straightAt(crotch, inner, kneeY), kneeY];
  const mid = (outerKnee[0] + innerKnee[0]) / 2, halfKnee = ((outerKnee[0] - innerKnee[0]) / 2) * p.kneeWidth;
  const insideLeg = smoothThrough([crotch, [Math.max(0.003, mid - halfKnee), kneeY], inner], 5);
  const outside = smoothThrough([outer, [mid + halfKnee, kneeY], hipPoint, [p.waistWidth, 0]], 5);
  return chain(insideLeg, outside, [[0, 0]]);
}

export function buildTrouser(p: TrouserParams) {
  const right = half(p, p.legSpread + p.spreadAsymmetry);
  const left = half(p, Math.max(0.003, p.legSpread - p.spreadAsymmetry)).map(([x, y]): Vec2 => [-x, y]).reverse();
  const outline = chain(right, left.slice(1));
  const th = p.thickness, crotchY = -Math.min(p.rise, 0.9 * p.legLength);
  const relief: Relief[] = [groove([[-p.waistWidth, -p.waistband], [p.waistWidth, -p.waistband]], 0.007, 0.35 * th)];
  if (p.fly > 0.5) {
    relief.push(groove(quadratic([0.035, -p.waistband], [0.035, crotchY * 0.75], [0, crotchY * 0.85], 5), 0.005, 0.3 * th));
    relief.push(bump([0, -p.waistband / 2], 0.01, 0.3 * th));
  }
  if (p.pockets > 0.5) {
    for (const s of [1, -1]) relief.push(groove(quadratic([s * p.waistWidth * 0.55, -p.waistband], [s * p.waistWidth * 0.6, -0.1], [s * p.waistWidth * p.hips, -0.13], 5), 0.006, 0.3 * th));
  }
  if (p.creases > 0.5) {
    for (const s of [1, -1]) {
      const x = s * (p.legSpread + p.hemWidth);
      relief.push(groove([[s * p.waistWidth * 0.5, crotchY], [x, -p.legLength + 0.01]], 0.006, -0.2 * th));
    }
  }
  const mesh = new MeshBuilder();
  addPanel(mesh, { outline, thickness: th, rim: 0.03, cell: 0.016, relief: sumRelief(relief) });
  return mesh.finish({ displace: clothWaves(p) });
}

export const trouser = defineProduct('trouser', TrouserShape, buildTrouser);
