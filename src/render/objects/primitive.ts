import { z } from 'zod';
import type { Rng } from '../../rng.js';
import type { ImageFolders } from '../images/image-folder.js';
import { boundedNumberDist, choiceDist, sampleChoice, sampleNumber } from '../distributions.js';
import { Vec3 } from '../frame-values.js';
import { FrameMaterial, MaterialSpec, sampleMaterial } from '../materials/materials.js';
import { framePlacementFields, placementFields, samplePlacement } from './placement.js';

export const SHAPES = ['box', 'sphere', 'cylinder', 'cone', 'torus', 'capsule'] as const;
const Shape = z.enum(SHAPES);

const Extent = boundedNumberDist(1e-6, Infinity);

/** A geometric solid standing on the surface: its base centre at `position`, its size in scene units. */
export const PrimitiveObject = z.strictObject({
  kind: z.literal('primitive'),
  shape: choiceDist(Shape).describe(`one of ${SHAPES.join(', ')}, or {choice, weights}`),
  size: z
    .strictObject({ x: Extent.default(1), y: Extent.default(1), z: Extent.default(1) })
    .prefault({})
    .describe('extent along x, y (across the surface) and z (height)'),
  scale: Extent.default(1).describe('uniform scale applied on top of size'),
  ...placementFields,
  material: MaterialSpec.prefault({}),
});
export type PrimitiveObject = z.output<typeof PrimitiveObject>;

export const FramePrimitive = z.strictObject({
  kind: z.literal('primitive'),
  shape: Shape,
  size: Vec3,
  ...framePlacementFields,
  material: FrameMaterial,
});
export type FramePrimitive = z.output<typeof FramePrimitive>;

export function samplePrimitive(object: PrimitiveObject, classes: string[], rng: Rng, folders: ImageFolders): FramePrimitive {
  const scale = sampleNumber(object.scale, rng.fork('scale'));
  const size = rng.fork('size');
  return {
    kind: 'primitive',
    shape: sampleChoice(object.shape, rng.fork('shape')),
    size: {
      x: sampleNumber(object.size.x, size.fork('x')) * scale,
      y: sampleNumber(object.size.y, size.fork('y')) * scale,
      z: sampleNumber(object.size.z, size.fork('z')) * scale,
    },
    ...samplePlacement(object, classes, rng),
    material: sampleMaterial(object.material, rng.fork('material'), folders),
  };
}
