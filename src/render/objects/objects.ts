import { z } from 'zod';
import type { Rng } from '../../rng.js';
import type { ImageFolders } from '../images/image-folder.js';
import { FrameGlyph, GlyphObject, sampleGlyph } from './glyph.js';

/** The kinds of object a scene can place. Each kind's module holds its config schema, frame schema and sampler. */
export const ObjectSpec = z.discriminatedUnion('kind', [GlyphObject], { error: 'expected an object with kind "glyph"' });
export type ObjectSpec = z.output<typeof ObjectSpec>;

export const FrameObject = z.discriminatedUnion('kind', [FrameGlyph]);
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
  }
}
