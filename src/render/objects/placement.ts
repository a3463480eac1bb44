import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { Vec3Dist, boundedNumberDist, choiceDist, sampleChoice, sampleVec3 } from '../distributions.js';
import { Vec3 } from '../frame-values.js';

/** Fields every object kind shares: its class, where it stands, and whether it is labelled at all. */
export const placementFields = {
  count: boundedNumberDist(0, 64).default(1)
    .describe('how many of this object each image has (rounded down), each sampled on its own'),
  class: choiceDist(z.string()).optional()
    .describe('the class (a class name or {choice, weights}); default: uniform over the scene classes'),
  distractor: z.boolean().default(false)
    .describe('drawn and occluding, but never labelled: clutter around and in front of the targets'),
  position: Vec3Dist.prefault({}),
  rotation: Vec3Dist.prefault({}).describe('degrees about x, y, z (z spins the object on the surface)'),
};

export const framePlacementFields = {
  class: z.string(),
  label: z.int().nonnegative(),
  distractor: z.boolean().optional(),
  position: Vec3,
  rotation: Vec3,
  option: z.int().nonnegative().optional().describe('for an object of a oneOf entry: the index of the spec that drew it'),
};

interface Placement {
  class?: z.output<typeof placementFields.class>;
  distractor: boolean;
  position: z.output<typeof Vec3Dist>;
  rotation: z.output<typeof Vec3Dist>;
}

export function samplePlacement(object: Placement, classes: string[], rng: Rng) {
  const className = object.class === undefined ? rng.fork('class').pick(classes) : sampleChoice(object.class, rng.fork('class'));
  return {
    class: className,
    label: classes.indexOf(className),
    ...(object.distractor ? { distractor: true } : {}),
    position: sampleVec3(object.position, rng.fork('position')),
    rotation: sampleVec3(object.rotation, rng.fork('rotation')),
  };
}

/** Scene-wide placement rules. */
export const PlacementSpec = z.strictObject({
  overlap: z.enum(['allow', 'avoid']).default('allow')
    .describe('avoid: resample an object\'s position until its footprint clears the objects placed before it'),
  attempts: z.int().min(1).max(1000).default(30).describe('positions tried per object before it is placed anyway'),
});
export type PlacementSpec = z.output<typeof PlacementSpec>;
