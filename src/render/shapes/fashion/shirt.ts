import { z } from 'zod';
import { clothParams, clothWaves } from './cloth.js';
import { pointedCollar } from './collar.js';
import { mirrorX } from './geometry-2d.js';
import { MeshBuilder } from './mesh-builder.js';
import { type Relief, addPanel } from './panel.js';
import { choiceParam, defineProduct, numberParam, type Sampled } from './product-params.js';
import { bump, groove, sumRelief } from './relief.js';
import { type TorsoShape, addNeck, addSleeves, frontNeckline, torsoOutline } from './torso.js';

/** Shirts and blouses (Fashion-MNIST class 6): collar, button placket, long or short sleeves, shirt tails. */
export const ShirtShape = z.strictObject({
  sleeves: choiceParam(['long', 'short'], { choice: ['long', 'short'], weights: [5, 1] }, 'sleeve length'),
  collar: choiceParam(['pointed', 'none'], { choice: ['pointed', 'none'], weights: [3, 2] }, 'a pointed shirt collar, or none (a blouse)'),
  placket: numberParam(0, 1, { choice: [0, 1], weights: [1, 3] }, '1: a button placket down the front'),
  buttons: numberParam(0, 12, { choice: [0, 4, 5, 6, 7] }, 'buttons down the placket'),
  chestWidth: numberParam(0.15, 0.5, { min: 0.24, max: 0.33 }, 'half the chest width'),
  shoulderWidth: numberParam(0.7, 1.5, { min: 0.98, max: 1.12 }, 'shoulder half-width relative to the chest'),
  hemFlare: numberParam(0.6, 1.6, { min: 0.9, max: 1.08 }, 'hem half-width relative to the chest'),
  neckWidth: numberParam(0.03, 0.2, { min: 0.06, max: 0.1 }, 'half the width of the neck'),
  neckDepth: numberParam(0.01, 0.3, { min: 0.04, max: 0.12 }, 'depth of the front neckline (blouses)'),
  shoulderDrop: numberParam(0, 0.2, { min: 0.04, max: 0.08 }, 'how far the shoulder points sit below the neck points'),
  armholeDepth: numberParam(0.1, 0.45, { min: 0.19, max: 0.27 }, 'shoulder point to armpit'),
  sleeveLength: numberParam(0.3, 1, { min: 0.52, max: 0.72 }, 'underarm length of a long sleeve'),
  sleeveAngle: numberParam(-10, 60, { min: -2, max: 10 }, 'degrees a long sleeve hangs away from straight down'),
  shortSleeveLength: numberParam(0.02, 0.4, { min: 0.06, max: 0.2 }, 'underarm length of a short sleeve'),
  shortSleeveAngle: numberParam(0, 100, { min: 30, max: 60 }, 'degrees a short sleeve stands away from straight down'),
  sleeveBend: numberParam(-30, 30, { min: -4, max: 8 }, 'degrees a long sleeve turns along its length'),
  sleeveCuff: numberParam(0.02, 0.14, { min: 0.05, max: 0.085 }, 'half-width of the sleeve end'),
  sleeveAsymmetry: numberParam(-20, 20, { min: -4, max: 4 }, 'degrees added to the right sleeve\'s angle and taken from the left\'s'),
  collarLength: numberParam(0.03, 0.25, { min: 0.07, max: 0.13 }, 'how far the collar points reach down'),
  collarSpread: numberParam(0, 0.2, { min: 0.02, max: 0.08 }, 'how far apart the collar points are'),
  hemCurve: numberParam(0, 0.15, { min: 0, max: 0.07 }, 'how much higher the sides of the hem are than the tails'),
  pocket: numberParam(0, 1, { choice: [0, 1], weights: [2, 1] }, '1: a chest pocket'),
  ...clothParams,
});
export type ShirtParams = Sampled<z.output<typeof ShirtShape>>;

export function buildShirt(p: ShirtParams) {
  const collar = p.collar === 'pointed';
  const t: TorsoShape = {
    length: 1, neckHalf: p.neckWidth, backNeckDrop: 0.015,
    frontNeckDepth: collar ? 0.06 : p.neckDepth, vNeck: false,
    shoulderHalf: p.chestWidth * p.shoulderWidth, shoulderDrop: p.shoulderDrop,
    armholeDepth: p.armholeDepth, armholeScoop: 0,
    chestHalf: p.chestWidth, waistHalf: p.chestWidth * Math.min(1, p.hemFlare) * 0.97, waistAt: 0.55, hemHalf: p.chestWidth * p.hemFlare,
    hemCurve: p.hemCurve, frontGapHalf: 0, frontGapHeight: 0, openNeck: !collar,
  };
  const mesh = new MeshBuilder();
  const cell = 0.024, th = p.thickness;
  const relief: Relief[] = [];
  const placketTop = -t.frontNeckDepth, bottom = -1 + 0.02;
  if (p.placket > 0.5) {
    for (const x of [-0.022, 0.022]) relief.push(groove([[x, placketTop], [x, bottom]], 0.006, 0.3 * th));
    for (let i = 0; i < p.buttons; i++) {
      const y = placketTop - 0.03 - ((i + 0.5) / Math.max(1, p.buttons)) * (placketTop - bottom - 0.08);
      relief.push(bump([0, y], 0.012, 0.25 * th));
    }
  }
  if (p.pocket > 0.5) {
    const x = -0.55 * t.chestHalf, y = -0.2 - t.shoulderDrop;
    relief.push(groove([[x - 0.07, y], [x - 0.07, y - 0.12], [x, y - 0.15], [x + 0.07, y - 0.12], [x + 0.07, y], [x - 0.07, y]], 0.006, 0.3 * th));
  }
  if (!collar) relief.push(groove(frontNeckline(t), 0.01, -0.2 * th));
  addPanel(mesh, { outline: torsoOutline(t), thickness: th, rim: 0.045, cell, relief: sumRelief(relief) });
  if (collar) {
    const right = pointedCollar(t, p.collarLength, p.collarSpread);
    for (const outline of [right, mirrorX(right)]) {
      addPanel(mesh, { outline, thickness: 0.6 * th, base: 0.6 * th, rim: 0.02, cell: 0.012 });
    }
  } else {
    addNeck(mesh, t, th, 0.5, cell);
  }
  const long = p.sleeves === 'long';
  const shape = long
    ? { length: p.sleeveLength, angle: p.sleeveAngle, bend: p.sleeveBend, cuffHalf: p.sleeveCuff }
    : { length: p.shortSleeveLength, angle: p.shortSleeveAngle, bend: 0, cuffHalf: p.sleeveCuff * 1.2 };
  addSleeves(mesh, t, shape, p.sleeveAsymmetry, th, cell, long ? 0.88 : 0.8);
  return mesh.finish({ displace: clothWaves(p) });
}

export const shirt = defineProduct('shirt', ShirtShape, buildShirt);
