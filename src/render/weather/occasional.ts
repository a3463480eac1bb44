import { z } from 'zod';
import type { Rng } from '../../rng.js';

/** `p` of a weather or sensor effect: how often it is on. */
export const Probability = z
  .number()
  .min(0, 'expected a probability within [0, 1]')
  .max(1, 'expected a probability within [0, 1]')
  .default(1)
  .describe('chance that the effect is on in a frame (0-1); when off, the effect is null in the FrameSpec');

/**
 * An effect that is on in a fraction `p` of frames: null when the config omits it or the coin says
 * off, else its sampled values. The coin has its own fork, so `p` never shifts the other values.
 */
export function sampleOccasional<S extends { p: number }, F>(spec: S | undefined, rng: Rng, sample: (spec: S, rng: Rng) => F): F | null {
  if (spec === undefined || !rng.fork('on').bool(spec.p)) return null;
  return sample(spec, rng);
}
