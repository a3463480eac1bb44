import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { boundedNumberDist, sampleNumber } from '../distributions.js';
import type { ImageFolders } from '../images/image-folder.js';
import { FrameMaterial, MaterialSpec, sampleMaterial } from '../materials/materials.js';
import { HandwritingParams, HandwritingStyle, sampleHandwriting } from '../shapes/handwriting/index.js';
import { framePlacementFields, placementFields, samplePlacement } from './placement.js';

/**
 * A handwritten digit: procedural pen strokes (shapes/handwriting/) drawn as flat ink lying on the
 * surface. Every image gets a new digit: template, slant, aspect, pen width, jitter and warp are
 * sampled from `style`.
 */
export const HandwritingObject = z.strictObject({
  kind: z.literal('handwriting'),
  digits: z.record(z.string(), z.int().min(0).max(9)).optional()
    .describe('the digit (0-9) each class draws; default: the class name read as a digit'),
  style: HandwritingStyle.prefault({}),
  size: boundedNumberDist(1e-6, Infinity).default(1).describe('digit height in scene units'),
  ...placementFields,
  material: MaterialSpec.prefault({}),
});
export type HandwritingObject = z.output<typeof HandwritingObject>;

export const FrameHandwriting = z.strictObject({
  kind: z.literal('handwriting'),
  ...framePlacementFields,
  size: z.number(),
  handwriting: HandwritingParams,
  samplesPerSegment: z.int().positive(),
  material: FrameMaterial,
});
export type FrameHandwriting = z.output<typeof FrameHandwriting>;

/** The digit an object draws for a class, or undefined when the class names none. */
export function handwritingDigit(object: Pick<HandwritingObject, 'digits'>, className: string): number | undefined {
  return object.digits?.[className] ?? (/^[0-9]$/.test(className) ? Number(className) : undefined);
}

export function sampleHandwritingObject(object: HandwritingObject, classes: string[], rng: Rng, folders: ImageFolders): FrameHandwriting {
  const placement = samplePlacement(object, classes, rng);
  const digit = handwritingDigit(object, placement.class);
  if (digit === undefined) throw new Error(`class ${placement.class} names no digit (the scene schema should have refused it)`);
  return {
    kind: 'handwriting',
    ...placement,
    size: sampleNumber(object.size, rng.fork('size')),
    handwriting: sampleHandwriting(object.style, rng.fork('handwriting'), digit),
    samplesPerSegment: object.style.samplesPerSegment,
    material: sampleMaterial(object.material, rng.fork('material'), folders),
  };
}
