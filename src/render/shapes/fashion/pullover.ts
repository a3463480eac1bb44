import { z } from 'zod';
import { clothParams, clothWaves } from './cloth.js';
import { type Vec2, mirrorClosed } from './geometry-2d.js';
import { MeshBuilder } from './mesh-builder.js';
import { type Relief, addPanel } from './panel.js';
import { choiceParam, defineProduct, numberParam, type Sampled } from './product-params.js';
import { dent, groove, sumRelief } from './relief.js';
import { type TorsoShape, addNeck, addSleeves, frontNeckline, hoodOutline, torsoOutline } from './torso.js';

/** Pullovers, sweaters and hoodies (Fashion-MNIST class 2): long sleeves, ribbed hem and cuffs. */
export const PulloverShape = z.strictObject({
  neckline: choiceParam(['crew', 'v', 'turtle', 'hood'], { choice: ['crew', 'v', 'turtle', 'hood'], weights: [5, 2, 1, 2] }, 'the neck: crew, v, turtleneck or a hood'),
  chestWidth: numberParam(0.15, 0.5, { min: 0.27, max: 0.36 }, 'half the chest width'),
  shoulderWidth: numberParam(0.7, 1.5, { min: 1, max: 1.15 }, 'shoulder half-width relative to the chest'),
  hemFlare: numberParam(0.6, 1.5, { min: 0.86, max: 1.02 }, 'hem half-width relative to the chest'),
  neckWidth: numberParam(0.03, 0.2, { min: 0.07, max: 0.11 }, 'half the width of the neck opening'),
  neckDepth: numberParam(0.01, 0.3, { min: 0.03, max: 0.08 }, 'depth of a crew neck below the neck points (a v neck is 2.5 times deeper)'),
  shoulderDrop: numberParam(0, 0.2, { min: 0.04, max: 0.09 }, 'how far the shoulder points sit below the neck points'),
  armholeDepth: numberParam(0.1, 0.45, { min: 0.2, max: 0.3 }, 'shoulder point to armpit'),
  sleeveLength: numberParam(0.3, 1, { min: 0.56, max: 0.76 }, 'length of the underarm seam'),
  sleeveAngle: numberParam(-10, 60, { min: -2, max: 10 }, 'degrees from hanging straight down'),
  sleeveBend: numberParam(-30, 30, { min: -4, max: 8 }, 'degrees the sleeve turns along its length'),
  sleeveCuff: numberParam(0.02, 0.14, { min: 0.058, max: 0.085 }, 'half-width of the cuff'),
  sleeveAsymmetry: numberParam(-20, 20, { min: -4, max: 4 }, 'degrees added to the right sleeve\'s angle and taken from the left\'s'),
  ribHeight: numberParam(0, 0.15, { min: 0.02, max: 0.09 }, 'height of the ribbed hem band (0: none)'),
  hoodWidth: numberParam(0.05, 0.3, { min: 0.13, max: 0.19 }, 'half-width of the hood'),
  hoodHeight: numberParam(0.02, 0.35, { min: 0.06, max: 0.16 }, 'how far the hood rises above the neck points'),
  pocket: numberParam(0, 1, { choice: [0, 1], weights: [3, 1] }, '1: a front (kangaroo) pocket'),
  insideBack: numberParam(0, 1, { choice: [0, 0.5, 1] }, 'how much the inside of the back shows through the neck'),
  ...clothParams,
});
export type PulloverParams = Sampled<z.output<typeof PulloverShape>>;

export function buildPullover(p: PulloverParams) {
  const hood = p.neckline === 'hood', turtle = p.neckline === 'turtle';
  const t: TorsoShape = {
    length: 1, neckHalf: p.neckWidth, backNeckDrop: 0.015,
    frontNeckDepth: p.neckline === 'v' ? 2.5 * p.neckDepth : p.neckDepth, vNeck: p.neckline === 'v',
    shoulderHalf: p.chestWidth * p.shoulderWidth, shoulderDrop: p.shoulderDrop,
    armholeDepth: p.armholeDepth, armholeScoop: 0,
    chestHalf: p.chestWidth, waistHalf: p.chestWidth * (p.hemFlare + 1) / 2, waistAt: 0.6, hemHalf: p.chestWidth * p.hemFlare,
    hemCurve: 0, frontGapHalf: 0, frontGapHeight: 0, openNeck: !hood && !turtle,
  };
  const mesh = new MeshBuilder();
  const cell = 0.024, th = p.thickness;
  const relief: Relief[] = [groove(frontNeckline(t), 0.018, -0.6 * th)];
  if (p.ribHeight > 0.01) relief.push(groove([[-t.hemHalf, -1 + p.ribHeight], [t.hemHalf, -1 + p.ribHeight]], 0.01, 0.3 * th));
  if (p.pocket > 0.5) {
    const w = 0.6 * t.hemHalf, top = -1 + p.ribHeight + 0.28, bottom = -1 + p.ribHeight + 0.02;
    relief.push(groove([[-w, bottom], [-0.7 * w, top], [0.7 * w, top], [w, bottom]], 0.008, 0.3 * th));
  }
  if (hood) relief.push(dent(frontNeckline(t).map(([x, y]): Vec2 => [x * 0.6, y * 0.6 - 0.01]), 0.2 * th, 0.01));
  addPanel(mesh, { outline: torsoOutline(t), thickness: th, rim: 0.05, cell, relief: sumRelief(relief) });
  if (t.openNeck) addNeck(mesh, t, th, p.insideBack, cell);
  if (turtle) {
    const w = t.neckHalf * 1.15, h = Math.max(0.06, p.neckDepth + 0.04);
    const collar = mirrorClosed([[0, -p.neckDepth], [w, -p.neckDepth + 0.01], [w * 1.02, h], [0, h + 0.005]]);
    const ribs = [0.3, 0.6].map((f) => groove([[-w, -p.neckDepth + f * (h + p.neckDepth)], [w, -p.neckDepth + f * (h + p.neckDepth)]], 0.006, 0.2 * th));
    addPanel(mesh, { outline: collar, thickness: 0.9 * th, base: 0.4 * th, rim: 0.03, cell: 0.015, relief: sumRelief(ribs) });
  }
  if (hood) {
    addPanel(mesh, {
      outline: hoodOutline(t, p.hoodWidth, p.hoodHeight), thickness: 0.8 * th, rim: 0.04, cell,
      relief: dent(hoodOutline(t, p.hoodWidth * 0.7, p.hoodHeight * 0.6), 0.4 * th, 0.015),
    });
  }
  addSleeves(mesh, t, { length: p.sleeveLength, angle: p.sleeveAngle, bend: p.sleeveBend, cuffHalf: p.sleeveCuff }, p.sleeveAsymmetry, th, cell,
    p.ribHeight > 0.01 ? 0.9 : 0.97);
  return mesh.finish({ displace: clothWaves(p) });
}

export const pullover = defineProduct('pullover', PulloverShape, buildPullover);
