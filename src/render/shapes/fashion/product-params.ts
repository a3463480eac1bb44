import type * as THREE from 'three';
import { z } from 'zod';
import type { Rng } from '../../../rng.js';
import { type ChoiceDist, type NumberDist, boundedNumberDist, choiceDist, sampleChoice, sampleNumber } from '../../distributions.js';

/**
 * Shape parameters of a product as they appear in a scene config (each a distribution with a
 * default) and as sampled (each a concrete value). The concrete schema is derived from the same
 * declarations, so the two cannot drift.
 */

export type ParamBounds = { min: number; max: number } | { values: readonly [string, ...string[]] };
const bounds = new WeakMap<z.ZodType, ParamBounds>();

/** A number parameter: values must lie in [min, max]; `fallback` is used when the config omits it. */
export function numberParam(min: number, max: number, fallback: NumberDist, description: string) {
  const schema = boundedNumberDist(min, max).default(fallback).describe(description);
  bounds.set(schema, { min, max });
  return schema;
}

/** A named style picked from `values`: a constant or {choice, weights}. */
export function choiceParam<const C extends readonly [string, ...string[]]>(values: C, fallback: ChoiceDist<C[number]>, description: string) {
  const schema = choiceDist(z.enum(values)).default(fallback).describe(description);
  bounds.set(schema, { values });
  return schema;
}

type ParamDist = NumberDist | ChoiceDist;
/** The concrete values drawn from a spec: numbers for number distributions, strings for choices. */
export type Sampled<S> = { [K in keyof S]: S[K] extends NumberDist ? number : Extract<S[K], string> };

/** Draws each parameter with its own fork (by name), so adding a parameter leaves the others unchanged. */
export function sampleParams<S extends Record<string, ParamDist>>(spec: S, rng: Rng): Sampled<S> {
  const out: Record<string, number | string> = {};
  for (const [name, dist] of Object.entries(spec)) {
    const r = rng.fork(name);
    out[name] = isChoiceOfStrings(dist) ? sampleChoice(dist, r) : sampleNumber(dist as NumberDist, r);
  }
  return out as Sampled<S>;
}

function isChoiceOfStrings(dist: ParamDist): dist is ChoiceDist {
  return typeof dist === 'string' || (typeof dist === 'object' && 'choice' in dist && typeof dist.choice[0] === 'string');
}

/** The declared range or values of each parameter of a shape built from numberParam/choiceParam fields. */
export function declaredBounds(spec: z.ZodObject): Record<string, ParamBounds> {
  const out: Record<string, ParamBounds> = {};
  for (const [name, field] of Object.entries(spec.shape)) {
    const b = bounds.get(field as z.ZodType);
    if (!b) throw new Error(`parameter ${name} was not declared with numberParam or choiceParam`);
    out[name] = b;
  }
  return out;
}

function concreteShape(spec: z.ZodObject): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, b] of Object.entries(declaredBounds(spec))) {
    shape[name] = 'values' in b ? z.enum(b.values) : z.number().min(b.min).max(b.max);
  }
  return shape;
}

type ParamShape = Record<string, z.ZodType<ParamDist>>;
/** Concrete parameters of a product kind, tagged with the kind. */
export type ProductParamsOf<K extends string, S extends z.ZodObject<ParamShape>> = { product: K } & Sampled<z.output<S>>;

/** A product kind: its config schema, the schema of sampled values, the sampler and the builder. */
export interface ProductModule<K extends string, S extends z.ZodObject<ParamShape>> {
  kind: K;
  /** The kind's parameters as distributions, with defaults (`{}` gives the default variety). */
  shape: S;
  /** `{product: kind, ...shape}`: one entry of ProductSpec. */
  spec: z.ZodObject<S['shape'] & { product: z.ZodLiteral<K> }, z.core.$strict>;
  /** `{product: kind, ...concrete values}`, with every number inside its declared bounds. */
  params: z.ZodType<ProductParamsOf<K, S>>;
  sample(spec: z.output<S>, rng: Rng): ProductParamsOf<K, S>;
  build(params: Sampled<z.output<S>>): THREE.BufferGeometry;
}

export function defineProduct<K extends string, S extends z.ZodObject<ParamShape>>(
  kind: K,
  shape: S,
  build: (params: Sampled<z.output<S>>) => THREE.BufferGeometry,
): ProductModule<K, S> {
  return {
    kind,
    shape,
    spec: z.strictObject({ product: z.literal(kind), ...shape.shape }) as ProductModule<K, S>['spec'],
    params: z.strictObject({ product: z.literal(kind), ...concreteShape(shape) }) as unknown as z.ZodType<ProductParamsOf<K, S>>,
    sample(spec, rng) {
      const dists: Record<string, ParamDist> = {};
      for (const name of Object.keys(shape.shape)) dists[name] = (spec as Record<string, ParamDist>)[name]!;
      return { product: kind, ...sampleParams(dists, rng) } as ProductParamsOf<K, S>;
    },
    build,
  };
}
