import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { sampleNumber, sampleVec3 } from '../distributions.js';
import { footprint } from './footprint.js';
import type { ImageFolders } from '../images/image-folder.js';
import { FrameGlyph, GlyphObject, sampleGlyph } from './glyph.js';
import { FrameModel, ModelObject, sampleModel } from './model.js';
import type { PlacementSpec } from './placement.js';
import { FramePrimitive, PrimitiveObject, samplePrimitive } from './primitive.js';
import { FrameProduct, ProductObject, sampleProductObject } from './product.js';

/** The kinds of object a scene can place. Each kind's module holds its config schema, frame schema and sampler. */
export const ObjectSpec = z.discriminatedUnion('kind', [GlyphObject, PrimitiveObject, ModelObject, ProductObject], {
  error: 'expected an object with kind "glyph", "primitive", "model" or "product"',
});
export type ObjectSpec = z.output<typeof ObjectSpec>;

export const FrameObject = z.discriminatedUnion('kind', [FrameGlyph, FramePrimitive, FrameModel, FrameProduct]);
export type FrameObject = z.output<typeof FrameObject>;

/** The class names an object can be drawn as (for checking a config against its scene's classes). */
export function objectClasses(object: ObjectSpec): string[] {
  if (object.class === undefined) return [];
  return typeof object.class === 'string' ? [object.class] : object.class.choice;
}

export function sampleObject(object: ObjectSpec, classes: string[], rng: Rng, folders: ImageFolders): FrameObject {
  switch (object.kind) {
    case 'glyph':
      return sampleGlyph(object, classes, rng, folders);
    case 'primitive':
      return samplePrimitive(object, classes, rng, folders);
    case 'model':
      return sampleModel(object, classes, rng, folders);
    case 'product':
      return sampleProductObject(object, classes, rng, folders);
  }
}

/**
 * The objects of one frame: `count` of each entry, each copy sampled on its own. With overlap
 * avoidance, a copy whose footprint meets an earlier one's draws new positions (each attempt its
 * own fork, so the result stays a pure function of the frame's key).
 */
export function sampleObjects(
  scene: { objects: ObjectSpec[]; classes: string[]; placement: PlacementSpec },
  rng: Rng,
  modelRadius: Record<string, number>,
  folders: ImageFolders,
): FrameObject[] {
  const placed: { x: number; y: number; r: number }[] = [];
  const clear = (o: FrameObject) => {
    const r = footprint(o, modelRadius);
    return placed.every((p) => Math.hypot(p.x - o.position.x, p.y - o.position.y) >= p.r + r);
  };
  return scene.objects.flatMap((object, i) => {
    const entry = rng.fork(i);
    const count = Math.floor(sampleNumber(object.count, entry.fork('count')));
    return Array.from({ length: count }, (_, j) => {
      const copy = j === 0 ? entry : entry.fork('copy').fork(j);
      let o = sampleObject(object, scene.classes, copy, folders);
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
