import { z } from 'zod';

/**
 * One concrete frame: every value sampled, nothing random left. The page renders exactly this, and
 * the manifest records it, so reports can slice accuracy by any parameter.
 */

const Vec3 = z.strictObject({ x: z.number(), y: z.number(), z: z.number() });
const Colour = z.string().regex(/^#[0-9a-f]{6}$/);
const Material = z.strictObject({ colour: Colour, roughness: z.number(), metalness: z.number() });

export const FrameLight = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ambient'), intensity: z.number(), colour: Colour }),
  z.strictObject({ type: z.literal('hemisphere'), intensity: z.number(), sky: Colour, ground: Colour }),
  z.strictObject({ type: z.literal('directional'), intensity: z.number(), colour: Colour, elevation: z.number(), azimuth: z.number() }),
  z.strictObject({ type: z.literal('point'), intensity: z.number(), colour: Colour, position: Vec3, range: z.number() }),
]);
export type FrameLight = z.output<typeof FrameLight>;

export const FrameGlyph = z.strictObject({
  kind: z.literal('glyph'),
  class: z.string(),
  label: z.int().nonnegative(),
  font: z.string(),
  text: z.string(),
  size: z.number(),
  depth: z.number(),
  stretch: z.number(),
  shear: z.number(),
  position: Vec3,
  rotation: Vec3,
  material: Material,
});
export type FrameObject = z.output<typeof FrameGlyph>;

export const FrameSpec = z.strictObject({
  index: z.int().nonnegative(),
  background: Colour,
  camera: z.strictObject({
    fov: z.number(),
    distance: z.number(),
    elevation: z.number(),
    azimuth: z.number(),
    roll: z.number(),
    lookAt: Vec3,
  }),
  lights: z.array(FrameLight),
  surface: z.strictObject({ size: z.number(), material: Material }).nullable(),
  objects: z.array(FrameGlyph),
});
export type FrameSpec = z.output<typeof FrameSpec>;
