import { z } from 'zod';
import type { Rng } from '../../rng.js';
import type { ImageFolders } from '../images/image-folder.js';
import { boundedNumberDist, sampleNumber } from '../distributions.js';
import { FrameMaterial, MaterialSpec, sampleMaterial } from '../materials/materials.js';
import { framePlacementFields, placementFields, samplePlacement } from './placement.js';

/**
 * A glTF 2.0 model (.glb or .gltf with embedded buffers) standing on the surface. Its meshes are
 * joined into one solid and coloured by the sampled material, so material randomisation applies to
 * models as to every other object.
 */
export const ModelObject = z.strictObject({
  kind: z.literal('model'),
  files: z.array(z.string().min(1)).min(1)
    .describe('glTF files (.glb, or .gltf with embedded data): paths relative to the scene file, absolute, or "npm:<package>/<file>"'),
  fileWeights: z.array(z.number().nonnegative()).optional().describe('relative frequency of each file'),
  scale: boundedNumberDist(1e-6, Infinity).default(1).describe('uniform scale; glTF units are metres'),
  up: z.enum(['y', 'z']).default('y').describe('the model\'s up axis (glTF convention: y)'),
  ...placementFields,
  material: MaterialSpec.prefault({}),
});
export type ModelObject = z.output<typeof ModelObject>;

export const FrameModel = z.strictObject({
  kind: z.literal('model'),
  file: z.string(),
  up: z.enum(['y', 'z']),
  scale: z.number(),
  ...framePlacementFields,
  material: FrameMaterial,
});
export type FrameModel = z.output<typeof FrameModel>;

/** How a model's geometry is found in the page: the same file placed with another up axis is another geometry. */
export function modelKey(file: string, up: 'y' | 'z'): string {
  return `model\u0000${up}\u0000${file}`;
}

export function sampleModel(object: ModelObject, classes: string[], rng: Rng, folders: ImageFolders): FrameModel {
  return {
    kind: 'model',
    file: rng.fork('file').pick(object.files, object.fileWeights),
    up: object.up,
    scale: sampleNumber(object.scale, rng.fork('scale')),
    ...samplePlacement(object, classes, rng),
    material: sampleMaterial(object.material, rng.fork('material'), folders),
  };
}
