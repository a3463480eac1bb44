import type * as THREE from 'three';
import { z } from 'zod';
import type { Rng } from '../../../rng.js';
import { ankleBoot } from './ankle-boot.js';
import { bag } from './bag.js';
import { coat } from './coat.js';
import { dress } from './dress.js';
import { pullover } from './pullover.js';
import { sandal } from './sandal.js';
import { shirt } from './shirt.js';
import { sneaker } from './sneaker.js';
import { tShirt } from './t-shirt.js';
import { trouser } from './trouser.js';

/**
 * Procedural models of the ten Fashion-MNIST product kinds. Each kind has a parameter shape (a zod
 * schema of distributions with defaults), a pure sampler and a pure builder. A built product lies
 * on z = 0 facing +z, up is +y, centred on the origin with its longest side in x or y equal to 1.
 */

/** The kinds, in Fashion-MNIST's class order (label 0 is 't-shirt'). */
export const FashionKind = z
  .enum(['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle-boot'])
  .describe('a Fashion-MNIST product kind');
export type FashionKind = z.output<typeof FashionKind>;

/** Fashion-MNIST's own class names, by label. */
export const fashionMnistClassNames = [
  'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
] as const;

export const products = {
  't-shirt': tShirt, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, 'ankle-boot': ankleBoot,
} as const;

/** One product kind and its shape parameters: `{product: 'sneaker', collarHeight: {min: 0.3, max: 0.5}}`. */
export const ProductSpec = z.discriminatedUnion(
  'product',
  [tShirt.spec, trouser.spec, pullover.spec, dress.spec, coat.spec, sandal.spec, shirt.spec, sneaker.spec, bag.spec, ankleBoot.spec],
  { error: `expected an object with product ${FashionKind.options.map((k) => `"${k}"`).join(', ')}` },
);
export type ProductSpec = z.output<typeof ProductSpec>;
export type ProductSpecInput = z.input<typeof ProductSpec>;

/** Per-kind shape parameters for an object that can draw any kind; each kind defaults to `{}`. */
export const ProductShapes = z.strictObject({
  't-shirt': tShirt.shape.prefault({}),
  trouser: trouser.shape.prefault({}),
  pullover: pullover.shape.prefault({}),
  dress: dress.shape.prefault({}),
  coat: coat.shape.prefault({}),
  sandal: sandal.shape.prefault({}),
  shirt: shirt.shape.prefault({}),
  sneaker: sneaker.shape.prefault({}),
  bag: bag.shape.prefault({}),
  'ankle-boot': ankleBoot.shape.prefault({}),
});
export type ProductShapes = z.output<typeof ProductShapes>;

/** A sampled product: the kind and concrete values of all its parameters (what a FrameSpec carries). */
export const ProductParams = z.discriminatedUnion(
  'product',
  [tShirt.params, trouser.params, pullover.params, dress.params, coat.params, sandal.params, shirt.params, sneaker.params, bag.params, ankleBoot.params] as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<ProductParams>;
export type ProductParams = { [K in FashionKind]: ReturnType<(typeof products)[K]['sample']> }[FashionKind];

/** Draws a product's parameters; each parameter from `rng.fork(name)`. Pure. */
export function sampleProduct(spec: ProductSpec, rng: Rng): ProductParams {
  const module = products[spec.product] as unknown as { sample(spec: ProductSpec, rng: Rng): ProductParams };
  return module.sample(spec, rng);
}

/** Draws a product of `kind` with that kind's parameters from `shapes` (an object that can draw any kind). */
export function sampleProductOfKind(kind: FashionKind, shapes: ProductShapes, rng: Rng): ProductParams {
  return sampleProduct({ ...shapes[kind], product: kind } as ProductSpec, rng);
}

/** Builds the product's geometry (positions, normals, index). Pure: equal params give equal arrays. */
export function buildProduct(params: ProductParams): THREE.BufferGeometry {
  const module = products[params.product] as unknown as { build(params: ProductParams): THREE.BufferGeometry };
  return module.build(params);
}

export { rasteriseSilhouette, type GreyImage, type RasteriseOptions } from './rasterise-silhouette.js';
