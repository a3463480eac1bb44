import { z } from 'zod';
import { clothParams, clothWaves } from './cloth.js';
import { lapel, standCollar } from './collar.js';
import { mirrorX } from './geometry-2d.js';
import { MeshBuilder } from './mesh-builder.js';
import { type Relief, addPanel } from './panel.js';
import { choiceParam, defineProduct, numberParam, type Sampled } from './product-params.js';
import { bump, dent, groove, sumRelief } from './relief.js';
import { type TorsoShape, addSleeves, hoodOutline, torsoOutline } from './torso.js';

/** Coats and jackets (Fashion-MNIST class 4): long sleeves, a front that zips, buttons or hangs open, collar or hood. */
export const CoatShape = z.strictObject({
  closure: choiceParam(['zip', 'buttons', 'open'], { choice: ['zip', 'buttons', 'open'], weights: [5, 2, 2] }, 'how the front closes'),
  collar: choiceParam(['stand', 'lapel', 'hood', 'none'], { choice: ['stand', 'lapel', 'hood', 'none'], weights: [4, 2, 3, 1] }, 'what is at the neck'),
  chestWidth: numberParam(0.12, 0.5, { min: 0.24, max: 0.35 }, 'half the chest width (narrow: a long coat)'),
  shoulderWidth: numberParam(0.7, 1.5, { min: 1, max: 1.12 }, 'shoulder half-width relative to the chest'),
  hemFlare: numberParam(0.6, 1.6, { min: 0.92, max: 1.12 }, 'hem half-width relative to the chest'),
  neckWidth: numberParam(0.03, 0.2, { min: 0.07, max: 0.11 }, 'half the width of the neck'),
  neckDepth: numberParam(0.02, 0.4, { min: 0.06, max: 0.16 }, 'depth of the front neckline'),
  shoulderDrop: numberParam(0, 0.2, { min: 0.04, max: 0.08 }, 'how far the shoulder points sit below the neck points'),
  armholeDepth: numberParam(0.1, 0.45, { min: 0.19, max: 0.28 }, 'shoulder point to armpit'),
  sleeveLength: numberParam(0.3, 1, { min: 0.48, max: 0.72 }, 'length of the underarm seam'),
  sleeveAngle: numberParam(-10, 60, { min: -2, max: 8 }, 'degrees the sleeves hang away from straight down'),
  sleeveBend: numberParam(-30, 30, { min: -4, max: 8 }, 'degrees a sleeve turns along its length'),
  sleeveCuff: numberParam(0.02, 0.14, { min: 0.06, max: 0.09 }, 'half-width of the cuff'),
  sleeveAsymmetry: numberParam(-20, 20, { min: -4, max: 4 }, 'degrees added to the right sleeve\'s angle and taken from the left\'s'),
  openWidth: numberParam(0, 0.3, { min: 0.02, max: 0.08 }, 'half-width of the gap at the hem of an open front'),
  openHeight: numberParam(0, 0.9, { min: 0.15, max: 0.5 }, 'how far up an open front gapes'),
  hoodWidth: numberParam(0.05, 0.3, { min: 0.13, max: 0.19 }, 'half-width of the hood'),
  hoodHeight: numberParam(0.02, 0.35, { min: 0.07, max: 0.16 }, 'how far the hood rises above the neck points'),
  quilting: numberParam(0, 12, { choice: [0, 5, 7, 9], weights: [12, 1, 1, 1] }, 'horizontal quilted channels (puffer jackets); 0: none'),
  pockets: numberParam(0, 1, { choice: [0, 1] }, '1: two slanted hip pockets'),
  belt: numberParam(0, 1, { choice: [0, 1], weights: [5, 1] }, '1: a belt at the waist'),
  ...clothParams,
});
export type CoatParams = Sampled<z.output<typeof CoatShape>>;

export function buildCoat(p: CoatParams) {
  const open = p.closure === 'open';
  const t: TorsoShape = {
    length: 1, neckHalf: p.neckWidth, backNeckDrop: 0.02, frontNeckDepth: p.neckDepth, vNeck: false,
    shoulderHalf: p.chestWidth * p.shoulderWidth, shoulderDrop: p.shoulderDrop,
    armholeDepth: p.armholeDepth, armholeScoop: 0,
    chestHalf: p.chestWidth, waistHalf: p.chestWidth * (0.95 + 0.05 * p.hemFlare), waistAt: 0.5, hemHalf: p.chestWidth * p.hemFlare,
    hemCurve: 0, frontGapHalf: open ? p.openWidth : 0, frontGapHeight: open ? p.openHeight : 0, openNeck: false,
  };
  const mesh = new MeshBuilder();
  const cell = 0.024, th = p.thickness * 1.2;
  const relief: Relief[] = [];
  const frontTop = -t.frontNeckDepth * 0.5, frontBottom = open ? -1 + p.openHeight : -1;
  if (p.closure === 'zip') relief.push(groove([[0, frontTop], [0, frontBottom]], 0.016, 0.8 * th));
  if (p.closure === 'buttons') {
    for (let i = 0; i < 4; i++) {
      const y = frontTop - 0.1 - i * 0.14;
      if (y > frontBottom + 0.05) relief.push(bump([-0.06, y], 0.014, 0.3 * th), bump([0.06, y], 0.014, 0.3 * th));
    }
    relief.push(groove([[0.01, frontTop], [0.01, frontBottom]], 0.005, 0.25 * th));
  }
  if (open) relief.push(groove([[0, frontTop], [0, frontBottom]], 0.014, 0.7 * th));
  for (let i = 1; i <= p.quilting; i++) {
    const y = -t.shoulderDrop - (i / (p.quilting + 1)) * (1 - t.shoulderDrop);
    relief.push(groove([[-t.hemHalf * 1.1, y], [t.hemHalf * 1.1, y]], 0.008, 0.35 * th));
  }
  if (p.pockets > 0.5) {
    for (const s of [1, -1]) relief.push(groove([[s * 0.55 * t.hemHalf, -0.62], [s * 0.8 * t.hemHalf, -0.78]], 0.007, 0.35 * th));
  }
  if (p.belt > 0.5) {
    const y = -0.5;
    relief.push(groove([[-t.chestHalf * 1.1, y + 0.025], [t.chestHalf * 1.1, y + 0.025]], 0.006, 0.35 * th));
    relief.push(groove([[-t.chestHalf * 1.1, y - 0.025], [t.chestHalf * 1.1, y - 0.025]], 0.006, 0.35 * th));
  }
  addPanel(mesh, { outline: torsoOutline(t), thickness: th, rim: 0.05, cell, relief: sumRelief(relief) });
  if (open) {
    // The inside of the back shows between the open fronts.
    const w = Math.min(p.openWidth, 0.8 * t.hemHalf) + 0.02;
    addPanel(mesh, { outline: [[0, -1 + p.openHeight + 0.02], [-w, -1], [w, -1]], thickness: 0.35 * th, rim: 0.01, cell: 0.012 });
  }
  if (p.collar === 'lapel') {
    const right = lapel(t, Math.max(0.2, t.frontNeckDepth * 2), 0.06 + 0.2 * t.neckHalf);
    for (const outline of [right, mirrorX(right)]) addPanel(mesh, { outline, thickness: 0.5 * th, base: 0.6 * th, rim: 0.02, cell: 0.014 });
  } else if (p.collar === 'stand') {
    addPanel(mesh, { outline: standCollar(t, 0.06), thickness: 0.6 * th, base: 0.5 * th, rim: 0.02, cell: 0.014 });
  } else if (p.collar === 'hood') {
    addPanel(mesh, {
      outline: hoodOutline(t, p.hoodWidth, p.hoodHeight), thickness: 0.8 * th, rim: 0.04, cell,
      relief: dent(hoodOutline(t, p.hoodWidth * 0.7, p.hoodHeight * 0.6), 0.4 * th, 0.015),
    });
  }
  addSleeves(mesh, t, { length: p.sleeveLength, angle: p.sleeveAngle, bend: p.sleeveBend, cuffHalf: p.sleeveCuff }, p.sleeveAsymmetry, th, cell, 0.9);
  return mesh.finish({ displace: clothWaves(p) });
}

export const coat = defineProduct('coat', CoatShape, buildCoat);
