import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { boundedNumberDist, sampleNumber } from '../distributions.js';
import type { ImageFolders } from '../images/image-folder.js';
import { FrameMaterial, MaterialSpec, sampleMaterial } from '../materials/materials.js';

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

export function sampleSurface(spec: SurfaceSpec | undefined, rng: Rng, folders: ImageFolders): FrameSurface {
  if (!spec) return null;
  return { size: sampleNumber(spec.size, rng.fork('size')), material: sampleMaterial(spec.material, rng.fork('material'), folders) };
}
