import { z } from 'zod';
import { clothParams, clothWaves } from './cloth.js';
import { MeshBuilder } from './mesh-builder.js';
import { addPanel } from './panel.js';
import { choiceParam, defineProduct, numberParam, type Sampled } from './product-params.js';
import { groove } from './relief.js';
import { type TorsoShape, addNeck, addSleeves, frontNeckline, torsoOutline } from './torso.js';

/** T-shirts and tops (Fashion-MNIST class 0): short sleeves, or none (tank tops). Lengths in body lengths. */
export const TShirtShape = z.strictObject({
  sleeves: choiceParam(['short', 'none'], { choice: ['short', 'none'], weights: [4, 1] }, 'short sleeves, or none (a tank top with straps)'),
  neckline: choiceParam(['round', 'v'], { choice: ['round', 'v'], weights: [4, 1] }, 'shape of the front neckline'),
  chestWidth: numberParam(0.12, 0.5, { min: 0.22, max: 0.32 }, 'half the chest width'),
  shoulderWidth: numberParam(0.7, 1.5, { min: 0.95, max: 1.15 }, 'shoulder half-width relative to the chest'),
  hemFlare: numberParam(0.6, 1.8, { min: 0.92, max: 1.15 }, 'hem half-width relative to the chest'),
  waist: numberParam(0.6, 1.2, { min: 0.88, max: 1 }, 'waist half-width relative to the chest'),
  neckWidth: numberParam(0.03, 0.2, { min: 0.07, max: 0.12 }, 'half the width of the neck opening'),
  neckDepth: numberParam(0.01, 0.35, { min: 0.04, max: 0.12 }, 'depth of the front neckline below the neck points'),
  shoulderDrop: numberParam(0, 0.15, { min: 0.03, max: 0.07 }, 'how far the shoulder points sit below the neck points'),
  armholeDepth: numberParam(0.08, 0.4, { min: 0.17, max: 0.25 }, 'shoulder point to armpit'),
  sleeveLength: numberParam(0.01, 0.4, { min: 0.08, max: 0.2 }, 'length of the underarm seam'),
  sleeveAngle: numberParam(0, 100, { min: 50, max: 80 }, 'degrees from hanging straight down'),
  sleeveCuff: numberParam(0.02, 0.16, { min: 0.06, max: 0.1 }, 'half-width of the sleeve opening'),
  sleeveAsymmetry: numberParam(-25, 25, { min: -6, max: 6 }, 'degrees added to the right sleeve\'s angle and taken from the left\'s'),
  strapWidth: numberParam(0.015, 0.15, { min: 0.035, max: 0.08 }, 'width of the shoulder straps of a tank top'),
  insideBack: numberParam(0, 1, { choice: [0, 0.5, 1] }, 'how much the inside of the back shows through the neck (0: an empty opening)'),
  hemCurve: numberParam(0, 0.12, { min: 0, max: 0.03 }, 'how much higher the sides of the hem are than its centre'),
  ...clothParams,
});
export type TShirtParams = Sampled<z.output<typeof TShirtShape>>;

export function buildTShirt(p: TShirtParams) {
  const tank = p.sleeves === 'none';
  const neckHalf = tank ? p.neckWidth * 1.3 : p.neckWidth;
  const shoulderHalf = tank ? neckHalf + p.strapWidth : p.chestWidth * p.shoulderWidth;
  const t: TorsoShape = {
    length: 1,
    neckHalf,
    backNeckDrop: 0.02,
    frontNeckDepth: tank ? p.neckDepth * 1.5 + 0.05 : p.neckDepth,
    vNeck: p.neckline === 'v',
    shoulderHalf,
    shoulderDrop: tank ? p.shoulderDrop * 0.3 : p.shoulderDrop,
    armholeDepth: tank ? p.armholeDepth * 1.2 : p.armholeDepth,
    armholeScoop: tank ? 1 : 0.1,
    chestHalf: p.chestWidth,
    waistHalf: p.chestWidth * p.waist,
    waistAt: 0.55,
    hemHalf: p.chestWidth * p.hemFlare,
    hemCurve: p.hemCurve,
    frontGapHalf: 0,
    frontGapHeight: 0,
    openNeck: true,
  };
  const mesh = new MeshBuilder();
  const cell = 0.022, th = p.thickness;
  addPanel(mesh, {
    outline: torsoOutline(t), thickness: th, rim: 0.05, cell,
    relief: groove(frontNeckline(t), 0.012, -0.25 * th),
  });
  addNeck(mesh, t, th, p.insideBack, cell);
  if (!tank) {
    const shape = { length: p.sleeveLength, angle: p.sleeveAngle, bend: 0, cuffHalf: p.sleeveCuff };
    addSleeves(mesh, t, shape, p.sleeveAsymmetry, th, cell, 0.8);
  }
  return mesh.finish({ displace: clothWaves(p) });
}

export const tShirt = defineProduct('t-shirt', TShirtShape, buildTShirt);
