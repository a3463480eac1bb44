import { z } from 'zod';
import type { Rng } from '../../rng.js';
import { ColourDist, NumberDist, boundedNumberDist, sampleColour, sampleNumber } from '../distributions.js';
import { Colour } from '../frame-values.js';

/**
 * Procedural patterns, shared by material textures and backgrounds: the config fields, the
 * concrete frame values and their sampler. The page draws them with pattern-pixels.ts from these
 * values alone (including `seed`), so the same frame gives the same pixels.
 */
export const PATTERN_TYPES = ['noise', 'stripes', 'checker', 'plaid'] as const;
export type PatternType = (typeof PATTERN_TYPES)[number];

export const patternFields = {
  type: z.enum(PATTERN_TYPES).describe('noise (smooth random blotches), stripes, checker or plaid (broad bands and thin lines crossing, as woven shirting)'),
  angle: NumberDist.default(0).describe('degrees the pattern is turned counter-clockwise (stripes at 0 run along +x)'),
  colours: z.tuple([ColourDist, ColourDist]).default(['#ffffff', '#000000'])
    .describe('the two colours the pattern alternates between'),
  contrast: boundedNumberDist(0, 1).default(1).describe('0 blends the two colours into their mean, 1 keeps them apart'),
};

/** Frame values every drawn texture (pattern, decal) has: the seed that draws its details, two colours, contrast. */
export const frameInkFields = {
  seed: z.int().nonnegative().describe('drives the details: the noise, a pattern\'s phase, a decal\'s outline'),
  colours: z.tuple([Colour, Colour]),
  contrast: z.number(),
};

// Fields in the order frames have always logged them.
export const FramePattern = z.strictObject({
  type: z.enum(PATTERN_TYPES),
  seed: frameInkFields.seed,
  scale: z.number(),
  angle: z.number(),
  colours: frameInkFields.colours,
  contrast: frameInkFields.contrast,
});
export type FramePattern = z.output<typeof FramePattern>;

interface PatternSpec {
  type: PatternType;
  scale: NumberDist;
  angle: NumberDist;
  colours: [ColourDist, ColourDist];
  contrast: NumberDist;
}

export function samplePattern(spec: PatternSpec, rng: Rng): FramePattern {
  const { seed, colours, contrast } = sampleInk(spec, rng);
  return { type: spec.type, seed, scale: sampleNumber(spec.scale, rng.fork('scale')), angle: sampleNumber(spec.angle, rng.fork('angle')), colours, contrast };
}

/** The seed, colours and contrast of a texture, each from its own fork. */
export function sampleInk(spec: { colours: [ColourDist, ColourDist]; contrast: NumberDist }, rng: Rng) {
  return {
    seed: rng.fork('seed').int(0, 2 ** 31 - 1),
    colours: [sampleColour(spec.colours[0], rng.fork('colour0')), sampleColour(spec.colours[1], rng.fork('colour1'))] as [string, string],
    contrast: sampleNumber(spec.contrast, rng.fork('contrast')),
  };
}
