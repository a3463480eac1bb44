import { z } from 'zod';
import { boundedNumberDist } from '../../distributions.js';
import { TEMPLATE_NAMES } from './digit-templates.js';

/**
 * How procedural handwriting varies from image to image: each field is a distribution (a constant,
 * {min, max}, {mean, std, min?, max?} or {choice, weights}) sampled once per digit. Lengths are
 * fractions of the digit's height, angles degrees. The defaults were tuned against real MNIST
 * (see experiments/results.md).
 */
export const HandwritingStyle = z
  .strictObject({
    templates: z
      .record(z.string(), z.number().nonnegative())
      .optional()
      .superRefine((weights, ctx) => {
        for (const name of Object.keys(weights ?? {})) {
          if (!TEMPLATE_NAMES.includes(name)) {
            ctx.addIssue({ code: 'custom', path: [name], params: { unknownKey: true }, message: `unknown template "${name}"; known: ${TEMPLATE_NAMES.join(', ')}` });
          }
        }
      })
      .describe('relative frequency of named stroke templates ("4-open": 2); unnamed ones keep their default weight'),
    jitter: boundedNumberDist(0, 0.2).default({ min: 0.01, max: 0.04 })
      .describe('standard deviation of the independent displacement of each control point'),
    warp: boundedNumberDist(0, 0.3).default({ min: 0, max: 0.06 })
      .describe('amplitude of a smooth random displacement of the whole digit (loop sizes, bends)'),
    slant: boundedNumberDist(-45, 45, '°').default({ mean: 6, std: 10, min: -20, max: 32 })
      .describe('shear in degrees; positive leans right'),
    rotation: boundedNumberDist(-45, 45, '°').default({ mean: 0, std: 4, min: -12, max: 12 })
      .describe('rotation in degrees, counter-clockwise'),
    aspect: boundedNumberDist(0.3, 3).default({ mean: 1, std: 0.15, min: 0.65, max: 1.45 })
      .describe('horizontal scale of the template (1 = as designed)'),
    width: boundedNumberDist(0.01, 0.5).default({ mean: 0.13, std: 0.04, min: 0.05, max: 0.26 })
      .describe('pen width as a fraction of the digit height'),
    pressure: boundedNumberDist(0, 0.9).default({ min: 0, max: 0.35 })
      .describe('relative variation of the width along each stroke (pen pressure)'),
    taper: boundedNumberDist(0, 0.9).default({ min: 0, max: 0.4 })
      .describe('how much the width narrows at the ends of strokes (0 = blunt)'),
    samplesPerSegment: z.int().min(1).max(64).default(8).describe('polyline points between two control points'),
  })
  .describe('procedural handwritten digits: stroke templates with jitter, slant, aspect and pen width');

export type HandwritingStyle = z.output<typeof HandwritingStyle>;
export type HandwritingStyleInput = z.input<typeof HandwritingStyle>;

/** Fields of a style that are number distributions (sampled once per digit). */
export const STYLE_NUMBERS = ['jitter', 'warp', 'slant', 'rotation', 'aspect', 'width', 'pressure', 'taper'] as const;
export type StyleNumber = (typeof STYLE_NUMBERS)[number];
