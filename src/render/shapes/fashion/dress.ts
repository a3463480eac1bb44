import { z } from 'zod';
import { clothParams, clothWaves } from './cloth.js';
import { MeshBuilder } from './mesh-builder.js';
import { type Relief, addPanel } from './panel.js';
import { choiceParam, defineProduct, numberParam, type Sampled } from './product-params.js';
import { groove, sumRelief } from './relief.js';
import { type TorsoShape, addNeck, addSleeves, frontNeckline, torsoOutline } from './torso.js';

/** Dresses (Fashion-MNIST class 3): a fitted bodice and a skirt flaring to the hem. Lengths in dress lengths. */
export const DressShape = z.strictObject({
  sleeves: choiceParam(['none', 'short', 'long'], { choice: ['none', 'short', 'long'], weights: [5, 3, 2] }, 'sleeve length (none: straps)'),
  neckline: choiceParam(['round', 'v'], { choice: ['round', 'v'], weights: [3, 1] }, 'shape of the front neckline'),
  shoulderWidth: numberParam(0.06, 0.35, { min: 0.15, max: 0.22 }, 'half the width across the shoulders'),
  chestWidth: numberParam(0.06, 0.35, { min: 0.14, max: 0.21 }, 'half the bust width'),
  waist: numberParam(0.5, 1.3, { min: 0.8, max: 1 }, 'waist half-width relative to the bust'),
  waistAt: numberParam(0.2, 0.7, { min: 0.28, max: 0.45 }, 'height of the waist, as a fraction of the length from the neck'),
  hemWidth: numberParam(0.06, 0.6, { min: 0.15, max: 0.27 }, 'half the width of the hem'),
  neckWidth: numberParam(0.02, 0.15, { min: 0.05, max: 0.09 }, 'half the width of the neck opening'),
  neckDepth: numberParam(0.01, 0.3, { min: 0.03, max: 0.1 }, 'depth of the front neckline'),
  armholeDepth: numberParam(0.05, 0.35, { min: 0.12, max: 0.18 }, 'shoulder point to armpit'),
  strapWidth: numberParam(0.01, 0.12, { min: 0.02, max: 0.05 }, 'width of the straps of a sleeveless dress'),
  shortSleeveLength: numberParam(0.01, 0.3, { min: 0.03, max: 0.1 }, 'underarm length of a short sleeve'),
  longSleeveLength: numberParam(0.1, 0.7, { min: 0.3, max: 0.45 }, 'underarm length of a long sleeve'),
  sleeveAngle: numberParam(-10, 90, { min: 5, max: 30 }, 'degrees from hanging straight down (short sleeves stand out 25 more)'),
  sleeveCuff: numberParam(0.015, 0.12, { min: 0.035, max: 0.06 }, 'half-width of the sleeve end'),
  hemCurve: numberParam(-0.1, 0.1, { min: -0.02, max: 0.03 }, 'how much higher the sides of the hem are than its centre'),
  waistSeam: numberParam(0, 1, { choice: [0, 1] }, '1: a seam or belt at the waist'),
  pleats: numberParam(0, 12, { choice: [0, 0, 3, 5, 7] }, 'pleat lines down the skirt'),
  ...clothParams,
});
export type DressParams = Sampled<z.output<typeof DressShape>>;

export function buildDress(p: DressParams) {
  const straps = p.sleeves === 'none';
  const neckHalf = straps ? p.neckWidth * 1.3 : p.neckWidth;
  const shoulderHalf = straps ? Math.min(neckHalf + p.strapWidth, p.chestWidth * 0.9) : p.shoulderWidth;
  const t: TorsoShape = {
    length: 1, neckHalf, backNeckDrop: 0.015,
    frontNeckDepth: (p.neckline === 'v' ? 2 : 1) * p.neckDepth + (straps ? 0.03 : 0), vNeck: p.neckline === 'v',
    shoulderHalf, shoulderDrop: straps ? 0.01 : 0.03,
    armholeDepth: p.armholeDepth, armholeScoop: straps ? 1 : 0.1,
    chestHalf: p.chestWidth, waistHalf: p.chestWidth * p.waist, waistAt: p.waistAt, hemHalf: p.hemWidth,
    hemCurve: p.hemCurve, frontGapHalf: 0, frontGapHeight: 0, openNeck: true,
  };
  const mesh = new MeshBuilder();
  const cell = 0.018, th = p.thickness * 0.7;
  const waistY = -p.waistAt;
  const relief: Relief[] = [groove(frontNeckline(t), 0.008, -0.25 * th)];
  if (p.waistSeam > 0.5) relief.push(groove([[-t.waistHalf * 1.1, waistY], [t.waistHalf * 1.1, waistY]], 0.007, 0.35 * th));
  for (let i = 1; i <= p.pleats; i++) {
    const f = i / (p.pleats + 1) - 0.5;
    relief.push(groove([[f * t.waistHalf * 1.6, waistY - 0.03], [f * t.hemHalf * 1.7, -0.98]], 0.008, 0.3 * th));
  }
  addPanel(mesh, { outline: torsoOutline(t), thickness: th, rim: 0.035, cell, relief: sumRelief(relief) });
  addNeck(mesh, t, th, 0.5, cell);
  if (!straps) {
    const short = p.sleeves === 'short';
    const shape = short
      ? { length: p.shortSleeveLength, angle: p.sleeveAngle + 25, bend: 0, cuffHalf: p.sleeveCuff * 1.2 }
      : { length: p.longSleeveLength, angle: p.sleeveAngle * 0.5, bend: 4, cuffHalf: p.sleeveCuff };
    addSleeves(mesh, t, shape, 0, th, cell, short ? 0.75 : 0.9);
  }
  return mesh.finish({ displace: clothWaves({ ...p, wrinkle: p.wrinkle * 0.7 }) });
}

export const dress = defineProduct('dress', DressShape, buildDress);
