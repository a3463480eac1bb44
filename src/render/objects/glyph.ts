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
  excludeFonts: z.record(z.string(), z.array(z.string().min(1))).optional()
    .describe('per class, fonts of `fonts` never drawn for it (a font whose 7 is crossed, whose 1 reads as a 7)'),
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
    font: rng.fork('font').pick(object.fonts, fontWeightsFor(object, placement.class)),
    text: object.text?.[placement.class] ?? placement.class,
    size: sampleNumber(object.size, rng.fork('size')),
    depth: sampleNumber(object.depth, rng.fork('depth')),
    stretch: sampleNumber(object.stretch, rng.fork('stretch')),
    shear: sampleNumber(object.shear, rng.fork('shear')),
    material: sampleMaterial(object.material, rng.fork('material'), folders),
  };
}

/** The font weights for one class: fontWeights (or uniform) with the class's excluded fonts at zero. */
export function fontWeightsFor(object: Pick<GlyphObject, 'fonts' | 'fontWeights' | 'excludeFonts'>, className: string): number[] | undefined {
  const excluded = object.excludeFonts?.[className];
  if (excluded === undefined || excluded.length === 0) return object.fontWeights;
  return object.fonts.map((font, i) => (excluded.includes(font) ? 0 : object.fontWeights?.[i] ?? 1));
}

/**
 * excludeFonts names fonts of the object's list, and leaves each class the object can draw at least
 * one font (its keys are checked against the scene's classes with the other per-class maps).
 */
export function checkExcludedFonts(object: GlyphObject, drawable: readonly string[], at: PropertyKey[], ctx: z.RefinementCtx): void {
  for (const [className, fonts] of Object.entries(object.excludeFonts ?? {})) {
    const where = [...at, 'excludeFonts', className];
    fonts.forEach((font, j) => {
      if (!object.fonts.includes(font)) ctx.addIssue({ code: 'custom', path: [...where, j], input: font, message: 'expected one of the object\'s fonts' });
    });
    if (drawable.includes(className) && !(fontWeightsFor(object, className) ?? [1]).some((w) => w > 0)) {
      ctx.addIssue({ code: 'custom', path: where, input: fonts, message: `leaves class ${JSON.stringify(className)} no font to draw with` });
    }
  }
}
