import { modelKey } from './model.js';
import type { FrameObject } from './objects.js';

/**
 * The radius of a circle on the surface that holds the object's footprint (before rotation), for
 * non-overlapping placement. Models need their extent from the file: `modelRadius` by model key.
 */
export function footprint(o: FrameObject, modelRadius: Record<string, number>): number {
  switch (o.kind) {
    case 'glyph':
      return 0.5 * o.size * Math.hypot(Math.max(o.stretch, 0.6), 1) * 0.75;
    case 'handwriting':
      return 0.5 * o.size * Math.hypot(Math.max(o.handwriting.aspect, 0.6), 1) * 0.75;
    case 'primitive':
      return 0.5 * Math.hypot(o.size.x, o.size.y);
    case 'product':
      return 0.5 * o.size * Math.SQRT2;
    case 'model':
      return o.scale * (modelRadius[modelKey(o.file, o.up)] ?? 0.5);
  }
}
