import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { ColourDist, boundedNumberDist, sampleColour, sampleNumber } from '../distributions.js';
import { Colour } from '../frame-values.js';
import { FrameMaterial, MaterialSpec, sampleMaterial } from '../materials/materials.js';

/** What is seen behind everything. */
export const BackgroundSpec = ColourDist.describe('colour behind everything');
export type BackgroundSpec = z.output<typeof BackgroundSpec>;

export const FrameBackground = Colour;
export type FrameBackground = z.output<typeof FrameBackground>;

export function sampleBackground(spec: BackgroundSpec, rng: Rng): FrameBackground {
  return sampleColour(spec, rng);
}

/** A flat square at z = 0 under the objects. */
export const SurfaceSpec = z
  .strictObject({
    size: boundedNumberDist(1e-3, Infinity).default(10).describe('side of the square surface'),
    material: MaterialSpec.prefault({ colour: '#808080', roughness: 0.9 }),
  })
  .describe('a flat surface at z = 0 under the objects; omit for none');
export type SurfaceSpec = z.output<typeof SurfaceSpec>;

export const FrameSurface = z.strictObject({ size: z.number(), material: FrameMaterial }).nullable();
export type FrameSurface = z.output<typeof FrameSurface>;

export function sampleSurface(spec: SurfaceSpec | undefined, rng: Rng): FrameSurface {
  if (!spec) return null;
  return { size: sampleNumber(spec.size, rng.fork('size')), material: sampleMaterial(spec.material, rng.fork('material')) };
}
