import { z } from 'zod';
import { type Vec2, chain, lerp, resample, smoothThrough } from './geometry-2d.js';
import { MeshBuilder } from './mesh-builder.js';
import { type Relief, addPanel } from './panel.js';
import { choiceParam, defineProduct, numberParam, type Sampled } from './product-params.js';
import { dent, groove, sumRelief } from './relief.js';
import { addHeel, addSole, depthParam, footLine, plot, toeParam } from './shoe-parts.js';

/** Ankle boots (Fashion-MNIST class 9): a shaft rising above the ankle, often on a heel; seen from the side. */
export const AnkleBootShape = z.strictObject({
  toe: toeParam,
  heel: choiceParam(['flat', 'block', 'stiletto'], { choice: ['flat', 'block', 'stiletto'], weights: [14, 5, 1] }, 'kind of heel'),
  heelHeight: numberParam(0.04, 0.5, { min: 0.06, max: 0.2 }, 'height of a block or stiletto heel'),
  shaftHeight: numberParam(0.4, 1.3, { min: 0.62, max: 0.98 }, 'height of the top of the shaft above the ground'),
  shaftFront: numberParam(-0.2, 0.3, { min: -0.02, max: 0.14 }, 'where the front of the shaft rises, along the length'),
  shaftLean: numberParam(-0.1, 0.25, { min: 0.02, max: 0.12 }, 'how far the front of the shaft leans back from its foot to its top'),
  shaftSlant: numberParam(-0.15, 0.15, { min: -0.03, max: 0.06 }, 'how much higher the back of the shaft top is than its front'),
  shaftFlare: numberParam(-0.1, 0.15, { min: -0.02, max: 0.05 }, 'how far the back of the shaft leans out at the top'),
  soleThickness: numberParam(0.015, 0.15, { min: 0.03, max: 0.08 }, 'height of the sole'),
  toeHeight: numberParam(0.08, 0.35, { min: 0.2, max: 0.3 }, 'height of the toe box above the sole'),
  instep: numberParam(0.15, 0.7, { min: 0.38, max: 0.52 }, 'height of the instep where the shaft begins'),
  closure: choiceParam(['plain', 'laces', 'zip', 'elastic'], { choice: ['plain', 'laces', 'zip', 'elastic'], weights: [3, 3, 2, 2] }, 'what the side shows'),
  lugs: numberParam(0, 1, { choice: [0, 1], weights: [2, 1] }, '1: a cleated (lug) sole'),
  depth: depthParam,
});
export type AnkleBootParams = Sampled<z.output<typeof AnkleBootShape>>;

export function buildAnkleBoot(p: AnkleBootParams) {
  const heelTop = p.heel === 'flat' ? 0.02 : p.heelHeight;
  const foot = footLine(heelTop, 0.01);
  const sole = (x: number) => p.soleThickness * (p.heel === 'flat' ? 1 + 0.4 * Math.max(0, x / 0.5) : 1);
  const top = (x: number) => foot(x) + sole(x);
  const h = p.shaftHeight, front = p.shaftFront, t = top(-0.38) + p.toeHeight;
  const upperTop = smoothThrough([
    [-0.5, top(-0.5) + 0.02], [-0.495, lerp(top(-0.5), t, 0.55)], [-0.45, 0.95 * t], [-0.36, t],
    [lerp(-0.36, front, 0.5), lerp(t, p.instep, 0.55)], [front, p.instep],
    [front + 0.6 * p.shaftLean, lerp(p.instep, h, 0.6)], [front + p.shaftLean, h],
  ], 4);
  const back = smoothThrough([[0.5 + p.shaftFlare, h + p.shaftSlant], [0.47, lerp(top(0.5), h, 0.45)], [0.5, top(0.5) + 0.04], [0.49, top(0.49)]], 4);
  const bottom = plot((x) => top(x) - 0.3 * sole(x), 0.48, -0.49, 24);
  const outline = chain(upperTop, back, bottom);
  const th = 2 * p.depth;
  const relief: Relief[] = [];
  // The lining shows just inside the top of the shaft.
  const rimFront = front + p.shaftLean;
  relief.push(dent([[rimFront, h], [0.5 + p.shaftFlare, h + p.shaftSlant], [0.48 + p.shaftFlare, h + p.shaftSlant - 0.05], [rimFront + 0.02, h - 0.05]], 0.3 * th, 0.01));
  const frontLine = smoothThrough([[lerp(-0.36, front, 0.5), lerp(t, p.instep, 0.55)], [front, p.instep], [front + p.shaftLean, h]], 4);
  if (p.closure === 'laces') {
    for (const pt of resample(frontLine, 6).slice(1, -1)) relief.push(groove([[pt[0] - 0.02, pt[1] + 0.02], [pt[0] + 0.07, pt[1] - 0.01]], 0.007, -0.1 * th));
    relief.push(groove(frontLine.map(([x, y]): Vec2 => [x + 0.07, y - 0.02]), 0.008, 0.15 * th));
  } else if (p.closure === 'zip') {
    relief.push(groove([[0.2, top(0.2) + 0.06], [0.22, h - 0.03]], 0.008, 0.3 * th));
  } else if (p.closure === 'elastic') {
    const x = lerp(front, 0.45, 0.45);
    relief.push(dent([[x - 0.09, h], [x + 0.09, h], [x + 0.02, p.instep * 0.6], [x - 0.02, p.instep * 0.6]], 0.15 * th, 0.015));
  }
  if (p.lugs > 0.5) {
    for (let x = -0.42; x < 0.45; x += 0.07) relief.push(groove([[x, 0], [x, foot(x) + 0.015]], 0.01, 0.2 * th));
  }
  const mesh = new MeshBuilder();
  addPanel(mesh, {
    outline, thickness: th, rim: 0.1, cell: 0.02, relief: sumRelief(relief),
    thicknessScale: (x) => 0.8 + 0.2 * Math.min(1, (x + 0.5) / 0.4),
  });
  addSole(mesh, top, sole, p.depth * 1.05);
  if (p.heel !== 'flat') addHeel(mesh, p.heel, foot(0.4), p.depth);
  return mesh.finish({ mirror: p.toe === 'right' });
}

export const ankleBoot = defineProduct('ankle-boot', AnkleBootShape, buildAnkleBoot);
