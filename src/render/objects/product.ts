import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { boundedNumberDist, sampleNumber } from '../distributions.js';
import type { ImageFolders } from '../images/image-folder.js';
import { FrameMaterial, MaterialSpec, sampleMaterial } from '../materials/materials.js';
import { FashionKind, ProductParams, ProductShapes, sampleProductOfKind } from '../shapes/fashion/index.js';
import { framePlacementFields, placementFields, samplePlacement } from './placement.js';

/**
 * A procedural product (garment, shoe, bag; see shapes/fashion/) lying on the surface. The class
 * picks the kind, and each kind's shape parameters are distributions, so every image gets a new
 * product with its own proportions.
 */
export const ProductObject = z.strictObject({
  kind: z.literal('product'),
  kinds: z.record(z.string(), FashionKind).optional()
    .describe('the product kind each class draws; default: the class name is the kind'),
  shapes: ProductShapes.prefault({}).describe('shape parameters per product kind; {} gives the default variety'),
  size: boundedNumberDist(1e-6, Infinity).default(1).describe('longest side across the surface, in scene units'),
  ...placementFields,
  material: MaterialSpec.prefault({}),
  materials: z.record(z.string(), MaterialSpec).optional()
    .describe('a material for the products of a class (by class name), in place of material (e.g. coats lighter than shirts)'),
});
export type ProductObject = z.output<typeof ProductObject>;

export const FrameProduct = z.strictObject({
  kind: z.literal('product'),
  product: ProductParams,
  size: z.number(),
  ...framePlacementFields,
  material: FrameMaterial,
});
export type FrameProduct = z.output<typeof FrameProduct>;

/** The product kind an object draws for a class, or undefined when the class names none. */
export function productKind(object: ProductObject, className: string): FashionKind | undefined {
  const kind = object.kinds?.[className] ?? className;
  return FashionKind.safeParse(kind).success ? (kind as FashionKind) : undefined;
}

export function sampleProductObject(object: ProductObject, classes: string[], rng: Rng, folders: ImageFolders): FrameProduct {
  const placement = samplePlacement(object, classes, rng);
  const kind = productKind(object, placement.class);
  if (kind === undefined) throw new Error(`class ${placement.class} names no product kind (the scene schema should have refused it)`);
  return {
    kind: 'product',
    product: sampleProductOfKind(kind, object.shapes, rng.fork('shape')),
    size: sampleNumber(object.size, rng.fork('size')),
    ...placement,
    material: sampleMaterial(object.materials?.[placement.class] ?? object.material, rng.fork('material'), folders),
  };
}
