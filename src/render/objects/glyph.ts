import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { boundedNumberDist, sampleNumber } from '../distributions.js';
import type { ImageFolders } from '../images/image-folder.js';
import { FrameMaterial, MaterialSpec, sampleMaterial } from '../materials/materials.js';
import { framePlacementFields, placementFields, samplePlacement } from './placement.js';

const FontList = z
  .array(z.string().min(1))
  .min(1)
  .describe('font files (.ttf, .otf, .woff): paths relative to the scene file, absolute, or "npm:<package>/<file>"');

/** Text (usually one character) from a font, extruded into a solid lying on the surface. */
export const GlyphObject = z.strictObject({
  kind: z.literal('glyph'),
  text: z.record(z.string(), z.string().min(1)).optional()
    .describe('characters drawn for each class; default: the class name itself'),
  fonts: FontList,
  fontWeights: z.array(z.number().nonnegative()).optional().describe('relative frequency of each font'),
  size: boundedNumberDist(1e-6, Infinity).default(1).describe('glyph height in scene units'),
  depth: boundedNumberDist(1e-6, Infinity).default(0.15).describe('extrusion depth in scene units'),
  stretch: boundedNumberDist(0.05, 20).default(1).describe('horizontal scale relative to the font (1 = as designed)'),
  shear: boundedNumberDist(-80, 80, '°').default(0).describe('slant in degrees; positive leans right like italics'),
  ...placementFields,
  material: MaterialSpec.prefault({}),
});
export type GlyphObject = z.output<typeof GlyphObject>;

export const FrameGlyph = z.strictObject({
  kind: z.literal('glyph'),
  ...framePlacementFields,
  font: z.string(),
  text: z.string(),
  size: z.number(),
  depth: z.number(),
  stretch: z.number(),
  shear: z.number(),
  material: FrameMaterial,
});
export type FrameGlyph = z.output<typeof FrameGlyph>;

export function sampleGlyph(object: GlyphObject, classes: string[], rng: Rng, folders: ImageFolders): FrameGlyph {
  const placement = samplePlacement(object, classes, rng);
  return {
    kind: 'glyph',
    ...placement,
    font: rng.fork('font').pick(object.fonts, object.fontWeights),
    text: object.text?.[placement.class] ?? placement.class,
    size: sampleNumber(object.size, rng.fork('size')),
    depth: sampleNumber(object.depth, rng.fork('depth')),
    stretch: sampleNumber(object.stretch, rng.fork('stretch')),
    shear: sampleNumber(object.shear, rng.fork('shear')),
    material: sampleMaterial(object.material, rng.fork('material'), folders),
  };
}
