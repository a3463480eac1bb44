import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { checkChoice, sampleNumber, sampleVec3 } from '../distributions.js';
import { footprint } from './footprint.js';
import type { ImageFolders } from '../images/image-folder.js';
import { FrameGlyph, GlyphObject, sampleGlyph } from './glyph.js';
import { FrameHandwriting, HandwritingObject, sampleHandwritingObject } from './handwriting.js';
import { FrameModel, ModelObject, sampleModel } from './model.js';
import type { PlacementSpec } from './placement.js';
import { FramePrimitive, PrimitiveObject, samplePrimitive } from './primitive.js';
import { FrameProduct, ProductObject, sampleProductObject } from './product.js';

/** The kinds of object a scene can place. Each kind's module holds its config schema, frame schema and sampler. */
const KINDS = 'an object with kind "glyph", "handwriting", "primitive", "model" or "product"';
export const ObjectSpec = z.discriminatedUnion('kind', [GlyphObject, HandwritingObject, PrimitiveObject, ModelObject, ProductObject], {
  error: `expected ${KINDS}`,
});
export type ObjectSpec = z.output<typeof ObjectSpec>;

/** An entry of `objects` that draws one of several specs, chosen anew for each image. */
export const OneOfObjects = z
  .strictObject({
    // No kind: that is how ObjectEntry tells this entry from a spec (and a kind here is an error).
    kind: z.undefined().optional(),
    oneOf: z.array(ObjectSpec).min(1).describe('the specs to choose from; the chosen one is drawn with its own count'),
    weights: z.array(z.number().nonnegative()).optional().describe('relative frequency of each spec; default: equal'),
  })
  .superRefine((entry, ctx) => checkChoice({ choice: entry.oneOf, weights: entry.weights }, ctx))
  .describe('one of several object specs per image, e.g. fonts in some images and handwriting in the others');
export type OneOfObjects = z.output<typeof OneOfObjects>;

/** An entry of a scene's `objects`: one spec drawn in every image, or a per-image choice between specs. */
export const ObjectEntry = z.discriminatedUnion('kind', [ObjectSpec, OneOfObjects], {
  error: `expected ${KINDS}, or {oneOf: [objects], weights}`,
});
export type ObjectEntry = z.output<typeof ObjectEntry>;

export const FrameObject = z.discriminatedUnion('kind', [FrameGlyph, FrameHandwriting, FramePrimitive, FrameModel, FrameProduct]);
export type FrameObject = z.output<typeof FrameObject>;

/** Every spec the entries can draw, with its path in the config (for checks and asset loading). */
export function objectSpecs(entries: readonly ObjectEntry[]): { object: ObjectSpec; path: (string | number)[] }[] {
  return entries.flatMap((entry, i) =>
    'oneOf' in entry ? entry.oneOf.map((object, k) => ({ object, path: ['objects', i, 'oneOf', k] })) : [{ object: entry, path: ['objects', i] }]);
}

/** The class names an object can be drawn as (for checking a config against its scene's classes). */
export function objectClasses(object: ObjectSpec): string[] {
  if (object.class === undefined) return [];
  return typeof object.class === 'string' ? [object.class] : object.class.choice;
}

export function sampleObject(object: ObjectSpec, classes: string[], rng: Rng, folders: ImageFolders): FrameObject {
  switch (object.kind) {
    case 'glyph':
      return sampleGlyph(object, classes, rng, folders);
    case 'handwriting':
      return sampleHandwritingObject(object, classes, rng, folders);
    case 'primitive':
      return samplePrimitive(object, classes, rng, folders);
    case 'model':
      return sampleModel(object, classes, rng, folders);
    case 'product':
      return sampleProductObject(object, classes, rng, folders);
  }
}

/**
 * The objects of one frame: `count` of each entry, each copy sampled on its own. A oneOf entry
 * first chooses its spec (recorded as the objects' `option`), then draws that spec's count. With overlap
 * avoidance, a copy whose footprint meets an earlier one's draws new positions (each attempt its
 * own fork, so the result stays a pure function of the frame's key).
 */
export function sampleObjects(
  scene: { objects: ObjectEntry[]; classes: string[]; placement: PlacementSpec },
  rng: Rng,
  modelRadius: Record<string, number>,
  folders: ImageFolders,
): FrameObject[] {
  const placed: { x: number; y: number; r: number }[] = [];
  const clear = (o: FrameObject) => {
    const r = footprint(o, modelRadius);
    return placed.every((p) => Math.hypot(p.x - o.position.x, p.y - o.position.y) >= p.r + r);
  };
  return scene.objects.flatMap((spec, i) => {
    const entry = rng.fork(i);
    const { object, option } = chooseSpec(spec, entry.fork('oneOf'));
    const count = Math.floor(sampleNumber(object.count, entry.fork('count')));
    return Array.from({ length: count }, (_, j) => {
      const copy = j === 0 ? entry : entry.fork('copy').fork(j);
      let o = sampleObject(object, scene.classes, copy, folders);
      if (option !== undefined) o = { ...o, option };
      if (scene.placement.overlap === 'avoid') {
        for (let attempt = 1; attempt < scene.placement.attempts && !clear(o); attempt++) {
          o = { ...o, position: sampleVec3(object.position, copy.fork('position').fork(attempt)) };
        }
      }
      placed.push({ x: o.position.x, y: o.position.y, r: footprint(o, modelRadius) });
      return o;
    });
  });
}

function chooseSpec(entry: ObjectEntry, rng: Rng): { object: ObjectSpec; option?: number } {
  if (!('oneOf' in entry)) return { object: entry };
  const option = rng.pick([...entry.oneOf.keys()], entry.weights);
  return { object: entry.oneOf[option]!, option };
}
